#include "imports.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/french.h"
#include "core/invisible.h"
#include "core/identifiers.h"
#include "core/people.h"
#include "csv.h"

namespace cotation::io {

const std::vector<std::string>& dossier_base_columns() {
    static const std::vector<std::string> cols{"reference", "organisme", "siret", "finess",
                                               "commune", "places", "budget_annuel", "date_depot"};
    return cols;
}

std::string validate_field(const Grid& grid, const ReferenceData& ref, const std::string& column,
                           const std::string& raw, Value* out) {
    std::string text = fr::trim(raw);
    if (column == "reference" || column == "organisme") {
        if (text.empty()) return "valeur obligatoire";
        // A reference names files and lines of listings; an organisation
        // heads a letter's address block: beyond these, a pasted error.
        std::size_t limit = column == "reference" ? kMaxReferenceChars : kMaxOrganisationChars;
        if (std::size_t n = fr::char_count(text); n > limit)
            return "texte de " + std::to_string(n) + " caractères, au plus " + std::to_string(limit) + " admis";
        // Trial 13e F7: « ㅤ » (U+3164) alone was an organisation.
        if (!fr::given(text)) return "aucun caractère visible (seulement des espaces ou des caractères qui ne s'impriment pas)";
        if (out) *out = text;
        return "";
    }
    if (column == "siret") {
        std::string digits;
        for (char c : text)
            if (c != ' ') digits += c;
        if (digits.empty()) { if (out) *out = Value{}; return ""; }
        if (digits.size() != 14 || !std::all_of(digits.begin(), digits.end(), ::isdigit))
            return "SIRET " + fr::quote(text) + " : 14 chiffres attendus";
        if (!ids::siret_ok(digits)) return "SIRET " + fr::quote(text) + " : clé de contrôle (Luhn) invalide";
        if (out) *out = digits;
        return "";
    }
    if (column == "finess") {
        if (text.empty()) { if (out) *out = Value{}; return ""; }
        if (text.size() != 9) return "FINESS " + fr::quote(text) + " : 9 caractères attendus";
        if (!ids::finess_ok(text)) return "FINESS " + fr::quote(text) + " : clé de contrôle invalide";
        if (out) *out = text;
        return "";
    }
    if (column == "commune") {
        if (text.empty()) { if (out) *out = Value{}; return ""; }
        if (!ref.commune(text)) return "code commune INSEE " + fr::quote(text) + " inconnu du référentiel des communes";
        if (out) *out = text;
        return "";
    }
    const FactDef* def = grid.fact(column);
    if (!def || column.rfind("campagne.", 0) == 0) return "colonne inconnue de la grille « " + grid.id + " »";
    if (def->derived) return "« " + column + " » est calculé (somme du tableau), il ne se saisit pas";
    if (def->type == FactType::Territory && !text.empty()) {
        // Communes (5 characters) or EPCI (SIREN, 9 digits), expanded to communes.
        auto codes = std::get<std::vector<std::string>>(*from_canonical(FactType::CodeList, text));
        std::vector<std::string> communes;
        for (const auto& c : codes) {
            if (ref.commune(c)) communes.push_back(c);
            else if (const EpciInfo* e = ref.epci(c)) communes.insert(communes.end(), e->communes.begin(), e->communes.end());
            else return fr::quote(c) + " n'est ni un code commune INSEE ni un EPCI connus du référentiel";
        }
        std::string joined;
        for (const auto& c : communes) joined += c + " ";
        text = joined;
    }
    auto parsed = parse_input(*def, text);
    if (auto err = std::get_if<std::string>(&parsed)) return *err;
    if (def->departement_codes) {
        std::vector<std::string> codes;
        if (auto list = std::get_if<std::vector<std::string>>(&std::get<Value>(parsed))) codes = *list;
        else if (auto one = std::get_if<std::string>(&std::get<Value>(parsed))) codes = {*one};
        std::vector<std::string> unknown;
        for (const auto& c : codes)
            if (ref.departement_name(c).empty()) unknown.push_back(fr::quote(c));
        if (!unknown.empty())
            return fr::join(unknown, ", ", "et") + (unknown.size() > 1 ? " ne sont pas des codes" : " n'est pas un code") +
                   " de département du référentiel (01, 2A, 971…)";
    }
    if (out) *out = std::get<Value>(parsed);
    return "";
}

Dossier build_dossier(const Grid& grid, const ReferenceData& ref, const std::map<std::string, std::string>& fields,
                      std::vector<std::pair<std::string, std::string>>& errors) {
    Dossier d;
    for (const auto& [column, text] : fields) {
        // Control characters (ESC, BEL…) would be written raw to the terminal
        // and the CSV of whoever reads the ranking (trial 13b F15).
        // A line break (Alt+Entrée in a spreadsheet cell) is a text's own
        // where the form allows lines (an address: trial 13c F9); elsewhere
        // the refusal says it is one, not « U+000A ».
        const FactDef* def = grid.fact(column);
        std::string flat = text;
        for (char& ch : flat)
            if (ch == '\n' || ch == '\r') ch = ' ';
        if (auto c = invisible_character(flat); !c.empty()) {
            errors.emplace_back(column,
                                fr::quote(text) + " : caractère de contrôle ou invisible " + c + " ; retirez-le de la cellule");
            continue;
        }
        // A text fact says it with its label and its number of lines (core/fact.cpp).
        // (The reference and the organisation are read before any fact: one line.)
        const bool text_fact = def && def->type == FactType::Text && column != "reference" && column != "organisme";
        if (flat != text && !text_fact) {
            errors.emplace_back(column, "retour à la ligne dans " + fr::quote(text) + " : la colonne « " + column +
                                            " » tient sur une ligne ; remplacez le retour à la ligne (Alt+Entrée) par "
                                            "une espace");
            continue;
        }
        if (column == kDocumentsColumn) {
            // An empty cell is « non renseigné » (docs/formats.md): no document recorded.
            if (fr::trim(text).empty()) continue;
            auto v = from_canonical(FactType::CodeList, fr::trim(text));
            for (const auto& doc : std::get<std::vector<std::string>>(*v)) {
                bool known = std::any_of(grid.documents.begin(), grid.documents.end(),
                                         [&](const DocumentDef& dd) { return dd.id == doc; });
                if (!known) errors.emplace_back(column, "pièce inconnue de la grille " + fr::quote(doc));
                else d.documents.insert(doc);
            }
            continue;
        }
        Value v;
        std::string err = validate_field(grid, ref, column, text, &v);
        if (!err.empty()) { errors.emplace_back(column, err); continue; }
        auto str = [&] { return is_missing(v) ? std::string() : std::get<std::string>(v); };
        if (column == "reference") d.reference = str();
        else if (column == "organisme") d.organisme = str();
        else if (column == "siret") d.siret = str();
        else if (column == "finess") d.finess = str();
        else if (column == "commune") d.commune = str();
        else if (!is_missing(v)) d.facts[column] = v;
    }
    return d;
}

namespace {
[[noreturn]] void throw_refused(const std::string& file_name, const std::vector<std::string>& problems, std::size_t total) {
    std::string msg = file_name + " : " + fr::plural(total, "erreur") +
                      ", aucune ligne n'a été enregistrée.";
    for (const auto& p : problems) msg += "\n  " + p;
    if (total > problems.size()) msg += "\n  … et " + std::to_string(total - problems.size()) + " autres.";
    throw InputError(msg);
}
}  // namespace

std::vector<Dossier> import_dossiers_csv(const Grid& grid, const ReferenceData& ref, const std::string& content,
                                         const std::string& file_path, const std::function<bool(const std::string&)>& taken,
                                         const std::function<std::string(const Date&)>& check_receipt) {
    const std::string file_name = fr::shown_path(file_path);   // as every message names it (trial 13g G3, G7)
    auto records = parse_csv(content, file_name);
    drop_unnamed_trailing_columns(records, file_name);
    if (records.empty()) throw InputError(file_name + " : fichier vide, une ligne d'en-tête est attendue.");
    const auto& header = records.front().fields;
    std::vector<std::string> columns;
    std::vector<std::string> problems;
    std::size_t total = 0;
    auto problem = [&](const std::string& p) {
        ++total;
        if (problems.size() < 20) problems.push_back(p);
    };
    for (std::size_t c = 0; c < header.size(); ++c) {
        std::string h = fr::lower_ascii(fr::trim(header[c]));
        columns.push_back(h);
        bool base = std::find(dossier_base_columns().begin(), dossier_base_columns().end(), h) != dossier_base_columns().end();
        const FactDef* f = grid.fact(h);
        if (!base && h != kDocumentsColumn && (!f || h.rfind("campagne.", 0) == 0))
            problem(file_name + ", ligne 1, colonne " + std::to_string(c + 1) + " " + fr::quote(h) +
                    " : colonne inconnue de la grille « " + grid.id + " »");
        else if (f && f->derived)
            problem(file_name + ", ligne 1, colonne " + std::to_string(c + 1) + " « " + h +
                    " » : total calculé à partir des lignes du tableau, il ne s'importe pas");
    }
    for (std::size_t k = 0; k < dossier_base_columns().size(); ++k)
        if (k >= columns.size() || columns[k] != dossier_base_columns()[k])
            problem(file_name + ", ligne 1, colonne " + std::to_string(k + 1) + " : « " + dossier_base_columns()[k] +
                    " » attendue à cette place");
    if (total) throw_refused(file_name, problems, total);

    std::vector<Dossier> out;
    std::map<std::string, std::string> refs;   // name_key -> reference as first written
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& rec = records[r];
        if (rec.fields.size() != columns.size()) {
            problem(file_name + ", ligne " + std::to_string(rec.line) + " : " + fr::plural(rec.fields.size(), "colonne") +
                    " au lieu de " + std::to_string(columns.size()));
            continue;
        }
        std::map<std::string, std::string> fields;
        for (std::size_t c = 0; c < columns.size(); ++c) fields[columns[c]] = rec.fields[c];
        std::vector<std::pair<std::string, std::string>> errors;
        Dossier d = build_dossier(grid, ref, fields, errors);
        for (const auto& [col, why] : errors) {
            auto pos = std::find(columns.begin(), columns.end(), col) - columns.begin();
            problem(file_name + ", ligne " + std::to_string(rec.line) + ", colonne " + std::to_string(pos + 1) +
                    " « " + col + " » : " + why);
        }
        if (check_receipt && d.facts.count("date_depot"))
            if (const Date* received = std::get_if<Date>(&d.facts.at("date_depot")))
                if (std::string why = check_receipt(*received); !why.empty()) {
                    auto pos = std::find(columns.begin(), columns.end(), "date_depot") - columns.begin();
                    problem(file_name + ", ligne " + std::to_string(rec.line) + ", colonne " + std::to_string(pos + 1) +
                            " « date_depot » : " + why);
                }
        if (!d.reference.empty()) {
            // « act-2023-01 » and « ACT-2023-01 » name the same dossier for a reader.
            auto [it, fresh] = refs.emplace(fr::name_key(d.reference), d.reference);
            if (!fresh)
                problem(file_name + ", ligne " + std::to_string(rec.line) + ", colonne 1 « reference » : le dossier " +
                        fr::quote(d.reference) + " figure deux fois dans le fichier" +
                        (it->second == d.reference ? "" : " (écrit aussi " + fr::quote(it->second) + ")"));
            else if (taken && taken(d.reference))
                problem(file_name + ", ligne " + std::to_string(rec.line) + ", colonne 1 « reference » : le dossier " +
                        fr::quote(d.reference) + " existe déjà dans la campagne");
        }
        out.push_back(std::move(d));
    }
    if (total) throw_refused(file_name, problems, total);
    return out;
}

