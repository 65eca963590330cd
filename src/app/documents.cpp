#include "documents.h"

#include <algorithm>

#include "app/session.h"
#include "core/error.h"
#include "io/paths.h"
#include "report/committee.h"
#include "report/document_names.h"
#include "report/letters.h"

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

std::vector<report::DocumentJob> Session::letter_jobs(const std::string& out_dir, const std::string& only_reference,
                                                      report::Format format) {
    Date on = dated(letters_date(), "Un courrier", "campagne.date_courrier");
    report::LetterContext ctx{grid_, campaign_, dossiers_, ranking(), on, templates_dir(), &decisions_};
    return report::letter_jobs(ctx, out_dir, only_reference, 0, format);
}

std::vector<report::DocumentJob> Session::instruction_report_jobs(const std::string& out_dir, const std::string& only_reference,
                                                                  report::Format format) {
    const Ranking& r = ranking();
    Date on = dated(committee_date(), "Un compte rendu d'instruction", "campagne.date_commission");
    report::CommitteeContext ctx{grid_, campaign_, dossiers_, r, &solidity(), team_, meeting_, meeting_check(), opinions_,
                                 decisions_, {}, {}, on, templates_dir()};
    ctx.ratings = &rating_index_;
    ctx.consolidation = &consolidation_;
    return report::instruction_report_jobs(ctx, out_dir, only_reference, 0, format);
}

report::DocumentJob Session::committee_job(const std::string& out_dir, report::Format format, bool minutes) {
    const Ranking& r = ranking();
    if (minutes && !meeting_) throw InputError("Aucune séance de la commission n'est enregistrée : pas de procès-verbal.");
    Date on = minutes ? meeting_->date : committee_file_date();
    report::CommitteeContext ctx{grid_, campaign_, dossiers_, r, &solidity(), team_, meeting_, meeting_check(), opinions_,
                                 decisions_, calendar(on), changes_since_vote(), on, templates_dir()};
    return report::committee_job(ctx, minutes, out_dir, format);
}

// ---- The registry ----

const std::vector<DocumentKind>& document_kinds() {
    using Jobs = std::vector<report::DocumentJob>;
    static const std::vector<DocumentKind> kinds{
        {"lettre", "lettres de décision", true,
         [](Session& s, const DocumentRequest& r, std::vector<std::string>&) {
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
        // The orders (« arrete ») and requests for missing pieces
        // (« demande-pieces ») come here, through each_dossier().
    };
    return kinds;
}

std::vector<report::DocumentJob> each_dossier(
    Session& s, const DocumentRequest& r, const std::string& code, const std::string& document_name,
    const std::function<bool(const Dossier&)>& applies,
    const std::function<std::vector<std::string>(const Dossier&, const std::string& stem, report::Format)>& write) {
    std::vector<report::DocumentJob> jobs;
    for (const Dossier& d : s.dossiers()) {
        if (!r.only_reference.empty() && d.reference != r.only_reference) continue;
        if (applies && !applies(d)) continue;
        report::DocumentJob job;
        job.dossier = d.reference;
        job.document = document_name;
        job.stem = r.out_dir + "/" + report::document_stem(d.reference, code);
        job.format = r.format;
        const Dossier* dossier = &d;
        job.write = [write, dossier](const report::DocumentJob& j) { return write(*dossier, j.stem, j.format); };
        jobs.push_back(std::move(job));
    }
    return jobs;
}

PreparedDocuments prepare_documents(Session& s, const DocumentRequest& r) {
    if (!r.only_reference.empty() && !s.find(r.only_reference))
        throw InputError("Dossier « " + r.only_reference + " » inconnu de la campagne.");
    report::make_folder(r.out_dir);
    // Every job first (the ranking, templates, contexts), then one batch: one
    // progress, one check of the names across kinds.
    PreparedDocuments p;
    for (const auto& kind : document_kinds()) {
        if (!r.only_reference.empty() && !kind.per_dossier) continue;
        try {
            auto more = kind.jobs(s, r, p.notes);
            std::move(more.begin(), more.end(), std::back_inserter(p.jobs));
        } catch (const std::exception& x) {
            p.unprepared.push_back({r.only_reference, kind.label, x.what()});
        }
    }
    return p;
}

report::DocumentBatch run_documents(const Session& s, const PreparedDocuments& p, const report::BatchControl* control) {
    auto batch = report::run_jobs(p.jobs, control);
    batch.failures.insert(batch.failures.begin(), p.unprepared.begin(), p.unprepared.end());
    batch.warnings.insert(batch.warnings.begin(), p.notes.begin(), p.notes.end());
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
