"""Shared pieces of the demo generators: valid SIRET/FINESS keys, criteria
read from a grid file, and justified ratings. Organisations and numbers are
invented; everything is deterministic (seeded)."""
import csv
import os
import xml.etree.ElementTree as ET


def luhn_key(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # positions doubled once the key is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def siret(seed):
    """A SIREN with its own Luhn key, then a NIC making the SIRET pass Luhn."""
    siren = f"{seed:08d}"
    siren += luhn_key(siren)
    body = siren + "0001"
    return body + luhn_key(body)


def finess(dep, seed):
    body = f"{dep}{seed:06d}"
    return body + luhn_key(body)


def criteria(grid_path):
    """[(id, label)] in grid order."""
    root = ET.parse(grid_path).getroot()
    return [(c.get('id'), c.get('label')) for t in root.findall('theme') for c in t.findall('criterion')]


GOOD = ["{l} : démonstration précise et étayée, engagements formalisés.",
        "{l} : réponse complète, adaptée au territoire et chiffrée.",
        "{l} : points forts nombreux, pièces justificatives jointes."]
MID = ["{l} : attendus couverts, mais certains points restent à préciser.",
       "{l} : réponse correcte, peu étayée sur la mise en œuvre.",
       "{l} : éléments présents, articulation avec les partenaires à consolider."]
WEAK = ["{l} : insuffisamment développé dans le dossier.",
        "{l} : évoqué sans éléments concrets.",
        "{l} : réponse générique, non adaptée au public visé."]


def justification(label, note, rng):
    pool = GOOD if note >= 4 else MID if note >= 2 else WEAK
    text = rng.choice(pool).format(l=label)
    return text[0].upper() + text[1:]


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f, delimiter=';', lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)


def ratings(dossiers, crits, reviewers, rng, skip=(), single=(), disagreements=()):
    """dossiers: [(reference, quality)]; one row per reviewer and criterion.
    `skip`: references not rated; `single`: rated by the first reviewer only;
    `disagreements`: (reference, criterion) where the second reviewer is 2 lower."""
    rows = []
    for ref, quality in dossiers:
        if ref in skip:
            continue
        who = reviewers[:1] if ref in single else reviewers
        for r, name in enumerate(who):
            for cid, label in crits:
                base = quality + rng.uniform(-0.9, 0.9) + (0.3 if r == 0 else -0.3)
                note = max(0, min(5, round(base)))
                if r == 1 and (ref, cid) in disagreements:
                    note = max(0, note - 2)
                rows.append([ref, name, cid, note, justification(label, note, rng)])
    return rows
