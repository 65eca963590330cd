#include "procedure.h"

#include <algorithm>

#include "enums.h"
#include "french.h"
#include "meeting_rules.h"
#include "read_rules.h"

namespace cotation {

const char* ground_label(RejectionGround g) { return enum_label(g); }

std::string ground_label(const ProcedureDef& p, RejectionGround g) {
    if (const GroundDef* d = p.ground(ground_code(g))) return d->label;
    return ground_label(g);
}

const char* ground_code(RejectionGround g) { return enum_code(g); }

std::optional<RejectionGround> ground_from_text(const std::string& text) { return enum_from_text<RejectionGround>(text); }

const char* step_state_label(StepState s) { return enum_label(s); }

std::vector<CalendarStep> procedure_calendar(const ProcedureDef& p, const CalendarFacts& f, const Date& today) {
    std::vector<CalendarStep> out;
    std::map<std::string, std::optional<Date>> due_of;   // step id -> due date, in order
    auto named_date = [&](const std::string& name) -> std::optional<Date> {
        for (const std::string& key : {name, "campagne." + name})
            if (auto it = f.dates.find(key); it != f.dates.end()) return it->second;
        return std::nullopt;
    };
    for (const StepDef& def : p.steps) {
        if (def.when == StepCondition::PriorRejections && !f.has_prior_rejections) continue;
        if (def.when == StepCondition::Committee && !p.committee) continue;
        CalendarStep s;
        s.id = def.id;
        s.label = def.label;
        s.basis = def.basis;
        s.obligation = def.obligation;
        if (def.due) {
            std::optional<Date> anchor;
            if (auto it = due_of.find(def.due->anchor); it != due_of.end()) anchor = it->second;
            else anchor = named_date(def.due->anchor);
            if (anchor) s.due = anchor->plus_months(def.due->months).plus_days(def.due->days);
        }
        due_of[def.id] = s.due;
        if (auto r = f.recorded.find(def.id); r != f.recorded.end() && def.recordable) s.done = r->second;
        else if (def.done == StepDone::Meeting) s.done = f.meeting_held;
        else if (def.done == StepDone::Decisions) s.done = f.all_decided;
        // The calendar is read on `today` (a committee file's date): what was
        // done after that day was not done yet then (trial finding 4).
        if (s.done && *s.done > today) s.done.reset();
        if (s.due) s.days_left = s.due->days_since_epoch() - today.days_since_epoch();
        if (s.done) {
            s.state = StepState::Done;
            s.done_late = s.obligation && s.due && *s.done > *s.due;
        } else if (!s.due) s.state = StepState::Undated;
        else if (def.done == StepDone::DateReached && s.days_left <= 0) {
            // A date of the procedure is behind us once it is reached.
            s.state = StepState::Done;
            s.done = s.due;
        } else if (s.days_left < 0) s.state = StepState::Overdue;
        else if (s.days_left <= calendar_warning_days) s.state = StepState::Soon;
        else s.state = StepState::Upcoming;
        out.push_back(std::move(s));
    }
    // A step done implies the authority's steps before it: the committee has
    // sat, so the instruction was over, even if nobody declared it (trial
    // finding 20: « Instruction achevée » stayed « en retard » for ever).
    bool later_done = false;
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
        const StepDef* def = p.step(it->id);
        bool by_fact = def && def->done != StepDone::DateReached;
        if (it->state == StepState::Done) {
            later_done = later_done || (by_fact && it->done);
            continue;
        }
        // Done without a date of its own: the committee file and the
        // command line say it follows from the next step.
        if (later_done && it->obligation) {
            it->state = StepState::Done;
            it->done.reset();
        }
    }
    return out;
}

CalendarAlert calendar_alert(const std::vector<CalendarStep>& steps) {
    CalendarAlert a;
    for (const auto& s : steps) {
        if (s.state == StepState::Overdue) ++a.late;
        else if (s.state == StepState::Soon) ++a.soon;
        else continue;
        if (!a.first) a.first = &s;
    }
    return a;
}

bool deadline_banner_shown(const std::vector<CalendarStep>& steps, std::size_t decisions, std::size_t awaiting) {
    if (!calendar_alert(steps).first) return false;
    return decisions == 0 || awaiting > 0;
}

const char* vote_label(Vote v) { return enum_label(v); }

std::optional<Vote> vote_from_text(const std::string& text) { return enum_from_text<Vote>(text); }

