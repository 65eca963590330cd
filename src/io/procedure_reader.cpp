#include "procedure_reader.h"

#include <filesystem>

#include "core/enums.h"
#include "core/error.h"
#include "core/french.h"
#include "paths.h"
#include "xml_reader.h"
#include "xml_tree.h"

namespace cotation::io {
namespace {

struct ProcedureXmlReader : XmlReader<InputError> {

    bool yes_no(const XmlElement& e, const std::string& key, bool fallback) const {
        auto v = e.attr(key);
        if (!v) return fallback;
        std::string s = fr::lower_ascii(fr::trim(*v));
        if (s == "oui") return true;
        if (s == "non") return false;
        fail(e, "l'attribut « " + key + " » vaut oui ou non (lu : « " + *v + " »).");
    }
    int integer(const XmlElement& e, const std::string& key, int fallback, int lo, int hi) const {
        auto v = e.attr(key);
        if (!v) return fallback;
        auto r = fr::parse_number(*v);
        if (!r || !r->is_integer() || r->num() < lo || r->num() > hi)
            fail(e, "l'attribut « " + key + " » est un entier de " + std::to_string(lo) + " à " + std::to_string(hi) +
                        " (lu : « " + *v + " »).");
        return static_cast<int>(r->num());
    }

    StepDef step(const XmlElement& e) const {
        only(e, {"description"});
        StepDef s;
        s.id = required(e, "id");
        s.label = required(e, "label");
        s.basis = text(e, "basis");
        s.file = file;
        s.line = e.line;
        if (auto due = e.attr("due"); due && !fr::trim(*due).empty()) {
            auto r = parse_due_rule(*due);
            if (auto err = std::get_if<std::string>(&r)) fail(e, "échéance " + *err + ".");
            s.due = std::get<DueRule>(r);
        }
        std::string done = fr::lower_ascii(text(e, "done"));
        if (done.empty()) s.done = StepDone::DateReached;
        else if (auto d = enum_from_code<StepDone>(done)) s.done = *d;
        else fail(e, "l'attribut « done » vaut " + fr::join(enum_codes<StepDone>(), ", ", "ou") + " (lu : « " + done + " »).");
        // A step the authority must do is not done by the mere passing of its date.
        s.obligation = yes_no(e, "obligation", false);
        if (s.obligation && s.done == StepDone::DateReached)
            fail(e,
                 "une obligation de l'autorité (obligation=\"oui\") ne se fait pas d'elle-même à sa date : done=\"declaree\", "
                 "\"seance\" ou \"decisions\".");
        s.recordable = yes_no(e, "recordable", s.done == StepDone::Recorded || s.done == StepDone::Decisions);
        if (s.done == StepDone::Recorded && !s.recordable)
            fail(e, "une étape faite quand elle est déclarée (done=\"declaree\") doit pouvoir l'être (recordable=\"oui\").");
        std::string when = fr::lower_ascii(text(e, "when"));
        if (when.empty()) s.when = StepCondition::Always;
        else if (auto w = enum_from_code<StepCondition>(when)) s.when = *w;
        else
            fail(e,
                 "l'attribut « when » vaut " + fr::join(enum_codes<StepCondition>(), ", ", "ou") + " (lu : « " + when + " »).");
        return s;
    }

    CommitteeRules committee(const XmlElement& e) const {
        only(e, {"description"});
        CommitteeRules c;
        c.name = required(e, "name");
        c.basis = text(e, "basis");
        c.required = yes_no(e, "required", true);
        c.quorum_percent = integer(e, "quorum", 50, 0, 100);
        c.proxies_per_member = integer(e, "proxies", 1, 0, 10);
        c.casting_vote = yes_no(e, "casting-vote", true);
        c.vote_basis = text(e, "vote-basis");
        c.interest_basis = text(e, "interest-basis");
        c.opinion = text(e, "opinion");
        return c;
    }

    PriorRejectionRules prior(const XmlElement& e) const {
        only(e, {"ground", "description"});
        PriorRejectionRules r;
        r.name = required(e, "name");
        r.basis = text(e, "basis");
        r.by = text(e, "by");
        for (const XmlElement* g : e.all("ground")) {
            std::string code = required(*g, "code");
            if (code != "hors-delai" && code != "irregulier" && code != "hors-sujet")
                fail(*g, "motif « " + code + " » inconnu (hors-delai, irregulier ou hors-sujet).");
            for (const auto& x : r.grounds)
                if (x.code == code) fail(*g, "motif « " + code + " » déjà déclaré.");
            r.grounds.push_back({code, required(*g, "label")});
        }
        if (r.grounds.empty()) fail(e, "un refus préalable déclare au moins un motif <ground>.");
        return r;
    }

