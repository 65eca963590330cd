#pragma once
// A scoring grid: eligibility rules, required documents, the facts a dossier
// carries, and themes of weighted criteria rated on the grid's scale (0 to
// `scale-max`, 5 unless declared). Built by a
// reader (src/io) from a data file, then checked and compiled here.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "expr.h"
#include "fact.h"
#include "procedure_def.h"
#include "rational.h"

namespace cotation {

struct Criterion {
    std::string id;          // "II.4"
    std::string label;
    Rational coefficient;
    std::string guidance;    // the annex's comment
    std::string source;
    std::vector<std::string> levels;  // descriptor of each level, scale_min..scale_max
    std::optional<Rational> minimum;  // note éliminatoire: lowest consolidated rating accepted
    int line = 0;
};

struct Theme {
    std::string id;          // "II"
    std::string label;
    std::optional<Rational> declared_max;
    std::optional<Rational> minimum;  // note éliminatoire: lowest theme total accepted, in points
    std::vector<Criterion> criteria;
    int line = 0;
};

struct DocumentDef {
    std::string id;
    std::string label;
    std::string source;
    bool eliminating = true;   // missing => dossier incomplete and not ranked
    // The authority may ask for it after the deadline (attribute
    // complement="oui"): a piece that does not change the project (an
    // administrative piece), unlike the project itself (core/pieces.h).
    bool askable = false;
    int line = 0;
};

enum class RuleEffect { Eliminating, Attention };

struct RuleDef {
    std::string id;
    std::string label;
    RuleEffect effect = RuleEffect::Eliminating;
    std::string source;
    std::string test_text, when_text;   // as written
    // Shown when the rule fails. "{valeurs}" stands for the values the test
    // compared (added in parentheses at the end when absent); "{fait}" for
    // the value of a fact or parameter, in French.
    std::string message;
    // Rules this one follows from (attribute requires="volets"): when one of
    // them fails, this one is not evaluated, so that one cause gives one
    // ground. Each must be declared before it.
    std::vector<std::string> prerequisites;
    // A vigilance point the decision applies rather than one the carrier
    // lifts (attribute arrete="applique"): a price above the call's daily
    // ceiling caps the complement (UPHV §4.2). Orders say it apart, never as
    // a non-conformity (trial 1011G m8); the team's documents list it as any point.
    bool applied_by_order = false;
    int line = 0;
    std::optional<Expr> test, when;     // compiled by Grid::compile
};

// What a parameter is for, when the core must find it without knowing its
// name (attribute role="…" of <parameter>).
enum class ParameterRole {
    None,
    Capacity,          // "capacite": places to allocate, measured by the dossiers' "places"
    CapacityDossiers,  // "capacite-dossiers": dossiers to retain (CRT missions): each counts 1
    Unit,              // "unite": places are granted in whole units of this size (UPHV: 8 beds)
    Cap,               // "plafond": the most granted a year per unit (else per place): UPHV 44 000 €, ACT 12 600 €
};

const char* parameter_role_name(ParameterRole r);   // "" for None
std::optional<ParameterRole> parameter_role_from_name(const std::string& name);   // "" gives None

// A text the grid cites (<sources>): the file name a source attribute uses
// and the title a reader can follow.
struct SourceTitle {
    std::string file;    // "004_96637afb2dcc3432.txt"
    std::string title;   // "Cahier des charges de l'AAC n°1/2019 du Département de la Charente-Maritime"
    int line = 0;
    // How an order (arrêté) cites it in its visas, without « Vu » (attribute
    // visa="le cahier des charges …, notamment son §4-1"); empty: not a visa.
    std::string visa = {};
};

struct ParameterDef {
    FactDef def;               // id starts with "campagne."
    Value default_value;
    ParameterRole role = ParameterRole::None;
    // Relations to the other parameters (core/parameter_rules.h): at most
    // this parameter (max-parameter="…"), codes of existing départements
    // (reference="departements").
    std::string at_most;
    bool departement_codes = false;
};

struct Grid {
    std::string id, version, title, authority, source;
    std::string status;        // "officielle" (text of the call) or "proposition"
    int scale_min = 0, scale_max = 5;
    std::optional<Rational> declared_total;
    std::string file;          // where it was read from, for messages
    int line = 0;
    // The dossier form the grid uses (forms/<form_id>.xml), pinned with it.
    std::string form_id, form_version, form_title, form_xml, form_file;
    // The procedure the call follows (<grid procedure="…">, procedures/<id>.xml)
    // and what the call adds to it (<procedure> element); the issuing
    // authority a campaign starts with (<authority> element).
    ProcedureAmendment procedure;
    std::optional<Authority> default_authority;

    std::vector<ParameterDef> parameters;
    std::vector<FactDef> facts;          // declared by the grid
    std::vector<DocumentDef> documents;
    std::vector<RuleDef> rules;
    std::vector<Theme> themes;
    std::vector<std::string> default_levels;
    std::vector<SourceTitle> sources;      // titles of the texts cited
    std::vector<std::string> key_facts;    // <key-facts>: figures shown to the committee (price, places…)
    int key_facts_line = 0;

    // A source as a reader can follow it: the file name replaced by the
    // text's title, a numbered section marked "§":
    // "004_….txt, 4-1 : « … »" -> "Cahier des charges …, §4-1 : « … »".
    std::string cite(const std::string& source) const;
    // Whether a source cites one of the texts (<sources>, by file name or
    // title) rather than a proposal of the grid: a figure the call fixes, a
    // piece the call requires.
    bool cites_a_text(const std::string& source) const;
    // Applies cite() to every source of the grid, its parameters and form.
    void cite_sources();

    // Facts every dossier has, whatever the call. A grid may declare one of
    // them again (same type) to give it its own label, unit or range.
    static const std::vector<FactDef>& builtin_facts();
    // Dates of the procedure every campaign may set (publication, deadline, …).
    static const std::vector<FactDef>& procedure_parameters();
    static bool is_builtin(const std::string& id);
    // The built-in facts as this grid labels them, in their usual order.
    std::vector<const FactDef*> identity_facts() const;

    // Checks consistency and compiles rules. Throws GridError naming file,
    // line and element: duplicate ids, coefficient <= 0, a theme maximum or
    // total that contradicts its criteria, unknown facts in rules, type errors.
    void compile();

    const FactDef* fact(const std::string& name) const;   // builtin, declared or parameter
    // The parameter declared with this role, if any. Without a declared
    // capacity, "campagne.places" is the capacity (grids written before roles).
    const ParameterDef* parameter_with(ParameterRole role) const;
    const Criterion* criterion(const std::string& name) const;
    std::size_t criterion_count() const;
    // Position of a criterion in grid order (the index into DossierScore::criteria).
    std::optional<std::size_t> criterion_index(const std::string& id) const;
    Rational theme_max(const Theme& t) const;
    Rational max_total() const;
    // The scale as users read it: "0 à 10".
    std::string scale_text() const;
    // What a reviewer chooses from for `c`, one entry per level from
    // scale_min to scale_max: "8 — Très bon" (the value alone without a
    // descriptor). The rating view builds its buttons from it.
    std::vector<std::string> level_choices(const Criterion& c) const;
};

}  // namespace cotation
