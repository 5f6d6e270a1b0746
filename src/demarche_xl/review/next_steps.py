"""The `Prochaines étapes` sheet: next steps proposed from the review (seed 000, step 3: repeat the method
adjusting the number and themes of workshops, strengthen collective dynamics, share practices outside the
collège, turn needs into training / equipment requests) with stable ids N01…, merged with the team's work:
the editable columns (owner, due, kept) follow their step id on reruns, and steps the team added by hand are
kept. Pure."""
from __future__ import annotations

from dataclasses import dataclass

from demarche_xl.review.kpis import CLOSE, PILOT_ENGAGEMENT, PILOT_MOBILISATION, Kpis
from demarche_xl.review.needs import Needs, blank

EDITABLE = ("owner", "due", "kept")
METHOD = "Démarche (bilan, étape 3)"


@dataclass(frozen=True)
class Proposal:
    step_id: str
    action: str
    source: str


NEED_ACTIONS = {"Équipement": ("N04", "Demander l'équipement nécessaire à la collectivité ou à l'académie"),
                "Formation": ("N05", "Demander ou organiser des formations"),
                "Ressources": ("N06", "Rassembler et mutualiser des ressources"),
                "Accompagnement": ("N07", "Organiser un accompagnement des enseignants (référents, co-intervention)")}
CATALOGUE_IDS = {f"N{i:02d}" for i in range(1, 15)}  # reserved for proposals; the team's own steps use others


def proposals(kpis: Kpis, needs: dict[str, Needs], improve: list[tuple[str, int]]) -> list[Proposal]:
    themes = ", ".join(c for c, _ in kpis.by_concern.most_common(3)) or "préoccupations retenues"
    out = [Proposal("N01", "Renouveler la démarche en adaptant le nombre et les thématiques des ateliers "
                           f"(thèmes les plus travaillés : {themes})", METHOD)]
    if kpis.active_groups:
        groups = ", ".join(sorted(kpis.active_groups))
        out.append(Proposal("N02", f"Renforcer les dynamiques collectives : temps d'échange réguliers pour les "
                                   f"groupes encore actifs ({groups})", "Dynamiques collectives"))
    else:
        out.append(Proposal("N02", "Relancer les dynamiques collectives : des temps d'échange entre enseignants "
                                   "autour de leurs mises en pratique", "Dynamiques collectives"))
    out.append(Proposal("N03", "Partager les pratiques en dehors du collège (groupe d'échange CoCon, collèges "
                               "voisins, académie)", METHOD))
    for kind, (step_id, action) in NEED_ACTIONS.items():
        found = needs.get(kind)
        if found is not None and found.total:
            out.append(Proposal(step_id, f"{action} : {' ; '.join(found.most_frequent(3))}",
                                f"Besoins : {kind.lower()}"))
    if kpis.by_status.get("Réalisée"):
        out.append(Proposal("N08", "Approfondir les premiers usages par de nouveaux ateliers thématiques, animés "
                                   "par les enseignants qui ont expérimenté", "Mises en pratique réalisées"))
    if kpis.staff and kpis.mobilisation.share < PILOT_MOBILISATION - CLOSE:
        out.append(Proposal("N09", "Associer dès le prochain cycle les enseignants qui n'ont pris part à aucun temps "
                                   "de la démarche", "Limites : mobilisation"))
    if kpis.staff and kpis.engagement.share < PILOT_ENGAGEMENT - CLOSE:
        out.append(Proposal("N10", "Accompagner le passage à la pratique : binômes avec les référents, "
                                   "séquences clés en main", "Limites : engagement"))
    keen = kpis.satisfaction.keen
    if keen.whole and keen.share < 0.75:
        out.append(Proposal("N11", "Recueillir les raisons des enseignants qui ne souhaitent pas continuer",
                            "Satisfaction"))
    if improve:
        out.append(Proposal("N12", f"Traiter la piste d'amélioration la plus citée : « {improve[0][0]} »",
                            "Satisfaction : à améliorer"))
    out.append(Proposal("N13", "Intégrer la fiche de bilan au volet numérique du projet d'établissement", METHOD))
    out.append(Proposal("N14", "Présenter le bilan aux parents et aux représentants de l'académie", METHOD))
    return out


def merge(proposed: list[Proposal], previous: list[dict]) -> tuple[list[dict], list[str]]:
    """Proposed steps carrying the team's edits, then the team's own steps; and French notes on what was kept."""
    before = {str(r.get("step_id")).strip(): r for r in previous if not blank(r.get("step_id"))}
    rows = []
    for proposal in proposed:
        old = before.get(proposal.step_id, {})
        rows.append({"step_id": proposal.step_id, "action": proposal.action, "source": proposal.source,
                     **{k: old.get(k) for k in EDITABLE}})
    offered = {p.step_id for p in proposed}
    notes = []
    for step_id, old in before.items():
        if step_id in offered:
            continue
        edited = any(not blank(old.get(k)) for k in EDITABLE)
        if step_id in CATALOGUE_IDS and not edited:
            continue  # a proposal that no longer applies and that nobody worked on
        rows.append({k: old.get(k) for k in ("step_id", "action", "source", *EDITABLE)})
        notes.append(f"« {step_id} » gardée telle que l'équipe l'a saisie" if step_id not in CATALOGUE_IDS else
                     f"« {step_id} » n'est plus proposée mais gardée car l'équipe l'a complétée")
    return rows, notes
