// Every document of the product, for every shipped call, from a campaign made
// the way `cotation new` makes one (Session::create on the grid file, no demo
// data): letters of each kind, instruction reports, committee file, minutes.
// The dossiers are written from each call's text; the wording expected per
// call comes from that text (labellisation for the Département's UPHV call,
// 004 §4-1 and §4.3; autorisation and commencement d'exécution for the ACT HLM
// call, 002 Annexe 1, 1) C); désignation and the 400 000 € dotation for CRT,
// 000 §1.3 and §1.5).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>

#include "app/demo.h"
#include "app/session.h"
#include "core/error.h"
#include "io/grid_reader.h"
#include "report/committee.h"
#include "report/documents.h"
#include "report/letters.h"
#include "test_support.h"

using namespace cotation;
namespace fs = std::filesystem;

namespace {

using test::count;
using test::slurp;
using test::spit;

// No document may contain doubled punctuation or an unknown value: « .; »,
// « . ; », « ,, », « .. » (three dots, an ellipsis typed, are allowed).
void expect_clean(const std::string& words, const std::string& file) {
    EXPECT_EQ(words.find("valeur inconnue"), std::string::npos) << file;
    EXPECT_EQ(words.find(".;"), std::string::npos) << file << "\n" << words;
    EXPECT_EQ(words.find(". ;"), std::string::npos) << file << "\n" << words;
    EXPECT_EQ(words.find(",,"), std::string::npos) << file << "\n" << words;
    for (auto at = words.find(".."); at != std::string::npos; at = words.find("..", at + 2))
        EXPECT_TRUE(words.compare(at, 3, "...") == 0 || (at > 0 && words[at - 1] == '.')) << file << "\n" << words;
    // Sources are cited by title, never by file name.
    EXPECT_EQ(words.find(".txt"), std::string::npos) << file << "\n" << words;
    // A character the CP1252 font lacks is never printed as a silent « ? ».
    EXPECT_EQ(words.find("[U+"), std::string::npos) << file << "\n" << words;
}

const std::string kCoord = "Claire Coord";
const std::string kInstr = "Ivan Instr";

// An eligible dossier's columns (after the common ones) and values, places,
// budget_annuel, commune and deposit come from test::eligible_dossier.
struct CallCase : test::EligibleDossier {
    std::string grid;                 // scoring-grids/<grid>.xml
    NewCampaign campaign;
    std::string late;                 // after the deadline (deposit: before)
    std::string ineligible_column, ineligible_value;   // one condition that eliminates
    std::string vigilance_column, vigilance_value;     // one condition that only warns
    std::vector<std::string> retained_words, retained_forbidden;
    // D-02's site: where the call's territorial rules let the committee's
    // proposal retain it beside D-01 (Session::committee_proposal), so that
    // deciding D-01 and D-02 retained follows the committee's opinion.
    std::string second_site;
};

// The call's eligible dossier (test_support.cpp, computed from the call's text).
void eligible(CallCase& c) { static_cast<test::EligibleDossier&>(c) = test::eligible_dossier(c.grid); }

std::vector<CallCase> calls() {
    std::vector<CallCase> out;
    {
        CallCase c;
        c.grid = "uphv-17-2019";
        c.campaign = {"AAC n°1/2019", "", "Département de la Charente-Maritime", "La Présidente du Conseil départemental", "La Rochelle", {}};
        // Two units of 8 beds open here (of the call's 3), so that two
        // eligible dossiers remain below the capacity.
        c.campaign.parameters = {{"campagne.places", "16"}, {"campagne.date_limite", "30/09/2019"},
                                 {"campagne.date_commission", "15/11/2019"}, {"campagne.date_courrier", "29/11/2019"}};
        // 15 € × 8 beds × 365 days = 43 800 € ≤ 44 000 € (004 §4-1); 58,40 € + 15 € = 73,40 € ≤ 75 €;
        // Rochefort.
        eligible(c);
        // Rules (uphv-17-2019.territoire.txt, cahier des charges « équilibre
        // territorial ») computed by hand: one unit per EPCI, 20 km between
        // units. D-02 in Rochefort would share the CA Rochefort Océan with
        // D-01 and be passed over; Saintes (17415) is in the CA de Saintes,
        // about 37 km from Rochefort. Then 16 beds = D-01 + D-02, as capacity alone.
        c.second_site = "17415";
        c.late = "04/10/2019";
        c.ineligible_column = "categorie_etablissement";   // not an EHPAD: no variant on the category (cadre juridique)
        c.ineligible_value = "200";
        c.vigilance_column = "date_ouverture";   // after the end of the first half of 2020 (004 §4.3)
        c.vigilance_value = "01/10/2020";
        c.retained_words = {"labellisation", "30 juin 2020", "cahier des charges, §4-1", "44 000 €", "711", "702", "L'arrêté de labellisation vous sera notifié"};
        c.retained_forbidden = {"commencement d'exécution", "désign", "autorisation"};
        out.push_back(c);
    }
    {
        CallCase c;
        c.grid = "act-hlm-paca-2023";
        c.campaign = {"AAC ACT HLM PACA 2023", "", "Agence régionale de santé Provence-Alpes-Côte d'Azur",
                      "Le Directeur général", "Marseille", {}};
        c.campaign.parameters = {{"campagne.places", "25"}, {"campagne.date_limite", "28/04/2023"},
                                 {"campagne.date_commission", "15/06/2023"}, {"campagne.date_courrier", "30/06/2023"}};
        // 10 places × 12 600 € (002, Annexe 1, 1) B)) = 126 000 €; Marseille 3e.
        eligible(c);
        // At most 20 places a département (act-hlm-paca-2023.territoire.txt):
        // D-01 + D-02 = 20 in the Bouches-du-Rhône, both proposed; D-03 stops
        // on the 25 places as by capacity alone.
        c.second_site = c.commune;
        c.late = "05/05/2023";
        c.ineligible_column = "departements_intervention";   // outside PACA (002, Annexe 2, 1. Conformité)
        c.ineligible_value = "30";
        c.vigilance_column = "";
        c.retained_words = {"autorisation", "commencement d'exécution", "31 décembre 2023", "12 600 €", "L'arrêté d'autorisation vous sera notifié"};
        c.retained_forbidden = {"labellisation", "désign"};
        out.push_back(c);
    }
    {
        CallCase c;
        c.grid = "crt-2022";
        c.campaign = {"AAC CRT Nouvelle-Aquitaine 2022", "", "Agence régionale de santé Nouvelle-Aquitaine",
                      "Le Directeur général", "Bordeaux", {}};
        c.campaign.parameters = {{"campagne.places", "2"}, {"campagne.date_limite", "30/09/2022"},
                                 {"campagne.date_commission", "15/11/2022"}, {"campagne.date_courrier", "30/11/2022"},
                                 {"campagne.tribunal", "tribunal administratif de Bordeaux"}};
        // An EHPAD carrying both volets; volet 2: 30 × 900 € × 12 = 324 000 € (000 §1.5); Angoulême.
        eligible(c);
        // One mission a département (crt-2022.territoire.txt): D-02 in
        // Angoulême would be a second one in Charente; La Rochelle (17300),
        // Charente-Maritime, lets the two missions go to D-01 and D-02.
        c.second_site = "17300";
        c.late = "10/10/2022";
        c.ineligible_column = "volet2";   // both volets required (000 §1.4)
        c.ineligible_value = "non";
        c.vigilance_column = "";
        c.retained_words = {"désign", "centre de ressources territorial", "400 000 €", "FINESS", "modification de son arrêté d'autorisation"};
        // The designation is a modification of the structure's arrêté d'autorisation (§1.4).
        c.retained_forbidden = {"commencement d'exécution", "labellisation"};
        out.push_back(c);
    }
    return out;
}

// The row of one dossier: its own values, with one column replaced.
std::string row(const CallCase& c, const std::string& ref, const std::string& organisme, const std::string& deposit,
                const std::string& address, const std::string& column = "", const std::string& value = "") {
    std::vector<std::string> names, values;
    auto split = [](const std::string& s) {
        std::vector<std::string> v;
        std::string cur;
        for (char ch : s) {
            if (ch == ';') { v.push_back(cur); cur.clear(); }
            else cur += ch;
        }
        v.push_back(cur);
        return v;
    };
    names = split(c.columns);
    values = split(c.values);
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == column) values[i] = value;
    std::string line = ref + ";" + organisme + ";;;" + c.commune + ";" + c.places + ";" + c.budget + ";" + deposit + ";" + address;
    for (const auto& v : values) line += ";" + v;
    return line + "\n";
}

