#include "orders.h"

#include <algorithm>
#include <filesystem>

#include "batch.h"
#include "committee_internal.h"
#include "document_names.h"

#include "core/campaign_parameters.h"
#include "core/error.h"
#include "core/french.h"
#include "io/xml_tree.h"
#include "parallel.h"

namespace cotation::report {

const char* order_template() { return "arrete.txt"; }
const char* pieces_template() { return "demande-pieces.txt"; }

namespace {
bool retained_for_nothing(const Decision* d) { return d && d->places && *d->places <= Rational(0); }
std::string joined(const std::vector<std::string>& problems) {
    std::string why = fr::join(problems, " ");
    return why;
}
}  // namespace

bool gets_order(const LetterContext& ctx, const RankEntry& e) {
    const Decision* decision = nullptr;
    if (ctx.decisions)
        if (auto it = ctx.decisions->find(ctx.dossiers[e.dossier].id); it != ctx.decisions->end()) decision = &it->second;
    // The order is the authority's act: only once its decision to retain the
    // dossier is recorded, never on the proposal alone (which the committee's
    // opinion or the territorial rules may still change).
    // A « retenu » for 0 places (recorded before `decide` refused it) grants
    // nothing: no order « de 0 lit » (trial finding 25), a warning instead.
    return decision && template_for(e, decision) == "lettre-retenu.txt" && !retained_for_nothing(decision);
}

namespace {
// Proposed as retained, but no decision recorded yet: said, not ordered.
bool proposed_undecided(const LetterContext& ctx, const RankEntry& e) {
    bool decided = ctx.decisions && ctx.decisions->count(ctx.dossiers[e.dossier].id);
    return !decided && template_for(e, nullptr) == "lettre-retenu.txt";
}
}  // namespace

namespace {

std::string lines_of(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items)
        if (!i.empty()) out += (out.empty() ? "" : "\n") + i;
    return out;
}

// « 500 » -> its label from the grid or form (choice-labels): a list of
// codes gives one label per line (a table cell beside `.liste`).
std::string code_labels(const FactDef& def, const Value& v) {
    std::vector<std::string> codes;
    if (const auto* s = std::get_if<std::string>(&v)) codes.push_back(*s);
    else if (const auto* l = std::get_if<std::vector<std::string>>(&v)) codes = *l;
    std::string out;
    for (const auto& c : codes)
        for (std::size_t i = 0; i < def.choices.size() && i < def.choice_labels.size(); ++i)
            if (def.choices[i] == c) out += (out.empty() ? "" : "\n") + def.choice_labels[i];
    return out;
}

// The visas the grid's texts give (<source visa="…">), in their order; a
// grid that names none (one written with `cotation new` from scratch) cites
// each of its texts by its title.
std::string visas(const Grid& g) {
    std::vector<std::string> out;
    for (const auto& s : g.sources)
        if (!s.visa.empty()) out.push_back("Vu " + s.visa + " ;");
    if (out.empty())
        for (const auto& s : g.sources) out.push_back("Vu le texte intitulé « " + s.title + " » ;");
    return lines_of(out);
}

const Decision* decision_of(const LetterContext& ctx, const Dossier& d) {
    if (!ctx.decisions) return nullptr;
    auto it = ctx.decisions->find(d.id);
    return it == ctx.decisions->end() ? nullptr : &it->second;
}

std::string safe_stem(const std::string& out_dir, const std::string& reference, const std::string& what) {
    // Injective: distinct references, distinct names; « dir/ » gives no « // » (trial 13g G7).
    return (std::filesystem::path(out_dir) / document_stem(reference, what)).lexically_normal().string();
}

LetterHeader base_header(const LetterContext& ctx) {
    const Authority& au = ctx.campaign.authority;
    LetterHeader h;
    h.authority = au.name;
    h.authority_lines = au.address;
    h.logo_path = au.logo;
    return h;
}

void make_dir(const std::string& out_dir) { make_folder(out_dir); }

// A sample entry for checking templates: every value named, none real.
struct Sample {
    std::vector<Dossier> one{Dossier{}};
    Ranking ranking;
    RankEntry entry;
    LetterContext ctx;
    Sample(const Grid& g, const Campaign& c) : ctx{g, c, one, ranking, Date{2000, 1, 1}, "", nullptr} {
        entry.score.themes.assign(g.themes.size(), Rational(0));
        entry.score.criteria.assign(g.criterion_count(), CriterionScore{});
    }
};

// The changed figures an order prints: its template's « .modifie », its vigilance points' notes.
std::set<std::string> order_cited_changes(const LetterContext& ctx, const std::string& points) {
    std::string text;
    try {
        text = TemplateSet(ctx.templates_dir, ctx.grid.id).load(order_template());
    } catch (const std::exception&) {
        // No template (the names' sample): nothing printed, nothing cited.
    }
    return cited_changes(ctx, text, points);
}

}  // namespace