std::vector<Rating> import_ratings_csv(const Grid& grid, const std::map<std::string, std::int64_t>& reference_to_id,
                                       const std::string& content, const std::string& file_path,
                                       const std::vector<std::string>& known_reviewer_names,
                                       const std::function<std::string(const Rating&)>& may_rate) {
    const std::string file_name = fr::shown_path(file_path);   // as every message names it (trial 13g G3, G7)
    std::map<std::string, std::string> known_reviewers;
    for (const auto& n : known_reviewer_names) known_reviewers.emplace(n, n);
    static const std::vector<std::string> expected{"dossier", "evaluateur", "critere", "note", "justification"};
    auto records = parse_csv(content, file_name);
    drop_unnamed_trailing_columns(records, file_name);
    if (records.empty()) throw InputError(file_name + " : fichier vide, une ligne d'en-tête est attendue.");
    std::vector<std::string> problems;
    std::size_t total = 0;
    auto problem = [&](const std::string& p) {
        ++total;
        if (problems.size() < 20) problems.push_back(p);
    };
    const auto& header = records.front().fields;
    for (std::size_t k = 0; k < expected.size(); ++k)
        if (k >= header.size() || fr::lower_ascii(fr::trim(header[k])) != expected[k])
            problem(file_name + ", ligne 1, colonne " + std::to_string(k + 1) + " : « " + expected[k] + " » attendue");
    if (total) throw_refused(file_name, problems, total);
    std::vector<Rating> out;
    std::map<std::string, std::string> reviewers;   // name_key -> first spelling
    for (const auto& [key, name] : known_reviewers) reviewers.emplace(fr::name_key(name), name);
    std::set<std::tuple<std::int64_t, std::string, std::string>> seen;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& rec = records[r];
        auto at = [&](int col, const std::string& name) {
            return file_name + ", ligne " + std::to_string(rec.line) + ", colonne " + std::to_string(col) + " « " + name +
                   " » : ";
        };
        if (rec.fields.size() != expected.size()) {
            problem(file_name + ", ligne " + std::to_string(rec.line) + " : " + fr::plural(rec.fields.size(), "colonne") +
                    " au lieu de 5");
            continue;
        }
        Rating rt;
        std::string ref = fr::trim(rec.fields[0]);
        auto it = reference_to_id.find(ref);
        if (it == reference_to_id.end()) problem(at(1, "dossier") + "dossier " + fr::quote(ref) + " inconnu de la campagne");
        else rt.dossier_id = it->second;
        // « Marie  Dupont » and « marie dupont » are one reviewer: the first spelling is kept.
        rt.reviewer = fr::collapse_spaces(rec.fields[1]);
        if (!rt.reviewer.empty()) rt.reviewer = reviewers.emplace(fr::name_key(rt.reviewer), rt.reviewer).first->second;
        if (rt.reviewer.empty()) problem(at(2, "evaluateur") + "valeur obligatoire");
        rt.criterion = fr::trim(rec.fields[2]);
        if (!grid.criterion(rt.criterion))
            problem(at(3, "critere") + "critère " + fr::quote(rt.criterion) + " inconnu de la grille « " + grid.id + " »");
        auto note = fr::parse_decimal(rec.fields[3]);   // « 8/2 » is not a rating
        const std::string scale = "entier de " + std::to_string(grid.scale_min) + " à " + std::to_string(grid.scale_max);
        // Each wrong note said for what it is (trial 13c F10): none, no number, not whole, out of the scale.
        if (fr::trim(rec.fields[3]).empty())
            problem(at(4, "note") + "valeur obligatoire (" + scale + ")");
        else if (!note)   // « trois » is not out of the scale: it is no number at all
            problem(at(4, "note") + "note " + fr::quote(fr::trim(rec.fields[3])) + " : ce n'est pas un nombre (" + scale +
                    " attendu)");
        else if (!note->is_integer())
            problem(at(4, "note") + "note " + fr::quote(fr::trim(rec.fields[3])) + " : une note est un nombre entier (" +
                    scale + ")");
        else if (note->num() < grid.scale_min || note->num() > grid.scale_max)
            problem(at(4, "note") + "note " + fr::quote(fr::trim(rec.fields[3])) + " hors de l'échelle (entier de " +
                    std::to_string(grid.scale_min) + " à " + std::to_string(grid.scale_max) + ")");
        else rt.value = static_cast<int>(note->num());
        if (std::size_t n = fr::char_count(rt.reviewer); n > kMaxOrganisationChars)
            problem(at(2, "evaluateur") + "nom de " + std::to_string(n) + " caractères, au plus " +
                    std::to_string(kMaxOrganisationChars) + " admis");
        // The rule of every name (trial 13g G2: « Marie<U+034F> Dupont » counted as a second reviewer).
        else if (std::string why = name_refusal(rt.reviewer, "le nom " + fr::quote(rt.reviewer)); !why.empty())
            problem(at(2, "evaluateur") + why.substr(0, why.find(" Rien n'a été enregistré.")));
        rt.justification = fr::trim(rec.fields[4]);
        if (std::size_t n = fr::char_count(rt.justification); n > kMaxJustificationChars)
            problem(at(5, "justification") + "texte de " + std::to_string(n) + " caractères, au plus " +
                    std::to_string(kMaxJustificationChars) + " admis");
        // The rule of every typed text (trial 13e F7: U+202E inside a justification reversed the compte rendu's line).
        else if (std::string why = text_refusal(rt.justification, "la justification"); !why.empty())
            problem(at(5, "justification") + why.substr(0, why.find(" Rien n'a été enregistré.")));
        if (may_rate && it != reference_to_id.end() && !rt.reviewer.empty())
            if (std::string why = may_rate(rt); !why.empty())
                problem(file_name + ", ligne " + std::to_string(rec.line) + ", dossier " + fr::quote(ref) + " : " + why);
        if (!seen.insert({rt.dossier_id, rt.reviewer, rt.criterion}).second && it != reference_to_id.end())
            problem(file_name + ", ligne " + std::to_string(rec.line) + " : " + fr::quote(rt.reviewer) +
                    " note deux fois le critère " + fr::quote(rt.criterion) + " du dossier " + fr::quote(ref));
        out.push_back(std::move(rt));
    }
    if (total) throw_refused(file_name, problems, total);
    return out;
}

}  // namespace cotation::io

