"""Tables of Temps 2 (ateliers): workshops, facilitators, slots, groups, routes, free choices, logbook."""
from __future__ import annotations

from demarche_xl.schema.model import USER, Column as C, Kind, Table

PHASE = "Temps 2 - Ateliers"

FACILITATORS = Table("facilitators", "Animateurs", (
    C("facilitator_id", "ID", required=True, unique=True, width=8),
    C("name", "Nom et prénom", required=True, width=24),
    C("school", "Établissement d'origine", width=24),
    C("email", "Courriel", Kind.EMAIL, width=26),
    C("phone", "Téléphone", width=14),
    C("unavailable_slots", "Créneaux indisponibles", width=22,
      help="Identifiants des créneaux où l'animateur n'est pas disponible, séparés par « ; »."),
    C("needs", "Besoins (équipement…)", width=30),
    C("briefing_done", "Briefing fait", Kind.BOOLEAN, width=10),
), USER, PHASE, "Enseignants extérieurs qui animent les ateliers.", ("facilitator_id",))

WORKSHOPS = Table("workshops", "Ateliers", (
    C("workshop_id", "ID", required=True, unique=True, width=8),
    C("title", "Intitulé", required=True, width=36),
    C("concern", "Préoccupation", required=True, choice_list="concerns", width=32,
      help="Préoccupation retenue à laquelle l'atelier répond."),
    C("facilitator_id", "Animateur (ID)", required=True, width=12),
    C("room", "Salle", width=10),
    C("capacity", "Capacité (enseignants)", Kind.INTEGER, required=True, width=12),
    C("max_runs", "Nombre de fois maximum", Kind.INTEGER, width=12, help="Combien de séances l'atelier peut tenir."),
    C("format", "Format", width=30, help="Part de démonstration et d'échange, durée…"),
    C("equipment", "Équipement nécessaire", width=26),
), USER, PHASE, "Ateliers proposés : chacun répond à une préoccupation retenue.", ("workshop_id",))

SLOTS = Table("slots", "Créneaux", (
    C("slot_id", "ID", required=True, unique=True, width=8),
    C("date", "Date", Kind.DATE, width=12),
    C("start", "Début", width=8),
    C("end", "Fin", width=8),
    C("free_choice", "Libre choix", Kind.BOOLEAN, width=10,
      help="Oui pour le créneau où chaque enseignant choisit librement son atelier."),
), USER, PHASE, "Créneaux de la journée (ou des journées) d'ateliers.", ("slot_id",))

GROUPS = Table("groups", "Groupes", (
    C("group_id", "Groupe", required=True, width=9),
    C("teacher_id", "ID enseignant", required=True, unique=True, width=12),
    C("name", "Nom", width=24),
    C("discipline", "Discipline", width=20),
    C("school", "Établissement", width=20),
    C("catalyst", "Catalyseur", Kind.BOOLEAN, width=10),
    C("comfort", "Aisance numérique", width=14),
    C("concern", "Préoccupation commune", width=32),
    C("why", "Pourquoi", width=45),
), "groupes", PHASE, "Un enseignant par ligne. Vous pouvez déplacer un enseignant puis lancer « Vérifier les groupes ».",
    ("teacher_id",))

ROUTES = Table("routes", "Parcours", (
    C("group_id", "Groupe", required=True, width=9),
    C("slot_id", "Créneau", required=True, width=9),
    C("workshop_id", "Atelier", width=9),
    C("title", "Intitulé", width=34),
    C("room", "Salle", width=9),
    C("facilitator", "Animateur", width=22),
    C("note", "Remarque", width=40),
), "parcours", PHASE, "Pour chaque groupe et chaque créneau : l'atelier, la salle et l'animateur.",
    ("group_id", "slot_id"))

FREE_CHOICES = Table("free_choices", "Choix libres", (
    C("teacher_id", "ID enseignant", required=True, unique=True, width=12),
    C("choice_1", "Choix 1 (atelier)", width=12),
    C("choice_2", "Choix 2 (atelier)", width=12),
    C("choice_3", "Choix 3 (atelier)", width=12),
), USER, PHASE, "Vœux de chaque enseignant pour la séance en libre choix (identifiants d'ateliers).", ("teacher_id",))

SCHEDULES = Table("schedules", "Planning individuel", (
    C("teacher_id", "ID enseignant", required=True, width=12),
    C("name", "Nom", width=24),
    C("group_id", "Groupe", width=9),
    C("slot_id", "Créneau", width=9),
    C("workshop_id", "Atelier", width=9),
    C("title", "Intitulé", width=34),
    C("room", "Salle", width=9),
    C("choice_rank", "Vœu obtenu", Kind.INTEGER, width=10),
), "parcours", PHASE, "Emploi du temps de chaque enseignant, séance en libre choix comprise.", ("teacher_id", "slot_id"))

LOGBOOK = Table("logbook", "Journal de bord", (
    C("group_id", "Groupe", required=True, width=9),
    C("slot_id", "Créneau", width=9),
    C("workshop_id", "Atelier", width=9),
    C("highlights", "Éléments marquants", width=40),
    C("ideas", "Idées de mise en pratique", width=40),
    C("questions", "Questions", width=30),
), USER, PHASE, "Traces des ateliers gardées par les groupes.")

TABLES = (FACILITATORS, WORKSHOPS, SLOTS, GROUPS, ROUTES, FREE_CHOICES, SCHEDULES, LOGBOOK)