    ProcedureDef procedure(const XmlElement& root) const {
        if (root.name != "procedure") fail(root, "l'élément racine d'une procédure est <procedure>.");
        only(root, {"step", "committee", "prior-rejection", "description"});
        ProcedureDef p;
        p.file = file;
        p.id = required(root, "id");
        p.version = required(root, "version");
        p.nature = required(root, "nature");
        p.title = required(root, "title");
        p.basis = text(root, "basis");
        p.silence_rejects = text(root, "silence-rejects");
        for (const XmlElement* s : root.all("step")) p.steps.push_back(step(*s));
        if (p.steps.empty()) fail(root, "une procédure a au moins une étape <step>.");
        if (auto cs = root.all("committee"); !cs.empty()) {
            if (cs.size() > 1) fail(*cs[1], "une seule commission par procédure.");
            p.committee = committee(*cs[0]);
        }
        if (const XmlElement* pr = root.first("prior-rejection")) p.prior_rejection = prior(*pr);
        for (const auto& s : p.steps)
            if (s.done == StepDone::Meeting && !p.committee)
                throw InputError(file + ", ligne " + std::to_string(s.line) + ", <step id=\"" + s.id +
                                 "\"> : faite à la séance (done=\"seance\"), mais la procédure n'a pas de <committee>.");
        if (!p.silence_rejects.empty() && !p.step(p.silence_rejects))
            fail(root, "le silence vaut rejet à l'étape « " + p.silence_rejects + " », qui n'existe pas.");
        check_procedure(p);
        return p;
    }
};

}  // namespace

ProcedureDef read_procedure(const std::string& xml, const std::string& file_name) {
    auto root = parse_xml(xml, file_name);
    return ProcedureXmlReader{{file_name}}.procedure(*root);
}

ProcedureAmendment read_procedure_amendment(const XmlElement& root, const std::string& file_name) {
    ProcedureXmlReader r{{file_name}};
    ProcedureAmendment a;
    a.procedure_id = r.text(root, "procedure");
    auto all = root.all("procedure");
    if (all.size() > 1) r.fail(*all[1], "un seul élément <procedure> par grille.");
    if (!all.empty()) {
        // The procedure is named on <grid procedure="…"> or <procedure ref="…">.
        std::string ref = r.text(*all[0], "ref");
        if (!ref.empty() && !a.procedure_id.empty() && ref != a.procedure_id)
            r.fail(*all[0],
                   "la grille suit la procédure « " + a.procedure_id + " » (attribut procedure de <grid>), pas « " + ref + " ».");
        if (a.procedure_id.empty()) a.procedure_id = ref;
    }
    if (a.procedure_id.empty()) a.procedure_id = default_procedure_id();
    if (all.empty()) return a;
    const XmlElement& e = *all[0];
    r.only(e, {"step", "description"});
    if (auto c = e.attr("committee")) {
        std::string name = fr::trim(*c);
        if (name.empty()) r.fail(e, "l'attribut « committee » donne le nom de la commission, ou « aucune ».");
        if (fr::lower_ascii(name) == "aucune") a.no_committee = true;
        else a.committee_name = name;
    }
    for (const XmlElement* s : e.all("step")) {
        a.steps.push_back(r.step(*s));
        a.after.push_back(r.text(*s, "after"));
    }
    return a;
}

std::optional<Authority> read_authority(const XmlElement& root, const std::string& file_name) {
    ProcedureXmlReader r{{file_name}};
    auto all = root.all("authority");
    if (all.empty()) return std::nullopt;
    if (all.size() > 1) r.fail(*all[1], "un seul élément <authority> par grille.");
    const XmlElement& e = *all[0];
    r.only(e, {"line", "description"});
    Authority a;
    std::string kind = r.required(e, "kind");
    auto k = authority_kind_from_text(kind);
    if (!k) r.fail(e, "type d'autorité « " + kind + " » inconnu (ars, departement ou autre).");
    a.kind = *k;
    a.name = r.required(e, "name");
    a.signatory = r.text(e, "signatory");
    a.signatory_title = r.required(e, "signatory-title");
    a.city = r.text(e, "city");
    a.tribunal = r.text(e, "tribunal");
    a.tribunal_address = r.text(e, "tribunal-address");
    a.logo = r.text(e, "logo");
    for (const XmlElement* l : e.all("line"))
        if (!fr::trim(l->text).empty()) a.address.push_back(fr::trim(l->text));
    return a;
}

ProcedureLoader procedures_beside(const std::string& grid_path) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(grid_path).parent_path().parent_path() / "procedures";
    return [dir](const std::string& id) {
        std::string path = (dir / (id + ".xml")).string();
        if (!fs::exists(path)) path = data_root() + "/procedures/" + id + ".xml";
        if (!fs::exists(path))
            throw InputError("Procédure « " + id + " » introuvable : ni " + (dir / (id + ".xml")).string() + " ni " + path + ".");
        return ProcedureText{read_file(path, kXmlFile), path};
    };
}

}  // namespace cotation::io