struct Built {
    std::unique_ptr<Session> s;
    std::string committee_before_team;   // the committee file's words, before any member is declared
};

// D-01 … D-04 eligible and rated 5, 4, 3, 2 everywhere (D-02 with a vigilance
// point where the call has one), D-05 failing an eliminating condition,
// D-06 deposited late and refused before the committee. D-04 has no postal address.
Built build(const CallCase& c, const test::TempDir& dir) {
    Built b;
    b.s = Session::create(dir.file(c.grid + ".cot"), test::source_dir() + "/scoring-grids/" + c.grid + ".xml", c.campaign, kCoord);
    Session& s = *b.s;
    std::string csv = test::kDossierColumns + c.columns + "\n";
    const std::string addr = "12 rue de la République;17300;Rochefort;Mme Anne Durand, directrice";
    csv += row(c, "D-01", "Organisme Un", c.deposit, addr);
    CallCase second = c;
    second.commune = c.second_site;
    csv += row(second, "D-02", "Organisme Deux", c.deposit, "3 avenue des Tilleuls;17300;Rochefort;", c.vigilance_column, c.vigilance_value);
    csv += row(c, "D-03", "Organisme Trois", c.deposit, "5 place Colbert;17300;Rochefort;");
    csv += row(c, "D-04", "Organisme Quatre", c.deposit, ";;;");
    csv += row(c, "D-05", "Organisme Cinq", c.deposit, "8 quai Aubear;17300;Rochefort;", c.ineligible_column, c.ineligible_value);
    csv += row(c, "D-06", "Organisme Six", c.late, "9 rue Pierre Loti;17300;Rochefort;");
    spit(dir.file("dossiers.csv"), csv);
    s.import_dossiers_file(dir.file("dossiers.csv"), kCoord);

    // Before any member is declared: never an empty heading.
    s.write_committee_file(dir.file("commission-sans-membres.pdf"));
    b.committee_before_team = test::pdf_words(dir.file("commission-sans-membres.pdf"));

    s.add_person({kCoord, Role::Coordinator, "Autorité", true}, kCoord);
    s.add_person({kInstr, Role::Instructor, "Autorité", true}, kCoord);
    s.add_person({"Marie Membre", Role::CommitteeMember, "Autorité", true}, kCoord);
    s.add_person({"Paul Membre", Role::CommitteeMember, "Usagers", true}, kCoord);
    auto id = [&](const std::string& ref) { return test::id_of(s, ref); };
    s.reject_prior(id("D-06"), RejectionGround::Late, "Dossier reçu après la date limite de dépôt.", kCoord);
    const std::map<std::string, int> level{{"D-01", 5}, {"D-02", 4}, {"D-03", 3}, {"D-04", 2}};
    for (const auto& [ref, value] : level) {
        s.assign(id(ref), kInstr, true, kCoord);
        test::rate_everywhere(s, id(ref), kInstr, value, "Appréciation de l'instructeur sur ");
    }
    Meeting m;
    m.date = *s.date_parameter("campagne.date_commission");
    m.president = "Marie Membre";
    m.attendance["Marie Membre"] = {Presence::Present, ""};
    m.attendance["Paul Membre"] = {Presence::Present, ""};
    m.votes["Marie Membre"] = Vote::For;
    m.votes["Paul Membre"] = Vote::For;
    s.put_meeting(m, kCoord);
    return b;
}

