#include "letters.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

#include "core/error.h"
#include "core/french.h"
#include "io/reference_data.h"
#include "io/xml_tree.h"
#include "authority_variables.h"
#include "batch.h"
#include "document_names.h"
#include "pdf_letter.h"

namespace cotation::report {

const std::vector<std::string>& letter_templates() {
    static const std::vector<std::string> names{"lettre-retenu.txt", "lettre-non-retenu.txt", "lettre-liste-complementaire.txt",
                                                "lettre-irrecevable.txt", "lettre-refus-prealable.txt"};
    return names;
}

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
        case Proposal::Unrated: return "";   // nor before anyone rated it (trial 13c F4)
    }
    return "";
}

namespace {
// A letter writes its dates in words (« 30 juin 2020 »), not 30/06/2020.
std::string letter_text(const FactDef& def, const Value& v) {
    if (const Date* d = std::get_if<Date>(&v)) return d->french_long();
    return display(def, v);
}

std::string param_text(const Campaign& c, const Grid& g, const std::string& name) {
    auto it = c.parameters.find(name);
    if (it == c.parameters.end()) return "";
    const FactDef* def = g.fact(name);
    return def ? letter_text(*def, it->second) : to_canonical(it->second);
}

std::string text_fact(const Dossier& d, const char* id) {
    Value v = d.get(id);
    const auto* s = std::get_if<std::string>(&v);
    return s ? fr::trim(*s) : "";
}

std::string lines_of(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items)
        if (!i.empty()) out += (out.empty() ? "" : "\n") + i;
    return out;
}
}  // namespace

std::string missing_address(const Dossier& d) {
    std::vector<std::string> missing;
    bool masculine = false;   // the agreement: « adresse non renseignée », « code postal non renseigné »
    if (text_fact(d, "adresse").empty()) missing.push_back("adresse");
    if (text_fact(d, "code_postal").empty()) missing.push_back("code postal"), masculine = true;
    if (text_fact(d, "commune_postale").empty()) missing.push_back("commune");
    if (missing.empty()) return "";
    return "adresse postale incomplète (" + fr::join(missing, ", ", "et") + " non renseigné" + (masculine ? "" : "e") +
           (missing.size() > 1 ? "s" : "") + ")";
}

std::string malformed_postcode(const Dossier& d) {
    const std::string code = text_fact(d, "code_postal");
    if (code.empty()) return "";
    bool digits = code.size() == 5;
    for (char c : code) digits = digits && c >= '0' && c <= '9';
    if (digits) return "";
    return "code postal « " + code + " » mal formé (cinq chiffres attendus) ; la lettre l'imprime tel quel : corrigez-le dans "
           "le dossier avant l'envoi";
}

std::vector<std::string> recipient_block(const Grid&, const Dossier& d) {
    std::vector<std::string> out{d.organisme};
    std::string to = text_fact(d, "destinataire");
    if (!to.empty()) out.push_back(to);
    std::string street = text_fact(d, "adresse"), postcode = text_fact(d, "code_postal"), town = text_fact(d, "commune_postale");
    if (!street.empty() || !postcode.empty() || !town.empty()) {
        if (to.empty()) out.push_back("À l'attention de la direction");
        // An address typed on two or three lines keeps them (trial 13c F9).
        for (std::size_t from = 0; !street.empty() && from <= street.size();) {
            std::size_t end = std::min(street.find('\n', from), street.size());
            if (end > from) out.push_back(street.substr(from, end - from));
            from = end + 1;
        }
        std::string last = fr::trim(postcode + " " + town);
        if (!last.empty()) out.push_back(last);
        return out;
    }
    // No postal address (flagged before the letters): the town of the site.
    const io::CommuneInfo* commune = io::ReferenceData::instance().commune(d.commune);
    out.push_back(commune ? commune->name : d.commune);
    return out;
}

namespace {
// The letters' day, or the decision's when later.
Date own_letter_day(const LetterContext& ctx, const Dossier& d) {
    if (ctx.decisions)
        if (auto it = ctx.decisions->find(d.id); it != ctx.decisions->end() && it->second.date > ctx.letter_date)
            return it->second.date;
    return ctx.letter_date;
}
}  // namespace