std::vector<VotedEntry> voted_entries(const Ranking& ranking, const std::vector<Dossier>& dossiers) {
    std::vector<VotedEntry> out;
    for (const auto* list : {&ranking.ranked, &ranking.pending, &ranking.ineligible})
        for (const auto& e : *list)
            out.push_back({dossiers[e.dossier].reference, e.rank, e.rank ? e.score.total.canonical() : "",
                           advised_decision(e.proposal),
                           e.proposal == Proposal::Retained && e.proposed_places ? e.proposed_places->canonical() : "",
                           e.proposal == Proposal::NotRetained ? e.proposal_reason : ""});
    return out;
}

std::vector<std::string> ranking_changes(const std::vector<VotedEntry>& voted, const std::vector<VotedEntry>& now) {
    std::map<std::string, const VotedEntry*> current;
    for (const auto& e : now) current[e.reference] = &e;
    auto opinion = [](const std::optional<DecisionKind>& k) {
        return k ? std::string(decision_label(*k)) : std::string("en attente");
    };
    // Words, not arrows: the PDF font is CP1252, which has no « → ».
    auto ordinal = [](int r) { return std::to_string(r) + (r == 1 ? "er" : "e"); };
    auto rank = [&](int r) { return r ? ordinal(r) + " rang" : std::string("hors classement"); };
    auto granted = [](const std::string& places) {
        const auto n = Rational::from_canonical(places);
        return n ? "retenu pour " + fr::number(*n) + (*n > Rational(1) ? " places" : " place")
                 : std::string("retenu pour sa demande entière");
    };
    std::vector<std::string> out;
    for (const auto& v : voted) {
        auto it = current.find(v.reference);
        if (it == current.end()) {
            out.push_back(v.reference + " : dossier retiré depuis le vote");
            continue;
        }
        const VotedEntry& n = *it->second;
        std::string line;
        if (n.rank != v.rank)
            line += v.rank && n.rank ? "du " + ordinal(v.rank) + " au " + ordinal(n.rank) + " rang"
                                     : rank(v.rank) + ", puis " + rank(n.rank);
        if (n.opinion != v.opinion) line += (line.empty() ? "" : " ; ") + opinion(v.opinion) + ", puis " + opinion(n.opinion);
        // A partial grant voted, then another share (or the whole request).
        else if (n.places != v.places && n.opinion == DecisionKind::Retained)
            line += (line.empty() ? "" : " ; ") + granted(v.places) + ", puis " + granted(n.places);
        if (!line.empty()) out.push_back(v.reference + " : " + line);
        current.erase(it);
    }
    for (const auto& [ref, e] : current) out.push_back(ref + " : dossier ajouté depuis le vote");
    return out;
}

const char* opinion_label(Opinion o) { return enum_label(o); }

std::optional<Opinion> opinion_from_text(const std::string& text) { return enum_from_text<Opinion>(text); }