void decide_all(Session& s) {
    auto id = [&](const std::string& ref) { return test::id_of(s, ref); };
    Date on = *s.date_parameter("campagne.date_commission");
    Decision retained{DecisionKind::Retained, "", on, std::nullopt, std::nullopt, "", ""};
    s.decide(id("D-01"), retained, kCoord);
    s.decide(id("D-02"), retained, kCoord);
    s.decide(id("D-03"), {DecisionKind::NotRetained, "Le projet d'animation reste à construire et l'équipe n'est pas recrutée.", on,
                          std::nullopt, std::nullopt, "", ""}, kCoord);
    // Against the committee's « non retenu »: a departure, with its reason (decision_rules.cpp).
    s.decide(id("D-04"), {DecisionKind::Complementary, "Projet recevable, capacité de l'appel atteinte par les projets mieux classés.",
                          on, std::nullopt, std::nullopt, "Projet solide, gardé en attente d'un désistement.", ""}, kCoord);
    // The motive recorded is the failed condition itself (what an officer
    // types most often): the letter must still say it once.
    const RankEntry* e = s.entry_of(*s.find("D-05"));
    s.decide(id("D-05"), {DecisionKind::Ineligible, e->apart_reasons().front(), on, std::nullopt, std::nullopt, "", ""}, kCoord);
}

}  // namespace

