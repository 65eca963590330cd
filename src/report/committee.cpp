#include "committee.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "core/enums.h"
#include "core/eligibility.h"
#include "core/error.h"
#include "core/french.h"
#include "core/read_rules.h"
#include "core/meeting_rules.h"
#include "io/reference_data.h"
#include "io/xml_tree.h"
#include "authority_variables.h"
#include "letters.h"
#include "batch.h"
#include "document_names.h"
#include "committee_internal.h"
#include "map.h"
#include "odt.h"
#include "pdf_letter.h"

namespace cotation::report {
namespace committee_detail {
std::string join(const std::vector<std::string>& lines) {
    std::string out = fr::join(lines, "\n");
    return out;
}

std::vector<std::string> vigilance_points(const EligibilityReport& r, bool with_source, bool prose) {
    std::vector<std::string> out;
    for (const auto& x : r.rules) {
        // An eliminating rule that cannot be decided (a fact missing) is one
        // too: an order said « répond au cahier des charges » of a dossier
        // `check` left « à compléter » (trial 1011G, issue 11 M4).
        if (x.rule->effect != RuleEffect::Attention && x.outcome != Outcome::Undecidable) continue;
        std::string line;
        if (x.outcome == Outcome::Failed && prose)
            // The message's own words, its values filled (an order printed « {campagne.complement_jour} »).
            line = x.rule->message.empty() ? "La condition « " + x.rule->label + " » n'est pas remplie"
                                           : (x.sentence.empty() ? x.rule->message : x.sentence);
        else if (x.outcome == Outcome::Failed)
            // The result's message carries the compared values, as the
            // instruction report and `cotation check` print it.
            // (without a message of its own, the result's starts with the label).
            line = x.rule->message.empty() ? (x.message.empty() ? x.rule->label + " : non respecté" : x.message)
                                           : x.rule->label + " : " + (x.message.empty() ? x.rule->message : x.message);
        else if (x.outcome == Outcome::Undecidable) {
            line = x.rule->label + " : non vérifiable, manque ";
            line += fr::join(x.missing);
        } else
            continue;
        line = as_sentence(line);
        if (with_source && !x.rule->source.empty()) line += " (" + x.rule->source + ")";
        out.push_back(line);
    }
    return out;
}
Variables document_variables(const CommitteeContext& ctx) {
    Variables v;
    v["campagne.reference"] = ctx.campaign.reference;
    v["campagne.titre"] = ctx.campaign.title;
    add_authority_variables(v, ctx.campaign);
    v["date_document"] = ctx.date.french_long();
    v["journal.tete"] = ctx.journal_head.empty() ? "non relevée" : ctx.journal_head;
    return v;
}
}  // namespace committee_detail

std::vector<std::string> vigilance_lines(const Ranking& ranking, const std::vector<Dossier>& dossiers) {
    std::vector<std::string> out;
    for (const auto* list : {&ranking.ranked, &ranking.pending})
        for (const auto& e : *list)
            for (const auto& p : committee_detail::vigilance_points(e.eligibility, false))
                out.push_back(dossiers[e.dossier].reference + " — " + p);
    return out;
}
using namespace committee_detail;

namespace {
const Person* person(const Team& t, const std::string& name) { return t.person(name); }

std::string who(const Team& t, const std::string& name) {
    const Person* p = person(t, name);
    return p && !p->organisation.empty() ? name + " (" + p->organisation + ")" : name;
}


std::string ranked_line(const CommitteeContext& ctx, const RankEntry& e, std::size_t position) {
    const Dossier& d = ctx.dossiers[e.dossier];
    std::string line = std::to_string(e.rank) + (e.ex_aequo ? " ex aequo" : "") + ". " + d.reference + " — " + d.organisme +
                       " : " + fr::number(e.score.total) + " / " + fr::number(ctx.grid.max_total()) + " points (";
    for (std::size_t t = 0; t < ctx.grid.themes.size() && t < e.score.themes.size(); ++t)
        line += (t ? ", " : "") + ctx.grid.themes[t].id + " " + fr::number(e.score.themes[t]);
    line += ") — " + std::string(proposal_label(e.proposal));
    if (!e.proposal_reason.empty()) line += " : " + join_clauses({e.proposal_reason});
    // Ranked on part of the grid: the committee reads it on the line (trial 13d F7).
    if (auto incomplete = incomplete_rating(ctx.grid, e); !incomplete.empty()) line += " — " + incomplete;
    if (ctx.solidity && position < ctx.solidity->fragile.size() && ctx.solidity->fragile[position])
        line += " — rang fragile (un point d'une note peut le changer)";
    for (const auto& n : e.set_aside) line += " — " + n;   // a link declared after rating (trial 13 F22)
    return line;
}
}  // namespace

std::vector<std::string> key_figures(const Grid& grid, const Campaign& campaign, const Dossier& d) {
    std::vector<std::string> out;
    for (const auto& id : grid.key_facts) {
        const FactDef* f = grid.fact(id);
        if (!f) continue;
        std::string value = display(*f, fact_value(grid, campaign, d, id));
        // A table's total reads « Effectifs dédiés à l'unité (total) », not « … : total : ».
        std::string label = f->derived && !f->group_label.empty() ? f->group_label + " (total)" : f->label;
        out.push_back(label + " : " + (value.empty() ? "non déclaré" : value));
    }
    return out;
}

Variables committee_variables(const CommitteeContext& ctx) {
    Variables v = document_variables(ctx);

    std::vector<std::string> lines;
    for (const auto& s : ctx.calendar)
        lines.push_back(s.label + " — " + (s.due ? s.due->french_long() : std::string("à dater")) + " — " +
                        step_state_label(s.state) + (s.done && s.obligation ? " le " + s.done->french_long() : "") +
                        (s.state == StepState::Done && s.obligation && !s.done ? " (l'étape suivante l'étant)" : "") +
                        (s.done_late ? ", après l'échéance" : "") + " (" +
                        s.basis + ")");
    v["calendrier"] = join(lines);

    lines.clear();
    for (std::size_t i = 0; i < ctx.ranking.ranked.size(); ++i) lines.push_back(ranked_line(ctx, ctx.ranking.ranked[i], i));
    // Never a heading with nothing under it: each list says when it is empty.
    v["classement"] = lines.empty() ? "aucun dossier recevable à classer" : join(lines);
    v["regle_departage"] = Ranking::tie_rule();

    lines.clear();
    std::vector<std::string> unrated;   // nobody rated them: apart, never « non retenu » on 0 points (trial 13c F4)
    for (const auto& e : ctx.ranking.pending) {
        if (e.proposal == Proposal::Unrated) {
            unrated.push_back(ctx.dossiers[e.dossier].reference + " — " + ctx.dossiers[e.dossier].organisme + " : " +
                              e.proposal_reason);
            continue;
        }
        lines.push_back(ctx.dossiers[e.dossier].reference + " — " + ctx.dossiers[e.dossier].organisme + " : " +
                        e.proposal_reason);
        for (const auto& n : e.set_aside) lines.back() += " — " + n;
    }
    v["en_attente"] = join(lines);
    v["non_notes"] = join(unrated);

    std::vector<std::string> refused, ineligible, awaiting;
    for (const auto& e : ctx.ranking.ineligible) {
        const Dossier& d = ctx.dossiers[e.dossier];
        // A refusal before the committee is its own ground: the conditions
        // that follow from the same fact (a late deposit) are not repeated.
        if (!e.prior_rejection.empty())
            refused.push_back(d.reference + " — " + d.organisme + " : " + as_sentence(e.prior_rejection));
        else if (auto w = ctx.awaiting_pieces.find(d.id); w != ctx.awaiting_pieces.end())
            awaiting.push_back(d.reference + " — " + d.organisme + " : " +
                               as_sentence(w->second + " : " + join_clauses(e.apart_reasons())));
        else ineligible.push_back(d.reference + " — " + d.organisme + " : " + as_sentence(join_clauses(e.apart_reasons())));
    }
    v["refus_prealables"] = join(refused);
    v["irrecevables"] = join(ineligible);
    v["pieces_attendues"] = join(awaiting);

    lines.clear();
    if (ctx.solidity)
        for (const auto& m : ctx.solidity->margins) {
            const auto& up = ctx.ranking.ranked[m.upper];
            const auto& low = ctx.ranking.ranked[m.lower];
            std::string line = ctx.dossiers[up.dossier].reference + " / " + ctx.dossiers[low.dossier].reference;
            if (m.gap == Rational(0)) {
                lines.push_back(line + " : ex aequo, la moindre modification d'une note les départage.");
                continue;
            }
            // French agreement: « 1,73 point », « 2 points ».
            line += " : écart de " + fr::number(m.gap) + " point" + (m.gap >= Rational(2) ? "s" : "");
            // The smallest single change that levels them; any change beyond it swaps them.
            std::vector<std::string> ways;
            if (m.rating_change) {
                const auto& moved = m.rating_of_lower ? low : up;
                ways.push_back(std::string(m.rating_of_lower ? "relever" : "abaisser") + " de " + fr::number(*m.rating_change) +
                               " point" + (*m.rating_change >= Rational(2) ? "s" : "") + " la note consolidée de " +
                               m.rating_criterion + " du dossier " + ctx.dossiers[moved.dossier].reference);
            }
            if (m.coefficient_change)
                if (const Criterion* c = ctx.grid.criterion(m.coefficient_criterion)) {
                    Rational to = m.coefficient_direction < 0 ? c->coefficient - *m.coefficient_change
                                                              : c->coefficient + *m.coefficient_change;
                    ways.push_back("porter le coefficient de " + m.coefficient_criterion + " de " + fr::number(c->coefficient) +
                                   " à " + fr::number(to));
                }
            if (!ways.empty()) {
                line += " ; pour les mettre à égalité, il faudrait ";
                line += fr::join(ways, ", ou ");
                line += " ; au-delà, leur ordre s'inverserait";
            }
            lines.push_back(line + ".");
        }
    v["solidite"] = join(lines);

    // Declarations of interest: every declared link, its author and date.
    lines.clear();
    for (const auto& c : ctx.team.conflicts) {
        const Person* p = person(ctx.team, c.reviewer);
        // The core's rule (name, SIREN or FINESS), as the meeting's check (review 12C M1).
        const auto refs = covered_references(c, ctx.dossiers);
        lines.push_back(c.reviewer + (p ? " (" + std::string(role_label(p->role)) + ")" : "") + " — " + c.organisme +
                        (refs.empty() ? "" : std::string(refs.size() > 1 ? " (dossiers " : " (dossier ") + fr::join(refs) + ")") +
                        " : " + c.declaration + " — déclaré le " +
                        c.declared_on.french_long() + " par " + c.declared_by);
    }
    v["declarations_interets"] = join(lines);
    v["aucun_lien_interets"] = lines.empty() ? "oui" : "";

    lines.clear();
    for (const auto& [name, p] : ctx.team.people)
        if (p.role == Role::CommitteeMember)
            lines.push_back(who(ctx.team, name) + (p.deliberative ? " — voix délibérative" : " — voix consultative"));
    // Never an empty heading: say that no member is declared.
    v["membres"] = lines.empty() ? "aucun membre déclaré dans la campagne" : join(lines);

    // What the committee must see of each dossier: its declared key figures
    // and its vigilance points, in ranking order.
    std::vector<std::string> figures;
    for (const auto* list : {&ctx.ranking.ranked, &ctx.ranking.pending}) {
        for (const auto& e : *list) {
            const Dossier& d = ctx.dossiers[e.dossier];
            auto k = key_figures(ctx.grid, ctx.campaign, d);
            if (!k.empty()) figures.push_back(d.reference + " — " + d.organisme + " — " + as_sentence(join_clauses(k)));
        }
    }
    v["chiffres_cles"] = join(figures);
    // After a vote that kept them, the points as the committee saw them; today's, where
    // they differ (a figure changed after the séance), apart (trial 1011D).
    const auto vigilance = vigilance_lines(ctx.ranking, ctx.dossiers);
    if (ctx.meeting && ctx.meeting->allocation_kept && ctx.meeting->date <= ctx.date) {
        const auto& voted = ctx.meeting->voted_vigilance;
        std::vector<std::string> since;
        for (const auto& l : vigilance)
            if (std::find(voted.begin(), voted.end(), l) == voted.end()) since.push_back(l);
        v["vigilance"] = join(voted);
        // None seen by the committee, some today (trial 1011E F9): said so, not « ci-dessus ».
        v["vigilance_depuis_vote"] = voted.empty() ? "" : join(since);
        v["vigilance_apres_seance"] = voted.empty() ? join(since) : "";
    } else {
        v["vigilance"] = join(vigilance);
        v["vigilance_depuis_vote"] = v["vigilance_apres_seance"] = "";
    }

    // Members' opinions, dossier by dossier in ranking order.
    lines.clear();
    auto opinions_of = [&](const RankEntry& e) {
        auto it = ctx.opinions.find(ctx.dossiers[e.dossier].id);
        if (it == ctx.opinions.end()) return;
        for (const auto& o : it->second)
            lines.push_back(ctx.dossiers[e.dossier].reference + " — " + o.member + " : " + opinion_label(o.opinion) +
                            (o.comment.empty() ? "" : " (" + o.comment + ")"));
    };
    for (const auto* list : {&ctx.ranking.ranked, &ctx.ranking.pending, &ctx.ranking.ineligible})
        for (const auto& e : *list) opinions_of(e);
    v["avis_membres"] = join(lines);

    // The meeting.
    v["seance.date"] = ctx.meeting ? ctx.meeting->date.french_long() : "";
    v["seance.president"] = ctx.meeting ? ctx.meeting->president : "";
    // Never masculine by default (trial 1011C F5): core/meeting_rules.h.
    v["seance.president_qualite"] = ctx.meeting ? president_quality(*ctx.meeting, ctx.campaign.authority) : "";
    v["seance.president_civilite"] = ctx.meeting && ctx.meeting->president_civility ? enum_code(*ctx.meeting->president_civility)
                                                                                    : "";   // « Mme », « M. » or empty
    std::vector<std::string> present, represented, absent;
    if (ctx.meeting) {
        for (const auto& [name, p] : ctx.team.people) {
            if (p.role != Role::CommitteeMember) continue;
            auto a = ctx.meeting->attendance.find(name);
            Presence pr = a == ctx.meeting->attendance.end() ? Presence::Absent : a->second.presence;
            std::string voice = p.deliberative ? "" : ", voix consultative";
            if (pr == Presence::Present) present.push_back(who(ctx.team, name) + voice);
            else if (pr == Presence::Represented)
                represented.push_back(who(ctx.team, name) + ", mandat donné à " + a->second.proxy);
            else absent.push_back(who(ctx.team, name) + voice);
        }
    }
    v["seance.presents"] = present.empty() ? "aucun membre présent" : join(present);
    v["seance.representes"] = join(represented);
    v["seance.absents"] = join(absent);
    lines.clear();
    if (ctx.check) {
        int attending = ctx.check->present + ctx.check->represented;
        v["seance.quorum"] = fr::plural(attending, "membre") + " à voix délibérative " +
                             (attending > 1 ? "présents ou représentés" : "présent ou représenté") + " sur " +
                             std::to_string(ctx.check->deliberative) +
                             " (quorum : " + std::to_string(ctx.check->quorum_needed) + ") — " +
                             (ctx.check->quorum ? "la commission peut délibérer." : "quorum non atteint.");
        for (const auto& i : ctx.check->interests)
            lines.push_back(i.member + " ne prend pas part à la délibération sur " + i.dossier_reference + " (" + i.organisme +
                            ", lien déclaré) ni au vote du classement.");
        v["seance.interets"] = join(lines);
        lines.clear();
        for (const auto& name : ctx.check->voters) {
            auto vote = ctx.meeting->votes.find(name);
            auto a = ctx.meeting->attendance.find(name);
            std::string by = a != ctx.meeting->attendance.end() && a->second.presence == Presence::Represented
                                 ? " (par mandat, " + a->second.proxy + ")" : "";
            lines.push_back(name + by + " : " + (vote == ctx.meeting->votes.end() ? "n'a pas voté" : vote_label(vote->second)));
        }
        v["seance.votes"] = lines.empty() ? "aucun vote enregistré" : join(lines);
        v["seance.resultat"] = ctx.check->outcome;
        v["seance.remarques"] = join(ctx.check->problems);
    } else {
        v["seance.quorum"] = v["seance.interets"] = v["seance.resultat"] = v["seance.remarques"] = "";
        v["seance.votes"] = "aucun vote enregistré";
    }
    lines.clear();
    if (ctx.meeting)
        for (const auto& [name, text] : ctx.meeting->observations) lines.push_back(name + " : " + text);
    v["seance.observations"] = join(lines);

    // The ranking as the committee voted it, and what has moved since.
    lines.clear();
    if (ctx.meeting) {
        std::map<std::string, const Dossier*> by_ref;
        for (const auto& d : ctx.dossiers) by_ref[d.reference] = &d;
        // Why a ranked dossier is advised « non retenu » (trial 1011B F8): the
        // proposal's reason (capacity, a territorial rule, the variant), when
        // today's proposal still says what was voted.
        // A partial grant voted: its places and the request (trial 1011D: ACT23-1, 5 of 16, left out).
        auto granted_text = [&](const VotedEntry& e) -> std::string {
            const auto n = Rational::from_canonical(e.places);
            if (!n || e.opinion != DecisionKind::Retained) return "";
            auto d = by_ref.find(e.reference);
            const Value asked = d != by_ref.end() ? d->second->get("places") : Value{};
            const Rational* of = std::get_if<Rational>(&asked);
            return " pour " + ctx.ranking.model.places_text(*n) + (of ? " sur " + fr::number(*of) + " demandées" : "") +
                   " (attribution partielle)";
        };
        std::map<std::string, const RankEntry*> proposed;
        for (const auto& e : ctx.ranking.ranked) proposed[ctx.dossiers[e.dossier].reference] = &e;
        for (const auto& e : ctx.meeting->voted) {
            if (!e.rank) continue;
            auto d = by_ref.find(e.reference);
            auto total = Rational::from_canonical(e.total);
            std::string why;
            // As voted when kept (trial 1011E F4); a vote recorded before: today's, when it still says what was voted.
            if (e.opinion == DecisionKind::NotRetained && !e.reason.empty()) why = " (" + e.reason + ")";
            else if (e.opinion == DecisionKind::NotRetained)
                if (auto p = proposed.find(e.reference);
                    p != proposed.end() && p->second->proposal == Proposal::NotRetained && !p->second->proposal_reason.empty())
                    why = " (" + p->second->proposal_reason + ")";
            lines.push_back(std::to_string(e.rank) + ". " + e.reference +
                            (d != by_ref.end() ? " — " + d->second->organisme : "") + " : " +
                            (total ? fr::number(*total) : e.total) + " / " + fr::number(ctx.grid.max_total()) + " points — " +
                            (e.opinion ? decision_label(*e.opinion) : "en attente") + granted_text(e) + why);
        }
    }
    v["classement_vote"] = lines.empty() ? "aucun classement voté" : join(lines);
    v["variante_votee"] = ctx.meeting ? ctx.voted_variant : "";
    v["regles_repartition"] = join(ctx.allocation_rules);
    // Before the vote (a file dated before its meeting), nothing has moved since it.
    v["changements_depuis_vote"] = ctx.meeting && ctx.meeting->date <= ctx.date ? join(ctx.changes_since_vote) : "";
    v["regles_depuis_vote"] = ctx.meeting && ctx.meeting->date <= ctx.date ? join(ctx.rules_since_vote) : "";
    v["repartition_depuis_vote"] = ctx.meeting && ctx.meeting->date <= ctx.date ? ctx.allocation_since_vote : "";

    // Decisions already recorded, and those that depart from the committee's opinion.
    lines.clear();
    for (const auto& d : ctx.dossiers) {
        auto it = ctx.decisions.find(d.id);
        if (it == ctx.decisions.end()) continue;
        const Decision& x = it->second;
        // The document is read as on its date: a later decision was not taken yet (trial finding 4).
        if (x.date > ctx.date) continue;
        lines.push_back(d.reference + " — " + decision_label(x.kind) +
                        (x.places ? " (" + ctx.ranking.model.places_text(*x.places) + ")" : "") + " le " + x.date.french_long() +
                        (x.departure_reason.empty() ? "" : " — écart à l'avis de la commission : " + x.departure_reason));
    }
    v["decisions"] = join(lines);

    // Territorial coverage: figures here, the map on the file's last page.
    v["couverture"] = ctx.territory ? join(ctx.territory->figures) : "";
    return v;
}

namespace {

void throw_if(const std::vector<std::string>& problems) {
    std::string why = fr::join(problems, " ");
    if (!why.empty()) throw InputError(why);
}

// Header and blocks of a committee document; throws naming the template.
std::pair<LetterHeader, std::vector<Block>> committee_document(const CommitteeContext& ctx, const std::string& template_name,
                                                               const std::string& title) {
    TemplateSet templates(ctx.templates_dir, ctx.grid.id);
    Sample sample(ctx.grid, ctx.campaign);
    throw_if(templates.check(template_name, committee_variables(sample.ctx), context_of(ctx.grid)));
    auto blocks = templates.expand(template_name, committee_variables(ctx));
    LetterHeader h;
    h.authority = ctx.campaign.authority.name;
    h.authority_lines = ctx.campaign.authority.address;
    h.logo_path = ctx.campaign.authority.logo;
    // Dated by the campaign (the committee's date), never by the clock.
    h.place_and_date =
        (ctx.campaign.authority.city.empty() ? "" : ctx.campaign.authority.city + ", le ") + ctx.date.french_long();
    h.title = title + " — " + ctx.campaign.reference;
    return {h, blocks};
}

void write_document(const CommitteeContext& ctx, const std::string& template_name, const std::string& title,
                    const std::string& path, const std::vector<PageDrawer>& extra_pages = {}) {
    auto [h, blocks] = committee_document(ctx, template_name, title);
    write_letter_pdf(path, h, blocks, extra_pages);
}

// The map as PNG bytes (1 400 × 1 000 pixels, 16,5 cm wide on the ODT's page:
// 215 dpi), through a temporary file beside the document being written.
std::string map_png(const MapData& map, const std::string& beside) {
    const std::string tmp = beside + ".carte.png";
    try {
        write_map_png(map, tmp);
        std::ifstream in(tmp, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::filesystem::remove(tmp);
        return bytes;
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(tmp, ignored);
        throw;
    }
}

const char* const kCommitteeTitle = "Dossier de la commission";
const char* const kMinutesTitle = "Procès-verbal de la commission";
}  // namespace

void write_committee_file(const CommitteeContext& ctx, const std::string& path) {
    // With its map page when the campaign has a territory (pages drawn by the
    // same painter as the window), in PDF; the ODT carries the figures.
    std::vector<PageDrawer> pages;
    if (ctx.territory)
        // The same painter as the window and `cotation carte`, vector, on an A4
        // landscape page; the page number keeps its strip at the bottom.
        pages.push_back([&](HPDF_Doc pdf, HPDF_Page page) {
            HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_LANDSCAPE);
            draw_map_on_page(pdf, page, ctx.territory->map, kMapPageNumberStrip);
        });
    try {
        write_document(ctx, "dossier-commission.txt", kCommitteeTitle, path, pages);
    } catch (const Error&) {
        if (pages.empty()) throw;
        // Should libharu still refuse the document with its map page (its
        // error 0x1033 came from subsetting the letters' font with the map's
        // glyphs, ended by the font subset's 'prep' table, see
        // report/map_pdf.cpp), the committee file is still due: written
        // without the map, saying so and how to get it.
        TerritoryPage without = *ctx.territory;
        without.figures.push_back(
            "La carte n'a pas pu être jointe à ce document : elle s'obtient par « cotation carte FICHIER --out carte.pdf ».");
        CommitteeContext again = ctx;
        again.territory = &without;
        write_document(again, "dossier-commission.txt", kCommitteeTitle, path);
    }
}

void write_minutes(const CommitteeContext& ctx, const std::string& path) {
    if (!ctx.meeting) throw InputError("Aucune séance de la commission n'est enregistrée : pas de procès-verbal.");
    write_document(ctx, "proces-verbal.txt", kMinutesTitle, path);
}

DocumentJob committee_job(const CommitteeContext& ctx, bool minutes, const std::string& out_dir, Format format) {
    DocumentJob job;
    job.document = minutes ? "proces-verbal.txt" : "dossier-commission.txt";
    job.stem = out_dir + "/" + readable_part(ctx.campaign.reference) + "-" + (minutes ? "proces-verbal" : "dossier-commission");
    job.format = format;
    auto shared = std::make_shared<CommitteeContext>(ctx);
    // The territory page is the caller's: the job keeps its own copy.
    std::shared_ptr<const TerritoryPage> territory;
    if (ctx.territory) territory = std::make_shared<const TerritoryPage>(*ctx.territory);
    shared->territory = territory.get();
    job.write = [shared, territory, minutes](const DocumentJob& j) {
        if (minutes && !shared->meeting)
            throw InputError("Aucune séance de la commission n'est enregistrée : pas de procès-verbal.");
        if (!minutes && shared->territory) {
            // The PDF with its map page, as write_committee_file writes it.
            std::vector<std::string> written;
            if (j.format != Format::Odt) {
                write_committee_file(*shared, j.stem + ".pdf");
                written.push_back(j.stem + ".pdf");
            }
            if (j.format != Format::Pdf) {
                // The ODT has the map too, as a picture on its last page (trial
                // finding 26: its text said « La carte est en dernière page »
                // with no map); drawn by the same painter as the PDF's page.
                auto [h, blocks] = committee_document(*shared, j.document, kCommitteeTitle);
                write_odt(j.stem + ".odt", h, blocks,
                          {{map_png(shared->territory->map, j.stem + ".odt"), "Carte du territoire"}});
                written.push_back(j.stem + ".odt");
            }
            return written;
        }
        auto [h, blocks] = committee_document(*shared, j.document, minutes ? kMinutesTitle : kCommitteeTitle);
        return write_document(j.stem, h, blocks, j.format);
    };
    return job;
}

std::vector<std::string> check_templates(const Grid& grid, const Campaign& campaign, const std::string& templates_dir) {
    TemplateSet templates(templates_dir, grid.id);
    std::vector<std::string> out;
    auto add = [&](const std::vector<std::string>& p) { out.insert(out.end(), p.begin(), p.end()); };
    Variables letters = letter_variable_names(grid, campaign);
    for (const auto& t : letter_templates()) add(templates.check(t, letters, context_of(grid)));
    Sample sample(grid, campaign);
    Variables committee = committee_variables(sample.ctx);
    for (const char* t : {"dossier-commission.txt", "proces-verbal.txt"}) add(templates.check(t, committee, context_of(grid)));
    add(templates.check("compte-rendu-instruction.txt", instruction_variables(sample.ctx, sample.entry), context_of(grid)));
    return out;
}

}  // namespace cotation::report
