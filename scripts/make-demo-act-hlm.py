#!/usr/bin/env python3
"""Writes demo/act-hlm/dossiers.csv and notes.csv: a fictional ACT HLM call
in PACA (organisations, numbers and ratings are invented; SIRET and FINESS
carry valid check keys). Deterministic: the same files every run."""
import csv, os, random

from demo_common import finess, siret

ROOT = os.path.join(os.path.dirname(__file__), '..', 'demo', 'act-hlm')
rng = random.Random(2023)

ALL_DOCS = "identite declarations comptes effectifs budget calendrier partenariats pre_projet"

# reference, organisme, commune, places, budget, depot, facts, docs, quality
DOSSIERS = [
    ("ACT-2023-01", "Association Escale Santé Marseille", "13203", 15, "189 000", "03/04/2023",
     dict(dep="13", medecin="0,6", coord="oui", etp="7,4", part="0", debut="01/09/2023"), ALL_DOCS, 4.3),
    ("ACT-2023-02", "Habitat Soins Var", "83137", 10, "126 000", "12/04/2023",
     dict(dep="83", medecin="0,4", coord="oui", etp="5,1", part="1,50", debut="02/10/2023"), ALL_DOCS, 3.6),
    ("ACT-2023-03", "Alpes Santé Précarité", "05061", 8, "100 800", "20/04/2023",
     dict(dep="05 04", medecin="0,3", coord="oui", etp="4,2", part="0", debut="04/12/2023"), ALL_DOCS, 3.0),
    ("ACT-2023-04", "Réseau Santé Vaucluse", "84007", 12, "151 200", "14/04/2023",
     dict(dep="84", medecin="0,5", coord="oui", etp="6,0", part="2", debut="01/09/2023"), ALL_DOCS, 3.8),
    ("ACT-2023-05", "Collectif Azur Coordination", "06088", 15, "187 500", "18/04/2023",
     dict(dep="06", medecin="0,5", coord="oui", etp="7,0", part="0", debut="15/11/2023"), ALL_DOCS, 3.8),
    ("ACT-2023-06", "Association Durance Accompagnement", "04112", 6, "75 600", "26/04/2023",
     dict(dep="04", medecin="0,2", coord="oui", etp="3,1", part="0", debut=""), ALL_DOCS, 2.9),
    ("ACT-2023-07", "Sud Habitat Santé", "13004", 12, "165 000", "21/04/2023",
     dict(dep="13", medecin="0,5", coord="oui", etp="6,5", part="0", debut="01/10/2023"), ALL_DOCS, 3.4),
    ("ACT-2023-08", "Association Rhône Cévennes Santé", "30189", 10, "126 000", "19/04/2023",
     dict(dep="30 84", medecin="0,4", coord="oui", etp="5,0", part="0", debut="01/09/2023"), ALL_DOCS, 3.2),
    ("ACT-2023-09", "Maison Relais Pays d'Aix", "13001", 10, "120 000", "03/05/2023",
     dict(dep="13", medecin="0,4", coord="oui", etp="5,2", part="0", debut="01/10/2023"), ALL_DOCS, 3.5),
    ("ACT-2023-10", "Solidarité Estérel Santé", "83061", 8, "100 800", "27/04/2023",
     dict(dep="83", medecin="0,3", coord="oui", etp="4,0", part="0", debut="06/11/2023"), ALL_DOCS, 2.5),
    ("ACT-2023-11", "Entraide Santé Carpentras", "84031", 6, "75 600", "24/04/2023",
     dict(dep="84", medecin="0,2", coord="non", etp="2,8", part="0", debut="01/12/2023"),
     "identite declarations comptes effectifs budget calendrier pre_projet", 2.6),
]

