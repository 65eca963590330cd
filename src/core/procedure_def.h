#pragma once
// The kind of procedure a campaign follows and the authority that issues it,
// both data (procedures/*.xml, the grid's <authority/>), never code: an
// *appel à projets* of the CASF (art. L. 313-1-1, R. 313-1 et s.) has its
// articles, its « commission d'information et de sélection » and its
// deadlines; an *appel à candidatures* has the steps its own call sets. The
// core only computes with what the file declares.
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cotation {

// ---- The issuing authority ------------------------------------------------
// Its kind decides the routes of appeal printed in decisions: the decision of
// a director general of ARS can be brought before the minister in charge of
// health (recours hiérarchique); that of the president of a conseil
// départemental has no hierarchical superior.
enum class AuthorityKind { Ars, Departement, Other };
const char* authority_kind_code(AuthorityKind k);    // "ars", "departement", "autre" (stored, file names)
const char* authority_kind_label(AuthorityKind k);   // "ARS", "Département", "autre autorité"
std::optional<AuthorityKind> authority_kind_from_text(const std::string& text);   // code or label, any case

// Who signs, after « de » (« par décision de la Présidente du Conseil
// départemental de la Charente-Maritime », « auprès du Directeur général de
// l'ARS »): the signatory's title with its article contracted; empty when the
// title has no article to contract (or none is declared).
std::string signatory_genitive(const std::string& signatory_title);

struct Authority {
    AuthorityKind kind = AuthorityKind::Other;
    std::string name;                    // « Département de la Charente-Maritime »
    std::vector<std::string> address;    // postal address, one line each
    std::string signatory;               // the person who signs (may be empty)
    std::string signatory_title;         // « Le Président du Conseil départemental de la Charente-Maritime »
    std::string city;                    // where documents are signed
    std::string tribunal;                // « tribunal administratif de Poitiers »
    std::string tribunal_address;
    std::string logo;                    // path of a PNG, optional
    // The co-signatories of a joint order (CRT, arrêté du 27 avril 2022 §1.4:
    // the president of the conseil départemental of the site), one a line
    // « 16=Mme Annie Dupont »: département, civility, name, as the authority
    // declares them (parse_cosignatories); empty when none is declared.
    std::string cosignatories;

    bool operator==(const Authority&) const = default;
};

// A person's civility as the authority declares it (stored « Mme » or
// « M. », core/enums.cpp): the president of a séance, a co-signing
// president. Never guessed from a first name.
enum class Civility { Madame, Monsieur };

// A co-signing president of a conseil départemental, as declared: never a
// masculine by default nor an office without a name (trial 1011C F9: « Le
// Président du Conseil départemental de la Charente », nobody named).
struct CoSignatory {
    std::string departement;   // « 16 », « 2A »
    Civility civility = Civility::Madame;
    std::string name;          // « Annie Dupont »
    // « La Présidente du Conseil départemental de la Charente » from the
    // civility and `of_departement` (« de la Charente », fr::of_departement).
    std::string title(const std::string& of_departement) const;
};
// « 16=Mme Annie Dupont », lines or « | » between them (the CLI's form);
// the civility as typed (Mme, Madame, M., Monsieur). Throws InputError naming
// the entry and the expected form; a département given twice is refused.
std::vector<CoSignatory> parse_cosignatories(const std::string& text);
// The stored form: one « 16=Mme Annie Dupont » a line, in the order given.
std::string cosignatories_text(const std::vector<CoSignatory>& list);
// The co-signatory declared for département `code`, if any.
std::optional<CoSignatory> cosignatory_of(const Authority& a, const std::string& code);

// ---- The procedure ---------------------------------------------------------
// A due date: a named date (a campaign parameter, "campagne.date_limite" or
// "date_limite") or another step's due date, moved by days or months.
struct DueRule {
    std::string anchor;
    int days = 0;
    int months = 0;
    bool operator==(const DueRule&) const = default;
};
// "date_commission - 15 jours", "commission + 8 jours", "date_limite + 6 mois",
// "campagne.ouverture_max": the rule, or a French message saying what is wrong.
std::variant<DueRule, std::string> parse_due_rule(const std::string& text);
std::string due_rule_text(const DueRule& r);   // back to the written form

// How a step is known to be done.
enum class StepDone {
    DateReached,   // a date of the procedure: done once reached
    Recorded,      // the authority records it (cotation calendrier --etape)
    Meeting,       // the committee's vote is recorded
    Decisions,     // every dossier not refused beforehand has a decision
};
enum class StepCondition { Always, PriorRejections, Committee };

struct StepDef {
    std::string id, label, basis;
    std::optional<DueRule> due;
    bool obligation = false;     // the authority must do it (else a date of the procedure)
    bool recordable = false;     // may be recorded done by hand
    StepDone done = StepDone::DateReached;
    StepCondition when = StepCondition::Always;
    std::string file;   // where it was declared, for messages
    int line = 0;
};

// The selection committee and its rules, as the procedure or the authority
// sets them. Defaults: those of the administrative committees (décret
// n° 2006-672, art. 10 and 11) absent a rule of the committee's own.
struct CommitteeRules {
    std::string name;              // « commission d'information et de sélection »
    std::string basis;             // its legal basis, "" when the authority sets it
    bool required = true;          // false: the authority may do without one
    int quorum_percent = 50;       // members with a deliberative voice present or represented, at least
    int proxies_per_member = 1;    // mandates one member may hold (0: none)
    bool casting_vote = true;      // the president's vote settles an equal split
    std::string vote_basis, interest_basis;   // where the majority and the interests come from
    std::string opinion;           // what its ranked list is worth (« vaut avis de la commission (art. R. 313-6) »)
};

// Prior rejection before the committee, where the procedure has one.
struct GroundDef {
    std::string code;    // "hors-delai", "irregulier", "hors-sujet"
    std::string label;   // as printed, with its basis where the procedure has one
};
struct PriorRejectionRules {
    std::string name = "refus préalable";   // what the procedure calls it (« rejet avant évaluation »)
    std::string basis;   // « art. R. 313-6 du code de l'action sociale et des familles » or the call's own
    std::string by;      // who decides (« le président de la commission »)
    std::vector<GroundDef> grounds;
};

struct ProcedureDef {
    std::string id, version, nature;   // nature: « appel à projets », « appel à candidatures »
    std::string title, basis;          // what it is and the texts it follows
    std::string file;                  // where it was read from
    std::vector<StepDef> steps;        // in procedure order
    std::optional<CommitteeRules> committee;
    std::optional<PriorRejectionRules> prior_rejection;
    // Without notification by the due date of this step, the candidacy is
    // rejected (art. R. 313-7 for an appel à projets); empty: no such rule.
    std::string silence_rejects;

    const StepDef* step(const std::string& id) const;
    bool recordable(const std::string& id) const;
    // "" when `id` may be declared done by hand, else the refusal listing those that may.
    std::string record_refusal(const std::string& id) const;
    // "" when the procedure has a committee whose meeting may be recorded, else the refusal.
    std::string meeting_refusal() const;
    const GroundDef* ground(const std::string& code) const;
    std::string committee_name() const { return committee ? committee->name : std::string(); }
};

// What a grid adds to the procedure it names: the committee's name, steps of
// its own call (an opening deadline), a committee it does without.
struct ProcedureAmendment {
    std::string procedure_id;            // <grid procedure="…">
    std::optional<std::string> committee_name;
    bool no_committee = false;
    std::vector<StepDef> steps;          // added (or replacing a step of the same id)
    std::vector<std::string> after;      // for each added step: the step it follows ("" = at the end)
};

// The procedure as the campaign follows it. Throws InputError (naming the
// grid's file and line) when a step refers to a step that does not exist.
ProcedureDef amend_procedure(ProcedureDef base, const ProcedureAmendment& amendment);
// Checks that every due date refers to a known step or to a date; names the
// file and line of the step at fault. `date_names`: the dates a campaign can set.
void check_procedure(const ProcedureDef& p);

}  // namespace cotation