Date letter_day(const LetterContext& ctx, const Dossier& d, const std::set<std::string>& cited) {
    return dated_after_changes(own_letter_day(ctx, d), ctx.grid, ctx.campaign.parameters, ctx.parameter_changes, cited);
}

std::set<std::string> cited_changes(const LetterContext& ctx, const std::string& template_text, const std::string& points) {
    std::set<std::string> out;
    for (const auto& p : ctx.grid.parameters) {
        const std::string note =
            changed_figure_note(ctx.grid, p, ctx.campaign.parameters, last_change(ctx, p.def.id), decided_by(ctx));
        if (note.empty()) continue;   // the text's figure: nothing cited
        if (template_text.find("{{" + p.def.id + ".modifie}}") != std::string::npos ||
            (!points.empty() && points.find(note) != std::string::npos))
            out.insert(p.def.id);
    }
    return out;
}

std::string decided_by(const LetterContext& ctx) { return signatory_genitive(ctx.campaign.authority.signatory_title); }

std::optional<ParameterChange> last_change(const LetterContext& ctx, const std::string& name) {
    auto it = ctx.parameter_changes.find(name);
    return it == ctx.parameter_changes.end() ? std::nullopt : std::optional<ParameterChange>(it->second);
}

std::map<std::string, std::string> changed_figure_notes(const LetterContext& ctx) {
    std::map<std::string, std::string> out;
    for (const auto& p : ctx.grid.parameters)
        if (auto note = changed_figure_note(ctx.grid, p, ctx.campaign.parameters, last_change(ctx, p.def.id), decided_by(ctx));
            !note.empty())
            out[p.def.id] = note;
    return out;
}

std::string dated_after_change_warning(const LetterContext& ctx, const std::string& reference, const std::string& document,
                                       const Date& own_day, const std::set<std::string>& cited) {
    auto last = last_cited_change(ctx.grid, ctx.campaign.parameters, ctx.parameter_changes, cited);
    if (!last || !(*last > own_day)) return "";
    return "Dossier « " + reference + " » : " + document + " du " + last->french_numeric() +
           ", jour de la décision, citée dans le document, qui a changé un chiffre du texte de l'appel, et non du " +
           own_day.french_numeric() + " (un acte ne cite pas une décision postérieure à sa date).";
}