CRITERIA = {
    "I.1": ("gère des structures médico-sociales depuis plus de quinze ans et accompagne déjà le public cible",
            "gère un CHRS et une équipe mobile ; l'expérience auprès de personnes malades chroniques reste limitée",
            "expérience récente et centrée sur l'hébergement, sans prise en charge sanitaire"),
    "I.2": ("diagnostic partagé avec le SIAO, le DAC et les CSAPA du territoire, acteurs nommés",
            "acteurs cités mais sans diagnostic territorial étayé",
            "connaissance du territoire peu démontrée"),
    "II.1": ("projet d'accompagnement structuré, objectifs et étapes lisibles",
             "projet compréhensible mais certaines étapes restent floues",
             "projet confus, prestations et objectifs mêlés"),
    "II.2": ("public défini avec données de besoin, taux d'occupation prévisionnel de 90 % justifié",
             "public décrit, besoin peu chiffré",
             "public trop large, besoin non évalué"),
    "II.3": ("couverture des quartiers prioritaires et des zones rurales isolées détaillée",
             "couverture limitée à la ville-centre",
             "territoire d'intervention imprécis"),
    "II.4": ("admission, sortie, astreinte médicale et prévention de la maltraitance décrites",
             "modalités d'admission décrites, gestion des situations de crise peu précise",
             "organisation sommaire, pas de procédure de crise"),
    "II.5": ("livret d'accueil, contrat, CVS adapté et groupe d'expression prévus",
             "outils de la loi 2002-2 cités sans adaptation au hors les murs",
             "droits des usagers à peine évoqués"),
    "II.6": ("pré-projet complet : volets médical, social, psychologique et vie sociale",
             "pré-projet présent, volet psychologique peu développé",
             "pré-projet réduit à une note d'intention"),
    "II.7": ("équipe pluridisciplinaire avec médecin, IDE, travailleurs sociaux et pair aidant ; planning type joint",
             "équipe conforme au minimum, planning type absent",
             "composition d'équipe incomplète"),
    "II.8": ("plan de formation, supervision mensuelle et analyse des pratiques",
             "formation prévue sans calendrier",
             "pas de plan de formation"),
    "II.9": ("démarche qualité engagée, dernière évaluation externe jointe",
             "démarche qualité annoncée",
             "aucune démarche qualité décrite"),
    "III.1": ("partenaires identifiés : CHU, CSAPA, bailleurs sociaux, SIAO, CCAS",
              "partenaires sanitaires identifiés, partenaires sociaux peu cités",
              "liste de partenaires générique"),
    "III.2": ("conventions signées avec l'hôpital et deux bailleurs, lettres d'intention jointes",
              "lettres d'intention sans convention",
              "aucun partenariat formalisé"),
    "IV.1": ("budget strictement dans l'enveloppe de 12 600 € par place",
             "budget dans l'enveloppe, ventilation à préciser",
             "budget à la limite de l'enveloppe, postes sous-estimés"),
    "IV.2": ("masse salariale cohérente avec les ETP, mutualisation avec l'ACT existant",
             "masse salariale plausible, CTI non détaillé",
             "coût du personnel incohérent avec le tableau des effectifs"),
    "IV.3": ("budget sincère, investissement limité et financé",
             "budget d'exploitation soutenable, investissement peu détaillé",
             "soutenabilité non démontrée"),
    "IV.4": ("calendrier réaliste, recrutements internes identifiés",
             "calendrier tendu mais tenable",
             "calendrier peu crédible au regard des recrutements"),
}

REVIEWERS = ["Claire Martin (ARS, DD 13)", "Julien Roux (ARS, siège)"]
EXTRA_REVIEWERS = ["Sarah Benali (ARS, DD 83)", "Thomas Petit (ARS, DD 84)"]

def staffing(medecin, total):
    """Splits the team's FTE by qualification: the doctor's time as declared,
    0.5 FTE of direction and administration, the rest between nurses (40 %),
    a psychologist (20 %) and social workers (40 %), rounded to 0.1 FTE."""
    fr = lambda x: f"{x:.1f}".replace(".", ",")
    m = float(medecin.replace(",", "."))
    rest = max(0.0, float(total.replace(",", ".")) - m - 0.5)
    nurse, psy = round(rest * 0.4, 1), round(rest * 0.2, 1)
    return [fr(0.5), medecin, fr(nurse), fr(psy), fr(max(0.0, round(rest - nurse - psy, 1)))]


