// The request for missing pieces (core/pieces.h), on a grid built by hand:
// which pieces may be asked for, the deadline (15 days by default, the
// campaign's campagne.delai_pieces otherwise) and the states a request goes
// through. Dates computed by hand: 2 May 2023 + 15 days = 17 May 2023;
// + 8 days = 10 May 2023.
#include <gtest/gtest.h>

#include "core/pieces.h"
#include "test_support.h"

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
    EXPECT_NE(st.summary().find("les pièces « Statuts de l'organisme » et « Derniers comptes » peuvent être demandées"), std::string::npos)
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
    EXPECT_NE(why.find("la pièce « Projet d'établissement » ne peut pas être demandée"), std::string::npos) << why;
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

// Trial finding 42: a deadline that expires on a Saturday, Sunday or public
// holiday is extended to the next working day (article 642 of the code de
// procédure civile, applied to time limits by the administrative judge).
// Dates by hand from a 2023 calendar: 5 May + 15 = Saturday 20 May → Monday
// 22 May; 16 April + 15 = Monday 1 May (fête du travail) → Tuesday 2 May;
// 3 May + 15 = Thursday 18 May (Ascension: Easter 9 April + 39) → Friday 19 May.
TEST(Pieces, DeadlineOnADayOffMovesToTheNextWorkingDay) {
    EXPECT_EQ(pieces_due_date(Date{2023, 5, 5}, 15), (Date{2023, 5, 22}));
    EXPECT_EQ(pieces_due_date(Date{2023, 4, 16}, 15), (Date{2023, 5, 2}));
    EXPECT_EQ(pieces_due_date(Date{2023, 5, 3}, 15), (Date{2023, 5, 19}));
    EXPECT_EQ(pieces_due_date(Date{2023, 5, 2}, 15), (Date{2023, 5, 17}));   // a Wednesday: unchanged
    EXPECT_TRUE(french_public_holiday(Date{2024, 4, 1}));    // lundi de Pâques 2024 (Easter 31 March)
    EXPECT_TRUE(french_public_holiday(Date{2024, 5, 20}));   // lundi de Pentecôte 2024
    EXPECT_FALSE(french_public_holiday(Date{2024, 5, 21}));
    Grid g = grid();
    auto st = pieces_status(g, with({"projet"}), Date{2023, 5, 5}, 15, Date{2023, 5, 22});
    EXPECT_EQ(st.state, PiecesState::Requested);   // still awaited on Monday 22
    EXPECT_TRUE(st.due_moved);
    EXPECT_NE(st.summary().find("au plus tard le 22/05/2023 (le délai expirait un samedi, un dimanche ou un jour férié"),
              std::string::npos)
        << st.summary();
}

// Trial 1011C F6 (ACT-23-F, asked on Friday 5 May 2023, campagne.delai_pieces
// = 15): the letter said « délai de 17 jours … au plus tard le 22 mai 2023 »,
// the period being recomputed from the moved deadline. By hand: 5 May + 15
// days = Saturday 20 May, carried to Monday 22 May; the period stays 15 days.
// 2 May + 15 = Wednesday 17 May, a working day: no carry. 8 days: « 8 jours ».
TEST(Pieces, TheLetterGivesTheCampaignsPeriodAndTheDeadlineCarriedToAWorkingDay) {
    Grid g = grid();
    auto st = pieces_status(g, with({"projet"}), Date{2023, 5, 5}, 15, Date{2023, 5, 10});
    auto nb = [](std::string s) {
        for (std::size_t i; (i = s.find("\u00A0")) != std::string::npos;) s.replace(i, 2, " ");
        return s;
    };
    EXPECT_EQ(nb(pieces_period_words(st)), "15 jours");
    EXPECT_EQ(nb(pieces_deadline_words(st)),
              "lundi 22 mai 2023 (le délai expirant le samedi 20 mai 2023, l'échéance est reportée au premier jour ouvré suivant)");
    st = pieces_status(g, with({"projet"}), kAsked, 15, kAsked);
    EXPECT_EQ(nb(pieces_deadline_words(st)), "mercredi 17 mai 2023");
    st = pieces_status(g, with({"projet"}), kAsked, 8, kAsked);
    EXPECT_EQ(nb(pieces_period_words(st)), "8 jours");
    EXPECT_EQ(pieces_period_words(pieces_status(g, with({"projet"}), std::nullopt, 15, kAsked)), "");   // no request, no period
    EXPECT_EQ((Date{1970, 1, 1}).french_weekday(), "jeudi");
    EXPECT_EQ((Date{2026, 12, 1}).french_weekday(), "mardi");
}

// Trial finding 12: while a request awaits its answer the dossier is said
// awaiting, with its deadline, not irrecevable.
TEST(Pieces, AwaitingDossierIsSaidAwaitingUntilItsDeadline) {
    Grid g = grid();
    auto st = pieces_status(g, with({"projet"}), kAsked, 15, Date{2023, 5, 10});
    EXPECT_EQ(pieces_verdict(st), "En attente de pièces (jusqu'au 17/05/2023)");
    st = pieces_status(g, with({"projet"}), kAsked, 15, Date{2023, 5, 18});
    EXPECT_EQ(pieces_verdict(st), "");   // expired: irrecevable again
    EXPECT_EQ(pieces_verdict(pieces_status(g, with({"projet"}), std::nullopt, 15, Date{2023, 5, 10})), "");
}

