// Session: orders (arrêtés) and requests for missing pieces (issue 11). In
// its own file so that session.cpp keeps the campaign's core.
#include <filesystem>

#include "app/session.h"
#include "app/session_internal.h"
#include "core/journal_grammar.h"
#include "core/campaign_rules.h"
#include "core/error.h"
#include "core/french.h"
#include "core/campaign_dates.h"
#include "core/pieces_dates.h"
#include "io/paths.h"
#include "report/orders.h"

namespace cotation {

namespace {
// A request is a procedure step of its own, keyed by the dossier's id (a
// reference may be renamed): no new table.
std::string pieces_key(std::int64_t dossier_id) { return "pieces/" + std::to_string(dossier_id); }
std::string received_key(std::int64_t dossier_id) { return "pieces-recues/" + std::to_string(dossier_id); }
}  // namespace

report::DocumentBatch Session::write_orders(const std::string& out_dir, const std::string& only_reference,
                                            report::Format format) {
    require_no_outside_change("aucun document n'a été écrit");   // also from the window (trial 13b F18)
    auto on = letters_date();
    if (!on)
        throw InputError("Un arrêté est daté par sa décision ou par la campagne, jamais par l'horloge : renseignez "
                         "campagne.date_courrier (cotation param FICHIER campagne.date_courrier=JJ/MM/AAAA).");
    report::LetterContext ctx = letter_context(*on, true);
    auto batch = report::write_orders(ctx, out_dir, only_reference, format);
    if (!batch.written.empty()) {
        auto more = authority_warnings();
        if (auto w = order_visa_warning(ctx.committee_known, snap_.meeting.has_value()); !w.empty()) more.insert(more.begin(), w);
        batch.warnings.insert(batch.warnings.begin(), more.begin(), more.end());
    }
    return batch;
}

std::optional<Date> Session::pieces_requested(std::int64_t dossier_id) const {
    auto it = snap_.steps_done.find(pieces_key(dossier_id));
    return it == snap_.steps_done.end() ? std::nullopt : std::optional<Date>(it->second);
}

std::optional<Date> Session::pieces_received(std::int64_t dossier_id) const {
    auto it = snap_.steps_done.find(received_key(dossier_id));
    return it == snap_.steps_done.end() ? std::nullopt : std::optional<Date>(it->second);
}

PiecesStatus Session::pieces(std::int64_t dossier_id, std::optional<Date> on) const {
    const Dossier* d = &known_dossier(dossier_id);
    auto requested = pieces_requested(dossier_id);
    // An answer recorded before the latest request belongs to an earlier one.
    auto received = pieces_received(dossier_id);
    if (received && requested && *received < *requested) received.reset();
    return pieces_status(grid_, *d, requested, pieces_delay_days(snap_.campaign), on ? *on : today(), received);
}

PiecesStatus Session::receive_pieces(std::int64_t dossier_id, const std::set<std::string>& ids, const Date& on,
                                     const std::string& motive, const std::string& actor) {
    // The pieces ticked and the receipt dated in one transaction: both or neither.
    auto w = writing();
    Dossier d = known_dossier(dossier_id);
    // Asked or not, pieces are received on a day that has come (trial 13c F11).
    if (auto why = done_after_today_problem("Réception des pièces", on, today()); !why.empty())
        throw InputError("Dossier « " + d.reference + " » : " + why);
    PiecesStatus st = pieces(dossier_id, on);
    bool late = false;
    if (st.requested) {
        if (auto why = pieces_receipt_problem(st, on, today()); !why.empty())
            throw InputError("Dossier « " + d.reference + " » : " + why);
        late = pieces_late(st, on);
    }
    // Late pieces are ticked only by a motivated decision: the request letter
    // announced the dossier irrecevable without them in the delay.
    if (!late || fr::given(motive)) {
        d.documents.insert(ids.begin(), ids.end());
        update_dossier(d, actor);
    }
    if (st.requested) {
        authenticate(actor);
        store_->record_step(received_key(dossier_id), on,
                            journal_text::with_note(journal_actor(actor),
                                                    late && fr::given(motive)
                                                        ? "pièces reçues hors délai admises : " + fr::trim(motive)
                                                        : std::string()));
        snap_.steps_done[received_key(dossier_id)] = on;
        invalidate();
    }
    return pieces(dossier_id);
}

void Session::request_pieces(std::int64_t dossier_id, const Date& on, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);   // bound to this account (issue 13.4)
    std::string refusal = snap_.team.may_coordinate(actor);
    if (!refusal.empty()) throw InputError(refusal);
    const Dossier* d = &known_dossier(dossier_id);
    if (auto why = done_after_today_problem("Demande de pièces", on, today()); !why.empty())   // trial 13c F11
        throw InputError("Dossier « " + d->reference + " » : " + why);
    session_detail::require(pieces_request_moment_refusal(d->reference, on, date_parameter(param::kDeadline),
                                          snap_.prior_rejections.count(dossier_id) > 0));
    if (auto why = pieces_request_date_problem(calendar_dates(), on, pieces_requested(dossier_id)); !why.empty())
        throw InputError("Dossier « " + d->reference + " » : " + why);
    auto st = pieces_status(grid_, *d, pieces_requested(dossier_id), pieces_delay_days(snap_.campaign), on);
    if (auto why = pieces_request_refusal(st, d->reference); !why.empty()) throw InputError(why);
    store_->record_step(pieces_key(dossier_id), on, journal_actor(actor));
    snap_.steps_done[pieces_key(dossier_id)] = on;
    invalidate();
}

std::set<std::int64_t> Session::awaiting_pieces(const Date& on) const {
    std::set<std::int64_t> out;
    for (const auto& d : snap_.dossiers)
        if (pieces_requested(d.id) && pieces(d.id, on).awaiting()) out.insert(d.id);
    return out;
}

report::DocumentBatch Session::write_pieces_requests(const std::string& out_dir, const std::string& only_reference,
                                                     report::Format format) {
    require_no_outside_change("aucun document n'a été écrit");   // also from the window (trial 13b F18)
    const Ranking& r = committee_proposal();
    Date on = today();
    std::vector<report::PiecesJob> jobs;
    bool known = only_reference.empty();
    for (const auto* list : {&r.ranked, &r.pending, &r.ineligible})
        for (const auto& e : *list) {
            const Dossier& d = snap_.dossiers[e.dossier];
            if (!only_reference.empty() && d.reference != only_reference) continue;
            known = true;
            if (!pieces_requested(d.id)) {
                if (!only_reference.empty())
                    throw InputError("Dossier « " + d.reference +
                                     " » : aucune demande de pièces enregistrée (cotation pieces FICHIER --dossier " +
                                     d.reference + " --demander).");
                continue;
            }
            PiecesStatus st = pieces(d.id, on);
            // Every awaiting request; a named dossier's letter even after its answer (a copy).
            if (only_reference.empty() && !st.awaiting()) continue;
            jobs.push_back({&e, st});
        }
    if (!known) throw InputError(unknown_dossier(only_reference));
    report::LetterContext ctx = letter_context(letter_date(), false);
    auto batch = report::write_pieces_requests(ctx, jobs, out_dir, format);
    if (!batch.written.empty()) {
        auto more = authority_warnings();
        batch.warnings.insert(batch.warnings.begin(), more.begin(), more.end());
    }
    return batch;
}

}  // namespace cotation