Variables order_variables(const LetterContext& ctx, const RankEntry& e, std::size_t ranked_count) {
    Variables v = letter_variables(ctx, e, ranked_count);
    const Dossier& d = ctx.dossiers[e.dossier];
    v["visas"] = visas(ctx.grid);
    const Decision* x = decision_of(ctx, d);
    v["date_commission"] = "";
    if (ctx.committee_known) {
        if (ctx.committee_sat) v["date_commission"] = ctx.committee_sat->french_long();
    } else if (auto day = CampaignParameters(ctx.campaign.parameters).committee_date()) {
        v["date_commission"] = day->french_long();
    }
    v["places_arrete"] = !v["places_accordees"].empty() ? v["places_accordees"] : v["places"];
    // The order says what the instruction found: « répond au cahier des
    // charges » only without an open vigilance point, else the points by name
    // (trial finding 3: an order claimed conformity for a dossier opening
    // after the call's deadline and asking more than its ceiling).
    // A figure the authority changed is noted where the rule's sentence cites
    // it with the call's section (trial 1011C F3: « ce que prévoit le 4-1 (…
    // au plus 43 800 € par an) » where §4-1 says 44 000 €).
    EligibilityReport noted = e.eligibility;
    if (auto notes = changed_figure_notes(ctx); !notes.empty())
        for (auto& r : noted.rules)
            if (r.outcome == Outcome::Failed && !r.rule->message.empty())
                r.sentence = rule_sentence(ctx.grid, ctx.campaign, d, *r.rule, notes);
    // A point the order applies (a capped complement) is said apart, never
    // as one the carrier must lift (trial 1011G m8).
    EligibilityReport applied = noted;
    std::erase_if(noted.rules, [](const RuleResult& r) { return r.rule && r.rule->applied_by_order; });
    std::erase_if(applied.rules, [](const RuleResult& r) { return !r.rule || !r.rule->applied_by_order; });
    auto points = committee_detail::vigilance_points(noted, false, true);
    v["vigilance"] = lines_of(points);
    v["sans_vigilance"] = points.empty() ? "oui" : "";
    v["applique"] = lines_of(committee_detail::vigilance_points(applied, false, true));
    // Retained ahead of better-ranked dossiers: each of them and why it is
    // not (a new user's trial, docs10 item 9: the CRT order of a 4th-ranked
    // dossier did not say why the 3rd, in a département already served,
    // was passed over): the motive of its decision, else of its proposal.
    std::vector<std::string> ahead;
    for (const auto& other : ctx.ranking.ranked) {
        if (&other == &e || other.rank == 0 || e.rank == 0 || other.rank >= e.rank) continue;
        const Dossier& od = ctx.dossiers[other.dossier];
        const Decision* ox = decision_of(ctx, od);
        const bool retained = ox ? ox->kind == DecisionKind::Retained : other.proposal == Proposal::Retained;
        if (retained) continue;
        std::string why = ox ? (ox->motive.empty() ? ox->departure_reason : ox->motive) : other.proposal_reason;
        ahead.push_back(od.reference + " (" + std::to_string(other.rank) + (other.rank == 1 ? "er" : "e") + " rang" +
                        (ox ? ", " + std::string(decision_label(ox->kind)) : std::string()) + ")" +
                        (fr::trim(why).empty() ? std::string() : " : " + fr::trim(why)));
    }
    v["mieux_classes_non_retenus"] = lines_of(ahead);
    // Never before a change of the call's figures that it prints (trial 1011C F3).
    v["date_arrete"] = dated_after_changes(x ? x->date : ctx.letter_date, ctx.grid, ctx.campaign.parameters,
                                           ctx.parameter_changes, order_cited_changes(ctx, v["vigilance"]))
                           .french_long();
    auto coded = [&](const FactDef& f, const Value& value) {
        v[f.id + ".libelle"] = code_labels(f, value);
        std::string list;
        if (const auto* s = std::get_if<std::string>(&value)) list = *s;
        else if (const auto* l = std::get_if<std::vector<std::string>>(&value))
            for (const auto& c : *l) list += (list.empty() ? "" : "\n") + c;
        v[f.id + ".liste"] = list;
        // « categorie_porteur.354 » is « oui » when the code is chosen: a
        // template's {{#si}} follows the code (the CRT order's signatories).
        for (const auto& choice : f.choices) {
            bool chosen = false;
            if (const auto* s = std::get_if<std::string>(&value)) chosen = *s == choice;
            else if (const auto* l = std::get_if<std::vector<std::string>>(&value))
                chosen = std::find(l->begin(), l->end(), choice) != l->end();
            v[f.id + "." + choice] = chosen ? "oui" : "";
        }
    };
    for (const auto& f : ctx.grid.facts) {
        if (!f.choice_labels.empty()) coded(f, fact_value(ctx.grid, ctx.campaign, d, f.id));
        // « tarife_departement.oui » / « .non »: a template's {{#si}} follows
        // a yes/no fact, both empty while it is unknown (trial 1011 #40: the
        // UPHV order's article 3 differs for an EHPAD the Département does
        // not price, cahier des charges §4-1).
        if (f.type == FactType::Bool) {
            const Value value = fact_value(ctx.grid, ctx.campaign, d, f.id);
            const bool* yes = std::get_if<bool>(&value);
            v[f.id + ".oui"] = yes && *yes ? "oui" : "";
            v[f.id + ".non"] = yes && !*yes ? "oui" : "";
        }
    }
    for (const auto& p : ctx.grid.parameters)
        if (!p.def.choice_labels.empty()) {
            auto it = ctx.campaign.parameters.find(p.def.id);
            coded(p.def, it == ctx.campaign.parameters.end() ? Value{} : it->second);
        }
    return v;
}

