#!/usr/bin/env python3
"""Prints, in Markdown, the columns of a dossier CSV for each call of
scoring-grids/*.xml: the base columns, the facts of the call's form
(forms/*.xml), its tables, and the document ids of `pieces_recues`, with
type, unit and allowed values, and the eligibility rules that read
`places` or `budget_annuel`. Its output is the per-call part of
docs/formats.md, so that the doc follows the data:

    scripts/formats-tables.py > /tmp/tables.md   # then paste between the markers
    scripts/formats-tables.py --update docs/formats.md
    scripts/formats-tables.py --check docs/formats.md   # exit 1 if stale (a test)

Usage: scripts/formats-tables.py [--update FILE | --check FILE] [ROOT]
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

BEGIN = "<!-- debut: scripts/formats-tables.py -->"
END = "<!-- fin: scripts/formats-tables.py -->"

# The built-in facts (src/core/grid.cpp, Grid::builtin_facts): a form may
# redeclare `places` and `budget_annuel` to give them the call's label and unit.
BUILTIN = {
    "reference": ("texte", "Référence du dossier, unique dans la campagne", "", "obligatoire ; un doublon est refusé"),
    "organisme": ("texte", "Organisme gestionnaire", "", "obligatoire"),
    "siret": ("code", "SIRET", "", "14 chiffres (espaces admis), clé de Luhn ; vide admis"),
    "finess": ("code", "FINESS", "", "9 caractères, clé de Luhn ; vide admis"),
    "commune": ("code", "Commune d'implantation", "", "code INSEE connu de data/communes.tsv"),
    "places": ("nombre", "Capacité demandée", "place|places", "≥ 0"),
    "budget_annuel": ("montant", "Budget annuel demandé", "", "≥ 0"),
    "date_depot": ("date", "Date de réception du dossier", "", ""),
}

TYPES = {
    "nombre": "nombre (`12,5`)",
    "montant": "montant en euros (`12 600,50`)",
    "date": "date (`jj/mm/aaaa`)",
    "oui-non": "oui ou non",
    "texte": "texte",
    "code": "code",
    "codes": "codes séparés par des espaces",
    "territoire": "codes INSEE de communes et SIREN d'EPCI séparés par des espaces",
}


def base_columns(root):
    """The fixed first columns, read from src/io/imports.cpp so that the
    table cannot drift from the importer."""
    src = (root / "src/io/imports.cpp").read_text(encoding="utf-8")
    m = re.search(r"dossier_base_columns\(\)\s*\{[^{]*?cols\{([^}]*)\}", src, re.S)
    if not m:
        sys.exit("formats-tables.py : dossier_base_columns() introuvable dans src/io/imports.cpp")
    return re.findall(r'"([^"]+)"', m.group(1))


def documents_column(root):
    src = (root / "src/io/imports.cpp").read_text(encoding="utf-8") + (root / "src/io/imports.h").read_text(encoding="utf-8")
    m = re.search(r'kDocumentsColumn\s*(?:\[\])?\s*=\s*"([^"]+)"', src)
    return m.group(1) if m else "pieces_recues"


def french_value(p):
    """A parameter's value as a French reader writes it: 12600 → 12 600 €."""
    v = p.get("value")
    if p.get("type") in ("nombre", "montant") and re.fullmatch(r"-?\d+(\.\d+)?", v):
        whole, _, frac = v.partition(".")
        groups = []
        while len(whole) > 3:
            whole, groups = whole[:-3], [whole[-3:]] + groups
        v = "\u00a0".join([whole] + groups) + ("," + frac if frac else "")
        if p.get("type") == "montant":
            return v + "\u00a0€"
    unit = unit_of(p.get("unit", ""))
    return v + ("\u00a0" + unit if unit else "")


def unit_of(unit):
    return unit.split("|")[-1] if unit else ""


def bounds(e):
    lo, hi = e.get("min"), e.get("max")
    if lo and hi:
        return f"de {lo} à {hi}"
    if lo:
        return f"≥ {lo}"
    if hi:
        return f"≤ {hi}"
    return ""


def cell(text):
    return " ".join(text.split()).replace("|", "\\|")


def fact_row(e):
    ftype = e.get("type")
    allowed = []
    if e.get("choices"):
        allowed.append("parmi : " + ", ".join(f"`{c}`" for c in e.get("choices").split()))
    if ftype == "oui-non":
        allowed.append("`oui` / `non`")
    b = bounds(e)
    if b:
        allowed.append(b)
    help_ = e.find("help")
    if help_ is not None and help_.text:
        allowed.append(cell(help_.text))
    return (f"`{e.get('id')}`", cell(e.get("label")), TYPES.get(ftype, ftype), unit_of(e.get("unit", "")), " ; ".join(allowed))