TEST(Documents, EveryDocumentOfEveryShippedCallWithItsOwnWording) {
    for (const CallCase& c : calls()) {
        SCOPED_TRACE(c.grid);
        test::TempDir dir;
        Built b = build(c, dir);
        Session& s = *b.s;
        EXPECT_NE(b.committee_before_team.find("Membres de la commission – aucun membre déclaré"), std::string::npos)
            << b.committee_before_team;
        expect_clean(b.committee_before_team, "commission-sans-membres.pdf");

        // Eligibility as the call's text says (the premise of every letter below).
        const Ranking& r = s.ranking();
        ASSERT_EQ(r.ranked.size(), 4u);
        ASSERT_EQ(r.ineligible.size(), 2u);
        for (const auto& e : r.ranked)
            for (const auto& x : e.eligibility.elimination_reasons()) ADD_FAILURE() << s.dossiers()[e.dossier].reference << " : " << x;
        EXPECT_EQ(s.dossiers()[r.ranked[0].dossier].reference, "D-01");
        EXPECT_EQ(s.dossiers()[r.ranked[2].dossier].reference, "D-03");
        // What the committee voted on (the call's territorial rules applied):
        // D-01 and D-02 proposed, D-03 and D-04 not (second_site above).
        const Ranking& voted = s.committee_proposal();
        for (std::size_t i = 0; i < 4; ++i)
            EXPECT_EQ(voted.ranked[i].proposal, i < 2 ? Proposal::Retained : Proposal::NotRetained)
                << s.dossiers()[voted.ranked[i].dossier].reference;

        // Before the letters: the dossier without a postal address is flagged, the templates are sound.
        // The authority's address and signatory: the calls' texts do not
        // always give them; each one missing is said with its command.
        auto checks = s.check_documents();
        std::size_t authority_missing = (s.authority().address.empty() ? 1 : 0) + (s.authority().signatory.empty() ? 1 : 0);
        ASSERT_EQ(checks.size(), 1u + authority_missing) << checks.front();
        if (s.authority().address.empty())
            EXPECT_NE(checks[0].find("--adresse"), std::string::npos) << checks[0];
        if (s.authority().signatory.empty())
            EXPECT_NE(checks[authority_missing - 1].find("--signataire"), std::string::npos) << checks[authority_missing - 1];
        for (std::size_t k = 0; k < authority_missing; ++k)
            EXPECT_NE(checks[k].find("cotation autorite " + std::filesystem::path(s.path()).filename().string()), std::string::npos)
                << checks[k];
        EXPECT_NE(checks.back().find("D-04"), std::string::npos) << checks.back();
        EXPECT_NE(checks.back().find("adresse postale"), std::string::npos) << checks.back();

        // Before any decision, no letter: the dossier is named instead (trial finding 2).
        auto undecided = s.write_letters(dir.file("sans-decision"), "D-03");
        EXPECT_EQ(undecided.size(), 0u);
        ASSERT_FALSE(undecided.warnings.empty());
        EXPECT_EQ(undecided.warnings.front(), "Dossier « D-03 » : pas de décision enregistrée, pas de lettre (cotation decide).");
        // The authority takes up the proposal's motive: the letter says the one that really applies.
        s.decide(test::id_of(s, "D-03"),
                 {DecisionKind::NotRetained, report::as_sentence(r.ranked[2].proposal_reason),
                  *s.date_parameter("campagne.date_commission"), std::nullopt, std::nullopt, "", ""},
                 kCoord);
        auto proposed = s.write_letters(dir.file("propositions"), "D-03");
        ASSERT_EQ(proposed.size(), 1u);
        std::string before = test::pdf_words(proposed.written[0]);
        EXPECT_NE(before.find(test::words(report::as_sentence(r.ranked[2].proposal_reason))), std::string::npos) << before;
        EXPECT_EQ(before.find("Au vu de ce classement"), std::string::npos) << before;
        expect_clean(before, proposed.written[0]);

        decide_all(s);
        auto letters = s.write_letters(dir.file("lettres"));
        for (std::size_t i = 0; i < letters.failures.size(); ++i) ADD_FAILURE() << letters.failure(i);
        ASSERT_EQ(letters.size(), 6u);
        ASSERT_EQ(letters.warnings.size(), 1u + authority_missing) << fr::join(letters.warnings, "\n");
        EXPECT_NE(letters.warnings.back().find("D-04"), std::string::npos);
        auto words = [&](const std::string& f) {
            std::string w = test::pdf_words(dir.file(f));
            expect_clean(w, f);
            return w;
        };
        // Retained: the call's own vocabulary and address block, no other call's words.
        std::string retained = words("lettres/D-01-lettre.pdf");
        for (const auto& w : c.retained_words) EXPECT_NE(retained.find(w), std::string::npos) << w << "\n" << retained;
        for (const auto& w : c.retained_forbidden) EXPECT_EQ(retained.find(w), std::string::npos) << w << "\n" << retained;
        // One act notified, never a decision both taken and still to come.
        EXPECT_EQ(retained.find("La décision de"), std::string::npos) << retained;
        EXPECT_NE(retained.find("Organisme Un Mme Anne Durand, directrice 12 rue de la République 17300 Rochefort"), std::string::npos)
            << retained;
        EXPECT_EQ(retained.find("À l'attention de la direction"), std::string::npos);
        EXPECT_EQ(retained.find("Voies et délais de recours"), std::string::npos);
        // Ranked 3rd and not retained by the authority: its motive, never a capacity sentence it contradicts.
        std::string not_retained = words("lettres/D-03-lettre.pdf");
        EXPECT_NE(not_retained.find("Le projet d'animation reste à construire et l'équipe n'est pas recrutée."), std::string::npos)
            << not_retained;
        EXPECT_EQ(not_retained.find("Au vu de ce classement"), std::string::npos) << not_retained;
        EXPECT_NE(not_retained.find("3e rang"), std::string::npos);
        EXPECT_NE(not_retained.find("Organisme Trois À l'attention de la direction 5 place Colbert 17300 Rochefort"), std::string::npos)
            << not_retained;
        EXPECT_NE(not_retained.find("Voies et délais de recours"), std::string::npos);
        // Complementary list: its motive; no address, so the town of the site.
        std::string complementary = words("lettres/D-04-lettre.pdf");
        EXPECT_NE(complementary.find("liste complémentaire"), std::string::npos);
        EXPECT_NE(complementary.find("capacité de l'appel atteinte par les projets mieux classés."), std::string::npos) << complementary;
        // Ineligible: the recorded motive, once.
        std::string ineligible = words("lettres/D-05-lettre.pdf");
        std::string motive = s.decisions().at(s.dossiers()[*s.find("D-05")].id).motive;
        while (!motive.empty() && motive.back() == '.') motive.pop_back();
        EXPECT_EQ(count(ineligible, motive), 1u) << motive << "\n" << ineligible;
        // Refused before the committee.
        std::string refused = words("lettres/D-06-lettre.pdf");
        EXPECT_NE(refused.find("Dossier reçu après la date limite de dépôt."), std::string::npos) << refused;
        // Letters are dated by the campaign's date of mailing.
        EXPECT_NE(retained.find(test::words(c.campaign.city + ", le " + s.date_parameter("campagne.date_courrier")->french_long())),
                  std::string::npos) << retained;

        // Instruction reports: key figures, vigilance points, sources by title.
        auto reports = s.write_instruction_reports(dir.file("rapports"));
        for (std::size_t i = 0; i < reports.failures.size(); ++i) ADD_FAILURE() << reports.failure(i);
        ASSERT_EQ(reports.size(), 6u);
        std::string report = words("rapports/D-02-compte-rendu.pdf");
        EXPECT_NE(report.find("Chiffres clés déclarés"), std::string::npos) << report;
        EXPECT_NE(report.find(s.grid().sources.front().title), std::string::npos) << report;
        // Committee file and minutes.
        s.write_committee_file(dir.file("commission.pdf"));
        std::string committee = words("commission.pdf");
        EXPECT_NE(committee.find("Chiffres clés déclarés"), std::string::npos) << committee;
        EXPECT_NE(committee.find("Marie Membre"), std::string::npos);
        EXPECT_EQ(committee.find("aucun membre déclaré"), std::string::npos);
        EXPECT_EQ(committee.find(" aussi"), std::string::npos) << committee;
        // Nobody declared a link: the heading says so rather than stand empty.
        EXPECT_NE(committee.find("Aucun lien d'intérêts déclaré."), std::string::npos) << committee;
        s.write_minutes(dir.file("pv.pdf"));
        words("pv.pdf");
        if (!c.vigilance_column.empty()) {
            EXPECT_NE(report.find("Points de vigilance"), std::string::npos) << report;
            auto vigilance = committee.find("Points de vigilance");
            ASSERT_NE(vigilance, std::string::npos) << committee;
            EXPECT_NE(committee.find("– D-02 — ", vigilance), std::string::npos) << committee;
            // With the values compared, as the instruction report prints them.
            const RankEntry* d2 = s.entry_of(*s.find("D-02"));
            for (const auto& x : d2->eligibility.rules)
                if (x.rule->effect == RuleEffect::Attention && x.outcome == Outcome::Failed && !x.compared.empty())
                    EXPECT_NE(committee.find(test::words(x.compared.front()), vigilance), std::string::npos)
                        << x.compared.front() << "\n" << committee;
        }
    }
}

