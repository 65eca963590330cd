#include "session.h"

#include "core/journal_grammar.h"
#include "core/team_history.h"
#include "territory.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>

#include "app/input.h"
#include "io/paths.h"
#include "io/reference_data.h"
#include "io/territory_rules.h"
#include "report/committee.h"
#include "app/session_internal.h"
#include "core/error.h"
#include "core/french.h"
#include "core/decision_rules.h"
#include "core/eligibility.h"
#include "core/journal_rules.h"
#include "core/meeting_rules.h"
#include "core/opinion_rules.h"
#include "core/rejection_rules.h"

namespace cotation {
using session_detail::require;

void Session::decide(std::int64_t dossier_id, const Decision& input, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    // A decision taken on ratings changed in raw SQL would be believed (trial 13b F18).
    require_no_outside_change("aucune décision n'a été enregistrée");
    const Dossier& dossier = known_dossier(dossier_id);
    DecisionFacts facts;
    facts.reference = dossier.reference;
    facts.entry = entry_of(static_cast<std::size_t>(&dossier - snap_.dossiers.data()));
    facts.committee_opinion = committee_opinion(dossier_id);
    const auto& check = meeting_check();
    facts.ranking_adopted = check && check->adopted;
    Value asked = dossier.get("places");
    facts.asked = std::get_if<Rational>(&asked);
    // Units (UPHV: 8 beds) and missions (CRT) as the grid declares them.
    facts.model = capacity_model(grid_, snap_.campaign);
    facts.criteria = grid_.criterion_count();
    // The proposal's partial grant (attribution partielle), with its motive.
    if (const RankEntry* p = proposed_entry_of(static_cast<std::size_t>(&dossier - snap_.dossiers.data()));
        p && p->proposal == Proposal::Retained && p->proposed_places)
        facts.proposed_places = p->proposed_places, facts.proposed_motive = p->proposal_reason;
    for (const auto& [other, x] : snap_.decisions)
        if (other != dossier_id && x.kind == DecisionKind::Retained && x.places)
            facts.others_used += facts.model.used_by(*x.places);
    Decision d = input;
    d.author = actor;
    require(complete_decision(facts, d));
    require(decision_date_problem(calendar_dates(), d.date));   // after the committee (core/campaign_dates.h)
    require(done_after_today_problem("Décision", d.date, today()));
    store_->put_decision(dossier_id, d, journal_actor(actor));
    snap_.decisions[dossier_id] = d;
}

std::vector<std::string> Session::decision_rule_breaks() const {
    const CapacityModel model = capacity_model(grid_, snap_.campaign);
    std::vector<Value> asked;   // kept alive for the pointers below
    asked.reserve(snap_.decisions.size());
    std::vector<RecordedDecision> recorded;
    std::vector<std::string> entities;
    std::vector<std::int64_t> ids;
    // A decision row without the committee's opinion, dated from the séance
    // on, when the committee adopted a ranking (issue 15 G2: typed in SQL with
    // a truthful entry): the opinion voted, as decide records it.
    std::map<std::string, DecisionKind> voted;
    if (const auto& check = meeting_check(); check && check->adopted && snap_.meeting)
        for (const auto& e : snap_.meeting->voted)
            if (e.opinion) voted[e.reference] = *e.opinion;
    std::vector<Decision> completed;   // kept alive for the pointers below
    completed.reserve(snap_.decisions.size());
    auto add = [&](const Dossier& d) {
        auto it = snap_.decisions.find(d.id);
        if (it == snap_.decisions.end()) return;
        const Decision* decision = &it->second;
        if (auto v = voted.find(d.reference);
            !decision->committee_opinion && v != voted.end() && !(decision->date < snap_.meeting->date)) {
            completed.push_back(*decision);
            completed.back().committee_opinion = v->second;
            decision = &completed.back();
        }
        asked.push_back(d.get("places"));
        // Irrecevable: the reasons the ranking lists it apart by (trial 13e F4), read only for a dossier retained or
        // on the complementary list.
        std::string irrecevable;
        if (it->second.kind == DecisionKind::Retained || it->second.kind == DecisionKind::Complementary) {
            if (auto r = refused_text_.find(d.id); r != refused_text_.end()) irrecevable = r->second;
            else if (auto reasons = check_eligibility(grid_, snap_.campaign, d).elimination_reasons(); !reasons.empty())
                irrecevable = reasons.front();
        }
        recorded.push_back({d.reference, decision, std::get_if<Rational>(&asked.back()), irrecevable});
        entities.push_back(journal_text::dossier_entity(d.reference, "decision"));
        ids.push_back(d.id);
    };
    for (const auto& d : snap_.dossiers) add(d);
    // Cheap on the state first; the journal is read only to name the entry.
    if (!first_broken_decision(model, recorded)) return {};
    // In the order the journal recorded them (its last entry for each dossier),
    // so that the entry named is the one that went past the capacity.
    // The entry named is the last whose row digests cover the decision's row,
    // whatever its action (trial 13f F4: a decision written by a forged copy
    // entry was blamed on the coordinator's own « decision » entry before it);
    // an entry older than the digests, by its entity.
    std::map<std::string, JournalEntry> by_entity;
    std::map<std::int64_t, JournalEntry> by_row;
    for (auto& e : store_->journal("")) {
        for (std::size_t at = e.rows.find("decision\tdossier_id="); at != std::string::npos;
             at = e.rows.find("decision\tdossier_id=", at + 1)) {
            if (at != 0 && e.rows[at - 1] != '\n') continue;
            const std::size_t from = at + std::string("decision\tdossier_id=").size();
            const std::string key = e.rows.substr(from, e.rows.find('\t', from) - from);
            if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos) by_row[std::stoll(key)] = e;
        }
        if (e.action == "decision") by_entity[e.entity] = std::move(e);
    }
    auto entry_of_decision = [&](std::size_t i) -> const JournalEntry* {
        if (auto r = by_row.find(ids[i]); r != by_row.end()) return &r->second;
        auto it = by_entity.find(entities[i]);
        return it == by_entity.end() ? nullptr : &it->second;
    };
    std::vector<std::size_t> order(recorded.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto seq_of = [&](std::size_t i) {
        const JournalEntry* e = entry_of_decision(i);
        return e ? e->seq : std::int64_t(0);
    };
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return seq_of(a) < seq_of(b); });
    std::vector<RecordedDecision> in_order;
    for (auto i : order) in_order.push_back(recorded[i]);
    auto broken = first_broken_decision(model, in_order);
    if (!broken) return {};
    const JournalEntry* entry = entry_of_decision(order[broken->index]);
    const std::string& reference = in_order[broken->index].reference;
    std::string where =
        !entry ? "décision du dossier « " + reference + " », sans entrée au journal"
               : "entrée " + std::to_string(entry->seq) + " (" + journal_instant_text(entry->at) + ", par « " + entry->actor +
                     " », " + entry->action + ", " + entry->entity + ")" +
                     (entry->action == "decision" ? "" : ", qui a écrit la décision du dossier « " + reference + " »");
    return {where + " : Cotation ne l'aurait pas enregistrée, elle enfreint une règle de la décision : " + broken->why};
}

