#!/usr/bin/env python3
"""Writes demo/crt/ and demo/uphv/: fictional candidates for the CRT call of
an ARS (Nouvelle-Aquitaine) and for the UPHV call of the Charente-Maritime
Département. Deterministic. Usage: make-demo-calls.py [crt|uphv]..."""
import os
import random
import sys

from demo_common import criteria, finess, justification, ratings, siret, write_csv

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
BASE = ["reference", "organisme", "siret", "finess", "commune", "places", "budget_annuel", "date_depot"]

CRT_DOCS = "diagnostic organisation partenariats territoire financements_existants budget"
CRT_FACTS = ["categorie_porteur", "volet1", "volet2", "convention_ehpad", "conventions_services_domicile",
             "budget_volet2", "file_active_volet2", "etp_chefferie_projet", "actions_acces_soins",
             "actions_isolement", "actions_pratiques", "ehpad_temps_medecin", "ehpad_idec", "ehpad_ide_nuit",
             "ehpad_locaux_volet1", "ehpad_habilite_aide_sociale", "tarifs_aide_sociale",
             "convention_ehpad_habilite", "participation_beneficiaires", "public_gir_1_4", "domaines_volet2",
             "procedure_admission_sortie", "convention_ehpad_volet1", "convention_ehpad_medecin",
             "convention_ehpad_reversement", "finess_ehpad_partenaire", "territoire_intervention", "equipe_volet2.medecin",
             "equipe_volet2.coordinateur", "equipe_volet2.soignants", "equipe_volet2.ergotherapeute",
             "equipe_volet2.psychologue", "equipe_volet2.animateur"]
# The EPCI of each carrier's commune (data/epci.tsv): its intervention territory.
CRT_EPCI = {"16015": "200071827", "16102": "200070514", "17300": "241700434", "87085": "248719312",
            "24322": "200040392", "79191": "200041317", "86194": "200069854", "64445": "200067254",
            "47001": "200096956", "40192": "244000808"}
TEAM = ["0,2", "1", "4,5", "0,5", "0,5", "0,5"]


def crt_row(cat, conv, budget, v2, fa, actions=("3", "2", "2"), nuit="oui", habil="oui", tarifs="non",
            domaines="4", chef="0,3", volet2="oui", partner=""):
    # What the EHPAD convention of a home-care carrier covers (§1.5): volet 1
    # resources, the doctor's time for volet 2, and for a SAAD (460) the
    # repayment of its share, the ARS paying the partner EHPAD.
    home = cat != "500" and conv == "oui"
    content = ["oui" if home else "", "oui" if home else "", "oui" if home and cat == "460" else "",
               partner if home else ""]
    return [cat, "oui", volet2, conv, "oui", v2, fa, chef, actions[0], actions[1], actions[2],
            "oui", "oui", nuit, "oui", habil, tarifs, "non", "non", "oui", domaines, "oui"] + content, budget


# reference, organisme, commune, depot, facts, quality
CRT = [
    ("CRT-2022-01", "EHPAD Les Tilleuls", "16015", "12/09/2022", crt_row("500", "", "400 000", "324 000", "30"), 4.2),
    ("CRT-2022-02", "SSIAD du Cognaçais", "16102", "20/09/2022", crt_row("354", "oui", "398 000", "334 800", "31"), 3.7),
    ("CRT-2022-03", "SPASAD du Pays rochelais", "17300", "22/09/2022", crt_row("209", "oui", "400 000", "356 400", "33"), 3.9),
    ("CRT-2022-04", "SAAD Limousin Domicile", "87085", "26/09/2022", crt_row("460", "non", "395 000", "324 000", "30"), 3.4),
    # Volet 1 only: refused on that one ground, its consequences (file active,
    # volet 2 funding and team) not repeated.
    ("CRT-2022-05", "EHPAD Résidence du Périgord", "24322", "27/09/2022",
     crt_row("500", "", "250 000", "0", "0", volet2="non"), 3.3),
    ("CRT-2022-06", "EHPAD Val de Sèvre", "79191", "28/09/2022",
     crt_row("500", "", "380 000", "324 000", "30", nuit="non", habil="non", tarifs="oui"), 3.1),
    ("CRT-2022-07", "SSIAD Poitiers Santé", "86194", "29/09/2022",
     crt_row("354", "oui", "400 000", "345 600", "32", actions=("2", "1", "")), 3.0),
    ("CRT-2022-08", "SAAD Béarn Services", "64445", "15/09/2022",
     crt_row("460", "oui", "390 000", "324 000", "30", domaines="3", partner=finess("64", 1234)), 2.8),
    ("CRT-2022-09", "EHPAD Les Jardins d'Agen", "47001", "30/09/2022", crt_row("500", "", "400 000", "334 800", "31"), 3.5),
    # A file active under 30 while the project ramps up (§3.2.1): one point of
    # attention; the volet 2 share funds the 25 people aimed at (25 × 900 € × 12).
    ("CRT-2022-10", "SPASAD des Landes", "40192", "21/09/2022", crt_row("209", "oui", "400 000", "270 000", "25"), 3.2),
]