TEST(Documents, UphvKeyFiguresAndSourcesAreThoseOfTheCall) {
    test::TempDir dir;
    CallCase c = calls()[0];
    Built b = build(c, dir);
    Session& s = *b.s;
    auto reports = s.write_instruction_reports(dir.file("rapports"), "D-02");
    ASSERT_EQ(reports.size(), 1u);
    std::string report = test::pdf_words(reports.written[0]);
    // Declared by D-02 (the CSV above): 8 beds, 43 800 €, 58,40 €, opening
    // 1 October 2020, 1,3 + 0,6 + 1,3 = 3,2 FTE.
    EXPECT_NE(report.find("Lits demandés pour l'unité : 8 lits"), std::string::npos) << report;
    EXPECT_NE(report.find("Financement complémentaire demandé par an : 43 800 €"), std::string::npos) << report;
    EXPECT_NE(report.find("Prix de journée hébergement de l'EHPAD : 58,40 €"), std::string::npos) << report;
    EXPECT_NE(report.find("01/10/2020"), std::string::npos) << report;
    EXPECT_NE(report.find("Effectifs dédiés à l'unité (total) : 3,2 ETP"), std::string::npos) << report;
    // The opening after 30 June 2020 is a vigilance point, with its source by title and section.
    EXPECT_NE(report.find("Cahier des charges de l'AAC n°1/2019 du Département de la Charente-Maritime, §4.3"), std::string::npos)
        << report;
}

