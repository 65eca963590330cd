// The request for missing pieces (core/pieces.h), on a grid built by hand:
// which pieces may be asked for, the deadline (15 days by default, the
// campaign's campagne.delai_pieces otherwise) and the states a request goes
// through. Dates computed by hand: 2 May 2023 + 15 days = 17 May 2023;
// + 8 days = 10 May 2023.
#include <gtest/gtest.h>

#include "core/pieces.h"

using namespace cotation;

namespace {
Grid grid() {
    Grid g;
    g.id = "essai";
    // Administrative pieces may be asked for after the deadline; the project may not.
    g.documents.push_back({"statuts", "Statuts de l'organisme", "", true, true, 1});
    g.documents.push_back({"comptes", "Derniers comptes", "", true, true, 2});
    g.documents.push_back({"projet", "Projet d'établissement", "", true, false, 3});
    g.documents.push_back({"annexe", "Annexe facultative", "", false, false, 4});
    return g;
}
Dossier with(std::set<std::string> docs) {
    Dossier d;
    d.reference = "D-01";
    d.documents = std::move(docs);
    return d;
}
const Date kAsked{2023, 5, 2};
}  // namespace

TEST(Pieces, DelayIsTheCampaignParameterElseFifteenDays) {
    Campaign c;
    EXPECT_EQ(pieces_delay_days(c), 15);
    c.parameters["campagne.delai_pieces"] = Rational(8);
    EXPECT_EQ(pieces_delay_days(c), 8);
    c.parameters["campagne.delai_pieces"] = Rational(0);   // nonsense: the default, not a past deadline
    EXPECT_EQ(pieces_delay_days(c), 15);
}

TEST(Pieces, CompleteDossierNeedsNoRequest) {
    Grid g = grid();
    // The optional annex missing does not make the dossier incomplete.
    auto st = pieces_status(g, with({"statuts", "comptes", "projet"}), std::nullopt, 15, kAsked);
    EXPECT_EQ(st.state, PiecesState::Complete);
    EXPECT_NE(pieces_request_refusal(st, "D-01"), "");
}

TEST(Pieces, OnlyAskablePiecesMissingAllowsARequestListingExactlyThem) {
    Grid g = grid();
    auto st = pieces_status(g, with({"projet", "annexe"}), std::nullopt, 15, kAsked);
    EXPECT_EQ(st.state, PiecesState::Askable);
    ASSERT_EQ(st.to_ask.size(), 2u);
    EXPECT_EQ(st.to_ask[0]->id, "statuts");
    EXPECT_EQ(st.to_ask[1]->id, "comptes");
    EXPECT_EQ(pieces_request_refusal(st, "D-01"), "");
    EXPECT_NE(st.summary().find("« Statuts de l'organisme » et « Derniers comptes » peuvent être demandées"), std::string::npos)
        << st.summary();
}

TEST(Pieces, AProjectPieceMissingCannotBeAskedFor) {
    Grid g = grid();
    auto st = pieces_status(g, with({"comptes"}), std::nullopt, 15, kAsked);
    EXPECT_EQ(st.state, PiecesState::NotAskable);
    ASSERT_EQ(st.not_askable.size(), 1u);
    EXPECT_EQ(st.not_askable[0]->id, "projet");
    std::string why = pieces_request_refusal(st, "D-01");
    EXPECT_NE(why.find("Dossier « D-01 »"), std::string::npos) << why;
    EXPECT_NE(why.find("« Projet d'établissement » ne peut pas être demandée"), std::string::npos) << why;
}

TEST(Pieces, RequestFlagsTheDossierUntilTheDeadlineThenExpires) {
    Grid g = grid();
    Dossier d = with({"projet"});
    // 2 May + 15 days = 17 May: flagged on the 17th, expired on the 18th.
    auto st = pieces_status(g, d, kAsked, 15, Date{2023, 5, 17});
    EXPECT_EQ(st.state, PiecesState::Requested);
    EXPECT_TRUE(st.awaiting());
    EXPECT_EQ(*st.due, (Date{2023, 5, 17}));
    EXPECT_EQ(st.days_left, 0);
    EXPECT_NE(st.summary().find("au plus tard le 17/05/2023"), std::string::npos) << st.summary();
    auto step = pieces_step("D-01", st);
    EXPECT_EQ(step.state, StepState::Soon);
    EXPECT_EQ(*step.due, (Date{2023, 5, 17}));

    st = pieces_status(g, d, kAsked, 15, Date{2023, 5, 18});
    EXPECT_EQ(st.state, PiecesState::Expired);
    EXPECT_FALSE(st.awaiting());
    EXPECT_EQ(st.days_left, -1);
    EXPECT_NE(st.summary().find("irrecevable"), std::string::npos) << st.summary();
    EXPECT_EQ(pieces_step("D-01", st).state, StepState::Overdue);

    // Eight days set by the campaign: 2 May + 8 = 10 May.
    st = pieces_status(g, d, kAsked, 8, Date{2023, 5, 3});
    EXPECT_EQ(*st.due, (Date{2023, 5, 10}));
    EXPECT_EQ(st.days_left, 7);
}

TEST(Pieces, TickedPiecesEndTheRequest) {
    Grid g = grid();
    auto st = pieces_status(g, with({"statuts", "comptes", "projet"}), kAsked, 15, Date{2023, 5, 20});
    EXPECT_EQ(st.state, PiecesState::Received);
    EXPECT_FALSE(st.awaiting());
    EXPECT_EQ(pieces_step("D-01", st).state, StepState::Done);
}
