// The campaign's dates checked against each other (core/campaign_dates.h):
// publication ≤ deadline ≤ committee ≤ letters, decisions after the
// committee, receipts not before the publication. Dates are those of the
// three calls as their texts and avis set them: ACT HLM PACA 2023 (avis
// published 01/02/2023, deadline 28/04/2023, execution starting in the
// second half of 2023, cahier des charges), UPHV Charente-Maritime n°1/2019
// (01/07/2019 → 30/09/2019, opening before the end of the first half of
// 2020, §4.3), CRT 2022 (arrêté du 27 avril 2022; 01/07/2022 → 30/09/2022).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/session.h"
#include "core/campaign_dates.h"
#include "core/pieces_dates.h"
#include "core/error.h"
#include "test_support.h"

using namespace cotation;

namespace {
CampaignCalendar act() { return {Date{2023, 2, 1}, Date{2023, 4, 28}, Date{2023, 6, 15}, Date{2023, 6, 30}}; }

std::unique_ptr<Session> act_campaign(const test::TempDir& dir, const std::string& committee = "15/06/2023") {
    NewCampaign nc;
    nc.reference = "AAC ACT HLM PACA 2023";
    nc.parameters["campagne.date_publication"] = "01/02/2023";
    nc.parameters["campagne.date_limite"] = "28/04/2023";
    nc.parameters["campagne.date_commission"] = committee;
    nc.parameters["campagne.date_courrier"] = "30/06/2023";
    auto s = Session::create(dir.file("act.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", nc, "Coord");
    s->add_person({"Coord", Role::Coordinator, "ARS", true, ""}, "Coord");
    return s;
}
}  // namespace

TEST(CampaignDates, TheThreeCallsAreCoherent) {
    EXPECT_TRUE(calendar_problems(act()).empty());
    EXPECT_TRUE(calendar_problems({Date{2019, 7, 1}, Date{2019, 9, 30}, Date{2019, 11, 15}, Date{2019, 11, 29}}).empty());
    EXPECT_TRUE(calendar_problems({Date{2022, 7, 1}, Date{2022, 9, 30}, Date{2022, 11, 15}, Date{2022, 11, 30}}).empty());
    // Unset dates are not compared; equal dates are in order.
    EXPECT_TRUE(calendar_problems({std::nullopt, Date{2023, 4, 28}, std::nullopt, Date{2023, 4, 28}}).empty());
}

TEST(CampaignDates, CommitteeOfAnotherYearIsNamedWithBothDates) {
    CampaignCalendar c = act();
    c.committee = Date{2019, 11, 15};   // the UPHV committee typed on the ACT 2023 call
    auto p = calendar_problems(c);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].find("la date de la commission (15/11/2019) précède la date limite de dépôt (28/04/2023, campagne.date_limite)"),
              std::string::npos)
        << p[0];
    // A deadline before the publication, and letters before the committee: two messages.
    c = act();
    c.deadline = Date{2023, 1, 15};
    c.letters = Date{2023, 6, 1};
    p = calendar_problems(c);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_NE(p[0].find("la date limite de dépôt (15/01/2023, campagne.date_limite) précède la date de publication de l'avis (01/02/2023"), std::string::npos) << p[0];
    EXPECT_NE(p[1].find("la date des courriers (01/06/2023, campagne.date_courrier) précède la date de la commission (15/06/2023)"),
              std::string::npos)
        << p[1];
}

TEST(CampaignDates, ReceiptBeforeOpeningIsRefusedAfterDeadlineIsLate) {
    const CampaignCalendar c = act();
    EXPECT_EQ(receipt_position(c, Date{2019, 9, 12}), ReceiptPosition::BeforeOpening);
    EXPECT_EQ(receipt_position(c, Date{2023, 2, 1}), ReceiptPosition::InWindow);    // the day of publication
    EXPECT_EQ(receipt_position(c, Date{2023, 4, 28}), ReceiptPosition::InWindow);   // the deadline's day
    EXPECT_EQ(receipt_position(c, Date{2023, 4, 29}), ReceiptPosition::Late);
    EXPECT_NE(receipt_problem(c, Date{2019, 9, 12}).find("date de dépôt 12/09/2019 antérieure à la publication de l'avis (01/02/2023)"),
              std::string::npos);
    // Late is not refused here: the procedure flags it (refusal before evaluation).
    EXPECT_EQ(receipt_problem(c, Date{2023, 5, 2}), "");
}

TEST(CampaignDates, MeetingAndDecisionAfterTheirPredecessors) {
    const CampaignCalendar c = act();
    EXPECT_NE(meeting_date_problem(c, Date{2023, 4, 27}).find("précède la date limite de dépôt des dossiers (28/04/2023)"),
              std::string::npos);
    EXPECT_EQ(meeting_date_problem(c, Date{2023, 6, 15}), "");
    EXPECT_NE(decision_date_problem(c, Date{2023, 6, 14}).find("précède la commission (15/06/2023)"), std::string::npos);
    EXPECT_EQ(decision_date_problem(c, Date{2023, 6, 15}), "");
}