TEST(Documents, SameCampaignSameBytesOnAnyDay) {
    test::TempDir dir;
    Built b = build(calls()[0], dir);
    Session& s = *b.s;
    decide_all(s);
    auto generate = [&](const std::string& sub, Date day) {
        Session::simulate_today(day);
        fs::create_directories(dir.file(sub));
        auto l = s.write_letters(dir.file(sub + "/lettres"));
        auto r = s.write_instruction_reports(dir.file(sub + "/rapports"));
        s.write_committee_file(dir.file(sub + "/commission.pdf"));
        s.write_minutes(dir.file(sub + "/pv.pdf"));
        std::vector<std::string> files(l.begin(), l.end());
        files.insert(files.end(), r.begin(), r.end());
        files.push_back(dir.file(sub + "/commission.pdf"));
        files.push_back(dir.file(sub + "/pv.pdf"));
        return files;
    };
    auto first = generate("un", Date{2026, 1, 5});
    auto second = generate("deux", Date{2027, 7, 14});
    Session::simulate_today(std::nullopt);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(slurp(first[i]), slurp(second[i])) << first[i];
    std::string committee = test::pdf_words(first[first.size() - 2]);
    EXPECT_NE(committee.find("séance du 15 novembre 2019"), std::string::npos) << committee;
    // The map's data attribution names its source's edition (INSEE COG 2026), not the clock's year.
    for (auto p = committee.find("COG 2026"); p != std::string::npos; p = committee.find("COG 2026")) committee.replace(p, 8, "COG");
    EXPECT_EQ(committee.find("2026"), std::string::npos) << committee;
}

TEST(Documents, NoCampaignDateNoDocumentRatherThanTheClock) {
    test::TempDir dir;
    auto s = Session::create(dir.file("c.cot"), test::source_dir() + "/scoring-grids/uphv-17-2019.xml",
                             {"AAC", "", "", "", "", {}}, kCoord);
    try {
        s->write_committee_file(dir.file("c.pdf"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("campagne.date_commission"), std::string::npos) << e.what();
    }
    try {
        s->write_letters(dir.file("l"));
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("campagne.date_courrier"), std::string::npos) << e.what();
    }
}

