// The dossiers and ratings a person brings in: a CSV file of dossiers or of
// ratings, a dossier added or changed in its form (split from session.cpp,
// which keeps opening, loading and the ranking's cache).
#include "session.h"

#include <map>
#include <set>

#include "app/session_internal.h"
#include "core/journal_grammar.h"
#include "core/campaign_dates.h"
#include "core/campaign_rules.h"
#include "core/dossier.h"
#include "core/error.h"
#include "core/french.h"
#include "core/invisible.h"
#include "io/imports.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"
#include "io/xml_tree.h"

namespace cotation {
using session_detail::require;

std::size_t Session::import_dossiers_file(const std::string& csv_path, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_instruct(actor));
    require(dossier_addition_refusal(snap_.decisions.size(), "Import « " + csv_path + " »"));
    auto text = io::decode_text(io::read_csv_file(csv_path), csv_path);
    auto ds = io::import_dossiers_csv(grid_, io::ReferenceData::instance(), text.utf8, csv_path,
                                      [&](const std::string& reference) { return find(reference).has_value(); },
                                      // Received before the call was opened: a typing error (core/campaign_dates.h).
                                      // Nor after today (trial 13c F11: a dossier « received » in 2031).
                                      [&](const Date& received) {
                                          std::string why = receipt_problem(calendar_dates(), received);
                                          return why.empty() ? done_after_today_problem("réception du dossier", received, today())
                                                             : why;
                                      });
    import_notice_ = text.notice;
    for (const auto& d : ds)
        require(
            reference_refusal(snap_.dossiers, d.reference, 0, fr::shown_path(csv_path) + ", dossier " + fr::quote(d.reference)));
    store_->add_dossiers(ds, journal_actor(actor));
    load();
    // One SIRET or FINESS for several organisations: said, not refused (trial 13 F26).
    std::vector<std::string> added;
    for (const auto& d : ds) added.push_back(d.reference);
    for (const auto& warning : session_detail::import_warnings(snap_.dossiers, added))
        import_notice_ += (import_notice_.empty() ? "" : "\n") + warning;
    return ds.size();
}

std::size_t Session::import_ratings_file(const std::string& csv_path, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    // With a team, an instructor imports his own grid; the coordinator may
    // import the grids she collected, each still from an assigned reviewer
    // without a declared link, and the journal says she typed them (trial #13).
    const bool collects = !snap_.team.open_mode() && snap_.team.may_coordinate(actor).empty();
    std::map<std::string, std::int64_t> ids;
    for (const auto& d : snap_.dossiers) ids[d.reference] = d.id;
    // Names already known (team, earlier ratings) keep their spelling.
    std::vector<std::string> known;
    for (const auto& [name, p] : snap_.team.people) known.push_back(name);
    for (const auto& r : snap_.ratings) known.push_back(r.reviewer);
    auto text = io::decode_text(io::read_csv_file(csv_path), csv_path);
    // Each line's right to rate is checked with the others, so that every
    // erroneous line is listed with its number.
    auto may_rate = [&](const Rating& r) {
        std::string why = not_refused(r.dossier_id);
        if (why.empty())
            why = snap_.team.may_rate(collects ? r.reviewer : actor, r.reviewer, r.dossier_id, organisation_of(r.dossier_id));
        return why;
    };
    auto rs = io::import_ratings_csv(grid_, ids, text.utf8, csv_path, known, may_rate);
    import_notice_ = text.notice;
    // One journal « who » per reviewer: « saisi par Nadia pour Claire ».
    std::map<std::string, std::vector<Rating>> by_reviewer;
    for (const auto& r : rs) by_reviewer[r.reviewer].push_back(r);
    for (const auto& [reviewer, some] : by_reviewer)
        store_->put_ratings(some, collects && reviewer != actor
                                      ? journal_text::keyed_for(journal_actor(actor), reviewer)
                                      : journal_actor(actor));
    load();
    return rs.size();
}

std::int64_t Session::add_dossier(const Dossier& d, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_instruct(actor));
    require(dossier_texts_refusal(d, "Nouveau dossier"));   // the rule of names and texts (trial 13g G2)
    require(dossier_addition_refusal(snap_.decisions.size(), "Nouveau dossier « " + d.reference + " »"));
    require(reference_refusal(snap_.dossiers, d.reference, 0, "Nouveau dossier"));
    auto ids = store_->add_dossiers({d}, journal_actor(actor));
    Dossier copy = d;
    copy.id = ids.front();
    snap_.dossiers.push_back(std::move(copy));
    position_of_[ids.front()] = snap_.dossiers.size() - 1;
    invalidate();
    return ids.front();
}

void Session::update_dossier(const Dossier& d, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_instruct(actor));
    auto pos = position_of_.find(d.id);
    if (pos == position_of_.end()) throw InputError(unknown_dossier(d.reference));
    auto it = snap_.dossiers.begin() + static_cast<long>(pos->second);
    require(dossier_texts_refusal(d, "Dossier " + fr::quote(it->reference)));
    require(reference_refusal(snap_.dossiers, d.reference, d.id, "Dossier " + fr::quote(it->reference)));
    store_->update_dossier(*it, d, journal_actor(actor));
    *it = d;
    invalidate();
}

bool Session::update_dossier_fields(const Dossier& typed, const std::set<std::string>& fields, const std::string& actor) {
    if (fields.empty()) return false;
    auto w = writing();   // the dossier as it stands inside the transaction: the others' changes are kept
    authenticate(actor);
    require(snap_.team.may_instruct(actor));
    auto pos = position_of_.find(typed.id);
    if (pos == position_of_.end()) throw InputError(unknown_dossier(typed.reference));
    auto it = snap_.dossiers.begin() + static_cast<long>(pos->second);
    Dossier merged = merged_dossier(*it, typed, fields);
    require(dossier_texts_refusal(merged, "Dossier " + fr::quote(it->reference)));
    require(reference_refusal(snap_.dossiers, merged.reference, merged.id, "Dossier " + fr::quote(it->reference)));
    store_->update_dossier(*it, merged, journal_actor(actor));
    *it = std::move(merged);
    invalidate();
    return true;
}

}  // namespace cotation