Meeting Session::meeting_draft() const {
    if (snap_.meeting) return *snap_.meeting;
    Meeting m;
    m.date = parameters().committee_date().value_or(today());
    return m;
}

void Session::reject_prior(std::int64_t dossier_id, RejectionGround ground, const std::string& motive, const std::string& actor,
                           std::optional<Date> on) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    const Dossier& d = known_dossier(dossier_id);
    Value deposited = d.get("date_depot");
    RejectionFacts facts{d.reference, parameters().deadline(), std::nullopt, snap_.decisions.count(dossier_id) > 0};
    if (auto day = std::get_if<Date>(&deposited)) facts.deposited = *day;
    require(prior_rejection_refusal(snap_.campaign.procedure, facts, ground, motive));
    PriorRejection r{ground, fr::trim(motive), on.value_or(today()), actor};
    store_->put_prior_rejection(dossier_id, r, journal_actor(actor));
    snap_.prior_rejections[dossier_id] = r;
    index_refusals();
    invalidate();
}

void Session::lift_prior_rejection(std::int64_t dossier_id, const std::string& reason, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    const Dossier* d = dossier_by_id(dossier_id);
    require(lift_refusal(snap_.campaign.procedure, d ? d->reference : "", d && snap_.prior_rejections.count(dossier_id), reason));
    store_->put_prior_rejection(dossier_id, std::nullopt, journal_text::with_note(journal_actor(actor), fr::trim(reason)));
    snap_.prior_rejections.erase(dossier_id);
    index_refusals();
    invalidate();
}

