#include "grid_reader.h"

#include "core/error.h"
#include "core/enums.h"
#include "core/french.h"
#include "paths.h"
#include "procedure_reader.h"
#include "xml_reader.h"
#include "xml_tree.h"

#include <filesystem>

namespace cotation::io {
namespace {

struct Reader : XmlReader<GridError> {
    Rational number(const XmlElement& e, const std::string& key) const {
        std::string t = required(e, key);
        auto r = fr::parse_number(t);
        if (!r) fail(e, "l'attribut « " + key + " » n'est pas un nombre (lu : « " + t + " »).");
        return *r;
    }

    FactDef fact(const XmlElement& e) const {
        FactDef f;
        f.id = required(e, "id");
        std::string type = required(e, "type");
        auto t = fact_type_from_name(type);
        if (!t) fail(e, "type inconnu « " + type + " » (nombre, montant, date, oui-non, texte, code, codes).");
        f.type = *t;
        f.label = required(e, "label");
        f.unit = e.attr("unit").value_or("");
        f.source = e.attr("source").value_or("");
        f.line = e.line;
        f.file = file;
        if (e.attr("min")) f.min = number(e, "min");
        if (e.attr("max")) f.max = number(e, "max");
        if (auto c = e.attr("choices")) {
            auto v = from_canonical(FactType::CodeList, *c);
            if (v) f.choices = std::get<std::vector<std::string>>(*v);
        }
        if (auto labels = e.attr("choice-labels")) {
            std::string cur;
            for (char ch : *labels + "|") {
                if (ch != '|') { cur += ch; continue; }
                f.choice_labels.push_back(fr::trim(cur));
                cur.clear();
            }
            if (f.choice_labels.size() != f.choices.size())
                fail(e, "« choice-labels » donne " + fr::plural(f.choice_labels.size(), "libellé") +
                            " pour " + fr::plural(f.choices.size(), "code") +
                            " de « choices » (un libellé par code, séparés par « | »).");
        }
        if (auto r = e.attr("reference")) {
            if (*r != "departements" || (f.type != FactType::Code && f.type != FactType::CodeList))
                fail(e, "« reference » : seule « departements » est connue, pour un fait ou un paramètre de type code ou codes.");
            f.departement_codes = true;
        }
        if (const XmlElement* h = e.first("help")) f.help = h->text;
        if (auto l = e.attr("lines")) {
            auto n = Rational::from_canonical(*l);
            if (f.type != FactType::Text) fail(e, "l'attribut « lines » ne vaut que pour un fait de type « texte ».");
            if (!n || !n->is_integer() || *n < Rational(1) || *n > Rational(kMaxTextLines))
                fail(e, "l'attribut « lines » est un nombre entier de 1 à " + std::to_string(kMaxTextLines) + " (lu : « " + *l +
                            " »).");
            f.lines = static_cast<int>(n->num());
        }
        if (auto d = e.attr("digits")) {
            auto n = Rational::from_canonical(*d);
            if (f.type != FactType::Code) fail(e, "l'attribut « digits » ne vaut que pour un fait de type « code ».");
            if (!f.choices.empty()) fail(e, "un fait à liste de codes (« choices ») n'a pas d'attribut « digits ».");
            if (!n || !n->is_integer() || *n < Rational(1) || *n > Rational(20))
                fail(e, "l'attribut « digits » est un nombre entier de 1 à 20 (lu : « " + *d + " »).");
            f.digits = static_cast<int>(n->num());
        }
        return f;
    }

    std::vector<std::string> levels(const XmlElement& parent, const Grid& g) const {
        auto ls = parent.all("level");
        if (ls.empty()) return {};
        std::vector<std::string> out(static_cast<std::size_t>(g.scale_max - g.scale_min + 1));
        for (const XmlElement* l : ls) {
            std::string v = required(*l, "value");
            auto r = fr::parse_number(v);
            if (!r || !r->is_integer() || r->num() < g.scale_min || r->num() > g.scale_max)
                fail(*l, "niveau hors de l'échelle " + std::to_string(g.scale_min) + "–" + std::to_string(g.scale_max) +
                             " (lu : « " + v + " »).");
            out[static_cast<std::size_t>(r->num() - g.scale_min)] = l->text;
        }
        return out;
    }

