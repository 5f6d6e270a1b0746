"""French wording rules (`demarche_xl.french`): elision on tricky names, plurals, numbers, dates, typography."""
from __future__ import annotations

import datetime as dt

import pytest

from demarche_xl import french
from demarche_xl.french import NBSP


@pytest.mark.parametrize("name, expected", [
    ("Amélie Girard", "d'Amélie Girard"), ("Élodie", "d'Élodie"), ("Éducation musicale", "d'Éducation musicale"),
    ("Allemand", "d'Allemand"), ("Hugo", "d'Hugo"), ("Hélène", "d'Hélène"), ("histoire-géographie",
    "d'histoire-géographie"), ("Yves", "d'Yves"), ("Yannick", "de Yannick"), ("Yasmine", "de Yasmine"),
    ("Paul", "de Paul"), ("harcèlement", "de harcèlement"), ("Hollande", "de Hollande"), ("onze", "de onze"),
    ("O'Connor", "d'O'Connor"), ("N'Diaye", "de N'Diaye"), ("EPS", "d'EPS"), ("3 collèges", "de 3 collèges"),
    ("« Allemand »", "de « Allemand »"), ("", "de"), ("un atelier", "d'un atelier"), ("Œdipe", "d'Œdipe"),
])
def test_de_elides_before_a_vowel_sound_only(name, expected):
    assert french.de(name) == expected


def test_articles_and_contractions():
    assert french.the("atelier") == "l'atelier"
    assert french.the("groupe") == "le groupe"
    assert french.the("séance", feminine=True) == "la séance"
    assert french.the("Hugo") == "l'Hugo"
    assert french.of_the("groupe") == "du groupe"
    assert french.of_the("atelier") == "de l'atelier"
    assert french.of_the("séance", feminine=True) == "de la séance"
    assert french.to_the("groupe") == "au groupe"
    assert french.to_the("équipe projet", feminine=True) == "à l'équipe projet"
    assert french.que("Amélie") == "qu'Amélie" and french.que("Paul") == "que Paul"
    assert "à l'attention " + french.de("Amélie Girard") == "à l'attention d'Amélie Girard"


@pytest.mark.parametrize("n, singular, expected", [
    (0, "enseignant", "0 enseignant"), (1, "enseignant", "1 enseignant"), (2, "enseignant", "2 enseignants"),
    (3, "mise en pratique", "3 mises en pratique"), (2, "groupe actif", "2 groupes actifs"),
    (4, "fiche de mise en pratique", "4 fiches de mise en pratique"), (2, "journal", "2 journaux"),
    (2, "niveau", "2 niveaux"), (5, "choix", "5 choix"), (2, "festival", "2 festivals"),
    (1234, "réponse", f"1{NBSP}234 réponses"), (2, "enseignant sur leur 1re préoccupation",
                                                   "2 enseignants sur leur 1re préoccupation"),
    (2, "d'entre eux", "2 d'entre eux"),
])
def test_count_agrees_the_noun(n, singular, expected):
    assert french.count(n, singular) == expected


def test_count_with_an_irregular_plural_and_decimals():
    assert french.count(2, "œil", "yeux") == "2 yeux"
    assert french.count(1.5, "heure", decimals=1) == "1,5 heure"


@pytest.mark.parametrize("value, decimals, expected", [
    (69.0, 0, "69"), (69.0, 1, "69,0"), (4, 1, "4,0"), (1234567.891, 2, f"1{NBSP}234{NBSP}567,89"),
    (-0.01, 1, "0,0"), (None, 0, ""), ("abc", 0, "abc"), (float("nan"), 1, ""), (-1234, 0, f"-1{NBSP}234"),
])
def test_numbers_are_written_the_french_way(value, decimals, expected):
    assert french.number(value, decimals) == expected


def test_percent_score_dates_and_lists():
    assert french.percent(0.53) == f"53{NBSP}%"
    assert french.percent(0.9349, 1) == f"93,5{NBSP}%"
    assert french.score(4, 5) == f"4,0{NBSP}/{NBSP}5"
    assert french.date_long(dt.date(2026, 12, 1)) == "1er décembre 2026"
    assert french.date_long(dt.date(2026, 8, 15), weekday=True) == "samedi 15 août 2026"
    assert french.datetime_long(dt.datetime(2027, 1, 4, 9, 5)) == f"4 janvier 2027 à 9{NBSP}h{NBSP}05"
    assert french.join(["Anglais", "EPS", "Histoire"]) == "Anglais, EPS et Histoire"
    assert french.join(["Anglais"]) == "Anglais" and french.join([]) == ""


def test_typography_puts_non_breaking_spaces_and_is_idempotent():
    text = "Attention : 3 groupes ; prêt ? « Oui » !"
    fixed = french.typography(text)
    assert fixed == f"Attention{NBSP}: 3 groupes{NBSP}; prêt{NBSP}? «{NBSP}Oui{NBSP}»{NBSP}!"
    assert french.typography(fixed) == fixed
    assert french.typography("Note: voir") == f"Note{NBSP}: voir"
    for untouched in ("à 14:30", "https://exemple.fr/a?b=1", "C:\\Users\\Élodie", "Q1;Q2"):
        assert french.typography(untouched) == untouched
    assert french.quote("Retenue") == f"«{NBSP}Retenue{NBSP}»"


def test_checks_find_elision_faults_and_plural_placeholders():
    text = "À l'attention de Amélie ; part des répondants de Allemand, de Yannick, d'Hugo, le atelier, d'Paul."
    assert french.elision_faults(text) == ["de Amélie", "de Allemand", "le atelier", "d'Paul"]
    assert french.elision_faults("aujourd'hui, jusqu'à l'atelier de harcèlement qu'il") == []
    assert french.plural_placeholders("3 enseignant(s) et 2 retenue(s), une idée") == ["enseignant(s)", "retenue(s)"]
