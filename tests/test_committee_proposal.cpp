// One notion of « the proposal the committee votes on » (new-user trial
// findings 2 and 16): the recorded allocation, else the ranking order under
// the call's territorial rules, else the capacity-only proposal; the ranking's
// marks, the vote and the « depuis le vote » comparison all read it, so that
// a vote followed by nothing reports no change.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/demo.h"
#include "app/session.h"
#include "app/territory.h"
#include "core/territorial_allocation.h"
#include "test_support.h"

using namespace cotation;

namespace {
std::vector<std::string> committee_proposed(Session& s) {
    std::vector<std::string> out;
    for (const auto& e : s.committee_proposal().ranked)
        if (e.proposal == Proposal::Retained) out.push_back(s.dossiers()[e.dossier].reference);
    return out;
}

// What the call's rules retain in ranking order (repartition's « retenu »).
std::vector<std::string> rules_allocated(Session& s) {
    TerritoryStudy t(s);
    std::vector<std::string> out;
    for (std::size_t i : t.compare({}).ranking.retained()) out.push_back(t.candidates()[i].reference);
    return out;
}

void proposal_vote_all_for(Session& s, const Date& date) {
    Meeting m;
    m.date = date;
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::CommitteeMember && !s.team().in_conflict(name, "")) {
            if (m.president.empty()) m.president = name;
            m.attendance[name] = {Presence::Present, ""};
            m.votes[name] = Vote::For;
        }
    s.put_meeting(m, test::demo_coordinator(s));
}
}  // namespace

// Hand-made ranking: A, B proposed by capacity alone, C not; the allocation
// retains A and C (B stopped by a zone quota): B says the rule, C loses its
// capacity reason, the one awaiting arbitration is untouched.
TEST(CommitteeProposal, FollowAllocationRewritesOnlyRankedProposals) {
    std::vector<Dossier> dossiers(4);
    dossiers[0].reference = "A";
    dossiers[1].reference = "B";
    dossiers[2].reference = "C";
    dossiers[3].reference = "P";
    Ranking r;
    for (std::size_t i = 0; i < 3; ++i) {
        RankEntry e;
        e.dossier = i;
        e.rank = static_cast<int>(i) + 1;
        e.proposal = i < 2 ? Proposal::Retained : Proposal::NotRetained;
        if (i == 2) e.proposal_reason = "Capacité restante insuffisante";
        r.ranked.push_back(e);
    }
    RankEntry p;
    p.dossier = 3;
    p.proposal = Proposal::Pending;
    r.pending.push_back(p);
    allocation::follow_allocation(r, dossiers, {"A", "C"}, {{"B", "Équilibre territorial : au plus 1 unité par zone"}});
    EXPECT_EQ(r.ranked[0].proposal, Proposal::Retained);
    EXPECT_EQ(r.ranked[1].proposal, Proposal::NotRetained);
    EXPECT_EQ(r.ranked[1].proposal_reason, "Équilibre territorial : au plus 1 unité par zone");
    EXPECT_EQ(r.ranked[2].proposal, Proposal::Retained);
    EXPECT_TRUE(r.ranked[2].proposal_reason.empty());
    EXPECT_EQ(r.pending[0].proposal, Proposal::Pending);
}

// UPHV (one unit per EPCI, 24 beds): with no allocation recorded, the
// proposal is the ranking order under the rules, not capacity alone.
TEST(CommitteeProposal, UphvWithoutRecordedAllocationFollowsTheCallsRules) {
    test::TempDir dir;
    auto s = create_demo(dir.file("uphv.cot"), "uphv", DemoStage::Instruction);
    EXPECT_EQ(committee_proposed(*s), rules_allocated(*s));
}

// ACT HLM (« au plus 20 places par département »): the same.
TEST(CommitteeProposal, ActWithoutRecordedAllocationFollowsTheDepartementRule) {
    test::TempDir dir;
    auto s = create_demo(dir.file("act.cot"), "act-hlm", DemoStage::Instruction);
    const auto expected = rules_allocated(*s);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(committee_proposed(*s), expected);
}

// Trial finding 16: an allocation recorded (here the coordinator's variant
// 01 + 08, which passes 02 over), then the vote, nothing else: the vote
// stores that proposal, no change « depuis le vote » is said, and the
// ranking's marks say the same (08 proposed, 02 not, with why).
TEST(CommitteeProposal, UphvRecordedAllocationVotedThenNoChangeSinceTheVote) {
    test::TempDir dir;
    auto s = create_demo(dir.file("uphv.cot"), "uphv", DemoStage::Instruction);
    const std::string coord = test::demo_coordinator(*s);
    {
        TerritoryStudy t(*s);
        t.record_allocation({"UPHV-2019-01", "UPHV-2019-08"}, "Couvrir l'Aunis.", coord);
    }
    EXPECT_EQ(committee_proposed(*s), (std::vector<std::string>{"UPHV-2019-01", "UPHV-2019-08"}));
    for (const auto& e : s->committee_proposal().ranked)
        if (s->dossiers()[e.dossier].reference == "UPHV-2019-02")
            EXPECT_NE(e.proposal_reason.find("variante"), std::string::npos) << e.proposal_reason;
    proposal_vote_all_for(*s, Date{2019, 10, 15});
    ASSERT_TRUE(s->meeting_check() && s->meeting_check()->adopted);
    const auto changes = s->changes_since_vote();
    EXPECT_TRUE(changes.empty()) << changes.front();
    // Withdrawn afterwards: now the proposal really changed, and it is said.
    {
        TerritoryStudy t(*s);
        t.withdraw_allocation(coord);
    }
    EXPECT_FALSE(s->changes_since_vote().empty());
}

// The same with the ranking order recorded on ACT, then voted.
TEST(CommitteeProposal, ActRecordedRankingOrderVotedThenNoChangeSinceTheVote) {
    test::TempDir dir;
    auto s = create_demo(dir.file("act.cot"), "act-hlm", DemoStage::Instruction);
    const std::string coord = test::demo_coordinator(*s);
    {
        TerritoryStudy t(*s);
        t.record_allocation({}, "", coord);
    }
    EXPECT_EQ(committee_proposed(*s), rules_allocated(*s));
}