    // A table: one number fact per row ("effectifs.medecin") and a derived
    // total ("effectifs.total") that rules can read.
    void table(const XmlElement& e, std::vector<FactDef>& out) const {
        only(e, {"row", "help"});
        std::string id = required(e, "id");
        std::string label = required(e, "label");
        auto rows = e.all("row");
        if (rows.empty()) fail(e, "un tableau a au moins une ligne <row>.");
        for (const XmlElement* r : rows) {
            FactDef f;
            f.id = id + "." + required(*r, "id");
            f.type = FactType::Number;
            f.label = label + " — " + required(*r, "label");
            f.unit = e.attr("unit").value_or("");
            f.source = e.attr("source").value_or("");
            f.min = Rational(0);
            if (e.attr("max")) f.max = number(e, "max");
            f.group = id;
            f.group_label = label;
            f.line = r->line;
            f.file = file;
            out.push_back(f);
        }
        FactDef total;
        total.id = id + ".total";
        total.type = FactType::Number;
        total.label = label + " : total";
        total.unit = e.attr("unit").value_or("");
        total.source = e.attr("source").value_or("");
        total.group = id;
        total.group_label = label;
        total.derived = true;
        total.line = e.line;
        total.file = file;
        out.push_back(total);
        // How many rows are above zero: "at least two qualifications" is a
        // rule on the table itself, not a yes/no box beside it.
        FactDef rows_above = total;
        rows_above.id = id + ".lignes";
        rows_above.label = label + " : lignes non nulles";
        rows_above.unit = e.attr("row-unit").value_or("ligne|lignes");
        rows_above.counts_rows = true;
        out.push_back(rows_above);
    }

    void facts_of(const XmlElement& parent, std::vector<FactDef>& out) const {
        only(parent, {"fact", "table", "description"});
        for (const auto& c : parent.children) {
            if (c->name == "fact") out.push_back(fact(*c));
            else if (c->name == "table") table(*c, out);
        }
    }