std::string Session::interest_basis() const {
    const auto& c = snap_.campaign.procedure.committee;
    return c && !c->interest_basis.empty() ? " (" + c->interest_basis + ")" : "";
}

std::vector<std::size_t> Session::late_dossiers() const {
    std::vector<std::size_t> out;
    auto deadline = parameters().deadline();
    if (!deadline) return out;
    for (std::size_t i = 0; i < snap_.dossiers.size(); ++i) {
        Value v = snap_.dossiers[i].get("date_depot");
        const Date* deposited = std::get_if<Date>(&v);
        if (deposited && *deposited > *deadline && !snap_.prior_rejections.count(snap_.dossiers[i].id)) out.push_back(i);
    }
    return out;
}

std::vector<CalendarStep> Session::calendar(const Date& on) const {
    CalendarFacts f;
    for (const auto& [name, v] : snap_.campaign.parameters)
        if (auto d = std::get_if<Date>(&v)) f.dates[name] = *d;
    f.recorded = snap_.steps_done;
    f.has_prior_rejections = !snap_.prior_rejections.empty();
    if (snap_.meeting && !snap_.meeting->votes.empty()) f.meeting_held = snap_.meeting->date;
    // Decided when every dossier not refused beforehand has a decision.
    std::optional<Date> last;
    bool all = !snap_.dossiers.empty();
    for (const auto& d : snap_.dossiers) {
        if (snap_.prior_rejections.count(d.id)) continue;
        auto it = snap_.decisions.find(d.id);
        if (it == snap_.decisions.end()) {
            all = false;
            break;
        }
        if (!last || it->second.date > *last) last = it->second.date;
    }
    if (all) f.all_decided = last;
    auto steps = procedure_calendar(snap_.campaign.procedure, f, on);
    // Each request for missing pieces, due on its deadline (session_orders.cpp).
    for (const auto& d : snap_.dossiers)
        if (pieces_requested(d.id)) steps.push_back(pieces_step(d.reference, pieces(d.id, on)));
    return steps;
}

void Session::record_step(const std::string& step, const Date& done, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    require(snap_.campaign.procedure.record_refusal(step));
    require(done_after_today_problem("Étape « " + step + " »", done, today()));
    store_->record_step(step, done, journal_actor(actor));
    snap_.steps_done[step] = done;
}

std::map<std::string, Organisation> Session::organisations_by_reference() const {
    std::map<std::string, Organisation> out;
    for (const auto& d : snap_.dossiers) out[d.reference] = identity_of(d);
    return out;
}

const Team& Session::meeting_team() const {
    if (!meeting_check_) meeting_check();
    return meeting_team_ ? *meeting_team_ : snap_.team;
}

const std::optional<MeetingCheck>& Session::meeting_check() const {
    if (!meeting_check_) {
        meeting_team_.reset();
        if (snap_.meeting) {
            // Checked against the team as the séance's entry found it: a person
            // re-declared since (another voice, organisation or role) changes
            // neither the quorum nor the minutes of a séance held (trial 15g G4).
            const auto seance = store_->journal("commission/seance");
            if (!seance.empty()) {
                std::vector<JournalRecord> people;
                for (const auto& e : store_->journal(journal_text::kPeople))
                    people.push_back({e.seq, e.at, e.actor, e.action, e.entity, e.old_value, e.new_value, {}});
                meeting_team_ = team_as_of(snap_.team, people, seance.back().seq);
            }
        }
        meeting_check_ =
            snap_.meeting
                ? std::optional<MeetingCheck>(check_meeting(*snap_.meeting, meeting_team_ ? *meeting_team_ : snap_.team,
                                                            organisations_by_reference(),
                                                            snap_.campaign.procedure.committee.value_or(CommitteeRules{})))
                : std::nullopt;
    }
    return *meeting_check_;
}

