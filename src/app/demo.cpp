#include "demo.h"

#include <filesystem>
#include <set>
#include <sstream>

#include "app/input.h"
#include "core/error.h"
#include "core/french.h"
#include "io/csv.h"
#include "io/paths.h"
#include "io/xml_tree.h"

namespace cotation {
namespace {
// The rows of demo/<call>/<name>, header skipped; none when the file is absent.
std::vector<io::CsvRecord> rows_of(const std::string& dir, const std::string& name) {
    std::string path = dir + "/" + name;
    if (!std::filesystem::exists(path)) return {};
    auto rows = io::parse_csv(io::read_file(path), path);
    if (!rows.empty()) rows.erase(rows.begin());
    for (auto& r : rows) r.fields.resize(std::max<std::size_t>(r.fields.size(), 5));
    return rows;
}

std::int64_t id_of(const Session& s, const std::string& reference, const std::string& where) {
    auto i = s.find(reference);
    if (!i) throw InputError(where + " : dossier « " + reference + " » inconnu.");
    return s.dossiers()[*i].id;
}

struct DemoScript {
    NewCampaign campaign;
    std::string grid, pending_ref, president;
    std::map<std::string, std::string> steps;            // step -> date
    std::set<std::pair<std::string, std::string>> unsubmitted;   // dossier, reviewer
};

DemoScript read_script(const std::string& dir) {
    // campagne.txt: "clé = valeur" lines (grille, reference, titre, autorite, …, campagne.x).
    DemoScript s;
    std::istringstream in(io::read_file(dir + "/campagne.txt"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto eq = line.find(" = ");
        if (eq == std::string::npos) continue;
        std::string k = line.substr(0, eq), v = line.substr(eq + 3);
        if (k == "grille") s.grid = v;
        else if (k == "reference") s.campaign.reference = v;
        else if (k == "titre") s.campaign.title = v;
        else if (k == "autorite") s.campaign.authority = v;
        else if (k == "signataire") s.campaign.signatory = v;
        else if (k == "qualite") s.campaign.signatory_title = v;
        else if (k == "ville") s.campaign.city = v;
        else if (k == "arbitrage_en_attente") s.pending_ref = v;
        else if (k == "seance.president") s.president = v;
        else if (k.rfind("etape.", 0) == 0) s.steps[k.substr(6)] = v;
        else if (k == "non_soumis") {
            auto bar = v.find(" | ");
            if (bar != std::string::npos) s.unsubmitted.insert({v.substr(0, bar), v.substr(bar + 3)});
        } else s.campaign.parameters[k] = v;
    }
    return s;
}

// The team: people, assignments (who rated a dossier, plus affectations.csv),
// declared links, prior rejections; then the ratings and their submission.
std::string build_team(Session& s, const std::string& dir, const DemoScript& script) {
    std::string coordinator = "démonstration";
    auto people = rows_of(dir, "equipe.csv");
    for (const auto& r : people) {
        auto role = role_from_text(r.fields[1]);
        if (!role)
            throw InputError(dir + "/equipe.csv, ligne " + std::to_string(r.line) + " : rôle « " + r.fields[1] + " » inconnu.");
        if (*role == Role::Coordinator) coordinator = r.fields[0];
    }
    for (const auto& r : people) {
        Person p{r.fields[0], *role_from_text(r.fields[1]), r.fields[2], r.fields[3] != "consultative"};
        s.add_person(p, p.role == Role::Coordinator ? p.name : coordinator);
    }
    for (const auto& r : rows_of(dir, "liens.csv"))
        s.declare_conflict(r.fields[0], r.fields[1], r.fields[2], coordinator, Date::parse(r.fields[3]));
    // Assignments follow the ratings collected on paper, then the extra ones.
    std::set<std::pair<std::string, std::string>> assigned;
    if (!people.empty()) {
        for (const auto& r : rows_of(dir, "notes.csv")) assigned.insert({r.fields[0], r.fields[1]});
        for (const auto& r : rows_of(dir, "affectations.csv")) assigned.insert({r.fields[0], r.fields[1]});
        for (const auto& [ref, reviewer] : assigned) s.assign(id_of(s, ref, dir), reviewer, true, coordinator);
    }
    for (const auto& r : rows_of(dir, "refus.csv")) {
        auto g = ground_from_text(r.fields[1]);
        if (!g)
            throw InputError(dir + "/refus.csv, ligne " + std::to_string(r.line) + " : motif « " + r.fields[1] + " » inconnu.");
        s.reject_prior(id_of(s, r.fields[0], dir), *g, r.fields[2], coordinator, Date::parse(r.fields[3]));
    }
    if (std::filesystem::exists(dir + "/notes.csv")) s.import_ratings_file(dir + "/notes.csv", coordinator);
    // Each reviewer who rated every criterion submits, except those the
    // script keeps in progress.
    if (!people.empty())
        for (const auto& [ref, reviewer] : assigned) {
            if (script.unsubmitted.count({ref, reviewer})) continue;
            try {
                s.submit(id_of(s, ref, dir), reviewer, reviewer);
            } catch (const InputError&) {
                // Ratings not finished (the demo keeps one such case).
            }
        }
    return coordinator;
}

// The coordinator settles every flagged criterion at the mean, except for one
// dossier left to show a pending decision.
void consolidate_at_mean(Session& s, const std::string& pending_ref, const std::string& coordinator) {
    for (const auto& d : s.dossiers()) {
        if (d.reference == pending_ref) continue;
        DossierScore score = score_dossier(s.grid(), s.ratings_of(d.id));
        std::size_t k = 0;
        for (const auto& t : s.grid().themes)
            for (const auto& c : t.criteria) {
                const CriterionScore& cs = score.criteria[k++];
                if (cs.flagged && cs.mean)
                    s.consolidate(d.id, c.id, *cs.mean, "Arbitrage de démonstration : moyenne des évaluateurs retenue.",
                                  coordinator);
            }
    }
}

// The committee's meeting (seance.csv), members' opinions (avis.csv), then
// the decisions following the adopted ranking.
void hold_committee(Session& s, const std::string& dir, const DemoScript& script, const std::string& coordinator) {
    auto rows = rows_of(dir, "seance.csv");
    if (!rows.empty()) {
        Meeting m;
        auto date = s.parameters().committee_date();
        if (!date) throw InputError(dir + "/campagne.txt : la date de la commission est nécessaire à la séance.");
        m.date = *date;
        m.president = script.president;
        for (const auto& r : rows) {
            Presence p = r.fields[1] == "present"      ? Presence::Present
                         : r.fields[1] == "represente" ? Presence::Represented
                                                       : Presence::Absent;
            m.attendance[r.fields[0]] = {p, r.fields[2]};
            if (auto v = vote_from_text(r.fields[3])) m.votes[r.fields[0]] = *v;
            if (!fr::trim(r.fields[4]).empty()) m.observations.emplace_back(r.fields[0], r.fields[4]);
        }
        s.put_meeting(m, coordinator);
    }
    for (const auto& r : rows_of(dir, "avis.csv")) {
        auto o = opinion_from_text(r.fields[2]);
        if (!o) throw InputError(dir + "/avis.csv, ligne " + std::to_string(r.line) + " : avis « " + r.fields[2] + " » inconnu.");
        s.give_opinion(id_of(s, r.fields[0], dir), {r.fields[1], *o, r.fields[3]}, r.fields[1]);
    }
    // Decisions: the committee's opinion followed; the first two dossiers not
    // retained go on the complementary list.
    Date on = s.letter_date();
    const Ranking& ranking = s.committee_proposal();   // what the committee voted on, as the opinion stored
    std::vector<std::pair<std::int64_t, Decision>> decisions;
    int complementary = 0;
    for (std::size_t i = 0; i < ranking.ranked.size(); ++i) {
        const RankEntry& e = ranking.ranked[i];
        Decision d;
        d.date = on;
        if (e.proposal == Proposal::Retained) {
            d.kind = DecisionKind::Retained;
            // A condition left undecided is retained only with how it was checked (core/decision_rules.cpp).
            if (auto missing = e.eligibility.blocking_missing_facts(); !missing.empty())
                d.motive = "Condition vérifiée auprès du candidat avant la commission (confirmation écrite versée au "
                           "dossier) : " + fr::join(missing) + ".";
        } else if (complementary < 2 && e.below_minimum.empty()) {
            ++complementary;
            d.kind = DecisionKind::Complementary;
            // Passed over by the call's territorial rules, not by capacity
            // (CRT-2022-02, a second mission in Charente): its reason, not capacity's.
            const bool by_rule = e.proposal_reason != s.ranking().ranked[i].proposal_reason;
            d.motive =
                by_rule ? e.proposal_reason + " ; inscription sur la liste complémentaire."
                        : "Capacité de l'appel atteinte par les projets mieux classés ; inscription sur la liste complémentaire.";
            // The committee's opinion was « non retenu »: the list departs from it and says why.
            d.departure_reason = "Projet recevable et bien classé, gardé en attente d'un désistement d'un projet retenu.";
        } else {
            d.kind = DecisionKind::NotRetained;
            d.motive = e.proposal_reason.empty() ? "Classement insuffisant au regard de la capacité de l'appel."
                                                 : e.proposal_reason + ".";
        }
        decisions.emplace_back(s.dossiers()[e.dossier].id, d);
    }
    for (const auto& e : ranking.ineligible) {
        Decision d;
        d.date = on;
        d.kind = DecisionKind::Ineligible;
        d.motive = e.apart_reasons().front();
        decisions.emplace_back(s.dossiers()[e.dossier].id, d);
    }
    for (const auto& [id, d] : decisions) s.decide(id, d, coordinator);
}
}  // namespace

bool demo_exists(const std::string& call) {
    return std::filesystem::exists(io::data_root() + "/demo/" + call + "/campagne.txt");
}

std::unique_ptr<Session> create_demo(const std::string& path, const std::string& call, DemoStage stage) {
    std::string dir = io::data_root() + "/demo/" + call;
    if (!demo_exists(call)) throw InputError("Pas de campagne de démonstration pour l'appel « " + call + " ».");
    DemoScript script = read_script(dir);
    // Built whole under a temporary name, then named: a demo killed half-way
    // leaves nothing under `path` (and nothing that blocks a new attempt).
    std::string tmp = begin_campaign_creation(path);
    try {
        {
            auto s = Session::create(tmp, io::grid_path(script.grid), script.campaign, "démonstration");
            // The script replays each person's acts, under its temporary name only.
            s->replay_script(true);
            s->import_dossiers_file(dir + "/dossiers.csv", "démonstration");
            std::string coordinator = build_team(*s, dir, script);
            consolidate_at_mean(*s, script.pending_ref, coordinator);
            // Steps of the procedure recorded done: those before the deposit
            // deadline at the instruction stage, all of them once the committee met.
            auto deadline = s->parameters().deadline();
            for (const auto& [step, date] : script.steps) {
                const Date d = input::date("Démonstration, étape « " + step + " »", date);
                bool before = deadline && d < *deadline;
                if (stage == DemoStage::Complete || before) s->record_step(step, d, coordinator);
            }
            if (stage == DemoStage::Complete) hold_committee(*s, dir, script, coordinator);
            // Published bound (issue 13.4): its coordinator acts from the
            // account that made the demo; the rest of the team has no account
            // and is claimed by nobody until the coordinator binds them.
            if (const Person* c = s->team().person(coordinator); c && c->role == Role::Coordinator) {
                Session::PersonChange bound;
                bound.account = Session::os_login();
                s->change_person(std::string(c->name), bound, coordinator);
            }
            s->replay_script(false);
        }
        finish_campaign_creation(tmp, path);
    } catch (...) {
        abandon_campaign_creation(tmp);
        throw;
    }
    return Session::open(path);
}

}  // namespace cotation

