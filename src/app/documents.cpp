#include "documents.h"

#include "app/accounts.h"
#include "core/meeting_rules.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "app/session.h"
#include "app/territory.h"
#include "core/read_rules.h"
#include "core/campaign_dates.h"
#include "core/error.h"
#include "core/french.h"
#include "io/paths.h"
#include "report/committee.h"
#include "report/document_names.h"
#include "report/letters.h"
#include "report/orders.h"

namespace cotation {

namespace {
std::string templates_dir() { return io::data_root() + "/templates"; }

Date dated(const std::optional<Date>& d, const std::string& what, const std::string& parameter) {
    if (d) return *d;
    throw InputError(what + " est daté par la campagne, jamais par l'horloge : renseignez " + parameter +
                     " (cotation param FICHIER " + parameter + "=JJ/MM/AAAA).");
}
}  // namespace

// ---- The Session's jobs (declared in session.h) ----

report::LetterContext Session::letter_context(const Date& on, bool with_head) {
    report::LetterContext ctx{grid_, snap_.campaign, snap_.dossiers, committee_proposal(), on, templates_dir(), &snap_.decisions};
    if (with_head) ctx.journal_head = store_->journal_head().short_text();   // under a head kept outside (trial 13c F1)
    ctx.parameter_changes = parameter_changes();
    // The order's visa cites the meeting recorded, never a planned date (trial findings 20, 37).
    ctx.committee_known = snap_.campaign.procedure.committee.has_value();
    if (snap_.meeting) ctx.committee_sat = snap_.meeting->date;
    return ctx;
}

std::vector<report::DocumentJob> Session::letter_jobs(const std::string& out_dir, const std::string& only_reference,
                                                      report::Format format) {
    Date on = dated(letters_date(), "Un courrier", param::kLettersDate);
    report::LetterContext ctx = letter_context(on, true);
    // No letter of ineligibility while a request for missing pieces awaits its answer.
    auto awaiting = awaiting_pieces(today());
    ctx.awaiting_pieces = &awaiting;   // read while the jobs are made, not after
    return report::letter_jobs(ctx, out_dir, only_reference, 0, format);
}

report::CommitteeContext Session::committee_context(const Date& on, bool steps) {
    // After a séance whose allocation was replaced since, the documents show
    // the proposal as voted (its opinions, reasons and partial grants), as the
    // committee file's map does; today's differences are listed apart (trial 1011F N1).
    const Ranking* proposal = &committee_proposal();
    if (steps && snap_.meeting && !snap_.meeting->votes.empty() && snap_.meeting->allocation_kept &&
        !allocation_since_vote().empty()) {
        voted_proposal_ = *proposal;
        std::map<std::string, const VotedEntry*> voted;
        for (const auto& v : snap_.meeting->voted) voted[v.reference] = &v;
        for (auto& e : voted_proposal_->ranked) {
            const auto it = voted.find(snap_.dossiers[e.dossier].reference);
            if (it == voted.end() || !it->second->opinion) continue;
            if (e.proposal != Proposal::Retained && e.proposal != Proposal::NotRetained) continue;
            const bool retained = *it->second->opinion == DecisionKind::Retained;
            e.proposal = retained ? Proposal::Retained : Proposal::NotRetained;
            e.proposal_reason = retained ? "" : it->second->reason;
            e.proposed_places = retained ? Rational::from_canonical(it->second->places) : std::nullopt;
        }
        proposal = &*voted_proposal_;
    }
    report::CommitteeContext ctx{grid_,
                                 snap_.campaign,
                                 snap_.dossiers,
                                 *proposal,
                                 &solidity(),
                                 meeting_team(),   // as the séance recorded it (trial 15g G4)
                                 snap_.meeting,
                                 meeting_check(),
                                 snap_.opinions,
                                 snap_.decisions,
                                 steps ? calendar(on) : std::vector<CalendarStep>{},
                                 steps ? changes_since_vote() : std::vector<std::string>{},
                                 on,
                                 templates_dir()};
    ctx.journal_head = store_->journal_head().short_text();
    // Awaiting their pieces on the document's date: apart, not irrecevable (trial finding 12).
    if (steps)
        for (std::int64_t id : awaiting_pieces(on)) ctx.awaiting_pieces[id] = pieces_verdict(pieces(id, on));
    // The variant voted on, as kept with the vote (trial 1011D), and an
    // allocation recorded after the séance apart, under « Modifié après la séance ».
    if (steps && snap_.meeting && !snap_.meeting->voted.empty() && snap_.meeting->allocation_kept) {
        ctx.voted_variant = snap_.meeting->voted_allocation;
        ctx.allocation_since_vote = allocation_since_vote();
    }
    // A vote recorded before the allocation was kept with it: the vote was on
    // the coordinator's variant when its opinions retain exactly what the
    // variant retains: the minutes say so, with the rules it departs from and
    // its motive (trial 1011B F8).
    else if (steps && snap_.meeting && !snap_.meeting->voted.empty()) {
        TerritoryStudy t(*this);
        if (const auto& r = t.recorded(); r && r->followed == allocation::Followed::Variant) {
            std::vector<std::string> advised;
            for (const auto& e : snap_.meeting->voted)
                if (e.opinion == DecisionKind::Retained) advised.push_back(e.reference);
            auto sorted = [](std::vector<std::string> v) {
                std::sort(v.begin(), v.end());
                return v;
            };
            if (sorted(advised) == sorted(r->retained)) {
                const std::string departs = t.reason_needed(t.recorded_variant());
                ctx.voted_variant = report::as_sentence(
                    "Le classement a été soumis au vote avec la répartition de la variante du coordonnateur, qui retient " +
                    (r->retained.empty() ? std::string("aucun dossier") : fr::join(r->retained, ", ", "et")) +
                    (departs.empty() ? "" : " ; " + departs) + (r->reason.empty() ? "" : " ; motif donné : " + r->reason));
            }
        }
    }
    ctx.allocation_rules = allocation_rule_lines();
    // After a vote, the rules as voted; today's, where they differ, apart (trial 1011C F2).
    if (steps && snap_.meeting && !snap_.meeting->voted.empty() && !snap_.meeting->voted_rules.empty()) {
        for (const auto& l : ctx.allocation_rules)
            if (std::find(snap_.meeting->voted_rules.begin(), snap_.meeting->voted_rules.end(), l) ==
                snap_.meeting->voted_rules.end())
                ctx.rules_since_vote.push_back(l);
        ctx.allocation_rules = snap_.meeting->voted_rules;
    }
    return ctx;
}

std::string Session::variant_sentence() {
    TerritoryStudy t(*this);
    const auto& r = t.recorded();
    if (!r || r->followed != allocation::Followed::Variant) return "";
    std::vector<std::string> shown;
    for (const auto& ref : r->retained) {
        const auto g = r->granted.find(ref);
        const std::string n = g == r->granted.end() ? "" : fr::number(Rational(static_cast<std::int64_t>(g->second)));
        shown.push_back(n.empty() ? ref
                                  : ref + " (" + n + " " + (g->second >= 2 ? t.rules().unit_many : t.rules().unit_one) + ")");
    }
    const std::string departs = t.reason_needed(t.recorded_variant());   // « REF=5 » for a partial grant
    return report::as_sentence(
        "Le classement a été soumis au vote avec la répartition de la variante du coordonnateur, qui retient " +
        (shown.empty() ? std::string("aucun dossier") : fr::join(shown, ", ", "et")) + (departs.empty() ? "" : " ; " + departs) +
        (r->reason.empty() ? "" : " ; motif donné : " + r->reason));
}

std::string Session::allocation_since_vote() {
    if (!snap_.meeting || snap_.meeting->votes.empty() || !snap_.meeting->allocation_kept) return "";
    if (variant_sentence() == snap_.meeting->voted_allocation) return "";
    TerritoryStudy t(*this);
    const auto& r = t.recorded();
    if (!r) return "";   // withdrawn after the vote: refused since the allocation is kept with it
    const auto on = Date::parse(r->recorded_at.substr(0, 10));
    std::string refs = fr::join(r->retained, ", ", "et");
    return report::as_sentence("la répartition " +
                               std::string(r->followed == allocation::Followed::Variant ? "de la variante du coordonnateur"
                                                                                        : "dans l'ordre du classement") +
                               ", qui retient " + (refs.empty() ? std::string("aucun dossier") : refs) +
                               ", a été enregistrée après la séance du " + snap_.meeting->date.french_numeric() +
                               (on ? ", le " + on->french_numeric() : "") + " par " + r->recorded_by +
                               (r->reason.empty() ? "" : " ; motif : " + r->reason) +
                               " ; l'avis de la commission reste la répartition votée");
}

std::shared_ptr<const void> Session::restrict_to_reader(report::CommitteeContext& ctx) {
    struct Readable {
        RatingIndex ratings;
        ConsolidationIndex consolidation;
        std::map<std::int64_t, std::string> masked;
    };
    auto readable = std::make_shared<Readable>();
    ctx.masked = &readable->masked;
    // A declared team filters even when nobody is named (core/read_rules.h: nobody reads then).
    if (snap_.team.open_mode()) {
        ctx.ratings = &rating_index_;
        ctx.consolidation = &snap_.consolidation;
        return readable;
    }
    // Others' ratings, and the consolidation that reveals them, are left out.
    for (const auto& d : snap_.dossiers) {
        DossierReading dr = reading(d.id);
        if (auto l = rating_index_.find(d.id); l != rating_index_.end())
            readable->ratings[d.id] = readable_ratings(dr, reader_, l->second);
        if (dr.others) {
            if (auto c = snap_.consolidation.find(d.id); c != snap_.consolidation.end()) readable->consolidation.insert(*c);
        } else {
            readable->masked[d.id] = dr.why;
        }
    }
    ctx.ratings = &readable->ratings;
    ctx.consolidation = &readable->consolidation;
    return readable;
}

std::vector<report::DocumentJob> Session::instruction_report_jobs(const std::string& out_dir, const std::string& only_reference,
                                                                  report::Format format) {
    auto ctx = committee_context(dated(committee_date(), "Un compte rendu d'instruction", param::kCommitteeDate), false);
    auto readable = restrict_to_reader(ctx);
    ctx.territory_by_dossier = instruction_territory(*this);
    auto jobs = report::instruction_report_jobs(ctx, out_dir, only_reference, 0, format);
    for (auto& job : jobs)   // each job keeps the filtered indexes alive
        job.write = [readable, write = std::move(job.write)](const report::DocumentJob& j) { return write(j); };
    return jobs;
}

report::DocumentJob Session::committee_job(const std::string& out_dir, report::Format format, bool minutes) {
    if (minutes && !snap_.meeting) throw InputError("Aucune séance de la commission n'est enregistrée : pas de procès-verbal.");
    auto ctx = committee_context(minutes ? snap_.meeting->date : committee_file_date(), true);
    std::optional<report::TerritoryPage> territory;
    if (!minutes) territory = committee_territory(*this);   // the map page and coverage figures (copied by the job)
    if (territory) ctx.territory = &*territory;
    auto job = report::committee_job(ctx, minutes, out_dir, format);
    // No civility: the minutes' neutral wording, said (trial 1011C F5).
    if (auto n = minutes ? civility_missing_notice(*snap_.meeting) : ""; !n.empty())
        job.warning += (job.warning.empty() ? "" : " ") + n;
    return job;
}

namespace {
// The orders' and requests' templates, checked once before the jobs run and
// then only read by them.
struct OrderShared {
    report::LetterContext ctx;
    report::TemplateSet templates;
    std::string broken;
};
std::shared_ptr<OrderShared> order_shared(const report::LetterContext& ctx, const Grid& grid, const Campaign& campaign) {
    auto shared = std::make_shared<OrderShared>(OrderShared{ctx, report::TemplateSet(templates_dir(), grid.id), {}});
    for (const auto& p : report::check_order_templates(shared->templates, grid, campaign))
        shared->broken += (shared->broken.empty() ? "" : " ") + p;
    return shared;
}
}  // namespace

std::vector<report::DocumentJob> Session::order_jobs(const std::string& out_dir, const std::string& only_reference,
                                                     report::Format format) {
    Date on = dated(letters_date(), "Un arrêté", param::kLettersDate);
    report::LetterContext ctx = letter_context(on, true);
    auto shared = order_shared(ctx, grid_, snap_.campaign);
    std::vector<report::DocumentJob> jobs;
    for (const auto& e : committee_proposal().ranked) {
        const Dossier& d = snap_.dossiers[e.dossier];
        if ((!only_reference.empty() && d.reference != only_reference) || !report::gets_order(ctx, e)) continue;
        report::DocumentJob job;
        job.dossier = d.reference;
        job.document = "arrêté";
        job.stem = out_dir + "/" + report::document_stem(d.reference, "arrete");
        job.format = format;
        for (const auto& w : report::order_warnings(ctx, e)) job.warning += (job.warning.empty() ? "" : " ") + w;
        job.write = [shared, entry = &e](const report::DocumentJob& j) {
            if (!shared->broken.empty()) throw InputError(shared->broken);
            auto doc = report::order_document(shared->ctx, shared->templates, *entry);
            return report::write_document(j.stem, doc.header, doc.blocks, j.format);
        };
        jobs.push_back(std::move(job));
    }
    return jobs;
}

std::vector<report::DocumentJob> Session::pieces_jobs(const std::string& out_dir, const std::string& only_reference,
                                                      report::Format format) {
    report::LetterContext ctx = letter_context(letter_date(), false);
    const Ranking& r = ctx.ranking;
    auto shared = order_shared(ctx, grid_, snap_.campaign);
    std::vector<report::DocumentJob> jobs;
    Date on = today();
    for (const auto* list : {&r.ranked, &r.pending, &r.ineligible})
        for (const auto& e : *list) {
            const Dossier& d = snap_.dossiers[e.dossier];
            if ((!only_reference.empty() && d.reference != only_reference) || !pieces_requested(d.id)) continue;
            PiecesStatus st = pieces(d.id, on);
            if (!st.awaiting()) continue;
            report::DocumentJob job;
            job.dossier = d.reference;
            job.document = "demande de pièces complémentaires";
            job.stem = out_dir + "/" + report::document_stem(d.reference, "demande-pieces");
            job.format = format;
            job.write = [shared, entry = &e, st](const report::DocumentJob& j) {
                if (!shared->broken.empty()) throw InputError(shared->broken);
                auto doc = report::pieces_document(shared->ctx, shared->templates, *entry, st);
                return report::write_document(j.stem, doc.header, doc.blocks, j.format);
            };
            jobs.push_back(std::move(job));
        }
    return jobs;
}

// ---- The registry ----

const std::vector<DocumentKind>& document_kinds() {
    using Jobs = std::vector<report::DocumentJob>;
    static const std::vector<DocumentKind> kinds{
        {"lettre", "lettres de décision", true,
         [](Session& s, const DocumentRequest& r, std::vector<std::string>& notes) {
             // Nothing decided yet: no letter to write is not a failure (trial finding 27).
             if (s.decisions().empty() && s.prior_rejections().empty()) {
                 notes.push_back("Aucune décision enregistrée : pas encore de lettre de décision ni d'arrêté.");
                 return Jobs{};
             }
             return s.letter_jobs(r.out_dir, r.only_reference, r.format);
         }},
        {"compte-rendu", "comptes rendus d'instruction", true,
         [](Session& s, const DocumentRequest& r, std::vector<std::string>&) {
             return s.instruction_report_jobs(r.out_dir, r.only_reference, r.format);
         }},
        {"dossier-commission", "dossier de la commission", false,
         [](Session& s, const DocumentRequest& r, std::vector<std::string>&) {
             return Jobs{s.committee_job(r.out_dir, r.format, false)};
         }},
        {"proces-verbal", "procès-verbal de la commission", false,
         [](Session& s, const DocumentRequest& r, std::vector<std::string>& notes) {
             if (!s.meeting()) {
                 notes.push_back("Aucune séance de la commission n'est enregistrée : pas encore de procès-verbal.");
                 return Jobs{};
             }
             return Jobs{s.committee_job(r.out_dir, r.format, true)};
         }},
        {"arrete", "arrêtés des dossiers retenus", true,
         [](Session& s, const DocumentRequest& r, std::vector<std::string>& notes) {
             if (s.decisions().empty()) return Jobs{};   // said with the letters
             auto jobs = s.order_jobs(r.out_dir, r.only_reference, r.format);
             if (auto w = order_visa_warning(s.procedure().committee.has_value(), s.meeting().has_value());
                 !w.empty() && !jobs.empty())
                 notes.push_back(w);
             return jobs;
         }},
        {"demande-pieces", "demandes de pièces complémentaires", true,
         [](Session& s, const DocumentRequest& r, std::vector<std::string>&) {
             return s.pieces_jobs(r.out_dir, r.only_reference, r.format);
         }},
    };
    return kinds;
}

std::string document_kinds_text() {
    std::string out;
    const auto& kinds = document_kinds();
    for (std::size_t i = 0; i < kinds.size(); ++i)
        out += (i == 0 ? "" : i + 1 == kinds.size() ? " et " : ", ") + kinds[i].label;
    return fr::capitalized(out);
}

PreparedDocuments prepare_documents(Session& s, const DocumentRequest& r) {
    // Letters and committee files give totals and places: from the window too (trial of issue 12, M3).
    require_reads_everything(s, "Le lot de documents");
    if (!r.only_reference.empty() && !s.find(r.only_reference))
        throw InputError(unknown_dossier(r.only_reference));
    report::make_folder(r.out_dir);
    // Every job first (the ranking, templates, contexts), then one batch: one
    // progress, one check of the names across kinds.
    PreparedDocuments p;
    std::vector<std::string> prepared_codes;
    for (const auto& kind : document_kinds()) {
        if (!r.only_reference.empty() && !kind.per_dossier) continue;
        try {
            auto more = kind.jobs(s, r, p.notes);
            std::move(more.begin(), more.end(), std::back_inserter(p.jobs));
            if (kind.per_dossier) prepared_codes.push_back(kind.code);
        } catch (const std::exception& x) {
            p.unprepared.push_back({r.only_reference, kind.label, x.what()});
        }
    }
    std::set<std::string> written;
    for (const auto& job : p.jobs) written.insert(std::filesystem::path(job.stem).filename().string());
    for (const auto& d : s.dossiers()) {
        if (!r.only_reference.empty() && d.reference != r.only_reference) continue;
        for (const auto& code : prepared_codes) {
            const std::string stem = report::document_stem(d.reference, code);
            if (written.count(stem)) continue;
            for (const char* ext : {".pdf", ".odt"}) {
                std::error_code ec;
                if (std::filesystem::is_regular_file(std::filesystem::path(r.out_dir) / (stem + ext), ec))
                    p.left_over.push_back(stem + ext);
            }
        }
    }
    return p;
}

report::DocumentBatch run_documents(const Session& s, const PreparedDocuments& p, const report::BatchControl* control) {
    auto batch = report::run_jobs(p.jobs, control);
    batch.failures.insert(batch.failures.begin(), p.unprepared.begin(), p.unprepared.end());
    batch.warnings.insert(batch.warnings.begin(), p.notes.begin(), p.notes.end());
    if (!batch.cancelled)
        for (const auto& name : p.left_over)
            batch.warnings.push_back("« " + name +
                                     " » reste d'une production précédente : ce document n'a plus lieu d'être pour son dossier "
                                     "(décision ou état changé depuis) ; il n'est pas réécrit. Supprimez-le ou rangez-le à "
                                     "part avant tout envoi.");
    if (!batch.written.empty()) {
        auto more = s.authority_warnings();
        batch.warnings.insert(batch.warnings.begin(), more.begin(), more.end());
    }
    return batch;
}

report::DocumentBatch write_documents(Session& s, const DocumentRequest& r, const report::BatchControl* control) {
    return run_documents(s, prepare_documents(s, r), control);
}

}  // namespace cotation