Variables order_variable_names(const Grid& grid, const Campaign& campaign) {
    Sample s(grid, campaign);
    return order_variables(s.ctx, s.entry, 0);
}

Variables pieces_variables(const LetterContext& ctx, const RankEntry& e, const PiecesStatus& st) {
    Variables v = letter_variables(ctx, e, ctx.ranking.ranked.size());
    std::vector<std::string> pieces, by_text, by_authority;
    for (const auto* doc : st.to_ask) {
        pieces.push_back(doc->label);
        // Only a piece the call's text requires is said required by it (core/pieces.h).
        if (piece_required_by_text(ctx.grid, *doc)) by_text.push_back(piece_with_citation(ctx.grid, *doc));
        else by_authority.push_back(doc->label);
    }
    v["pieces_manquantes"] = lines_of(pieces);
    v["pieces_texte"] = lines_of(by_text);
    v["texte_unique"] = by_text.size() == 1 ? "oui" : "";
    v["texte_plusieurs"] = by_text.size() > 1 ? "oui" : "";
    v["pieces_autorite"] = lines_of(by_authority);
    v["autorite_unique"] = by_authority.size() == 1 ? "oui" : "";
    v["autorite_plusieurs"] = by_authority.size() > 1 ? "oui" : "";
    // The letter agrees with the number of pieces (trial finding 13).
    v["piece_unique"] = pieces.size() == 1 ? "oui" : "";
    v["pieces_plusieurs"] = pieces.size() > 1 ? "oui" : "";
    v["date_demande"] = st.requested ? st.requested->french_long() : "";
    v["date_courrier"] = v["date_demande"];   // the request's own date, never the clock's
    // The campaign's period and the day it ends (core/pieces.h), never their difference (trial 1011C F6).
    v["date_limite_pieces"] = pieces_deadline_words(st);
    v["delai_pieces"] = pieces_period_words(st);
    return v;
}

Variables pieces_variable_names(const Grid& grid, const Campaign& campaign) {
    Sample s(grid, campaign);
    PiecesStatus st;
    st.requested = Date{2000, 1, 1};
    st.due = Date{2000, 1, 17};   // 16 January 2000 was a Sunday
    st.due_moved = true;
    st.delay_days = 15;
    return pieces_variables(s.ctx, s.entry, st);
}

