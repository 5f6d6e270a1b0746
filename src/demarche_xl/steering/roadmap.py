"""The roadmap the method suggests (phases, tasks, owners, dates spread over 2 to 3 terms from the start date) and
the rule that flags a task late or blocked. Pure: values in, values out."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from demarche_xl.schema.lists import PHASES
from demarche_xl.schema.tables_kit import BLOCKED, LATE, TASK_STATUS

T1, T2, T3, REVIEW, STEERING = PHASES.values
DONE = TASK_STATUS[2]  # « Terminée »
TO_DO = TASK_STATUS[0]  # « À faire »
TERM_DAYS = 91  # a term (trimestre) is about three months
TEAM, HEAD, LEADS = "Équipe projet", "Direction", "Enseignants référents"


@dataclass(frozen=True)
class Task:
    phase: str
    task: str
    owner: str
    start: float  # share of the whole duration when the task starts
    due: float  # share of the whole duration when it is due


TASKS: tuple[Task, ...] = (
    Task(STEERING, "Constituer l'équipe projet (direction, référents numériques, enseignants volontaires, "
                   "représentant académique)", HEAD, 0.0, 0.03),
    Task(STEERING, "Comité de pilotage de lancement : objectifs et feuille de route", HEAD, 0.02, 0.05),
    Task(STEERING, "Présenter la démarche au conseil pédagogique et informer le conseil d'administration", HEAD,
         0.03, 0.08),
    Task(T1, "Diffuser le questionnaire en ligne aux enseignants (demarche-xl questionnaire)", TEAM, 0.05, 0.13),
    Task(T1, "Relancer les enseignants qui n'ont pas encore répondu", TEAM, 0.10, 0.14),
    Task(T1, "Consolider les réponses et la cartographie (demarche-xl consolider)", TEAM, 0.14, 0.17),
    Task(T1, "Retenir 3 à 4 préoccupations et les faire valider en conseil pédagogique", HEAD, 0.17, 0.22),
    Task(T1, "Partager la synthèse de l'état des lieux avec les enseignants", TEAM, 0.20, 0.24),
    Task(T2, "Identifier les enseignants animateurs avec l'académie (DANE, inspecteurs)", TEAM, 0.22, 0.32),
    Task(T2, "Briefer chaque animateur : préoccupations, format, besoins d'équipement", TEAM, 0.30, 0.38),
    Task(T2, "Former les groupes d'enseignants, un catalyseur chacun (demarche-xl groupes)", TEAM, 0.36, 0.40),
    Task(T2, "Construire les parcours et envoyer les convocations (demarche-xl parcours, documents)", TEAM,
         0.40, 0.44),
    Task(T2, "Animer les ateliers d'échange, journaux de bord à disposition", TEAM, 0.44, 0.48),
    Task(T2, "Recueillir les impressions à chaud puis quelques jours après (feuille Impressions)", TEAM, 0.47, 0.52),
    Task(T2, "Proposer et confirmer les enseignants référents (demarche-xl referents)", TEAM, 0.50, 0.55),
    Task(STEERING, "Comité de pilotage : bilan des ateliers et lancement de la mise en pratique", HEAD, 0.53, 0.56),
    Task(T3, "Diffuser les fiches de mise en pratique aux enseignants", TEAM, 0.55, 0.58),
    Task(T3, "Accompagner les petits groupes d'enseignants avec les référents", LEADS, 0.56, 0.82),
    Task(T3, "Suivre les fiches de mise en pratique (feuille Mises en pratique)", TEAM, 0.60, 0.85),
    Task(T3, "Animer le groupe d'échange en ligne (CoCon)", LEADS, 0.55, 0.85),
    Task(STEERING, "Comité de pilotage : préparation du bilan", HEAD, 0.83, 0.86),
    Task(REVIEW, "Diffuser le questionnaire de satisfaction", TEAM, 0.85, 0.90),
    Task(REVIEW, "Analyser les fiches de mise en pratique et les besoins (équipement, formation, ressources)", TEAM,
         0.86, 0.92),
    Task(REVIEW, "Faire le bilan en équipe projet (demarche-xl bilan)", TEAM, 0.90, 0.95),
    Task(REVIEW, "Partager la fiche de bilan avec les parties prenantes (conseil pédagogique, conseil "
                 "d'administration, parents, académie)", HEAD, 0.94, 1.0),
    Task(REVIEW, "Définir les prochaines étapes (volet numérique du projet d'établissement)", HEAD, 0.95, 1.0),
)


def on_weekday(day: dt.date) -> dt.datetime:
    """The day itself, or the Monday after when it falls on a weekend."""
    day += dt.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= 5 else 0)
    return dt.datetime(day.year, day.month, day.day)


def default_tasks(start: dt.date, terms: int) -> list[dict[str, object]]:
    """The method's tasks dated over `terms` terms from `start`, all « À faire »."""
    days = terms * TERM_DAYS
    return [{"task_id": f"F{i:02d}", "phase": t.phase, "task": t.task, "owner": t.owner,
             "start": on_weekday(start + dt.timedelta(days=round(t.start * days))),
             "due": on_weekday(start + dt.timedelta(days=round(t.due * days))), "status": TO_DO}
            for i, t in enumerate(TASKS, start=1)]


def flag(status: object, due: object, today: dt.date) -> str | None:
    """« Bloquée » if the team says so, « En retard » if due before `today` and not done, else nothing."""
    if status == BLOCKED:
        return BLOCKED
    if isinstance(due, dt.datetime):
        due = due.date()
    if isinstance(due, dt.date) and due < today and status != DONE:
        return LATE
    return None