MeetingCheck check_meeting(const Meeting& m, const Team& team, const std::map<std::string, Organisation>& organisations,
                           const CommitteeRules& rules) {
    MeetingCheck c;
    auto is_member = [&](const std::string& name) {
        const Person* p = team.person(name);
        return p && p->role == Role::CommitteeMember;
    };
    auto deliberative = [&](const std::string& name) { return is_member(name) && team.person(name)->deliberative; };
    auto presence = [&](const std::string& name) {
        auto it = m.attendance.find(name);
        return it == m.attendance.end() ? Presence::Absent : it->second.presence;
    };

    // Declared links of committee members with a candidate organisation.
    std::set<std::string> interested;
    for (const auto& decl : team.conflicts) {
        if (!is_member(decl.reviewer)) continue;
        for (const auto& [ref, org] : organisations)
            if (declaration_covers(decl, org)) {
                c.interests.push_back({decl.reviewer, org.name, ref});
                interested.insert(decl.reviewer);
            }
    }

    // Proxies: held by a deliberative member who is present, as many as the
    // rules allow (one each by décret n° 2006-672, art. 10, absent a rule of
    // the committee's own).
    std::map<std::string, std::string> valid_proxy;   // represented -> holder
    std::multimap<std::string, std::string> held;     // holder -> represented
    for (const auto& [name, a] : m.attendance) {
        if (!is_member(name)) {
            c.problems.push_back("« " + name + " » n'est pas membre de la commission : sa présence n'est pas comptée.");
            continue;
        }
        if (a.presence != Presence::Represented) continue;
        std::string why;
        if (rules.proxies_per_member <= 0) why = "le règlement de la commission n'admet pas de mandat";
        else if (!deliberative(name)) why = "un membre à voix consultative ne donne pas mandat";
        else if (!deliberative(a.proxy)) why = "« " + a.proxy + " » n'est pas membre à voix délibérative";
        else if (presence(a.proxy) != Presence::Present) why = "« " + a.proxy + " » n'est pas parmi les présents";
        else if (static_cast<int>(held.count(a.proxy)) >= rules.proxies_per_member)
            why = "« " + a.proxy + " » détient déjà le mandat de « " + held.find(a.proxy)->second + " »";
        if (!why.empty()) {
            c.problems.push_back("Mandat de « " + name + " » non retenu : " + why + ".");
            continue;
        }
        valid_proxy[name] = a.proxy;
        held.emplace(a.proxy, name);
    }

    for (const auto& [name, p] : team.people) {
        if (p.role != Role::CommitteeMember || !p.deliberative) continue;
        ++c.deliberative;
        bool here = presence(name) == Presence::Present;
        bool represented = valid_proxy.count(name) > 0;
        if (here) ++c.present;
        if (represented) ++c.represented;
        if (!here && !represented) continue;
        // A member with an interest does not deliberate, nor does a proxy
        // held by one (the holder would take part in the deliberation).
        if (interested.count(name) || (represented && interested.count(valid_proxy[name]))) continue;
        c.voters.push_back(name);
    }
    c.quorum_needed = (c.deliberative * rules.quorum_percent + 99) / 100;
    c.quorum = c.deliberative > 0 && c.present + c.represented >= c.quorum_needed;

    std::set<std::string> voters(c.voters.begin(), c.voters.end());
    for (const auto& [name, v] : m.votes) {
        if (!voters.count(name)) {
            c.problems.push_back("Vote de « " + name + " » non compté : " +
                                 (interested.count(name) ? "lien déclaré avec un candidat"
                                                         : "membre ni présent ni valablement représenté avec voix délibérative") +
                                 ".");
            continue;
        }
        if (v == Vote::For) ++c.for_;
        else if (v == Vote::Against) ++c.against;
        else ++c.abstain;
    }
    for (const auto& name : c.voters)
        if (!m.votes.count(name)) ++c.missing;

    auto count = [](int n, const char* one, const char* many) { return std::to_string(n) + " " + (n > 1 ? many : one); };
    std::string tally = count(c.for_, "voix pour", "voix pour") + ", " + count(c.against, "voix contre", "voix contre") + ", " +
                        count(c.abstain, "abstention", "abstentions") + " sur " +
                        count(static_cast<int>(c.voters.size()), "votant", "votants");
    if (!c.quorum) {
        c.outcome = "Quorum non atteint : " +
                    fr::plural(c.present + c.represented, "membre à voix délibérative présent ou représenté",
                               "membres à voix délibérative présents ou représentés") +
                    " sur " + std::to_string(c.deliberative) + ", il en faut " + std::to_string(c.quorum_needed) +
                    ". La commission ne peut pas délibérer.";
        return c;
    }
    if (c.missing > 0)
        c.problems.push_back(count(c.missing, "votant n'a", "votants n'ont") + " pas encore voté.");
    if (2 * c.for_ > static_cast<int>(c.voters.size())) {
        c.adopted = true;
        c.outcome = "Classement adopté à la majorité : " + tally + ".";
    } else if (c.for_ == c.against && c.for_ > 0) {
        auto pv = m.votes.find(m.president);
        bool president_votes =
            rules.casting_vote && voters.count(m.president) && pv != m.votes.end() && pv->second != Vote::Abstain;
        if (president_votes) {
            c.casting_vote = true;
            c.adopted = pv->second == Vote::For;
            c.outcome = std::string("Partage égal des voix (") + tally + ") : la voix prépondérante " +
                        of_president(m) + " (" +
                        vote_label(pv->second) + ") " + (c.adopted ? "fait adopter" : "fait rejeter") + " le classement.";
        } else {
            c.outcome = "Partage égal des voix (" + tally + ") sans voix prépondérante exprimée : classement non adopté.";
        }
    } else {
        c.outcome = "Classement non adopté : " + tally + " (majorité requise : " +
                    std::to_string(c.voters.size() / 2 + 1) + " voix pour).";
    }
    return c;
}

}  // namespace cotation