void Session::put_meeting(const Meeting& input, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    require(snap_.team.may_coordinate(actor));
    require(snap_.campaign.procedure.meeting_refusal());
    Meeting m = input;
    require(complete_meeting(snap_.team, m));
    require(meeting_date_problem(calendar_dates(), m.date));   // after the deadline (core/campaign_dates.h)
    // Before any decision already recorded (trial finding 37).
    std::optional<Date> first_decision;
    for (const auto& [id, x] : snap_.decisions)
        if (!first_decision || x.date < *first_decision) first_decision = x.date;
    require(meeting_after_decisions_problem(m.date, first_decision));
    require(vote_change_after_decisions_refusal(snap_.meeting, m, first_decision));
    // The vote is on the ranking of the moment: keep it with the vote, so that
    // later changes of ratings never rewrite the committee's opinion.
    if (m.votes.empty()) m.voted.clear();
    else if (!snap_.meeting || snap_.meeting->votes != m.votes || snap_.meeting->voted.empty()) {
        // The proposal the committee votes on (committee_proposal): the
        // allocation recorded, else the ranking order under the call's rules.
        m.voted = voted_entries(committee_proposal(), snap_.dossiers);
        // The rules and figures voted on, kept with the vote (trial 1011C F2),
        // and the allocation and vigilance points the committee saw (trial 1011D).
        m.voted_rules = allocation_rule_lines();
        m.allocation_kept = true;
        m.voted_allocation = variant_sentence();
        m.voted_vigilance = report::vigilance_lines(committee_proposal(), snap_.dossiers);
    } else {
        m.voted = snap_.meeting->voted, m.voted_rules = snap_.meeting->voted_rules;
        m.allocation_kept = snap_.meeting->allocation_kept;
        m.voted_allocation = snap_.meeting->voted_allocation, m.voted_vigilance = snap_.meeting->voted_vigilance;
    }
    if (m.votes.empty()) m.voted_rules.clear(), m.voted_vigilance.clear(), m.voted_allocation.clear(), m.allocation_kept = false;
    store_->put_meeting(m, journal_actor(actor));
    snap_.meeting = std::move(m);
    meeting_check_.reset();
    voted_opinion_.reset();
    changes_since_vote_.reset();
}

void Session::give_opinion(std::int64_t dossier_id, const MemberOpinion& input, const std::string& actor) {
    auto w = writing();   // checks and write in one transaction (issue 13.5)
    authenticate(actor);
    const Dossier& d = known_dossier(dossier_id);
    MemberOpinion op = input;
    require(complete_opinion(snap_.team, actor, identity_of(d), interest_basis(), op));
    store_->put_opinion(dossier_id, op, journal_actor(actor));
    auto& list = snap_.opinions[dossier_id];
    auto it = std::find_if(list.begin(), list.end(), [&](const MemberOpinion& x) { return x.member == op.member; });
    if (it != list.end()) *it = op;
    else list.push_back(op);
}

std::optional<DecisionKind> Session::committee_opinion(std::int64_t dossier_id) {
    const auto& check = meeting_check();
    if (!check || !check->adopted) return std::nullopt;
    const Dossier* d = dossier_by_id(dossier_id);
    if (!d) return std::nullopt;
    // The ranking as voted, not as it stands today.
    if (!voted_opinion_) {
        voted_opinion_.emplace();
        for (const auto& e : snap_.meeting->voted) (*voted_opinion_)[e.reference] = e.opinion;
    }
    auto it = voted_opinion_->find(d->reference);
    return it == voted_opinion_->end() ? std::nullopt : it->second;
}

std::vector<std::string> Session::changes_since_vote() {
    if (!snap_.meeting || snap_.meeting->voted.empty()) return {};
    if (!changes_since_vote_)
        changes_since_vote_ = ranking_changes(snap_.meeting->voted, voted_entries(committee_proposal(), snap_.dossiers));
    return *changes_since_vote_;
}