std::vector<std::string> check_order_templates(TemplateSet& templates, const Grid& grid, const Campaign& campaign) {
    std::string context = " pour la grille « " + grid.id + " »";
    auto out = templates.check(order_template(), order_variable_names(grid, campaign), context);
    auto more = templates.check(pieces_template(), pieces_variable_names(grid, campaign), context);
    out.insert(out.end(), more.begin(), more.end());
    return out;
}

namespace {
// A joint order names its co-signing president as the authority declared
// them (trial 1011C F9: « Le Président … », nobody named, masculine by
// default). While none is declared for the site's Département, the order
// names both offices and nobody: said, with what to declare before signing.
std::string undeclared_cosignatory(const LetterContext& ctx, const RankEntry& e) {
    Variables vars = order_variables(ctx, e, ctx.ranking.ranked.size());
    if (!vars["departement.signataire"].empty() || vars["departement.president"].empty()) return "";
    const std::string mark = "@@cosignataire@@";
    vars["departement.president"] = vars["departement.aupres"] = mark;
    try {
        TemplateSet templates(ctx.templates_dir, ctx.grid.id);
        if (!templates.check(order_template(), vars, "").empty()) return "";   // loads it and its includes
        for (const auto& b : templates.expand(order_template(), vars)) {
            if (b.text.find(mark) == std::string::npos) continue;
            return "Dossier « " + ctx.dossiers[e.dossier].reference + " » : l'arrêté est conjoint avec le Département (" +
                   vars["departement"] + "), dont la présidence n'est pas déclarée : il dit « Le Président ou la Présidente "
                   "du Conseil départemental », sans nom. Déclarez sa civilité et son nom avant de le signer (cotation "
                   "autorite FICHIER --cosignataires « CODE=Mme Prénom Nom »), puis produisez-le de nouveau.";
        }
    } catch (const std::exception&) {
        // A template that cannot be expanded is the order's own failure, said there.
    }
    return "";
}
}  // namespace

std::vector<std::string> order_warnings(const LetterContext& ctx, const RankEntry& e) {
    const Dossier& d = ctx.dossiers[e.dossier];
    std::vector<std::string> out;
    if (fr::trim(d.finess).empty())
        out.push_back("Dossier « " + d.reference + " » : numéro FINESS non renseigné ; l'arrêté ne le porte pas.");
    EligibilityReport open = e.eligibility;   // a point the order applies is not left open
    std::erase_if(open.rules, [](const RuleResult& r) { return r.rule && r.rule->applied_by_order; });
    if (auto points = committee_detail::vigilance_points(open, false); !points.empty())
        out.push_back("Dossier « " + d.reference +
                      " » : " + fr::plural(points.size(), "point de vigilance ouvert", "points de vigilance ouverts") + " : " +
                      joined(points) + " L'arrêté les nomme au lieu de dire le projet conforme au cahier des charges.");
    if (auto w = undeclared_cosignatory(ctx, e); !w.empty()) out.push_back(w);
    const Decision* x = decision_of(ctx, d);
    const std::string points = order_variables(ctx, e, ctx.ranking.ranked.size())["vigilance"];
    if (auto later = dated_after_change_warning(ctx, d.reference, "l'arrêté est daté", x ? x->date : ctx.letter_date,
                                                order_cited_changes(ctx, points));
        !later.empty())
        out.push_back(later);
    // A date the order sets as a deadline already past on the order's own day
    // (trial 1011G, issue 11 M6: « au plus tard le 31 décembre 2025 » in an
    // order of 2 December 2026): said before signing.
    const Date on = dated_after_changes(x ? x->date : ctx.letter_date, ctx.grid, ctx.campaign.parameters,
                                        ctx.parameter_changes, order_cited_changes(ctx, points));
    std::string text;
    try {
        text = TemplateSet(ctx.templates_dir, ctx.grid.id).load(order_template());
    } catch (const std::exception&) {
    }
    const CampaignParameters params(ctx.campaign.parameters);
    for (const auto& p : ctx.grid.parameters) {
        // A lower bound (« au plus tôt », max-parameter="…") may well be past.
        if (p.def.type != FactType::Date || !p.at_most.empty() || text.find("{{" + p.def.id + "}}") == std::string::npos)
            continue;
        if (const auto when = params.date(p.def.id); when && *when < on)
            out.push_back("Dossier « " + d.reference + " » : l'arrêté, daté du " + on.french_numeric() + ", cite « " +
                          p.def.label + " » au " + when->french_numeric() + ", date déjà passée : vérifiez-la avant signature (" +
                          p.def.id + ").");
    }
    return out;
}

