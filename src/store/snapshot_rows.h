#pragma once
// From the rows of a campaign's tables to its snapshot, and the texts its
// writers journal, shared by both back ends (SQLite file, PostgreSQL server):
// each gives its own queries (same columns, its own types and order) and a
// way to run them; what a row means is written once here.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "campaign_store.h"

namespace cotation::rows {

// One row of a result, read by column number.
class Row {
public:
    virtual ~Row() = default;
    virtual std::string text(int col) const = 0;
    virtual std::int64_t integer(int col) const = 0;
    virtual bool flag(int col) const = 0;   // a boolean column (0/1 on SQLite, boolean on PostgreSQL)
};

// Runs one query of a back end and calls `each` per row, in the order the
// query gives.
using RunQuery = std::function<void(const char* sql, const std::function<void(const Row&)>& each)>;

// Each back end's query for each part of the snapshot. Columns, in order:
struct SnapshotQueries {
    const char* campaign;        // reference, title, grid_xml, grid_name, form_xml, form_name, procedure_name,
                                 // procedure_xml, created_at (date first), then the authority's columns (authority_from),
                                 // then territory_rules IS NOT NULL, its text ('' when NULL), territory_rules_name
    const char* parameters;      // name, value
    const char* dossiers;        // id, reference, organisme, siret, finess, commune (by id)
    const char* facts;           // dossier_id, fact, value
    const char* documents;       // dossier_id, document
    const char* ratings;         // dossier_id, reviewer name, criterion, value, justification
    const char* people;          // name, role, organisation, deliberative, account
    const char* assignments;     // dossier_id, reviewer
    const char* conflicts;       // reviewer, organisme, declaration, declared_on, declared_by, identifiers
    const char* submissions;     // dossier_id, reviewer
    const char* decisions;       // dossier_id, kind, motive, decided_on, places, committee_opinion, departure_reason, author
    const char* consolidation;   // dossier_id, criterion, value, reason, author
};

// The procedure's part (also read alone, for the meeting a writer replaces).
struct ProcedureQueries {
    const char* prior_rejections;   // dossier_id, ground, motive, decided_on, author
    const char* steps;              // step, done_on
    const char* meeting;            // held_on, president, president_civility, voted_rules, voted_allocation, voted_vigilance
    const char* attendance;         // member, presence, proxy
    const char* votes;              // member, vote
    const char* observations;       // member, text (in order)
    const char* voted;              // reference, rank, total, opinion (in order)
    const char* opinions;           // dossier_id, member, opinion, comment (by dossier, member)
};

// Plain SQL, as SQLite runs it; PostgreSQL replaces what its types and
// collations need (pg_store.cpp).
extern const SnapshotQueries kSnapshotQueries;
extern const ProcedureQueries kProcedureQueries;

// `shown` names the campaign in messages (a path, or a URI without password).
CampaignSnapshot read_snapshot(const RunQuery& run, const SnapshotQueries& q, const ProcedureQueries& p,
                               const std::string& shown);
void read_procedure(const RunQuery& run, const ProcedureQueries& p, const std::string& shown, CampaignSnapshot& s);
// columns from `first`: authority, signatory, city, authority_kind, authority_address, signatory_title, tribunal,
// tribunal_address, logo, cosignatories
Authority authority_from(const Row& r, int first = 0);

// Text forms shared by the readers and the writers of both back ends.
std::vector<std::string> split_lines(const std::string& text);
std::string join_lines(const std::vector<std::string>& lines);
// Journal name of each field of the authority, with its stored text.
std::vector<std::pair<std::string, std::string>> authority_fields(const Authority& a);
const char* authority_column(const std::string& field);   // its column in campaign
std::string facts_text(const FactValues& f);
// The journal's text of a campaign's creation and of a dossier's identity.
std::string creation_text(const Campaign& campaign, const PinnedGrid& grid);
std::string dossier_identity_text(const Dossier& d);
// A fact a dossier's correction changes, as stored (canonical text; empty
// when absent): both back ends write these and journal each one.
struct FactChange {
    std::string fact, before, after;
};
std::vector<FactChange> fact_changes(const Dossier& before, const Dossier& after);
// The journal's text of a meeting.
std::string meeting_text(const Meeting& m);
// Meeting::voted_rules as its column keeps them: one a line.
std::string rules_text(const Meeting& m);
// Meeting::voted_vigilance, one a line; the allocation voted as its column keeps it.
std::string vigilance_text(const Meeting& m);
std::string allocation_text(const Meeting& m);
std::string civility_code(const Meeting& m);   // « Mme », « M. » or empty: the stored column

}  // namespace cotation::rows