UPHV_DOCS = "projet_personnalise projet_etablissement projet_animation plans_a3 effectifs partenariats budget calendrier"
UPHV_FACTS = ["categorie_etablissement", "code_clientele_actuel", "code_clientele_cible", "equipe_pluridisciplinaire",
              "effectifs.educatif", "effectifs.animation", "effectifs.soignant", "prix_journee_hebergement", "habilitation_totale", "date_ouverture",
              "centre_bourg_ou_transports", "locaux_dedies", "tarife_departement", "engagement_maintien_aide_sociale"]
# Priced by the Département or not (4-1): without, the reference daily rate is
# the Département's order (57,20 €), not the EHPAD's own price.
UPHV_PRICING = {"UPHV-2019-06": ["non", "oui"], "UPHV-2019-07": ["oui", "non"]}
# 8 lits × 15 € × 365 jours = 43 800 € (≤ 44 000 €, 004_96637afb2dcc3432.txt, 4-1).
# UPHV-2019-03: 63,50 € + 15 € = 78,50 € > 75 € (point of attention, priced by the Département);
# UPHV-2019-06: own price 62 € but not priced by the Département: 57,20 € + 15 € = 72,20 €;
# UPHV-2019-08: 44 000 € asked, above 43 800 €.
UPHV = [
    ("UPHV-2019-01", "EHPAD Les Mouettes", "17300", 8, "43 800", "12/09/2019",
     ["500", "711", "702", "oui", "1,3", "0,6", "1,3", "58,40", "oui", "02/03/2020", "oui", "oui"], 4.1),
    ("UPHV-2019-02", "EHPAD Résidence de l'Arsenal", "17299", 8, "43 800", "16/09/2019",
     ["500", "711", "702", "oui", "1,1", "0,6", "1,1", "56,90", "oui", "01/04/2020", "oui", "oui"], 3.8),
    ("UPHV-2019-03", "EHPAD Les Jardins de Saintonge", "17415", 8, "43 800", "18/09/2019",
     ["500", "711", "702", "oui", "1,0", "0,5", "1,0", "63,50", "oui", "04/05/2020", "oui", "oui"], 3.5),
    ("UPHV-2019-04", "EHPAD La Côte de Beauté", "17306", 10, "54 750", "20/09/2019",
     ["500", "711", "702", "oui", "1,4", "0,7", "1,4", "59,10", "oui", "01/03/2020", "oui", "oui"], 3.6),
    ("UPHV-2019-05", "EHPAD de Haute-Saintonge", "17197", 8, "43 800", "23/09/2019",
     ["500", "711", "702", "non", "0", "0", "1,0", "55,00", "oui", "01/06/2020", "oui", "non"], 2.6),
    ("UPHV-2019-06", "EHPAD Les Remparts", "17347", 8, "43 800", "25/09/2019",
     ["500", "711", "702", "oui", "1,0", "0,5", "0,9", "62,00", "oui", "15/05/2020", "oui", "oui"], 3.3),
    ("UPHV-2019-07", "EHPAD du Pays marennais", "17219", 8, "43 800", "26/09/2019",
     ["500", "711", "702", "oui", "1,0", "0,5", "1,1", "56,10", "oui", "01/09/2020", "non", "oui"], 3.0),
    ("UPHV-2019-08", "EHPAD d'Aunis", "17434", 8, "44 000", "27/09/2019",
     ["500", "711", "702", "oui", "0,9", "0,4", "0,9", "57,60", "oui", "", "oui", "oui"], 3.1),
]