Document order_document(const LetterContext& ctx, const TemplateSet& templates, const RankEntry& e) {
    const Dossier& d = ctx.dossiers[e.dossier];
    Document doc;
    Variables vars = order_variables(ctx, e, ctx.ranking.ranked.size());
    // A fact of the dossier that the order cites outside any condition must
    // be there: an order « passe de  (personnes âgées dépendantes) à 702 »
    // is not signed (trial finding 28). Not written, saying what is missing.
    const std::string text =
        utf8_template(io::read_file(templates.dir() + "/" + templates.shown_name(order_template()), io::kTemplateFile),
                      templates.shown_name(order_template()));
    std::vector<std::string> missing;
    for (const auto& f : ctx.grid.facts) {
        // Cited outside a condition, or choosing the wording ({{#si f.oui}}, {{#si f.non}}).
        const bool cited =
            text.find("{{" + f.id + "}}") != std::string::npos && text.find("{{#si " + f.id + "}}") == std::string::npos;
        const bool branches = text.find("{{#si " + f.id + ".oui}}") != std::string::npos ||
                              text.find("{{#si " + f.id + ".non}}") != std::string::npos;
        if (!cited && !branches) continue;
        if (auto it = vars.find(f.id); it != vars.end() && fr::trim(it->second).empty())
            missing.push_back(f.label + " (" + f.id + ")");
    }
    if (!missing.empty())
        throw InputError("Dossier « " + d.reference + " » : " + fr::join(missing) +
                         (missing.size() > 1 ? " non renseignés" : " non renseigné") + " ; l'arrêté " +
                         (missing.size() > 1 ? "les" : "le") + " cite (modèle « " + templates.shown_name(order_template()) +
                         " ») : complétez le dossier avant d'écrire l'arrêté.");
    doc.blocks = templates.expand(order_template(), vars);
    doc.header = base_header(ctx);
    // An order is not addressed to anyone: no recipient, dated where it is signed.
    doc.header.title = "Arrêté — " + ctx.campaign.reference + " — dossier " + d.reference;
    doc.header.subject = "Arrêté relatif au dossier " + d.reference + " (" + d.organisme + ")";
    if (!ctx.journal_head.empty()) doc.header.footer = "Tête du journal de la campagne : " + ctx.journal_head;
    return doc;
}

Document pieces_document(const LetterContext& ctx, const TemplateSet& templates, const RankEntry& e, const PiecesStatus& st) {
    const Dossier& d = ctx.dossiers[e.dossier];
    if (!st.requested) throw InputError("Dossier « " + d.reference + " » : aucune demande de pièces enregistrée.");
    Document doc;
    doc.blocks = templates.expand(pieces_template(), pieces_variables(ctx, e, st));
    doc.header = base_header(ctx);
    const Authority& au = ctx.campaign.authority;
    // Dated by the request recorded, never by the clock.
    doc.header.place_and_date = (au.city.empty() ? "" : au.city + ", le ") + st.requested->french_long();
    doc.header.recipient = recipient_block(ctx.grid, d);
    doc.header.title = "Demande de pièces complémentaires — " + ctx.campaign.reference + " — dossier " + d.reference;
    return doc;
}