    Grid grid(const XmlElement& root, const FormLoader& forms) const {
        if (root.name != "grid") fail(root, "l'élément racine d'une grille est <grid>.");
        Grid g;
        g.file = file;
        g.line = root.line;
        g.id = required(root, "id");
        g.version = required(root, "version");
        g.title = required(root, "title");
        g.authority = root.attr("authority").value_or("");
        g.source = root.attr("source").value_or("");
        g.status = root.attr("status").value_or("proposition");
        if (root.attr("scale-max")) {
            Rational m = number(root, "scale-max");
            if (!m.is_integer()) fail(root, "l'échelle de cotation est entière.");
            g.scale_max = static_cast<int>(m.num());
        }
        if (root.attr("total")) g.declared_total = number(root, "total");
        only(root, {"parameters", "facts", "documents", "rules", "levels", "theme", "description", "procedure", "authority",
                    "sources", "key-facts"});
        g.procedure = read_procedure_amendment(root, file);
        g.default_authority = read_authority(root, file);
        if (const XmlElement* ss = root.first("sources")) {
            only(*ss, {"source"});
            for (const XmlElement* x : ss->all("source"))
                g.sources.push_back({required(*x, "file"), required(*x, "title"), x->line, x->attr("visa").value_or("")});
        }
        if (const XmlElement* k = root.first("key-facts")) {
            auto ids = from_canonical(FactType::CodeList, k->text);
            if (ids) g.key_facts = std::get<std::vector<std::string>>(*ids);
            g.key_facts_line = k->line;
        }
        if (const XmlElement* ls = root.first("levels")) {
            only(*ls, {"level"});
            g.default_levels = levels(*ls, g);
        }
        if (const XmlElement* ps = root.first("parameters")) {
            only(*ps, {"parameter"});
            for (const XmlElement* p : ps->all("parameter")) {
                ParameterDef pd;
                pd.def = fact(*p);
                std::string role = p->attr("role").value_or("");
                auto parsed_role = parameter_role_from_name(role);
                if (!parsed_role)
                    fail(*p, "rôle inconnu « " + role + " » (capacite, capacite-dossiers, unite ou plafond).");
                pd.role = *parsed_role;
                pd.at_most = p->attr("max-parameter").value_or("");
                pd.departement_codes = pd.def.departement_codes;   // read with the fact (reference="departements")
                // A count, an amount, a distance or a delay below zero means
                // nothing: without a declared minimum, 0 (issue 13.12). The
                // grid declares the accepted range; `param` says it.
                if ((pd.def.type == FactType::Number || pd.def.type == FactType::Amount) && !pd.def.min) pd.def.min = Rational(0);
                if (pd.def.min && pd.def.max && *pd.def.max < *pd.def.min)
                    fail(*p,
                         "« max » (" + fr::number(*pd.def.max) + ") est inférieur à « min » (" + fr::number(*pd.def.min) + ").");
                if (auto v = p->attr("value"); v && !v->empty()) {
                    auto parsed = parse_input(pd.def, *v);
                    if (auto err = std::get_if<std::string>(&parsed)) fail(*p, "valeur : " + *err + ".");
                    pd.default_value = std::get<Value>(parsed);
                }
                g.parameters.push_back(pd);
            }
            // A relation names a declared parameter of a comparable type (trial 13 R3).
            for (const XmlElement* p : ps->all("parameter")) {
                const std::string id = p->attr("id").value_or(""), other = p->attr("max-parameter").value_or("");
                if (other.empty()) continue;
                const ParameterDef *a = nullptr, *b = nullptr;
                for (const auto& q : g.parameters) {
                    if (q.def.id == id) a = &q;
                    if (q.def.id == other) b = &q;
                }
                auto numeric = [](FactType t) { return t == FactType::Number || t == FactType::Amount; };
                if (!b || !a || !(a->def.type == b->def.type || (numeric(a->def.type) && numeric(b->def.type))) ||
                    !(numeric(a->def.type) || a->def.type == FactType::Date))
                    fail(*p, "« max-parameter » : « " + other +
                                 " » n'est pas un paramètre déclaré de même type (date, nombre ou montant).");
            }
        }
        if (auto form = root.attr("form")) {
            if (!forms) fail(root, "la grille utilise le formulaire « " + *form + " », introuvable ici.");
            // An identifier, never a path: « ../../etc/passwd » opened a file
            // outside forms/ (trial 13b F14).
            if (form->empty() || (*form)[0] == '.' ||
                form->find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") != std::string::npos)
                fail(root, "formulaire « " + *form +
                               " » : un identifiant de formulaire (lettres, chiffres, « - », « _ », « . »), "
                               "pas un chemin.");
            FormText text;
            try {
                text = forms(*form);
            } catch (const InputError& e) {
                fail(root, "formulaire « " + *form + " » introuvable (" + e.what() + ").");
            }
            auto froot = parse_xml(text.xml, text.file_name);
            Reader form_reader{{text.file_name}};
            if (froot->name != "form") form_reader.fail(*froot, "l'élément racine d'un formulaire est <form>.");
            if (form_reader.required(*froot, "id") != *form)
                form_reader.fail(*froot,
                                 "ce formulaire n'est pas « " + *form + " » (identifiant « " + *froot->attr("id") + " »).");
            g.form_id = *form;
            g.form_version = form_reader.required(*froot, "version");
            g.form_title = froot->attr("title").value_or("");
            g.form_xml = text.xml;
            g.form_file = text.file_name;
            form_reader.facts_of(*froot, g.facts);
        }
        if (const XmlElement* fs = root.first("facts")) facts_of(*fs, g.facts);
        if (const XmlElement* ds = root.first("documents")) {
            only(*ds, {"document"});
            for (const XmlElement* d : ds->all("document")) {
                DocumentDef doc;
                doc.id = required(*d, "id");
                doc.label = required(*d, "label");
                doc.source = d->attr("source").value_or("");
                doc.eliminating = d->attr("eliminating").value_or("oui") != "non";
                std::string ask = d->attr("complement").value_or("non");
                if (ask != "oui" && ask != "non") fail(*d, "« complement » vaut « oui » ou « non » (lu : « " + ask + " »).");
                doc.askable = ask == "oui";
                doc.line = d->line;
                g.documents.push_back(doc);
            }
        }
        if (const XmlElement* rs = root.first("rules")) {
            only(*rs, {"rule"});
            for (const XmlElement* r : rs->all("rule")) {
                only(*r, {"test", "when", "message"});
                RuleDef rule;
                rule.id = required(*r, "id");
                rule.label = required(*r, "label");
                std::string effect = r->attr("effect").value_or("eliminatoire");
                if (auto e = enum_from_code<RuleEffect>(effect)) rule.effect = *e;
                else fail(*r, "effet inconnu « " + effect + " » (eliminatoire ou vigilance).");
                rule.source = r->attr("source").value_or("");
                rule.line = r->line;
                const std::string order = r->attr("arrete").value_or("");
                if (!order.empty() && order != "applique")
                    fail(*r,
                         "« arrete » vaut « applique » (point que l'arrêté applique) ou est absent (lu : « " + order + " »).");
                rule.applied_by_order = order == "applique";
                if (auto req = r->attr("requires")) {
                    auto ids = from_canonical(FactType::CodeList, *req);
                    if (ids) rule.prerequisites = std::get<std::vector<std::string>>(*ids);
                }
                if (const XmlElement* t = r->first("test")) rule.test_text = t->text;
                if (const XmlElement* w = r->first("when")) rule.when_text = w->text;
                if (const XmlElement* m = r->first("message")) rule.message = m->text;
                g.rules.push_back(rule);
            }
        }
        for (const XmlElement* t : root.all("theme")) {
            only(*t, {"criterion", "description"});
            Theme theme;
            theme.id = required(*t, "id");
            theme.label = required(*t, "label");
            theme.line = t->line;
            if (t->attr("max")) theme.declared_max = number(*t, "max");
            if (t->attr("min")) theme.minimum = number(*t, "min");
            for (const XmlElement* c : t->all("criterion")) {
                only(*c, {"guidance", "level"});
                Criterion cr;
                cr.id = required(*c, "id");
                cr.label = required(*c, "label");
                cr.coefficient = number(*c, "coefficient");
                if (c->attr("min")) cr.minimum = number(*c, "min");
                cr.source = c->attr("source").value_or("");
                cr.line = c->line;
                if (const XmlElement* gd = c->first("guidance")) cr.guidance = gd->text;
                cr.levels = levels(*c, g);
                theme.criteria.push_back(cr);
            }
            g.themes.push_back(theme);
        }
        g.compile();
        g.cite_sources();
        return g;
    }
};

}  // namespace

Grid read_grid(const std::string& xml, const std::string& file_name, const FormLoader& forms) {
    auto root = parse_xml(xml, file_name);
    return Reader{{file_name}}.grid(*root, forms);
}

FormLoader forms_beside(const std::string& grid_path) {
    namespace fs = std::filesystem;
    fs::path dir = fs::path(grid_path).parent_path().parent_path() / "forms";
    return [dir](const std::string& id) {
        std::string path = (dir / (id + ".xml")).string();
        if (!fs::exists(path)) path = data_root() + "/forms/" + id + ".xml";
        return FormText{read_file(path, kXmlFile), path};
    };
}

Grid read_grid_file(const std::string& path) { return read_grid(read_file(path, kXmlFile), path, forms_beside(path)); }

}  // namespace cotation::io