def third_opinions(dossiers, crits, reviewer, refs, seed, splits):
    """A third reviewer on some dossiers, from an own random stream so the
    first two reviewers' notes stay as they were; `splits`: (reference,
    criterion) -> note, a real disagreement for the coordinator."""
    rng = random.Random(seed)
    rows = []
    for ref, quality in dossiers:
        if ref not in refs:
            continue
        for cid, label in crits:
            note = max(0, min(5, round(quality + rng.uniform(-0.9, 0.9))))
            note = splits.get((ref, cid), note)
            rows.append([ref, reviewer, cid, note, justification(label, note, rng)])
    return rows


def make_crt():
    rng = random.Random(2022)
    out = os.path.join(ROOT, 'demo', 'crt')
    rows = []
    for i, (ref, org, com, depot, (facts, budget), _) in enumerate(CRT):
        team = list(TEAM)
        if ref == "CRT-2022-08":
            team[4] = "0"  # no psychologist: a point of attention
        # Annexe 2 registers a CRT with a capacity of 0: each retained dossier is one mission whatever it enters.
        places = "0" if ref == "CRT-2022-09" else "1"
        rows.append([ref, org, siret(52310000 + 6113 * i), finess(com[:2], 8200 + 71 * i), com, places, budget, depot]
                    + facts + [CRT_EPCI[com]] + team + [CRT_DOCS])
    write_csv(os.path.join(out, 'dossiers.csv'), BASE + CRT_FACTS + ["pieces_recues"], rows)
    crits = criteria(os.path.join(ROOT, 'scoring-grids', 'crt-2022.xml'))
    reviewers = ["Sophie Bernard (ARS, DD 16)", "Marc Lefèvre (ARS, pôle autonomie)"]
    notes = ratings([(d[0], d[5]) for d in CRT], crits, reviewers, rng, skip={"CRT-2022-04"},
                    single={"CRT-2022-08"}, disagreements={("CRT-2022-02", "IV.4"), ("CRT-2022-06", "I.1")})
    notes += third_opinions([(d[0], d[5]) for d in CRT], crits, "Aurélie Dupuis (ARS, DD 87)",
                            {"CRT-2022-01", "CRT-2022-03", "CRT-2022-09"}, 2023,
                            {("CRT-2022-01", "II.1"): 1, ("CRT-2022-09", "III.2"): 5})
    write_csv(os.path.join(out, 'notes.csv'), ["dossier", "evaluateur", "critere", "note", "justification"], notes)


def make_uphv():
    rng = random.Random(2019)
    out = os.path.join(ROOT, 'demo', 'uphv')
    rows = []
    for i, (ref, org, com, lits, budget, depot, facts, _) in enumerate(UPHV):
        rows.append([ref, org, siret(27170000 + 4441 * i), finess("17", 7000 + 97 * i), com, str(lits), budget, depot]
                    + facts + UPHV_PRICING.get(ref, ["oui", "oui"]) + [UPHV_DOCS])
    write_csv(os.path.join(out, 'dossiers.csv'), BASE + UPHV_FACTS + ["pieces_recues"], rows)
    crits = criteria(os.path.join(ROOT, 'scoring-grids', 'uphv-17-2019.xml'))
    reviewers = ["Hélène Garnier (Département 17, Autonomie)", "Paul Mercier (Département 17, ESMS)"]
    notes = ratings([(d[0], d[7]) for d in UPHV], crits, reviewers, rng, skip={"UPHV-2019-05"},
                    single={"UPHV-2019-08"}, disagreements={("UPHV-2019-03", "IV.3")})
    notes += third_opinions([(d[0], d[7]) for d in UPHV], crits, "Nicolas Faure (Département 17, PA-PH)",
                            {"UPHV-2019-01", "UPHV-2019-02", "UPHV-2019-06"}, 2020,
                            {("UPHV-2019-02", "II.1"): 1, ("UPHV-2019-06", "I.1"): 5})
    write_csv(os.path.join(out, 'notes.csv'), ["dossier", "evaluateur", "critere", "note", "justification"], notes)


if __name__ == '__main__':
    calls = sys.argv[1:] or ['crt', 'uphv']
    for c in calls:
        {'crt': make_crt, 'uphv': make_uphv}[c]()
