#include "grid_writer.h"

#include <sstream>

#include "core/french.h"
#include "core/enums.h"

namespace cotation::io {
namespace {
std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}
std::string attr(const char* name, const std::string& v) {
    return v.empty() ? "" : std::string(" ") + name + "=\"" + esc(v) + "\"";
}
std::string fact_attrs(const FactDef& f) {
    std::string s = attr("id", f.id) + attr("type", fact_type_name(f.type)) + attr("unit", f.unit);
    if (f.min) s += attr("min", f.min->canonical());
    if (f.max) s += attr("max", f.max->canonical());
    std::string choices = fr::join(f.choices, " ");
    std::string labels;
    labels += fr::join(f.choice_labels, " | ");
    s += attr("reference", f.departement_codes ? "departements" : "");
    s += attr("lines", f.lines > 1 ? std::to_string(f.lines) : "") + attr("digits", f.digits ? std::to_string(f.digits) : "");
    return s + attr("choices", choices) + attr("choice-labels", labels) + attr("label", f.label) + attr("source", f.source);
}
// What the grid adds to its procedure and the authority it names (read by
// io/procedure_reader.cpp), so that an edited grid keeps them.
void write_procedure_and_authority(std::ostringstream& x, const Grid& g) {
    const ProcedureAmendment& a = g.procedure;
    if (a.no_committee || a.committee_name || !a.steps.empty()) {
        x << "  <procedure" << attr("committee", a.no_committee ? "aucune" : a.committee_name.value_or("")) << ">\n";
        for (std::size_t i = 0; i < a.steps.size(); ++i) {
            const StepDef& s = a.steps[i];
            const char* done = enum_code(s.done);
            const char* when = s.when == StepCondition::Always ? "" : enum_code(s.when);
            x << "    <step" << attr("id", s.id) << attr("after", i < a.after.size() ? a.after[i] : "") << attr("label", s.label)
              << attr("basis", s.basis) << attr("due", s.due ? due_rule_text(*s.due) : "")
              << attr("obligation", s.obligation ? "oui" : "") << attr("done", done) << attr("when", when) << "/>\n";
        }
        x << "  </procedure>\n";
    }
    if (const auto& au = g.default_authority) {
        x << "  <authority" << attr("kind", authority_kind_code(au->kind)) << attr("name", au->name)
          << attr("signatory", au->signatory) << attr("signatory-title", au->signatory_title) << attr("city", au->city)
          << attr("tribunal", au->tribunal) << attr("tribunal-address", au->tribunal_address) << attr("logo", au->logo);
        if (au->address.empty()) x << "/>\n";
        else {
            x << ">\n";
            for (const auto& l : au->address) x << "    <line>" << esc(l) << "</line>\n";
            x << "  </authority>\n";
        }
    }
}
}  // namespace

std::string write_grid_xml(const Grid& g) {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x << "<grid" << attr("id", g.id) << attr("version", g.version) << attr("status", g.status) << attr("title", g.title)
      << attr("authority", g.authority) << attr("source", g.source) << attr("form", g.form_id)
      << attr("procedure", g.procedure.procedure_id)
      << attr("scale-max", std::to_string(g.scale_max)) << attr("total", g.max_total().canonical()) << ">\n";
    write_procedure_and_authority(x, g);
    if (!g.sources.empty()) {
        x << "  <sources>\n";
        for (const auto& s : g.sources)
            x << "    <source" << attr("file", s.file) << attr("title", s.title) << attr("visa", s.visa) << "/>\n";
        x << "  </sources>\n";
    }
    if (!g.key_facts.empty()) {
        std::string ids = fr::join(g.key_facts, " ");
        x << "  <key-facts>" << esc(ids) << "</key-facts>\n";
    }
    if (!g.parameters.empty()) {
        x << "  <parameters>\n";
        for (const auto& p : g.parameters)
            x << "    <parameter" << fact_attrs(p.def) << attr("value", to_canonical(p.default_value))
              << attr("role", parameter_role_name(p.role)) << "/>\n";
        x << "  </parameters>\n";
    }
    bool own_facts = false;
    for (const auto& f : g.facts) own_facts = own_facts || (f.file.empty() || f.file == g.file);
    if (own_facts) {
        x << "  <facts>\n";
        for (const auto& f : g.facts) {
            if (!(f.file.empty() || f.file == g.file) || f.derived || !f.group.empty()) continue;
            x << "    <fact" << fact_attrs(f)
              << (f.help.empty() ? "/>\n" : ">\n      <help>" + esc(f.help) + "</help>\n    </fact>\n");
        }
        x << "  </facts>\n";
    }
    if (!g.documents.empty()) {
        x << "  <documents>\n";
        for (const auto& d : g.documents)
            x << "    <document" << attr("id", d.id) << attr("label", d.label) << attr("source", d.source)
              << (d.eliminating ? "" : " eliminating=\"non\"") << (d.askable ? " complement=\"oui\"" : "") << "/>\n";
        x << "  </documents>\n";
    }
    if (!g.rules.empty()) {
        x << "  <rules>\n";
        for (const auto& r : g.rules) {
            x << "    <rule" << attr("id", r.id) << attr("effect", enum_code(r.effect))
              << attr("label", r.label) << attr("source", r.source);
            std::string prerequisites = fr::join(r.prerequisites, " ");
            x << attr("requires", prerequisites) << (r.applied_by_order ? " arrete=\"applique\"" : "") << ">\n";
            if (!r.when_text.empty()) x << "      <when>" << esc(r.when_text) << "</when>\n";
            x << "      <test>" << esc(r.test_text) << "</test>\n";
            if (!r.message.empty()) x << "      <message>" << esc(r.message) << "</message>\n";
            x << "    </rule>\n";
        }
        x << "  </rules>\n";
    }
    x << "  <levels>\n";
    for (std::size_t i = 0; i < g.default_levels.size(); ++i)
        x << "    <level value=\"" << i + static_cast<std::size_t>(g.scale_min) << "\">" << esc(g.default_levels[i])
          << "</level>\n";
    x << "  </levels>\n";
    for (const auto& t : g.themes) {
        x << "  <theme" << attr("id", t.id) << attr("label", t.label) << attr("max", g.theme_max(t).canonical())
          << attr("min", t.minimum ? t.minimum->canonical() : "") << ">\n";
        for (const auto& c : t.criteria) {
            x << "    <criterion" << attr("id", c.id) << attr("label", c.label) << attr("coefficient", c.coefficient.canonical())
              << attr("min", c.minimum ? c.minimum->canonical() : "") << attr("source", c.source);
            bool own_levels = false;
            for (std::size_t i = 0; i < c.levels.size(); ++i)
                own_levels = own_levels || (i < g.default_levels.size() && c.levels[i] != g.default_levels[i]);
            if (c.guidance.empty() && !own_levels) {
                x << "/>\n";
                continue;
            }
            x << ">\n";
            if (!c.guidance.empty()) x << "      <guidance>" << esc(c.guidance) << "</guidance>\n";
            if (own_levels)
                for (std::size_t i = 0; i < c.levels.size(); ++i)
                    if (i >= g.default_levels.size() || c.levels[i] != g.default_levels[i])
                        x << "      <level value=\"" << i + static_cast<std::size_t>(g.scale_min) << "\">" << esc(c.levels[i])
                          << "</level>\n";
            x << "    </criterion>\n";
        }
        x << "  </theme>\n";
    }
    x << "</grid>\n";
    return x.str();
}

}  // namespace cotation::io