// Through the session: what a coordinator types is refused whole, with the
// dates named, and nothing is written.
TEST(CampaignDates, SessionRefusesIncoherentParametersCreationAndImport) {
    test::TempDir dir;
    // `cotation new` with a committee in 2019 on the 2023 call.
    std::string why = test::message_of<InputError>([&] { act_campaign(dir, "15/11/2019"); });
    EXPECT_NE(why.find("la date de la commission (15/11/2019) précède"), std::string::npos) << why;
    EXPECT_FALSE(std::filesystem::exists(dir.file("act.cot")));

    auto s = act_campaign(dir);
    why = test::message_of<InputError>([&] { cotation::test::set_parameter(*s, "campagne.date_commission", "15/11/2019", "Coord"); });
    EXPECT_NE(why.find("(15/11/2019) précède la date limite de dépôt"), std::string::npos) << why;
    EXPECT_EQ(s->parameters().committee_date(), (Date{2023, 6, 15}));   // unchanged
    // Moving two dates together stays possible.
    s->set_parameters(input::parameters(s->grid(), {{"campagne.date_limite", "05/05/2023"}, {"campagne.date_commission", "20/06/2023"}}), "Coord");
    EXPECT_EQ(s->parameters().deadline(), (Date{2023, 5, 5}));

    // A dossier CSV whose receipt date is the UPHV call's (12/09/2019): refused, file, line and column named.
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                        "A1;Association Escale;;;13203;15;189 000;03/04/2023\n"
                                        "A2;Habitat Soins;;;83137;10;126 000;12/09/2019\n";
    why = test::message_of<InputError>([&] { s->import_dossiers_file(dir.file("d.csv"), "Coord"); });
    EXPECT_NE(why.find("d.csv, ligne 3, colonne 8 « date_depot » : date de dépôt 12/09/2019 antérieure à la publication de l'avis (01/02/2023)"),
              std::string::npos)
        << why;
    EXPECT_TRUE(s->dossiers().empty());   // nothing stored half-way
    // After the deadline: imported, and flagged late by the procedure.
    std::ofstream(dir.file("d.csv")) << "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n"
                                        "A1;Association Escale;;;13203;15;189 000;03/04/2023\n"
                                        "A2;Habitat Soins;;;83137;10;126 000;12/05/2023\n";
    EXPECT_EQ(s->import_dossiers_file(dir.file("d.csv"), "Coord"), 2u);
    ASSERT_EQ(s->late_dossiers().size(), 1u);
    EXPECT_EQ(s->dossiers()[s->late_dossiers()[0]].reference, "A2");
}

// A request for missing pieces after the committee (the clock's date on a
// 2023 campaign, a new user's trial) or before an earlier request: refused.
TEST(CampaignDates, PiecesRequestBetweenDeadlineAndCommittee) {
    const CampaignCalendar c = act();
    EXPECT_EQ(pieces_request_date_problem(c, Date{2023, 5, 2}, std::nullopt), "");
    EXPECT_EQ(pieces_request_date_problem(c, Date{2023, 6, 15}, std::nullopt), "");   // the committee's day
    EXPECT_NE(pieces_request_date_problem(c, Date{2026, 11, 30}, std::nullopt).find("elle suit la commission (15/06/2023)"),
              std::string::npos);
    EXPECT_NE(pieces_request_date_problem(c, Date{2023, 5, 2}, Date{2023, 5, 10}).find("une demande a déjà été faite le 10/05/2023"),
              std::string::npos);
}

// Trial finding 37: a meeting after a decision already recorded (UPHV: a
// decision of 22/11/2019, a meeting typed 25/11/2019) is refused; on the
// decision's day or before, accepted. A meeting that differs from
// campagne.date_commission is said.
TEST(CampaignDates, MeetingAfterTheDecisionsIsRefusedAndAMovedMeetingSaid) {
    EXPECT_NE(meeting_after_decisions_problem(Date{2019, 11, 25}, Date{2019, 11, 22})
                  .find("Séance du 25/11/2019 : une décision est déjà enregistrée le 22/11/2019"),
              std::string::npos);
    EXPECT_EQ(meeting_after_decisions_problem(Date{2019, 11, 22}, Date{2019, 11, 22}), "");
    EXPECT_EQ(meeting_after_decisions_problem(Date{2019, 11, 15}, Date{2019, 11, 22}), "");
    EXPECT_EQ(meeting_after_decisions_problem(Date{2019, 11, 25}, std::nullopt), "");
    EXPECT_NE(meeting_planned_notice(Date{2019, 11, 15}, Date{2019, 11, 12}).find("campagne.date_commission = 15/11/2019"),
              std::string::npos);
    EXPECT_EQ(meeting_planned_notice(Date{2019, 11, 15}, Date{2019, 11, 15}), "");
    EXPECT_EQ(meeting_planned_notice(std::nullopt, Date{2019, 11, 15}), "");
    EXPECT_NE(order_visa_warning(true, false), "");
    EXPECT_EQ(order_visa_warning(true, true), "");
    EXPECT_EQ(order_visa_warning(false, false), "");
}