// Every template of templates/ (and templates/<grid>/) expands against every
// shipped grid and against a custom grid that declares no parameter at all:
// a common template may only name values every grid gives.
TEST(Documents, EveryTemplateExpandsForEveryGrid) {
    std::vector<Grid> grids;
    for (const auto& entry : fs::directory_iterator(test::source_dir() + "/scoring-grids"))
        if (entry.path().extension() == ".xml") grids.push_back(io::read_grid_file(entry.path().string()));
    ASSERT_GE(grids.size(), 3u);
    grids.push_back(test::small_grid());
    for (const Grid& g : grids) {
        Campaign c;
        for (const auto& p : g.parameters)
            if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
        for (const auto& problem : report::check_templates(g, c, test::source_dir() + "/templates")) ADD_FAILURE() << problem;
    }
    // Every call folder of templates/ belongs to a shipped grid (a typo would be silently unused).
    for (const auto& entry : fs::directory_iterator(test::source_dir() + "/templates"))
        if (entry.is_directory()) {
            EXPECT_TRUE(fs::exists(test::source_dir() + "/scoring-grids/" + entry.path().filename().string() + ".xml"))
                << entry.path();
        }
}

TEST(Documents, TemplateNamingAValueTheGridLacksIsReportedAndTheOtherLettersWritten) {
    test::TempDir dir;
    // The templates shipped, with the retained letter of 2023 (ACT HLM's
    // commencement d'exécution) put back as the common one.
    fs::copy(test::source_dir() + "/templates", dir.file("modeles"), fs::copy_options::recursive);
    fs::remove_all(dir.file("modeles/uphv-17-2019"));
    spit(dir.file("modeles/lettre-retenu.txt"),
         "Objet : Lettre {{dossier.reference}}\n\nMadame, Monsieur,\n\n"
         "Le commencement d'exécution est attendu au plus tard le {{campagne.debut_execution_max}}.\n");
    Grid uphv = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    Campaign c;
    auto problems = report::check_templates(uphv, c, dir.file("modeles"));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0], "Modèle « lettre-retenu.txt », ligne 5 : valeur inconnue « campagne.debut_execution_max » "
                           "pour la grille « uphv-17-2019 ».");

    Built b = build(calls()[0], dir);
    Session& s = *b.s;
    decide_all(s);
    report::LetterContext ctx{s.grid(), s.campaign(), s.dossiers(), s.ranking(), Date{2019, 11, 29}, dir.file("modeles"),
                              &s.decisions()};
    auto batch = report::write_letters(ctx, dir.file("lettres"));
    // D-01 and D-02 are retained: reported, with their dossier, template and reason; the four others written.
    ASSERT_EQ(batch.failures.size(), 2u);
    EXPECT_EQ(batch.failures[0].dossier, "D-01");
    EXPECT_EQ(batch.failures[0].document, "lettre-retenu.txt");
    EXPECT_NE(batch.failure(0).find("ligne 5 : valeur inconnue « campagne.debut_execution_max »"), std::string::npos)
        << batch.failure(0);
    // The template named once (trial 1011G2 minor 7: « modèle « … » : Modèle « … », ligne 14 »).
    EXPECT_EQ(batch.failure(0).find("odèle « "), batch.failure(0).rfind("odèle « ")) << batch.failure(0);
    EXPECT_EQ(batch.size(), 4u);
    EXPECT_TRUE(fs::exists(dir.file("lettres/D-03-lettre.pdf")));
    EXPECT_FALSE(fs::exists(dir.file("lettres/D-01-lettre.pdf")));
}

TEST(Documents, GridCheckSeesTheInstalledTemplates) {
    // COTATION_DATA_DIR is the source tree in the tests: the shipped templates fit the shipped grids.
    for (const char* name : {"uphv-17-2019", "act-hlm-paca-2023", "crt-2022"}) {
        Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/" + name + ".xml");
        EXPECT_TRUE(Session::check_grid_templates(g).empty()) << name;
    }
}

TEST(Documents, CallTemplateOverridesTheCommonOne) {
    report::TemplateSet uphv(test::source_dir() + "/templates", "uphv-17-2019");
    uphv.load("lettre-retenu.txt");
    uphv.load("lettre-non-retenu.txt");
    EXPECT_EQ(uphv.shown_name("lettre-retenu.txt"), "uphv-17-2019/lettre-retenu.txt");
    EXPECT_EQ(uphv.shown_name("lettre-non-retenu.txt"), "lettre-non-retenu.txt");
    report::TemplateSet custom(test::source_dir() + "/templates", "ma-grille");
    custom.load("lettre-retenu.txt");
    EXPECT_EQ(custom.shown_name("lettre-retenu.txt"), "lettre-retenu.txt");
}