const Ranking& Session::committee_proposal() {
    if (proposal_) return *proposal_;
    Ranking r = ranking();
    if (!proposal_setting_) {
        ProposalSetting setting;
        setting.recorded = store_->load_territory().allocation;
        rules_error_.clear();
        rule_lines_.clear();
        try {
            io::read_territory_rules(rules_text_, territory_rules_shown(), io::ReferenceData::instance(),
                                     io::RulesSource::Pinned);
        } catch (const InputError& e) {
            // Said where the ranking is shown; the proposal stays the capacity-only one.
            std::string why = e.what();
            if (!why.empty() && why.back() == '.') why.pop_back();
            rules_error_ = "Règles territoriales illisibles (" + why +
                           ") : classement proposé sans la règle territoriale de l'appel, par la capacité seule.";
        }
        if (rules_error_.empty() && (setting.recorded || !rules_text_.empty())) {
            setting.study = std::make_shared<TerritoryStudy>(*this);
            rule_lines_ = allocation::rule_lines(setting.study->rules());
        }
        setting.follows_ranking = true;
        proposal_setting_ = std::move(setting);
    } else if (!proposal_setting_->follows_ranking) {
        // After a rating: only the candidates follow the new order.
        if (proposal_setting_->study) proposal_setting_->study->follow_ranking();
        proposal_setting_->follows_ranking = true;
    }
    const auto& recorded = proposal_setting_->recorded;
    if (proposal_setting_->study) {
        const TerritoryStudy& study = *proposal_setting_->study;
        const bool territorial = allocation::territorial(study.rules());
        std::map<std::string, Proposal> by_capacity;
        for (const auto& e : r.ranked) by_capacity[snap_.dossiers[e.dossier].reference] = e.proposal;
        // A reason reads as a clause in a line, a letter or a mark: no final stop.
        auto clause = [](std::string t) {
            if (!t.empty() && t.back() == '.') t.pop_back();
            return t;
        };
        // The allocation alone: its coverage figures are not needed here.
        const auto order = allocation::allocate(study.rules(), study.candidates(), study.territory(), study.existing_sites());
        std::map<std::string, std::string> reasons;
        std::vector<std::string> retained;
        std::map<std::string, double> granted;   // partial grants: the places proposed
        for (const auto& c : order.choices) {
            const std::string& ref = study.candidates()[c.candidate].reference;
            if (c.retained) {
                retained.push_back(ref);
                // Granted part of its request: the motive it suggests (a partial grant needs one to be decided).
                if (c.partial) reasons[ref] = clause(c.motive), granted[ref] = c.granted;
            }
            // Out by capacity as capacity alone put it out: its reason (with
            // the figures: what remains, what it asks) stays.
            else if (c.constraint == allocation::Constraint::Capacity && by_capacity[ref] == Proposal::NotRetained)
                continue;
            else if (!c.reason.empty()) reasons[ref] = clause(c.reason);
        }
        if (recorded && recorded->followed == allocation::Followed::Variant) {
            retained = recorded->retained;
            // Its partial grants (a share given in the variant, trial 1011D), with their motive.
            reasons.clear(), granted = recorded->granted;
            for (const auto& k : study.candidates())
                if (std::find(retained.begin(), retained.end(), k.reference) == retained.end())
                    reasons[k.reference] = "Répartition enregistrée en variante du coordonnateur" +
                                           (recorded->reason.empty() ? std::string() : " : " + clause(recorded->reason));
                else if (const auto g = granted.find(k.reference); g != granted.end())
                    reasons[k.reference] = "Attribution partielle : " + r.model.places_text(Rational(std::llround(g->second))) +
                                           " sur une demande de " + fr::number(Rational(std::llround(k.places))) +
                                           ", dans la variante du coordonnateur" +
                                           (recorded->reason.empty() ? std::string() : " : " + clause(recorded->reason));
        } else if (recorded) {
            retained = recorded->retained;
            // The places recorded with it (one recorded before they were kept: today's order's).
            if (!recorded->granted.empty()) granted = recorded->granted;
        }
        const bool partial = std::any_of(order.choices.begin(), order.choices.end(), [](const auto& c) { return c.partial; });
        if (recorded || territorial || partial) allocation::follow_allocation(r, snap_.dossiers, retained, reasons, granted);
    }
    proposal_ = std::move(r);
    return *proposal_;
}

std::vector<std::string> Session::allocation_rule_lines() {
    committee_proposal();   // reads the rules once with the proposal
    return rule_lines_;
}

const RankEntry* Session::proposed_entry_of(std::size_t dossier_index) {
    // committee_proposal is a copy of the ranking, entries in the same places.
    const RankEntry* e = entry_of(dossier_index);
    if (!e) return nullptr;
    const Ranking& base = ranking();
    const Ranking& p = committee_proposal();
    for (const auto& [from, to] :
         {std::pair{&base.ranked, &p.ranked}, {&base.pending, &p.pending}, {&base.ineligible, &p.ineligible}})
        if (!from->empty() && e >= from->data() && e < from->data() + from->size())
            return &(*to)[static_cast<std::size_t>(e - from->data())];
    return e;
}

}  // namespace cotation
