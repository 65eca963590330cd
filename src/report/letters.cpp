#include "letters.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/error.h"
#include "core/french.h"
#include "io/reference_data.h"
#include "io/xml_tree.h"
#include "authority_variables.h"
#include "parallel.h"
#include "pdf_letter.h"

namespace cotation::report {

std::string template_for(const RankEntry& e, const Decision* decision) {
    // Refused before the committee: the refusal is the decision notified.
    if (!e.prior_rejection.empty()) return "lettre-refus-prealable.txt";
    if (decision) {
        switch (decision->kind) {
            case DecisionKind::Retained: return "lettre-retenu.txt";
            case DecisionKind::NotRetained: return "lettre-non-retenu.txt";
            case DecisionKind::Complementary: return "lettre-liste-complementaire.txt";
            case DecisionKind::Ineligible: return "lettre-irrecevable.txt";
        }
    }
    switch (e.proposal) {
        case Proposal::Retained: return "lettre-retenu.txt";
        case Proposal::NotRetained: return "lettre-non-retenu.txt";
        case Proposal::Ineligible: return "lettre-irrecevable.txt";
        case Proposal::Pending: return "";   // no letter before the coordinator's decision
    }
    return "";
}

namespace {
std::string param_text(const Campaign& c, const Grid& g, const std::string& name) {
    auto it = c.parameters.find(name);
    if (it == c.parameters.end()) return "";
    const FactDef* def = g.fact(name);
    return def ? display(*def, it->second) : to_canonical(it->second);
}
}  // namespace

Variables letter_variables(const LetterContext& ctx, const RankEntry& e, std::size_t ranked_count) {
    const Dossier& d = ctx.dossiers[e.dossier];
    const auto& ref = io::ReferenceData::instance();
    Variables v;
    v["campagne.reference"] = ctx.campaign.reference;
    v["campagne.titre"] = ctx.campaign.title;
    v["date_courrier"] = ctx.letter_date.french_long();
    for (const auto& p : ctx.grid.parameters) v[p.def.id] = param_text(ctx.campaign, ctx.grid, p.def.id);
    add_authority_variables(v, ctx.campaign);
    v["dossier.reference"] = d.reference;
    v["organisme"] = d.organisme;
    const io::CommuneInfo* commune = ref.commune(d.commune);
    v["commune"] = commune ? commune->name : d.commune;
    v["departement"] = commune ? ref.departement_name(commune->departement) + " (" + commune->departement + ")" : "";
    for (const FactDef* f : ctx.grid.identity_facts())
        if (!v.count(f->id)) v[f->id] = display(*f, d.get(f->id));
    for (const auto& f : ctx.grid.facts) v[f.id] = display(f, fact_value(ctx.grid, ctx.campaign, d, f.id));
    v["score"] = fr::number(e.score.total);
    v["score_max"] = fr::number(ctx.grid.max_total());
    v["rang"] = e.rank > 0 ? std::to_string(e.rank) + (e.rank == 1 ? "er" : "e") : "";
    v["ex_aequo"] = e.ex_aequo ? "ex aequo" : "";
    v["nombre_classes"] = std::to_string(ranked_count);
    std::string themes;
    for (std::size_t t = 0; t < ctx.grid.themes.size() && t < e.score.themes.size(); ++t)
        themes += (themes.empty() ? "" : "\n") + ctx.grid.themes[t].label + " : " + fr::number(e.score.themes[t]) +
                  " / " + fr::number(ctx.grid.theme_max(ctx.grid.themes[t])) + " points";
    v["notes_par_theme"] = themes;
    std::string reasons;
    for (const auto& r : e.apart_reasons()) reasons += (reasons.empty() ? "" : "\n") + r;
    v["motifs"] = reasons;
    v["motif_non_retenu"] = e.proposal == Proposal::NotRetained ? e.proposal_reason : "";
    v["places_accordees"] = "";
    v["date_decision"] = "";
    if (ctx.decisions) {
        auto it = ctx.decisions->find(d.id);
        if (it != ctx.decisions->end()) {
            const Decision& x = it->second;
            v["date_decision"] = x.date.french_long();
            if (x.kind == DecisionKind::Retained && x.places) v["places_accordees"] = display(*ctx.grid.fact("places"), *x.places);
            if (x.kind == DecisionKind::NotRetained || x.kind == DecisionKind::Complementary) v["motif_non_retenu"] = x.motive;
            if (x.kind == DecisionKind::Ineligible && !x.motive.empty())
                v["motifs"] = v["motifs"].empty() ? x.motive : v["motifs"] + "\n" + x.motive;
        }
    }
    return v;
}

std::vector<std::string> write_letters(const LetterContext& ctx, const std::string& out_dir,
                                       const std::string& only_reference, std::size_t limit, Format format) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (ec) throw Error("Impossible de créer le dossier « " + out_dir + " » : " + ec.message() + ".");
    std::map<std::string, std::string> cache;
    auto load = [&](const std::string& name) -> const std::string& {
        auto it = cache.find(name);
        if (it != cache.end()) return it->second;
        std::string file = name.find('.') == std::string::npos ? name + ".txt" : name;
        return cache[name] = io::read_file(ctx.templates_dir + "/" + file);
    };
    // Choose the letters first, then write them on every core: each PDF is
    // independent. Templates are read once, before the threads start.
    std::vector<const RankEntry*> jobs;
    for (const auto* list : {&ctx.ranking.ranked, &ctx.ranking.ineligible})
        for (const auto& e : *list) {
            if (limit && jobs.size() >= limit) break;
            if (!only_reference.empty() && ctx.dossiers[e.dossier].reference != only_reference) continue;
            jobs.push_back(&e);
        }
    if (!only_reference.empty() && jobs.empty())
        throw InputError("Dossier « " + only_reference + " » inconnu de la campagne.");
    for (const char* t : {"lettre-retenu.txt", "lettre-non-retenu.txt", "lettre-irrecevable.txt", "lettre-liste-complementaire.txt",
                          "lettre-refus-prealable.txt", "voies-recours"})
        load(t);
    try { load(std::string("voies-recours-") + authority_kind_code(ctx.campaign.authority.kind)); } catch (const InputError&) {}
    auto cached = [&](const std::string& name) -> std::string {
        auto it = cache.find(name);
        if (it == cache.end()) throw InputError("Modèle « " + name + " » introuvable dans " + ctx.templates_dir + ".");
        return it->second;
    };
    std::vector<std::vector<std::string>> written(jobs.size());
    auto one = [&](std::size_t k) {
        const RankEntry& e = *jobs[k];
        const Dossier& d = ctx.dossiers[e.dossier];
        const Decision* decision = nullptr;
        if (ctx.decisions)
            if (auto it = ctx.decisions->find(d.id); it != ctx.decisions->end()) decision = &it->second;
        std::string tpl = template_for(e, decision);
        Variables vars = letter_variables(ctx, e, ctx.ranking.ranked.size());
        auto blocks = expand_template(cached(tpl), tpl, vars, cached);
        LetterHeader h;
        h.authority = ctx.campaign.authority.name;
        h.place_and_date = (ctx.campaign.authority.city.empty() ? "" : ctx.campaign.authority.city + ", le ") + ctx.letter_date.french_long();
        h.recipient = {d.organisme, "À l'attention de la direction", vars["commune"]};
        h.title = "Appel à candidatures " + ctx.campaign.reference + " — dossier " + d.reference;
        std::string safe;
        for (char c : d.reference) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
        std::string stem = out_dir + "/" + safe + "-" + tpl.substr(7, tpl.size() - 11);
        written[k] = write_document(stem, h, blocks, format);
    };
    parallel_for(jobs.size(), one);
    std::vector<std::string> files;
    for (auto& w : written) files.insert(files.end(), w.begin(), w.end());
    return files;
}

}  // namespace cotation::report