TEST(Documents, SourcesAreCitedByTitleAndSection) {
    for (const char* name : {"uphv-17-2019", "act-hlm-paca-2023", "crt-2022"}) {
        Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/" + name + ".xml");
        ASSERT_FALSE(g.sources.empty()) << name;
        auto no_file = [&](const std::string& source, const std::string& what) {
            EXPECT_EQ(source.find(".txt"), std::string::npos) << name << " " << what << " : " << source;
        };
        no_file(g.source, "grid");
        for (const auto& p : g.parameters) no_file(p.def.source, p.def.id);
        for (const auto& f : g.facts) no_file(f.source, f.id);
        for (const auto& d : g.documents) no_file(d.source, d.id);
        for (const auto& r : g.rules) no_file(r.source, r.id);
        for (const auto& t : g.themes)
            for (const auto& c : t.criteria) no_file(c.source, c.id);
    }
    Grid g = io::read_grid_file(test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    EXPECT_EQ(g.cite("004_96637afb2dcc3432.txt, 4-1 : « maximum de 44 000 €/an/unité »"),
              "Cahier des charges de l'AAC n°1/2019 du Département de la Charente-Maritime, §4-1 : « maximum de 44 000 €/an/unité »");
    // A named part is not a numbered section: no « § ».
    EXPECT_EQ(g.cite("004_96637afb2dcc3432.txt, cadre juridique"),
              "Cahier des charges de l'AAC n°1/2019 du Département de la Charente-Maritime, cadre juridique");
    const RuleDef* prix = nullptr;
    for (const auto& r : g.rules)
        if (r.id == "prix") prix = &r;
    ASSERT_NE(prix, nullptr);
    EXPECT_EQ(prix->source.rfind("Cahier des charges de l'AAC n°1/2019 du Département de la Charente-Maritime, §4-1", 0), 0u)
        << prix->source;
}

TEST(Documents, KeyFactsMustBeFactsOfTheDossier) {
    const char* xml =
        "<grid id=\"g\" version=\"1\" title=\"t\">\n<key-facts>places inconnu</key-facts>\n"
        "<theme id=\"A\" label=\"T\">\n<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\"/>\n</theme>\n</grid>\n";
    try {
        io::read_grid(xml, "g.xml");
        FAIL();
    } catch (const GridError& e) {
        EXPECT_NE(std::string(e.what()).find("g.xml, ligne 2, <key-facts> : « inconnu » n'est pas un fait du dossier."),
                  std::string::npos)
            << e.what();
    }
}

TEST(Documents, MotivesBecomeSentencesAndClausesJoinWithoutDoubledPunctuation) {
    EXPECT_EQ(report::as_sentence("Capacité restante insuffisante"), "Capacité restante insuffisante.");
    EXPECT_EQ(report::as_sentence(" Hors territoire.. "), "Hors territoire.");
    EXPECT_EQ(report::as_sentence("En attente\u2026"), "En attente\u2026");
    EXPECT_EQ(report::join_clauses({"File active inférieure à 30 personnes.", "Pièce manquante : budget"}),
              "File active inférieure à 30 personnes ; Pièce manquante : budget");
}

// The demonstration campaigns (their own data, a team, arbitrations, a
// committee and decisions): every document is clean as well.
TEST(Documents, DemoDocumentsHaveNoDoubledPunctuationNorFileNames) {
    for (const char* call : {"act-hlm", "crt", "uphv"}) {
        SCOPED_TRACE(call);
        test::TempDir dir;
        auto s = create_demo(dir.file("demo.cot"), call);
        auto letters = s->write_letters(dir.file("lettres"));
        for (std::size_t i = 0; i < letters.failures.size(); ++i) ADD_FAILURE() << letters.failure(i);
        auto reports = s->write_instruction_reports(dir.file("rapports"));
        for (std::size_t i = 0; i < reports.failures.size(); ++i) ADD_FAILURE() << reports.failure(i);
        s->write_committee_file(dir.file("commission.pdf"));
        s->write_minutes(dir.file("pv.pdf"));
        std::vector<std::string> files(letters.begin(), letters.end());
        files.insert(files.end(), reports.begin(), reports.end());
        files.push_back(dir.file("commission.pdf"));
        files.push_back(dir.file("pv.pdf"));
        for (const auto& f : files) expect_clean(test::pdf_words(f), f);
    }
}