namespace cotation::io {

namespace {
// A stored value written as a person types it, for validate_field: the
// import's own checks then read it (French decimals, ISO date, oui/non).
std::string typed_form(const Value& v) {
    if (auto r = std::get_if<Rational>(&v)) return fr::number(*r, 6);
    if (auto b = std::get_if<bool>(&v)) return *b ? "oui" : "non";
    if (auto l = std::get_if<std::vector<std::string>>(&v)) return fr::join(*l, " ");
    return to_canonical(v);
}
}  // namespace

std::vector<std::pair<std::string, std::string>> stored_dossier_refusals(const Grid& grid, const ReferenceData& ref,
                                                                         const Dossier& d) {
    std::vector<std::pair<std::string, std::string>> out;
    auto check = [&](const std::string& field, const std::string& text) {
        if (auto why = validate_field(grid, ref, field, text); !why.empty()) out.emplace_back(field, why);
    };
    check("reference", d.reference);
    check("organisme", d.organisme);
    check("siret", d.siret);
    check("finess", d.finess);
    check("commune", d.commune);
    for (const auto& [name, value] : d.facts) {
        const FactDef* def = grid.fact(name);
        // A fact of another type is said by type_values; a derived one is computed, never stored by an import.
        if (!def || def->derived || is_missing(value) || name.rfind("campagne.", 0) == 0) continue;
        check(name, typed_form(value));
    }
    return out;
}

}  // namespace cotation::io