Variables letter_variables(const LetterContext& ctx, const RankEntry& e, std::size_t ranked_count,
                           const std::set<std::string>& cited) {
    const Dossier& d = ctx.dossiers[e.dossier];
    const auto& ref = io::ReferenceData::instance();
    Variables v;
    v["campagne.reference"] = ctx.campaign.reference;
    v["campagne.titre"] = ctx.campaign.title;
    v["date_courrier"] = letter_day(ctx, ctx.dossiers[e.dossier], cited).french_long();
    for (const auto& p : ctx.grid.parameters) {
        v[p.def.id] = param_text(ctx.campaign, ctx.grid, p.def.id);
        // « campagne.X.modifie »: the figure's own decision, when it is no longer the
        // text's; « campagne.X.texte »: « oui » when the text may be cited for it.
        v[p.def.id + ".modifie"] =
            changed_from_call_text(ctx.grid, p, ctx.campaign.parameters, last_change(ctx, p.def.id), decided_by(ctx));
        v[p.def.id + ".texte"] = v[p.def.id + ".modifie"].empty() ? "oui" : "";
    }
    add_authority_variables(v, ctx.campaign);
    // Every letter may name the court; a grid that does not set it gets the
    // general wording rather than a hole.
    if (v["campagne.tribunal"].empty()) v["campagne.tribunal"] = "tribunal administratif territorialement compétent";
    v["dossier.reference"] = d.reference;
    v["organisme"] = d.organisme;
    v["formule_appel"] = fr::form_of_address(text_fact(d, "destinataire"));   // « Madame », « Monsieur », « Madame, Monsieur »
    const io::CommuneInfo* commune = ref.commune(d.commune);
    v["commune"] = commune ? commune->name : d.commune;
    // « Charente (16) » kept on one line (a co-signature read « (Charente » then « (16)) »).
    v["departement"] = commune ? ref.departement_name(commune->departement) + fr::kNbsp + "(" + commune->departement + ")" : "";
    v["departement.nom"] = commune ? ref.departement_name(commune->departement) : "";   // « Bouches-du-Rhône » (trial 1011B F16)
    // The Département of the site as a co-signing authority names it (trial 1011B F4):
    // « La Présidente du Conseil départemental de la Charente », with the
    // civility and name the authority declared (trial 1011C F9: no name, and
    // masculine by default); empty while none is declared for it.
    const std::string of_dep = commune ? fr::of_departement(ref.departement_name(commune->departement)) : "";
    const auto cosigner = commune ? cosignatory_of(ctx.campaign.authority, commune->departement) : std::nullopt;
    // Not declared: both offices named, nobody (the order's warning says so).
    v["departement.president"] = of_dep.empty() ? ""
                                 : cosigner     ? cosigner->title(of_dep)
                                                : "Le Président ou la Présidente du Conseil départemental " + of_dep;
    v["departement.aupres"] = !cosigner && !of_dep.empty()
                                  ? "du Président ou de la Présidente du Conseil départemental " + of_dep
                                  : signatory_genitive(v["departement.president"]);
    v["departement.signataire"] = cosigner ? cosigner->name : "";
    for (const FactDef* f : ctx.grid.identity_facts())
        if (!v.count(f->id)) v[f->id] = letter_text(*f, d.get(f->id));
    for (const auto& f : ctx.grid.facts) v[f.id] = letter_text(f, fact_value(ctx.grid, ctx.campaign, d, f.id));
    v["score"] = fr::number(e.score.total);
    // « 0 point », « 1,5 point », « 240 points »: French plural from 2 (trial 1011, « 0 points »).
    v["score_points"] = v["score"] + (e.score.total < Rational(2) ? " point" : " points");
    v["score_max"] = fr::number(ctx.grid.max_total());
    v["rang"] = e.rank > 0 ? std::to_string(e.rank) + (e.rank == 1 ? "er" : "e") : "";
    v["ex_aequo"] = e.ex_aequo ? "ex aequo" : "";
    v["nombre_classes"] = std::to_string(ranked_count);
    // « sur 1 dossier classé », « sur 4 dossiers classés » (trial 1011B F16).
    v["dossiers_classes"] = fr::plural(ranked_count, "dossier classé", "dossiers classés");
    // Nobody rated it: no note nor rank to print, « 0 points … au  rang » would be false (trial 13c F4).
    v["non_note"] = e.proposal == Proposal::Unrated ? "oui" : "";
    std::vector<std::string> themes;
    for (std::size_t t = 0; t < ctx.grid.themes.size() && t < e.score.themes.size(); ++t)
        themes.push_back(ctx.grid.themes[t].label + " : " + fr::number(e.score.themes[t]) + " / " +
                         fr::number(ctx.grid.theme_max(ctx.grid.themes[t])) + " points");
    v["notes_par_theme"] = lines_of(themes);

    // The motive printed is the one recorded with the decision; before any
    // decision, the one that really applies to the proposal. Never both.
    const Decision* x = nullptr;
    if (ctx.decisions)
        if (auto it = ctx.decisions->find(d.id); it != ctx.decisions->end()) x = &it->second;
    std::vector<std::string> reasons;
    if (!e.prior_rejection.empty()) reasons.push_back(as_sentence(e.prior_rejection));
    else if (x && x->kind == DecisionKind::Ineligible && !x->motive.empty()) reasons.push_back(as_sentence(x->motive));
    else
        for (const auto& r : e.eligibility.elimination_reasons()) reasons.push_back(as_sentence(r));
    v["motifs"] = lines_of(reasons);
    std::string motive;
    if (x) {
        if (x->kind == DecisionKind::NotRetained || x->kind == DecisionKind::Complementary) motive = x->motive;
    } else if (e.proposal == Proposal::NotRetained) {
        motive = e.proposal_reason;
    }
    v["motif"] = as_sentence(motive);
    v["motif_non_retenu"] = v["motif"];   // the name used by templates before 2026
    v["places_accordees"] = "";
    v["date_decision"] = "";
    // What the decision departs from, and why (trial 1011B F6, F7): the
    // committee's opinion, a capacity below the request, an evaluation not made.
    v["ecart"] = "";
    v["avis_commission"] = "";
    v["reduction"] = "";
    v["motif_reduction"] = "";
    if (x) {
        v["date_decision"] = x->date.french_long();
        if (x->kind == DecisionKind::Retained && x->places)
            if (const FactDef* places = ctx.grid.fact("places")) v["places_accordees"] = display(*places, *x->places);
        v["ecart"] = as_sentence(x->departure_reason);
        if (x->committee_opinion && *x->committee_opinion != x->kind)
            v["avis_commission"] = decision_label(*x->committee_opinion);
        const Value asked = d.get("places");
        if (x->kind == DecisionKind::Retained && x->places && std::holds_alternative<Rational>(asked) &&
            *x->places < std::get<Rational>(asked) && ctx.grid.fact("places")) {
            v["reduction"] = "oui";
            v["motif_reduction"] = as_sentence(x->motive.empty() ? x->departure_reason : x->motive);
        }
    }
    return v;
}

