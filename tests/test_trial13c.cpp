// Regressions of the attacker trial 13c (issue 13) that remained after its
// first landing: a dossier nobody rated, a two-line address cell, the
// rating and CSV messages, the bounds of the reasons and opinions, dates
// in the future, and a retained dossier whose admissibility is undecided.
// Expected values are worked out by hand in comments.
#include <gtest/gtest.h>

#include <optional>

#include "app/session.h"
#include "core/error.h"
#include "report/committee.h"
#include "report/letters.h"
#include "core/meeting_rules.h"
#include "core/decision_rules.h"
#include "core/opinion_rules.h"
#include "core/people.h"
#include "core/french.h"
#include "test_support.h"

using namespace cotation;

// ---- F4: a dossier nobody rated was ranked « 1= … 0 pts [non retenu] » ----

// P rated 4 on A.1 (coefficient 2: 8 points); Q and R by nobody. Q and R
// are out of the ranking, « non noté », in rank, rank --csv and the
// committee file; P is ranked first of one, alone (not « 1= »).
TEST(Trial13cUnrated, ANeverRatedDossierIsSaidNotRatedNotRankedNonRetenu) {
    test::TempDir dir;
    auto s = test::small_campaign(dir, {{"A.1", "2"}}, {"P;Association Alpha", "Q;Fondation Bêta", "R;Collectif Gamma"});
    s->put_rating({test::id_of(*s, "P"), "Anne", "A.1", 4, "Justifiée."}, "test");
    s.reset();
    const std::string f = dir.file("c.cot");

    auto r = test::cli("rank " + f);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find(" 1  P  8 pts  Association Alpha  [proposé]"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Dossiers non notés, hors classement (aucune note justifiée) :\n"
                         "  Q  Fondation Bêta  [non noté]\n"
                         "  R  Collectif Gamma  [non noté]\n"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("non retenu"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("0 pts"), std::string::npos) << r.out;

    r = test::cli("rank " + f + " --csv");
    ASSERT_EQ(r.code, 0) << r.out;
    // No rank, no total, no theme points: a sheet sorting by total would put a 0 among the scores.
    EXPECT_NE(r.out.find("\n;Q;Fondation Bêta;;;non noté;aucune note justifiée sur les critères de la grille;\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("\n1;P;Association Alpha;8;8;proposé;"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("non retenu"), std::string::npos) << r.out;

    // The committee file lists them apart, under their own heading, not in the ranking.
    auto o = Session::open(f);
    auto v = test::committee_variables_before_meeting(*o, Date{2023, 6, 1});
    EXPECT_EQ(v["classement"].find("Fondation"), std::string::npos) << v["classement"];
    EXPECT_NE(v["non_notes"].find("Q — Fondation Bêta : aucune note justifiée"), std::string::npos) << v["non_notes"];
    EXPECT_NE(v["non_notes"].find("R — Collectif Gamma"), std::string::npos) << v["non_notes"];
    EXPECT_EQ(v["en_attente"], "");
    EXPECT_EQ(ranking_summary(o->ranking()), "1 dossier classé, 2 non notés, 0 irrecevable");

    // No letter before a decision; Q decided « non retenu », motivated: its
    // letter prints neither « 0 points » nor a rank it does not have.
    // (Trial 1011B F7: refusing a recevable dossier nobody rated says why it was not evaluated.)
    o->decide(test::id_of(*o, "Q"), {DecisionKind::NotRetained, "Dossier non évalué", Date{2023, 6, 15}, std::nullopt,
                                     std::nullopt, "Dossier retiré par son porteur avant l'évaluation", ""},
              "test");
    o.reset();
    r = test::cli("letters " + f + " --out " + dir.file("L"));
    EXPECT_NE(r.out.find("1 lettre écrite"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1 dossier non noté : pas de lettre sans décision enregistrée."), std::string::npos) << r.out;
    const std::string letter = test::pdf_words(dir.file("L/Q-lettre.pdf"));
    // Never « il n'a pas été noté » (trial 1011B F7): recevable, and why it was not evaluated.
    EXPECT_EQ(letter.find("pas été noté"), std::string::npos) << letter;
    EXPECT_NE(letter.find("Votre dossier a été déclaré recevable."), std::string::npos) << letter;
    EXPECT_NE(letter.find("Dossier retiré par son porteur avant l'évaluation."), std::string::npos) << letter;
    EXPECT_EQ(letter.find("0 points"), std::string::npos) << letter;
    EXPECT_EQ(letter.find(" rang"), std::string::npos) << letter;
    EXPECT_NE(letter.find("Dossier non évalué"), std::string::npos) << letter;
}

// ---- F9: a two-line address cell (Alt+Entrée in Excel) was refused ----

namespace {
std::unique_ptr<Session> trial13c_act_campaign(const test::TempDir& dir) {
    NewCampaign nc;
    nc.reference = "essai";
    return Session::create(dir.file("act.cot"), test::source_dir() + "/scoring-grids/act-hlm-paca-2023.xml", nc, "Coord");
}
// One eligible ACT dossier whose organisation, address and recipient are
// these CSV cells (already quoted when they hold a line break), CRLF-ended
// as Excel writes its rows; a line break inside a quoted cell stays LF.
std::string act_row(const std::string& ref, const std::string& org, const std::string& address,
                    const std::string& recipient) {
    const auto& e = test::eligible_dossier("act-hlm-paca-2023");
    return ref + ";" + org + ";;;" + e.commune + ";" + e.places + ";" + e.budget + ";" + e.deposit + ";" + address +
           ";13003;Marseille;" + recipient + ";" + e.values + "\r\n";
}
std::string act_header() { return test::kDossierColumns + test::eligible_dossier("act-hlm-paca-2023").columns + "\r\n"; }
}  // namespace

// The address is where a postal address has lines (complement, street,
// locality: norme NF Z10-011, lines 3 to 5): up to 3, kept apart in the
// letter's recipient block. The organisation and the recipient are one line
// by nature (the norm gives the recipient line 2 alone): a break in them is
// refused saying so, with line and column, not « U+000A ».
TEST(Trial13cCsv, ATwoLineAddressCellIsKeptAndOneLineFieldsSayWhy) {
    test::TempDir dir;
    auto s = trial13c_act_campaign(dir);
    test::spit(dir.file("ok.csv"), act_header() + act_row("A-1", "Association Alpha", "\"12, rue de la République\nBâtiment B\"",
                                                          "Mme Claire Martin, directrice"));
    ASSERT_EQ(s->import_dossiers_file(dir.file("ok.csv"), "Coord"), 1u);
    const Dossier& d = s->dossiers()[*s->find("A-1")];
    EXPECT_EQ(std::get<std::string>(d.get("adresse")), "12, rue de la République\nBâtiment B");
    EXPECT_EQ(report::recipient_block(s->grid(), d),
              (std::vector<std::string>{"Association Alpha", "Mme Claire Martin, directrice", "12, rue de la République",
                                        "Bâtiment B", "13003 Marseille"}));

    auto refused = [&](const std::string& row) {
        test::spit(dir.file("bad.csv"), act_header() + row);
        return test::message_of<InputError>([&] { s->import_dossiers_file(dir.file("bad.csv"), "Coord"); });
    };
    std::string m = refused(act_row("A-2", "\"Association\nBêta\"", "1 rue Haute", ""));
    EXPECT_NE(m.find("bad.csv, ligne 2, colonne 2 « organisme » : retour à la ligne dans « Association\\nBêta » : la colonne "
                     "« organisme » tient sur une ligne ; remplacez le retour à la ligne (Alt+Entrée) par une espace"),
              std::string::npos)
        << m;
    EXPECT_EQ(m.find("U+000A"), std::string::npos) << m;
    m = refused(act_row("A-2", "Bêta", "1 rue Haute", "\"Mme Roux\nDirectrice\""));
    EXPECT_NE(m.find("colonne 12 « destinataire » : retour à la ligne dans « Mme Roux\\nDirectrice » : « Destinataire des "
                     "courriers (nom et qualité) » tient sur une ligne"),
              std::string::npos)
        << m;
    // Four lines are one more than an address has.
    m = refused(act_row("A-2", "Bêta", "\"Résidence Les Pins\nBâtiment B\n1 rue Haute\nLieu-dit Le Bas\"", ""));
    EXPECT_NE(m.find("colonne 9 « adresse » : 4 lignes dans"), std::string::npos) << m;
    EXPECT_NE(m.find("« Adresse postale (numéro, voie, complément) » en a 3 au plus"), std::string::npos) << m;
    // Any other invisible character stays refused in an address.
    m = refused(act_row("A-2", "Bêta", "\"1 rue\tHaute\"", ""));
    EXPECT_NE(m.find("caractère de contrôle ou invisible U+0009"), std::string::npos) << m;
    EXPECT_EQ(s->dossiers().size(), 1u);   // nothing of the refused files stored
}

// Trial 1011b F10: « 17XXX » was taken as a postal code and the letter went to
// « 17XXX Inconnue ». The forms declare the code postal digits="5"; the cell
// is refused with its line and column (column 10 of kDossierColumns).
TEST(Trial13cCsv, APostalCodeIsFiveDigits) {
    test::TempDir dir;
    auto s = act_campaign(dir);
    std::string row = act_row("A-1", "Association Alpha", "1 rue Haute", "");
    row.replace(row.find(";13003;"), 7, ";13XXX;");
    test::spit(dir.file("bad.csv"), act_header() + row);
    const std::string m = test::message_of<InputError>([&] { s->import_dossiers_file(dir.file("bad.csv"), "Coord"); });
    EXPECT_NE(m.find("bad.csv, ligne 2, colonne 10 « code_postal » : « Code postal » : 5 chiffres attendus, lu « 13XXX »"),
              std::string::npos)
        << m;
    EXPECT_TRUE(s->dossiers().empty());
    // Four digits (a leading 0 lost by a spreadsheet: 01000 read as 1000) are refused too.
    row.replace(row.find(";13XXX;"), 7, ";1000;");
    test::spit(dir.file("bad.csv"), act_header() + row);
    EXPECT_NE(test::message_of<InputError>([&] { s->import_dossiers_file(dir.file("bad.csv"), "Coord"); })
                  .find("5 chiffres attendus, lu « 1000 »"),
              std::string::npos);
}

// ---- F10: messages that said something else than what was wrong ----

// U+202E echoed raw reversed the end of the message on the terminal; a
// full-width « １０ » and « 1e3 » were « caractère inattendu » with a decimal
// example for a count of places.
TEST(Trial13cMessages, InvisibleCharactersFullWidthDigitsAndExponentsAreSaid) {
    EXPECT_EQ(fr::quote("Association \u202Eepiuqé\u202C Santé"), "« Association <U+202E>epiuqé<U+202C> Santé »");
    EXPECT_EQ(fr::quote("a\u200Bb\u00ADc\xC2\x85"), "« a<U+200B>b<U+00AD>c<U+0085> »");
    EXPECT_EQ(fr::quote("Santé – « Œuvre »"), "« Santé – « Œuvre » »");   // visible characters untouched
    const FactDef* places = test::act_grid().fact("places");
    ASSERT_TRUE(places);
    auto why = [&](const std::string& text) {
        auto r = parse_input(*places, text);
        return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string("accepté");
    };
    EXPECT_EQ(why("１０"),
              "« １０ » n'est pas un nombre lisible : chiffre « １ » en pleine chasse : tapez-le en chiffres ordinaires (1) "
              "(nombre entier attendu, par exemple 12)");
    EXPECT_EQ(why("1e3"),
              "« 1e3 » n'est pas un nombre lisible : notation scientifique (« e ») : écrivez le nombre en entier (nombre "
              "entier attendu, par exemple 12)");
    // An amount keeps its French example.
    const FactDef* budget = test::act_grid().fact("budget_annuel");
    ASSERT_TRUE(budget);
    auto r = parse_input(*budget, "1,26E+05");
    ASSERT_TRUE(std::holds_alternative<std::string>(r));
    EXPECT_NE(std::get<std::string>(r).find("notation scientifique (« E ») : écrivez le nombre en entier (notation attendue : "
                                            "12 600,50)"),
              std::string::npos)
        << std::get<std::string>(r);
}

// `new` on a link to a missing file said « existe déjà »; `arretes` refused
// the --par every other command writing documents takes.
TEST(Trial13cMessages, ADanglingLinkIsSaidAndArretesTakesPar) {
    test::TempDir dir;
    std::filesystem::create_symlink(dir.file("absent.cot"), dir.file("lien.cot"));
    auto r = test::cli("new " + dir.file("lien.cot") + " --grid " + test::source_dir() + "/scoring-grids/uphv-17-2019.xml");
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.out.find("est un lien symbolique vers « " + dir.file("absent.cot") + " », qui n'existe pas"), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("existe déjà"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(dir.file("absent.cot")));
    auto s = test::small_campaign(dir, {{"A.1", "1"}}, {"P;Association Alpha"});
    s.reset();
    r = test::cli("arretes " + dir.file("c.cot") + " --out " + dir.file("A") + " --par test");
    EXPECT_EQ(r.out.find("option inconnue"), std::string::npos) << r.out;
    // Past the options: the command runs and asks for the date of the orders.
    EXPECT_NE(r.out.find("Un arrêté est daté par sa décision ou par la campagne"), std::string::npos) << r.out;
}

// ---- F7: the close and reopen reasons, opinions and observations kept no bound ----

TEST(Trial13cBounds, ReasonsOpinionsAndObservationsKeepTheBoundsOfTypedTexts) {
    const std::string long_text(kMaxMotiveChars + 1, 'x');   // 4 001 characters
    MemberOpinion op{"Paul Membre", Opinion::Reserved, long_text};
    Team open;   // no team: anyone gives an opinion
    std::string why = complete_opinion(open, "Paul Membre", "Association Alpha", "", op);
    EXPECT_NE(why.find("La raison de l'avis a 4001 caractères, au plus 4000 admis"), std::string::npos) << why;
    op.comment = "Réservé \u202Esur le budget";
    why = complete_opinion(open, "Paul Membre", "Association Alpha", "", op);
    EXPECT_NE(why.find("La raison de l'avis contient un caractère de contrôle ou invisible (U+202E"), std::string::npos) << why;
    op.comment = "Réservé :\nbudget à préciser.";   // a line break is a text's own
    EXPECT_EQ(complete_opinion(open, "Paul Membre", "Association Alpha", "", op), "");

    Team team;
    team.people["Paul Membre"] = Person{"Paul Membre", Role::CommitteeMember, "ARS"};
    Meeting m;
    m.president = "Paul Membre";
    m.observations.emplace_back("Paul Membre", "Vu\tle dossier");
    why = complete_meeting(team, m);
    EXPECT_NE(why.find("L'observation de « Paul Membre » contient un caractère de contrôle ou invisible (U+0009"),
              std::string::npos)
        << why;

    test::TempDir dir;
    auto s = test::small_campaign(dir, {{"A.1", "1"}}, {"P;Association Alpha"});
    s->put_rating({test::id_of(*s, "P"), "Anne", "A.1", 4, "Justifiée."}, "test");
    why = test::message_of<InputError>([&] { s->close("Fin\u200B de campagne", "test"); });
    EXPECT_NE(why.find("Le motif de la clôture contient un caractère de contrôle ou invisible (U+200B"), std::string::npos)
        << why;
    EXPECT_FALSE(s->closed());
    s->close("Campagne terminée.", "test");
    why = test::message_of<InputError>([&] { s->reopen(long_text, "test"); });
    EXPECT_NE(why.find("Le motif de la réouverture a 4001 caractères, au plus 4000 admis"), std::string::npos) << why;
    EXPECT_TRUE(s->closed());
}

// ---- F11: a deposit received, pieces asked or received, after today ----

TEST(Trial13cDates, DepositsAndPiecesAfterTodayAreRefused) {
    const Date today = Session::today();
    const Date later = today.plus_days(1);
    test::TempDir dir;
    auto s = trial13c_act_campaign(dir);
    const auto& e = test::eligible_dossier("act-hlm-paca-2023");
    test::spit(dir.file("d.csv"), act_header() + "A-1;Association Alpha;;;" + e.commune + ";" + e.places + ";" + e.budget +
                                      ";" + later.french_numeric() + ";1 rue Haute;13003;Marseille;;" + e.values + "\r\n");
    std::string m = test::message_of<InputError>([&] { s->import_dossiers_file(dir.file("d.csv"), "Coord"); });
    EXPECT_NE(m.find("d.csv, ligne 2, colonne 8 « date_depot » : réception du dossier datée du " + later.french_numeric() +
                     " : c'est après aujourd'hui (" + today.french_numeric() + ")"),
              std::string::npos)
        << m;
    EXPECT_TRUE(s->dossiers().empty());
    test::spit(dir.file("d.csv"), act_header() + act_row("A-1", "Association Alpha", "1 rue Haute", ""));
    ASSERT_EQ(s->import_dossiers_file(dir.file("d.csv"), "Coord"), 1u);
    const auto id = test::id_of(*s, "A-1");
    m = test::message_of<InputError>([&] { s->receive_pieces(id, {"budget"}, later, "", "Coord"); });
    EXPECT_NE(m.find("Dossier « A-1 » : Réception des pièces datée du " + later.french_numeric() + " : c'est après aujourd'hui"),
              std::string::npos)
        << m;
    m = test::message_of<InputError>([&] { s->request_pieces(id, later, "Coord"); });
    EXPECT_NE(m.find("Dossier « A-1 » : Demande de pièces datée du " + later.french_numeric() + " : c'est après aujourd'hui"),
              std::string::npos)
        << m;
}

// ---- F3: retaining a dossier whose admissibility is « non décidable » ----

// ACT HLM: the physician's FTE (« Tableau des effectifs — Médecin ») is
// needed by an eliminating rule; without it the dossier is ranked and
// flagged « non décidable ». Retaining it is refused without a written
// motive saying how the condition was checked; with one, it passes (and the
// motive is kept in the journal); once the fact is entered, no motive is needed.
TEST(Trial13cAdmissibility, RetainingAnUndecidableDossierNeedsTheCheckInWriting) {
    const Grid& g = test::act_grid();
    Campaign c;
    for (const auto& p : g.parameters)
        if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
    c.parameters["campagne.date_limite"] = Date{2023, 4, 28};
    Dossier d;
    d.id = 1;
    d.reference = "ACT-1";
    d.organisme = "Association Alpha";
    d.commune = "13203";
    d.facts["places"] = Rational(10);
    d.facts["budget_annuel"] = Rational(126000);
    d.facts["date_depot"] = Date{2023, 4, 1};
    d.facts["coordonnateur_designe"] = true;
    d.facts["participation_usager_jour"] = Rational(0);
    d.facts["date_debut_activite"] = Date{2023, 9, 1};
    for (const auto& doc : g.documents) d.documents.insert(doc.id);
    std::vector<Rating> rs;
    for (const auto& t : g.themes)
        for (const auto& cr : t.criteria) rs.push_back({1, "X", cr.id, 4, "Justifiée."});
    auto decide = [&](const Dossier& dossier, const std::string& motive) {
        Ranking r = rank_dossiers(g, c, {dossier}, index_ratings(rs));
        EXPECT_EQ(r.ranked.size(), 1u);
        if (r.ranked.empty()) return std::string("non classé");
        DecisionFacts f;
        f.reference = dossier.reference;
        f.entry = &r.ranked[0];
        f.model = r.model;
        f.criteria = g.criterion_count();
        const Rational* asked = &std::get<Rational>(dossier.facts.at("places"));
        f.asked = asked;
        Decision x{DecisionKind::Retained, motive, Date{2023, 6, 15}, Rational(10), std::nullopt, "", ""};
        return complete_decision(f, x);
    };
    EXPECT_EQ(decide(d, "") , "Le dossier « ACT-1 » a une recevabilité non décidable (manque : Tableau des effectifs — "
                              "Médecin) : renseignez d'abord ce qui manque, ou écrivez dans le motif de la décision comment la "
                              "condition a été vérifiée (--motif).");
    EXPECT_EQ(decide(d, "Médecin à 1 ETP confirmé par courrier du 2 juin 2023."), "");
    d.facts["effectifs.medecin"] = Rational(1);
    EXPECT_EQ(decide(d, ""), "");
}
