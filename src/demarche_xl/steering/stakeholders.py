"""Who to mobilise and who to inform at each phase, as the method's documents say (overview, Temps 2, bilan)."""
from __future__ import annotations

from demarche_xl.steering.roadmap import REVIEW, STEERING, T1, T2, T3

MOBILISE, INFORM = "À mobiliser", "À informer"

STAKEHOLDERS: tuple[tuple[str, str, str, str], ...] = (
    (STEERING, "Équipe projet", MOBILISE, "Anime et pilote la démarche, tient la feuille de route."),
    (STEERING, "Direction du collège", MOBILISE, "Porte la démarche et arbitre ; préside les comités de pilotage."),
    (STEERING, "Académie (DANE, inspecteurs)", MOBILISE, "Guide l'équipe projet dans la mise en œuvre."),
    (STEERING, "Conseil d'administration, commission numérique", INFORM,
     "Instances de l'établissement informées de la démarche et de ses résultats."),
    (T1, "Enseignants du collège", MOBILISE, "Répondent au questionnaire en ligne sur leurs préoccupations."),
    (T1, "Conseil pédagogique", MOBILISE, "Valide les 3 à 4 préoccupations retenues."),
    (T2, "Académie (DANE, inspecteurs)", MOBILISE,
     "Identifie et mobilise les enseignants animateurs ; peut faciliter les échanges pendant les ateliers."),
    (T2, "Enseignants animateurs extérieurs", MOBILISE, "Animent les ateliers de démonstration et d'échange."),
    (T2, "Équipe projet", MOBILISE, "Logistique, briefing des animateurs, groupes et parcours."),
    (T2, "Enseignants participants", MOBILISE, "Participent aux ateliers et donnent leurs impressions."),
    (T3, "Enseignants référents", MOBILISE, "Guident et animent un petit groupe d'enseignants aux idées proches."),
    (T3, "Enseignants engagés", MOBILISE, "Mettent en pratique et remplissent leur fiche de mise en pratique."),
    (T3, "Collectivité territoriale", INFORM, "Informée des besoins d'équipement qui apparaissent."),
    (REVIEW, "Équipe projet", MOBILISE, "Fait le bilan et prépare les prochaines étapes."),
    (REVIEW, "Enseignants ayant participé", MOBILISE, "Partagent leur retour d'expérience (questionnaire de "
                                                      "satisfaction)."),
    (REVIEW, "Parents", INFORM, "Inclure la communauté parentale dans le projet."),
    (REVIEW, "Académie ou rectorat", INFORM, "Reçoit la fiche de bilan."),
    (REVIEW, "Conseil pédagogique, conseil d'administration", INFORM,
     "Reçoivent la fiche de bilan ; elle peut nourrir le volet numérique du projet d'établissement."),
)


def default_stakeholders() -> list[dict[str, object]]:
    return [{"phase": phase, "stakeholder": who, "role": role, "why": why} for phase, who, role, why in STAKEHOLDERS]