def phrase(crit, note):
    good, mid, weak = CRITERIA[crit]
    return (good if note >= 4 else mid if note >= 2 else weak)

def main():
    os.makedirs(ROOT, exist_ok=True)
    with open(os.path.join(ROOT, 'dossiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, delimiter=';', lineterminator='\n')
        w.writerow(["reference", "organisme", "siret", "finess", "commune", "places", "budget_annuel", "date_depot",
                    "departements_intervention", "effectifs.direction_administratif", "effectifs.medecin",
                    "effectifs.infirmier", "effectifs.psychologue", "effectifs.travailleur_social", "coordonnateur_designe",
                    "participation_usager_jour", "date_debut_activite", "pieces_recues"])
        for i, (ref, org, com, places, budget, depot, fa, docs, q) in enumerate(DOSSIERS):
            w.writerow([ref, org, siret(41872300 + 7919 * i), finess(com[:2], 4100 + 53 * i), com, places, budget,
                        depot, fa["dep"], *staffing(fa["medecin"], fa["etp"]), fa["coord"], fa["part"], fa["debut"], docs])
    rows = []
    for i, (ref, org, com, places, budget, depot, fa, docs, q) in enumerate(DOSSIERS):
        if ref in ("ACT-2023-08", "ACT-2023-09"):
            continue  # found inadmissible before rating
        reviewers = REVIEWERS[:1] if ref == "ACT-2023-06" else REVIEWERS
        for r, who in enumerate(reviewers):
            notes = {}
            for crit in CRITERIA:
                base = q + rng.uniform(-0.9, 0.9) + (0.3 if r == 0 else -0.3)
                notes[crit] = max(0, min(5, round(base)))
            if ref == "ACT-2023-02" and r == 1:
                notes["II.4"] = max(0, notes["II.4"] - 2)  # a real disagreement
            if ref == "ACT-2023-10" and r == 1:
                for crit in ("IV.1", "IV.2", "IV.3", "IV.4"):
                    notes.pop(crit)  # rating not finished yet
            for crit, n in notes.items():
                just = phrase(crit, n)
                if ref == "ACT-2023-03" and r == 1 and crit == "II.9":
                    just = ""  # a rating left without justification: it does not count
                rows.append([ref, who, crit, n, just[0].upper() + just[1:] + "." if just else ""])
    # An exact tie: dossier 05 gets dossier 04's ratings, with two criteria of
    # equal coefficient (I.2 and II.7, coefficient 4) swapped, so totals match
    # but the theme profile differs.
    rows = [row for row in rows if row[0] != "ACT-2023-05"]
    for row in [r for r in rows if r[0] == "ACT-2023-04"]:
        crit = {"I.2": "II.7", "II.7": "I.2"}.get(row[2], row[2])
        rows.append(["ACT-2023-05", row[1], crit, row[3], row[4]])
    # Third opinions (own random stream, so the first two reviewers' notes
    # stay as they were): Sarah Benali on 01 and 03, Thomas Petit on 03, each
    # with a real disagreement the coordinator has to settle.
    extra = random.Random(2024)
    for ref, who, shift, split in (("ACT-2023-01", EXTRA_REVIEWERS[0], -0.4, ("II.3", 0)),
                                   ("ACT-2023-03", EXTRA_REVIEWERS[0], 0.2, ("II.7", 5)),
                                   ("ACT-2023-03", EXTRA_REVIEWERS[1], -0.2, ("IV.3", 1))):
        q = next(d[8] for d in DOSSIERS if d[0] == ref)
        for crit in CRITERIA:
            n = max(0, min(5, round(q + shift + extra.uniform(-0.9, 0.9))))
            if crit == split[0]:
                n = split[1]
            just = phrase(crit, n)
            rows.append([ref, who, crit, n, just[0].upper() + just[1:] + "."])
    with open(os.path.join(ROOT, 'notes.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, delimiter=';', lineterminator='\n')
        w.writerow(["dossier", "evaluateur", "critere", "note", "justification"])
        w.writerows(rows)

main()