Variables letter_variable_names(const Grid& grid, const Campaign& campaign) {
    std::vector<Dossier> one(1);
    Ranking ranking;
    RankEntry e;
    e.score.themes.assign(grid.themes.size(), Rational(0));
    e.score.criteria.assign(grid.criterion_count(), CriterionScore{});
    LetterContext ctx{grid, campaign, one, ranking, Date{2000, 1, 1}, "", nullptr};
    return letter_variables(ctx, e, 0);
}

std::vector<DocumentJob> letter_jobs(const LetterContext& ctx, const std::string& out_dir, const std::string& only_reference,
                                     std::size_t limit, Format format) {
    std::vector<const RankEntry*> entries;
    // Out of the ranking, only a dossier nobody rated can be decided (« non
    // retenu », motivated): it has its letter then (trial 13c F4); the
    // others are counted by the caller.
    auto decided = [&](const RankEntry& e) { return ctx.decisions && ctx.decisions->count(ctx.dossiers[e.dossier].id); };
    for (const auto* list : {&ctx.ranking.ranked, &ctx.ranking.pending, &ctx.ranking.ineligible})
        for (const auto& e : *list) {
            if (limit && entries.size() >= limit) break;
            if (!only_reference.empty() && ctx.dossiers[e.dossier].reference != only_reference) continue;
            if (list == &ctx.ranking.pending && !decided(e) && only_reference.empty()) continue;
            entries.push_back(&e);
        }
    if (!only_reference.empty() && entries.empty()) throw InputError(unknown_dossier(only_reference));
    // Templates are read and checked once, before the jobs run on every core;
    // the jobs share them (and a copy of the context) read-only.
    struct Shared {
        LetterContext ctx;
        TemplateSet templates;
        std::map<std::string, std::string> broken;   // template -> why it cannot be used for this grid
        std::map<std::string, std::set<std::string>> cited;   // template -> the changed figures it prints
    };
    auto shared = std::make_shared<Shared>(Shared{ctx, TemplateSet(ctx.templates_dir, ctx.grid.id), {}, {}});
    shared->ctx.awaiting_pieces = nullptr;   // read below, while the jobs are made; the caller's set may not outlive them
    Variables names = letter_variable_names(ctx.grid, ctx.campaign);
    for (const auto& t : letter_templates()) {
        auto problems = shared->templates.check(t, names, " pour la grille « " + ctx.grid.id + " »");
        std::string why = fr::join(problems, " ");
        if (!why.empty()) shared->broken[t] = why;
        else shared->cited[t] = cited_changes(ctx, shared->templates.load(t));
    }
    std::vector<DocumentJob> jobs;
    for (const RankEntry* entry : entries) {
        const Dossier& d = ctx.dossiers[entry->dossier];
        const Decision* decision = nullptr;
        if (ctx.decisions)
            if (auto it = ctx.decisions->find(d.id); it != ctx.decisions->end()) decision = &it->second;
        std::string tpl = template_for(*entry, decision);
        DocumentJob job;
        job.dossier = d.reference;
        if (ctx.awaiting_pieces && ctx.awaiting_pieces->count(d.id)) {
            // A dossier awaiting missing pieces is not yet ineligible: no letter.
            job.document = "lettre";
            job.stem = out_dir + "/" + document_stem(d.reference, "lettre");
            job.warning = "Dossier « " + d.reference + " » : pièces complémentaires demandées, en attente de réponse ; "
                          "pas de lettre avant la réponse ou la fin du délai (cotation pieces).";
            job.write = [](const DocumentJob&) { return std::vector<std::string>{}; };
            jobs.push_back(std::move(job));
            continue;
        }
        if (!decision && entry->prior_rejection.empty()) {
            // A decision letter notifies the authority's decision, never the
            // ranking's proposal (a new user's trial: a signed « retenu » for a
            // dossier the territorial allocation had set aside). Like the
            // orders (orders.cpp, gets_order): no decision recorded, no letter.
            job.document = "lettre";
            job.stem = out_dir + "/" + document_stem(d.reference, "lettre");
            job.warning = "Dossier « " + d.reference + " » : pas de décision enregistrée, pas de lettre (cotation decide).";
            job.write = [](const DocumentJob&) { return std::vector<std::string>{}; };
            jobs.push_back(std::move(job));
            continue;
        }
        job.document = shared->templates.shown_name(tpl);
        job.stem = out_dir + "/" + document_stem(d.reference, "lettre");
        job.format = format;
        if (auto m = missing_address(d); !m.empty())
            job.warning = "Dossier « " + d.reference + " » : " + m + " ; la lettre porte seulement la commune d'implantation.";
        else if (auto p = malformed_postcode(d); !p.empty())
            job.warning = "Dossier « " + d.reference + " » : " + p + ".";
        if (auto later = dated_after_change_warning(ctx, d.reference, "la lettre est datée", own_letter_day(ctx, d),
                                                    shared->cited[tpl]);
            !later.empty())
            job.warning += (job.warning.empty() ? "" : " ") + later;
        job.write = [shared, entry, tpl](const DocumentJob& j) {
            const LetterContext& c = shared->ctx;
            if (auto b = shared->broken.find(tpl); b != shared->broken.end()) throw InputError(b->second);
            const Dossier& dossier = c.dossiers[entry->dossier];
            const std::set<std::string>& cited = shared->cited.at(tpl);
            Variables vars = letter_variables(c, *entry, c.ranking.ranked.size(), cited);
            auto blocks = shared->templates.expand(tpl, vars);
            const Authority& au = c.campaign.authority;
            LetterHeader h;
            h.authority = au.name;
            h.authority_lines = au.address;
            h.logo_path = au.logo;
            h.place_and_date = (au.city.empty() ? "" : au.city + ", le ") + letter_day(c, dossier, cited).french_long();
            h.recipient = recipient_block(c.grid, dossier);
            h.title = "Appel à candidatures " + c.campaign.reference + " — dossier " + dossier.reference;
            if (!c.journal_head.empty()) h.footer = "Tête du journal de la campagne : " + c.journal_head;
            return write_document(j.stem, h, blocks, j.format);
        };
        jobs.push_back(std::move(job));
    }
    return jobs;
}

DocumentBatch write_letters(const LetterContext& ctx, const std::string& out_dir, const std::string& only_reference,
                            std::size_t limit, Format format, const BatchControl* control) {
    make_folder(out_dir);
    return run_jobs(letter_jobs(ctx, out_dir, only_reference, limit, format), control);
}

}  // namespace cotation::report