// Trial finding 34: the answer is dated; after the deadline it is said late
// and the dossier stays incomplete (the pieces stay unticked unless admitted).
TEST(Pieces, ReceiptIsDatedAndALateOneIsSaid) {
    Grid g = grid();
    Dossier d = with({"projet"});   // statuts and comptes still missing: the late pieces were not ticked
    auto st = pieces_status(g, d, kAsked, 15, Date{2023, 5, 26}, Date{2023, 5, 25});
    EXPECT_EQ(st.state, PiecesState::Expired);
    EXPECT_TRUE(pieces_late(st, Date{2023, 5, 25}));
    EXPECT_FALSE(pieces_late(st, Date{2023, 5, 17}));   // on the deadline: in time
    EXPECT_NE(st.summary().find("reçues hors délai (le 25/05/2023, échéance le 17/05/2023)"), std::string::npos) << st.summary();
    EXPECT_NE(st.summary().find("irrecevable"), std::string::npos) << st.summary();
    // Received before the request, or in the future: a date typed wrong.
    EXPECT_NE(pieces_receipt_problem(st, Date{2023, 5, 1}, Date{2023, 5, 26}).find("avant la demande du 02/05/2023"), std::string::npos);
    EXPECT_NE(pieces_receipt_problem(st, Date{2023, 5, 27}, Date{2023, 5, 26}), "");
    EXPECT_EQ(pieces_receipt_problem(st, Date{2023, 5, 10}, Date{2023, 5, 26}), "");
    // Admitted by a motivated decision (ticked): complete, the lateness still said.
    st = pieces_status(g, with({"statuts", "comptes", "projet"}), kAsked, 15, Date{2023, 5, 26}, Date{2023, 5, 25});
    EXPECT_EQ(st.state, PiecesState::Received);
    EXPECT_NE(st.summary().find("hors délai (le 25/05/2023, échéance le 17/05/2023), admises par décision motivée"), std::string::npos)
        << st.summary();
}

// A new user's trial (docs10, 14): « « Tableau des effectifs » et « Budget »
// ne peuvent pas être demandées », the participle agreeing with no noun of
// the sentence (both labels masculine). « les pièces » carries it now.
TEST(Pieces, TheSentenceAgreesWithPiecesWhateverTheLabels) {
    Grid g;
    g.documents.push_back({"effectifs", "Tableau des effectifs", "", true, false, 1});
    g.documents.push_back({"budget", "Budget prévisionnel", "", true, false, 2});
    auto st = pieces_status(g, with({}), std::nullopt, 15, kAsked);
    ASSERT_EQ(st.state, PiecesState::NotAskable);
    EXPECT_NE(st.summary().find("Dossier incomplet : les pièces « Tableau des effectifs » et « Budget prévisionnel » ne "
                                "peuvent pas être demandées après le dépôt"),
              std::string::npos)
        << st.summary();
}

// A new user's trial (docs10, 1): the request called the ACT HLM grid's own
// proposals (statutes, accounts: « Pièce administrative usuelle … proposition »)
// « exigées par l'avis ». Only a piece whose source cites one of the grid's
// texts is required by the call, cited by title and section.
TEST(Pieces, OnlyAPieceTheTextRequiresIsSaidRequiredByIt) {
    Grid g;
    g.sources.push_back({"002_b6e7761497ac7a31.txt", "Appel à candidatures ACT", 1});
    g.documents.push_back({"comptes", "Derniers comptes", "Pièce administrative usuelle (proposition)", true, true, 1});
    g.documents.push_back({"budget", "Budget prévisionnel",
                           "002_b6e7761497ac7a31.txt, Annexe 1, 1) B) Cadrage financier : « 12 600 € par an »", true, true, 2});
    EXPECT_FALSE(piece_required_by_text(g, g.documents[0]));
    EXPECT_TRUE(piece_required_by_text(g, g.documents[1]));
    EXPECT_EQ(piece_with_citation(g, g.documents[0]), "Derniers comptes");
    EXPECT_EQ(piece_with_citation(g, g.documents[1]),
              "Budget prévisionnel (Appel à candidatures ACT, Annexe 1, 1) B) Cadrage financier)");
    g.cite_sources();   // as a campaign's grid is read: the title in place of the file name
    EXPECT_TRUE(piece_required_by_text(g, g.documents[1]));
    EXPECT_EQ(piece_with_citation(g, g.documents[1]),
              "Budget prévisionnel (Appel à candidatures ACT, Annexe 1, 1) B) Cadrage financier)");
    // The shipped ACT HLM grid: its three askable pieces are proposals, none required by the text.
    const Grid& act = test::act_grid();
    int askable = 0;
    for (const auto& d : act.documents)
        if (d.askable) {
            ++askable;
            EXPECT_FALSE(piece_required_by_text(act, d)) << d.id;
        }
    EXPECT_EQ(askable, 3);
    for (const auto& d : act.documents)
        if (d.id == "budget") EXPECT_TRUE(piece_required_by_text(act, d));
}
