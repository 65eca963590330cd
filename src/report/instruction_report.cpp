// The instruction report of each dossier (compte-rendu-instruction.txt):
// identity, pieces and conformity rule by rule, score by theme and criterion
// with each reviewer's rating, arbitrations, observations and vigilance.
#include <algorithm>
#include <map>
#include <memory>

#include "committee.h"
#include "committee_internal.h"
#include "core/error.h"
#include "core/french.h"
#include "io/reference_data.h"
#include "authority_variables.h"
#include "batch.h"
#include "document_names.h"
#include "letters.h"
#include "pdf_letter.h"

namespace cotation::report {
using namespace committee_detail;

Variables instruction_variables(const CommitteeContext& ctx, const RankEntry& e) {
    const Dossier& d = ctx.dossiers[e.dossier];
    Variables v = document_variables(ctx);
    v["dossier.reference"] = d.reference;
    v["organisme"] = d.organisme;
    const io::CommuneInfo* commune = io::ReferenceData::instance().commune(d.commune);
    v["commune"] = commune ? commune->name + " (" + d.commune + ")" : d.commune;
    std::vector<std::string> identity;
    for (const FactDef* f : ctx.grid.identity_facts()) {
        if (f->id == "organisme" || f->id == "commune") continue;
        std::string value = display(*f, d.get(f->id));
        identity.push_back(f->label + " : " + (value.empty() ? "non renseigné" : value));
    }
    v["identite"] = join(identity);
    v["verdict"] = e.prior_rejection.empty() ? verdict_label(e.eligibility) : e.prior_rejection;

    std::vector<std::string> lines;
    for (const auto& doc : e.eligibility.documents)
        lines.push_back(std::string(doc.received  ? "reçue"
                                    : doc.unknown ? "non renseignée"
                                                  : "MANQUANTE") +
                        " — " + doc.document->label + (doc.document->eliminating ? "" : " (facultative)"));
    v["pieces"] = join(lines);
    lines.clear();
    for (const auto& r : e.eligibility.rules) {
        if (r.outcome == Outcome::NotApplicable) continue;
        std::string line = std::string(outcome_label(r.outcome)) + " — " + r.rule->label;
        if (r.outcome == Outcome::Failed && !r.message.empty()) line += " : " + r.message;   // with the values compared
        if (r.outcome == Outcome::Undecidable && !r.missing.empty()) {
            line += " : à renseigner ";
            line += fr::join(r.missing);
        }
        if (r.rule->effect == RuleEffect::Attention) line += " (point d'attention)";
        lines.push_back(line + " [" + r.rule->source + "]");
    }
    v["conformite"] = join(lines);

    v["classement"] = e.rank ? "Rang " + std::to_string(e.rank) + (e.ex_aequo ? " ex aequo" : "") + " sur " +
                                   std::to_string(ctx.ranking.ranked.size()) + " dossiers classés — " +
                                   fr::number(e.score.total) + " / " + fr::number(ctx.grid.max_total()) + " points — " +
                                   proposal_label(e.proposal)
                             : "Hors classement — " + std::string(proposal_label(e.proposal)) +
                                   (e.proposal_reason.empty() ? "" : " : " + e.proposal_reason);
    lines.clear();
    for (std::size_t t = 0; t < ctx.grid.themes.size() && t < e.score.themes.size(); ++t)
        lines.push_back(ctx.grid.themes[t].id + " " + ctx.grid.themes[t].label + " : " + fr::number(e.score.themes[t]) + " / " +
                        fr::number(ctx.grid.theme_max(ctx.grid.themes[t])) + " points");
    v["notes_par_theme"] = join(lines);

    if (ctx.masked)
        if (auto m = ctx.masked->find(d.id); m != ctx.masked->end()) {
            // What the reader may not read: no rank, total, mean nor the others' ratings.
            const std::string hidden = "Masqué pour ce lecteur : " + m->second;
            v["classement"] = hidden;
            v["notes_par_theme"] = hidden;
            v["notes_criteres"] = hidden;
        }

    // Criterion by criterion: the rating kept, how, and every reviewer's note.
    static const std::vector<const Rating*> none;
    const std::vector<const Rating*>* ratings = &none;
    if (ctx.ratings)
        if (auto it = ctx.ratings->find(d.id); it != ctx.ratings->end()) ratings = &it->second;
    const std::map<std::string, ConsolidationDecision>* arbitrations = nullptr;
    if (ctx.consolidation)
        if (auto it = ctx.consolidation->find(d.id); it != ctx.consolidation->end()) arbitrations = &it->second;
    std::vector<std::string> criteria, notes;
    std::size_t k = 0;
    for (const auto& th : ctx.grid.themes)
        for (const auto& c : th.criteria) {
            const CriterionScore& cs = e.score.criteria[k++];
            std::string line = c.id + " " + c.label + " — coefficient " + fr::number(c.coefficient) + " — ";
            if (!cs.rating) line += "non noté";
            else {
                const Rational points = c.coefficient * *cs.rating;
                line +=
                    "note " + fr::number(*cs.rating) + " = " + fr::number(points) + (points < Rational(2) ? " point" : " points");
                if (cs.decided && arbitrations)
                    if (auto a = arbitrations->find(c.id); a != arbitrations->end())
                        line += " (arbitrée ; moyenne " + (cs.mean ? fr::number(*cs.mean) : std::string("—")) +
                                (a->second.reason.empty() ? "" : " ; motif : " + a->second.reason) + ")";
                if (!cs.decided) line += " (moyenne de " + fr::plural(cs.reviewers, "note") + ")";
                if (cs.flagged && !cs.decided) line += " — ÉCART À ARBITRER";
            }
            criteria.push_back(line);
            for (const Rating* r : *ratings)
                if (r->criterion == c.id)
                    notes.push_back(
                        c.id + " — " + r->reviewer + " : " + std::to_string(r->value) + " — " +
                        (r->justification.empty() ? "sans justification (non comptée)" : "« " + r->justification + " »"));
        }
    if (!v.count("notes_criteres")) v["notes_criteres"] = join(criteria);
    v["justifications"] = join(notes);
    // The vigilance points have their own section below: not twice.
    std::vector<std::string> notes_for_committee;
    auto attention = e.eligibility.attention_points();
    for (auto& o : observations(ctx.grid, e))
        if (std::find(attention.begin(), attention.end(), o) == attention.end() && o.rfind("point à vérifier, manque", 0) != 0)
            notes_for_committee.push_back(std::move(o));
    // A masked dossier's observations from its ratings (« cotation incomplète : 0 critère noté », ex aequo,
    // an eliminating note, the proposal's reason) would tell what the ratings are, or say it wrongly
    // from the part this reader sees (trial 22 m4): only what its file tells is kept.
    if (ctx.masked)
        if (auto m = ctx.masked->find(d.id); m != ctx.masked->end()) {
            std::erase_if(notes_for_committee, [](const std::string& o) { return o.rfind("non décidable", 0) != 0; });
            notes_for_committee.push_back("Appréciation de la cotation masquée pour ce lecteur : " + m->second);
        }
    v["observations"] = join(notes_for_committee);
    if (e.apart()) {
        // Not evaluated on the merits (its letter says so): no grid of
        // « non noté » criteria, and a rating it never needed is no point of
        // attention (trial 1011 #41).
        std::string& said = v["classement"];
        if (!said.empty() && said.back() != '.') said += '.';
        said += " Dossier non évalué sur le fond : les critères de sélection ne s'appliquent qu'aux dossiers recevables.";
        v["notes_par_theme"] = v["notes_criteres"] = "";   // nothing evaluated, nothing to mask
        std::erase_if(notes_for_committee, [](const std::string& o) { return o.rfind("cotation incomplète", 0) == 0; });
        v["observations"] = join(notes_for_committee);
    }
    auto place = ctx.territory_by_dossier.find(d.reference);
    v["territoire"] = place == ctx.territory_by_dossier.end() ? "" : join(place->second);
    v["chiffres_cles"] = join(key_figures(ctx.grid, ctx.campaign, d));
    v["vigilance"] = join(vigilance_points(e.eligibility, true));
    return v;
}

std::vector<DocumentJob> instruction_report_jobs(const CommitteeContext& ctx, const std::string& out_dir,
                                                 const std::string& only_reference, std::size_t limit, Format format) {
    std::vector<const RankEntry*> entries;
    for (const auto* list : {&ctx.ranking.ranked, &ctx.ranking.pending, &ctx.ranking.ineligible})
        for (const auto& e : *list)
            if ((only_reference.empty() || ctx.dossiers[e.dossier].reference == only_reference) &&
                (!limit || entries.size() < limit))
                entries.push_back(&e);
    if (!only_reference.empty() && entries.empty()) throw InputError(unknown_dossier(only_reference));
    // Templates are read and checked once, before the jobs run on every core.
    const std::string name = "compte-rendu-instruction.txt";
    struct Shared {
        CommitteeContext ctx;
        TemplateSet templates;
        std::string broken;
    };
    auto shared = std::make_shared<Shared>(Shared{ctx, TemplateSet(ctx.templates_dir, ctx.grid.id), {}});
    Sample sample(ctx.grid, ctx.campaign);
    for (const auto& p : shared->templates.check(name, instruction_variables(sample.ctx, sample.entry), context_of(ctx.grid)))
        shared->broken += (shared->broken.empty() ? "" : " ") + p;
    std::vector<DocumentJob> jobs;
    for (const RankEntry* entry : entries) {
        const Dossier& d = ctx.dossiers[entry->dossier];
        DocumentJob job;
        job.dossier = d.reference;
        job.document = shared->templates.shown_name(name);
        job.stem = out_dir + "/" + document_stem(d.reference, "compte-rendu");
        job.format = format;
        job.write = [shared, entry, name](const DocumentJob& j) {
            const CommitteeContext& c = shared->ctx;
            if (!shared->broken.empty()) throw InputError(shared->broken);
            auto blocks = shared->templates.expand(name, instruction_variables(c, *entry));
            LetterHeader h;
            h.authority = c.campaign.authority.name;
            h.logo_path = c.campaign.authority.logo;   // as the letters print it (trial finding 30)
            h.authority_lines = c.campaign.authority.address;   // and its address (trial 1011B F13)
            h.place_and_date =
                (c.campaign.authority.city.empty() ? "" : c.campaign.authority.city + ", le ") + c.date.french_long();
            h.title =
                "Compte rendu d'instruction — " + c.campaign.reference + " — dossier " + c.dossiers[entry->dossier].reference;
            return write_document(j.stem, h, blocks, j.format);
        };
        jobs.push_back(std::move(job));
    }
    return jobs;
}

DocumentBatch write_instruction_reports(const CommitteeContext& ctx, const std::string& out_dir,
                                        const std::string& only_reference, std::size_t limit, Format format,
                                        const BatchControl* control) {
    make_folder(out_dir);
    return run_jobs(instruction_report_jobs(ctx, out_dir, only_reference, limit, format), control);
}

}  // namespace cotation::report