DocumentBatch write_orders(const LetterContext& ctx, const std::string& out_dir, const std::string& only_reference,
                           Format format) {
    make_dir(out_dir);
    std::vector<const RankEntry*> jobs;
    bool known = only_reference.empty();
    for (const auto& e : ctx.ranking.ranked) {
        if (!only_reference.empty() && ctx.dossiers[e.dossier].reference != only_reference) continue;
        known = true;
        if (gets_order(ctx, e)) jobs.push_back(&e);
    }
    for (const auto* list : {&ctx.ranking.pending, &ctx.ranking.ineligible})
        for (const auto& e : *list) known = known || ctx.dossiers[e.dossier].reference == only_reference;
    if (!known) throw InputError(unknown_dossier(only_reference));
    std::vector<std::string> undecided;
    for (const auto& e : ctx.ranking.ranked)
        if ((only_reference.empty() || ctx.dossiers[e.dossier].reference == only_reference) && proposed_undecided(ctx, e))
            undecided.push_back("Dossier « " + ctx.dossiers[e.dossier].reference +
                                " » : proposé retenu, mais aucune décision n'est enregistrée ; pas d'arrêté avant la "
                                "décision (cotation decide).");
    for (const auto& e : ctx.ranking.ranked) {
        const Dossier& d = ctx.dossiers[e.dossier];
        if (!only_reference.empty() && d.reference != only_reference) continue;
        if (auto it = ctx.decisions ? ctx.decisions->find(d.id) : DecisionIndex::const_iterator{};
            ctx.decisions && it != ctx.decisions->end() && it->second.kind == DecisionKind::Retained &&
            retained_for_nothing(&it->second))
            undecided.push_back("Dossier « " + d.reference +
                                " » : décision « retenu » sans capacité accordée (0) ; pas d'arrêté (la décision "
                                "est à corriger : cotation decide).");
    }
    if (!only_reference.empty() && jobs.empty())
        throw InputError(!undecided.empty() ? undecided.front()
                                            : "Dossier « " + only_reference + " » : il n'est pas retenu, il n'a pas d'arrêté.");
    TemplateSet templates(ctx.templates_dir, ctx.grid.id);
    std::string broken = joined(templates.check(order_template(), order_variable_names(ctx.grid, ctx.campaign),
                                                " pour la grille « " + ctx.grid.id + " »"));
    std::vector<std::vector<std::string>> written(jobs.size());
    std::vector<std::string> failed(jobs.size());
    parallel_for(jobs.size(), [&](std::size_t k) {
        const Dossier& d = ctx.dossiers[jobs[k]->dossier];
        try {
            if (!broken.empty()) throw InputError(broken);
            Document doc = order_document(ctx, templates, *jobs[k]);
            written[k] = write_document(safe_stem(out_dir, d.reference, "arrete"), doc.header, doc.blocks, format);
        } catch (const std::exception& x) {
            failed[k] = x.what();
        }
    });
    DocumentBatch batch;
    batch.warnings = undecided;
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        const Dossier& d = ctx.dossiers[jobs[k]->dossier];
        if (!failed[k].empty()) {
            batch.failures.push_back({d.reference, templates.shown_name(order_template()), failed[k]});
            continue;
        }
        batch.written.insert(batch.written.end(), written[k].begin(), written[k].end());
        for (auto& w : order_warnings(ctx, *jobs[k])) batch.warnings.push_back(std::move(w));
    }
    return batch;
}

DocumentBatch write_pieces_requests(const LetterContext& ctx, const std::vector<PiecesJob>& jobs, const std::string& out_dir,
                                    Format format) {
    make_dir(out_dir);
    TemplateSet templates(ctx.templates_dir, ctx.grid.id);
    std::string broken = joined(templates.check(pieces_template(), pieces_variable_names(ctx.grid, ctx.campaign),
                                                " pour la grille « " + ctx.grid.id + " »"));
    std::vector<std::vector<std::string>> written(jobs.size());
    std::vector<std::string> failed(jobs.size());
    parallel_for(jobs.size(), [&](std::size_t k) {
        const Dossier& d = ctx.dossiers[jobs[k].entry->dossier];
        try {
            if (!broken.empty()) throw InputError(broken);
            Document doc = pieces_document(ctx, templates, *jobs[k].entry, jobs[k].status);
            written[k] = write_document(safe_stem(out_dir, d.reference, "demande-pieces"), doc.header, doc.blocks, format);
        } catch (const std::exception& x) {
            failed[k] = x.what();
        }
    });
    DocumentBatch batch;
    for (std::size_t k = 0; k < jobs.size(); ++k) {
        const Dossier& d = ctx.dossiers[jobs[k].entry->dossier];
        if (!failed[k].empty()) {
            batch.failures.push_back({d.reference, templates.shown_name(pieces_template()), failed[k]});
            continue;
        }
        batch.written.insert(batch.written.end(), written[k].begin(), written[k].end());
        if (auto m = missing_address(d); !m.empty())
            batch.warnings.push_back("Dossier « " + d.reference + " » : " + m +
                                     " ; la demande porte seulement la commune d'implantation.");
    }
    return batch;
}

}  // namespace cotation::report