def table_rows(t):
    unit = unit_of(t.get("unit", ""))
    b = "de 0 à " + t.get("max") if t.get("max") else "≥ 0"
    for r in t.findall("row"):
        yield (f"`{t.get('id')}.{r.get('id')}`", cell(f"{t.get('label')} — {r.get('label')}"), TYPES["nombre"], unit, b)


def call_tables(root, grid_path, base, docs_col):
    g = ET.parse(grid_path).getroot()
    form_id = g.get("form")
    form = ET.parse(root / "forms" / f"{form_id}.xml").getroot() if form_id else None
    declared = {}
    body = []
    for parent in [x for x in (form, g.find("facts")) if x is not None]:
        for e in parent:
            if e.tag == "fact":
                declared[e.get("id")] = e
                if e.get("id") not in BUILTIN:
                    body.append(fact_row(e))
            elif e.tag == "table":
                body.extend(table_rows(e))
    out = [f"### {cell(g.get('title'))}", "",
           f"Grille `{g.get('id')}` version {g.get('version')}, formulaire `{form_id}`.", "",
           "| colonne | contenu | type | unité | valeurs permises, contrôle |", "|---|---|---|---|---|"]
    for c in base:
        if c in declared:
            out.append("| " + " | ".join(fact_row(declared[c])) + " |")
        else:
            t, label, unit, check = BUILTIN.get(c, ("texte", c, "", ""))
            out.append(f"| `{c}` | {label} | {TYPES.get(t, t)} | {unit_of(unit)} | {check} |")
    for row in body:
        out.append("| " + " | ".join(row) + " |")
    docs = g.find("documents")
    ids = [d.get("id") for d in docs.findall("document")] if docs is not None else []
    out.append(f"| `{docs_col}` | Pièces reçues | identifiants séparés par des espaces | | parmi les pièces ci-dessous |")
    out += ["", f"Pièces (`{docs_col}`) :", ""]
    for d in (docs.findall("document") if docs is not None else []):
        out.append(f"- `{d.get('id')}` : {cell(d.get('label'))}")
    if ids:
        out += ["", f"Toutes reçues : `{' '.join(ids)}`"]
    # What `places` and `budget_annuel` are checked against, from the rules.
    checks = []
    for r in g.iter("rule"):
        test = r.findtext("test") or ""
        if re.search(r"\b(places|budget_annuel)\b", test):
            effect = "point de vigilance" if r.get("effect") == "vigilance" else "éliminatoire"
            checks.append(f"- {cell(r.get('label'))} ({effect}) : `{cell(test)}`")
    params = {p.get("id"): p for p in g.iter("parameter")}
    if checks:
        out += ["", "Règles qui lisent `places` ou `budget_annuel` :", ""] + checks
        used = sorted({m for line in checks for m in re.findall(r"campagne\.[a-z_0-9]+", line)})
        for pid in used:
            p = params.get(pid)
            if p is not None and p.get("value"):
                out.append(f"  - `{pid}` = {french_value(p)}" + (f" ({cell(p.get('label'))})" if p.get("label") else ""))
    return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    update, check = None, False
    if args[:1] in (["--update"], ["--check"]):
        check = args[0] == "--check"
        update, args = pathlib.Path(args[1]), args[2:]
    root = pathlib.Path(args[0] if args else pathlib.Path(__file__).resolve().parent.parent)
    base = base_columns(root)
    docs_col = documents_column(root)
    text = "\n".join(call_tables(root, p, base, docs_col) for p in sorted((root / "scoring-grids").glob("*.xml")))
    if update is None:
        sys.stdout.write(text)
        return
    doc = update.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        sys.exit(f"formats-tables.py : marqueurs « {BEGIN} » et « {END} » absents de {update}")
    head, rest = doc.split(BEGIN, 1)
    old, tail = rest.split(END, 1)
    if check:
        if old != "\n\n" + text + "\n":
            sys.exit(f"{update} : les tableaux des colonnes ne suivent plus forms/ et scoring-grids/ ; "
                     f"relancer scripts/formats-tables.py --update {update}")
        return
    tmp = update.with_suffix(".tmp")
    tmp.write_text(head + BEGIN + "\n\n" + text + "\n" + END + tail, encoding="utf-8")
    tmp.replace(update)


if __name__ == "__main__":
    main()
