// Regressions of the attacker trial 13b (issue 13): a link declared by
// identifier, a damaged logo, rows changed outside Cotation, a campaign with
// no team, empty cells, capacity, characters the letters cannot print, and
// the smaller findings. Expected values are worked out by hand in comments.
#include <gtest/gtest.h>

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <functional>

#include "app/session.h"
#include "core/error.h"
#include "core/eligibility.h"
#include "core/french.h"
#include "core/logo.h"
#include "core/parameter_rules.h"
#include "core/people.h"
#include "core/read_rules.h"
#include "io/offer.h"
#include "io/reference_data.h"
#include "io/png_check.h"
#include "report/pdf_letter.h"
#include "test_support.h"

using namespace cotation;

namespace {
Dossier filed(std::int64_t id, const std::string& org, const std::string& siret, const std::string& finess) {
    Dossier d;
    d.id = id;
    d.reference = "R" + std::to_string(id);
    d.organisme = org;
    d.siret = siret;
    d.finess = finess;
    return d;
}

std::unique_ptr<Session> on_call(const test::TempDir& dir, const std::string& call, const std::string& actor = "Coord") {
    NewCampaign nc;
    nc.reference = "essai";
    return Session::create(dir.file(call + ".cot"), test::source_dir() + "/scoring-grids/" + call + ".xml", nc, actor);
}

// One eligible dossier of `call` (test_support), under this reference,
// organisation and SIRET, as a CSV line.
std::string dossier_line(const std::string& call, const std::string& ref, const std::string& org, const std::string& siret) {
    const auto& e = test::eligible_dossier(call);
    return ref + ";" + org + ";" + siret + ";;" + e.commune + ";" + e.places + ";" + e.budget + ";" + e.deposit +
           ";1 rue Haute;13003;Marseille;Mme Durand;" + e.values + "\n";
}
std::string dossier_header(const std::string& call) { return test::kDossierColumns + test::eligible_dossier(call).columns + "\n"; }
}  // namespace

// ---- F8: a link declared by SIREN or FINESS covers every dossier of that
// organisation, whatever the name it is filed under ----

// Entraide Santé Carpentras, SIRET 419 514 906 00017, FINESS 840000012; its
// antenna in Avignon files as « ESC — antenne Avignon », SIRET 419 514 906
// 00025 (same SIREN, the first 9 digits); « Autre » shares nothing.
TEST(Trial13bLinks, ADeclarationCoversEveryDossierOfItsSirenOrFiness) {
    std::vector<Dossier> ds{filed(1, "Entraide Santé Carpentras", "41951490600017", "840000012"),
                            filed(2, "ESC — antenne Avignon", "419 514 906 00025", ""),
                            filed(3, "Autre", "50000000000017", "840000099"),
                            filed(4, "Maison Carpentras", "", "840000012")};
    // Declared by SIREN: the designated dossier is 1 (its SIRET starts with
    // it) and 2; both give the SIREN, 1 its FINESS too (sorted: finess < siren).
    EXPECT_EQ(declared_identifiers(ds, "419514906"), "finess:840000012 siren:419514906");
    ConflictDeclaration by_siren{"Julien", "Entraide Santé Carpentras", "x", "C", Date{2023, 3, 1},
                                 declared_identifiers(ds, "419514906")};
    EXPECT_TRUE(declaration_covers(by_siren, identity_of(ds[0])));
    EXPECT_TRUE(declaration_covers(by_siren, identity_of(ds[1])));    // same SIREN, another name: the trial's hole
    EXPECT_FALSE(declaration_covers(by_siren, identity_of(ds[2])));   // nothing in common
    EXPECT_TRUE(declaration_covers(by_siren, identity_of(ds[3])));    // same FINESS, another name
    // Declared by name: the name's dossier gives its identifiers, so the antenna is covered too.
    ConflictDeclaration by_name{"Thomas", "Entraide Santé Carpentras", "x", "C", Date{2023, 3, 1},
                                declared_identifiers(ds, "ENTRAIDE  santé carpentras")};
    EXPECT_TRUE(declaration_covers(by_name, identity_of(ds[1])));
    // A SIREN is a whole token: 41951490 (8 digits) or a longer one never matches by prefix.
    ConflictDeclaration near{"T", "X", "x", "C", Date{2023, 3, 1}, "siren:419514906"};
    EXPECT_FALSE(declaration_covers(near, identity_of(filed(5, "Y", "41951490700010", ""))));
    // A declaration stored before identifiers (schema 12): by name, as before.
    ConflictDeclaration old{"Julien", "Entraide Santé Carpentras", "x", "C", Date{2023, 3, 1}, ""};
    EXPECT_FALSE(declaration_covers(old, identity_of(ds[1])));
    EXPECT_TRUE(declaration_covers(old, Organisation("entraide sante CARPENTRAS")));
}

// The trial's scenario on the ACT HLM call: a link declared by SIREN, then a
// dossier of the same SIREN under another name imported: its assignment is
// refused and the ratings of others are hidden, also once the file is reopened.
TEST(Trial13bLinks, ADossierOfTheSameSirenImportedAfterTheDeclarationIsCovered) {
    test::TempDir dir;
    const std::string call = "act-hlm-paca-2023";
    {
        auto s = on_call(dir, call, "Nadia");
        test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "ACT-1", "Entraide Santé Carpentras", "41951490600017") +
                                          dossier_line(call, "ACT-2", "Fondation Bêta", "50000000000017"));
        s->import_dossiers_file(dir.file("d.csv"), "Nadia");
        s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
        s->add_person({"Claire", Role::Instructor, "ARS"}, "Nadia");
        s->add_person({"Julien", Role::Instructor, "ARS"}, "Nadia");
        s->assign(test::id_of(*s, "ACT-2"), "Julien", true, "Nadia");
        s->declare_conflict("Julien", "419514906", "Administrateur", "Nadia");
        s->declare_conflict("Nadia", "419 514 906", "Ancienne salariée", "Nadia");
        test::spit(dir.file("e.csv"), dossier_header(call) + dossier_line(call, "ACT-12", "ESC — antenne Avignon", "41951490600025"));
        s->import_dossiers_file(dir.file("e.csv"), "Nadia");
        const std::int64_t a12 = test::id_of(*s, "ACT-12");
        EXPECT_EQ(test::message_of([&] { s->assign(a12, "Julien", true, "Nadia"); }),
                  "« Julien » a déclaré un lien avec « Entraide Santé Carpentras », qui couvre « ESC — antenne Avignon » : "
                  "affectation impossible.");
        s->assign(a12, "Claire", true, "Nadia");
        s->put_rating({a12, "Claire", "I.1", 4, "SENTINELLE"}, "Claire");
    }
    auto s = Session::open(dir.file(call + ".cot"));
    const std::int64_t a12 = test::id_of(*s, "ACT-12");
    // The coordinator reads every rating, except where she declared a link.
    EXPECT_TRUE(s->visible_ratings(a12, "Nadia").empty());
    EXPECT_EQ(s->visible_ratings(test::id_of(*s, "ACT-2"), "Nadia").size(), 0u);   // none given there
    EXPECT_NE(test::message_of([&] { s->assign(a12, "Julien", true, "Nadia"); }).find("a déclaré un lien"), std::string::npos);
    EXPECT_EQ(test::message_of([&] { s->put_rating({a12, "Julien", "I.1", 1, "x"}, "Julien"); }),
              "« Julien » a déclaré un lien avec « Entraide Santé Carpentras », qui couvre « ESC — antenne Avignon » : ce "
              "dossier ne peut pas lui être confié.");
    // ACT-2 (another SIREN) stays Julien's.
    EXPECT_TRUE(s->team().assignments.at(test::id_of(*s, "ACT-2")).count("Julien"));
}

// A dossier of the SIREN already assigned when the link is declared under
// another name loses that assignment (the store ends those of the name only).
TEST(Trial13bLinks, DeclaringALinkEndsTheAssignmentsOfTheSameSirenUnderAnotherName) {
    test::TempDir dir;
    const std::string call = "crt-2022";
    {
        auto s = on_call(dir, call, "Nadia");
        test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "CRT-1", "EHPAD Les Tilleuls", "41951490600017") +
                                          dossier_line(call, "CRT-2", "Tilleuls — SSIAD", "41951490600025"));
        s->import_dossiers_file(dir.file("d.csv"), "Nadia");
        s->add_person({"Nadia", Role::Coordinator, "ARS"}, "Nadia");
        s->add_person({"Julien", Role::Instructor, "ARS"}, "Nadia");
        s->assign(test::id_of(*s, "CRT-2"), "Julien", true, "Nadia");
        s->declare_conflict("Julien", "EHPAD Les Tilleuls", "Administrateur", "Nadia");
    }
    auto s = Session::open(dir.file(call + ".cot"));
    auto it = s->team().assignments.find(test::id_of(*s, "CRT-2"));
    EXPECT_TRUE(it == s->team().assignments.end() || !it->second.count("Julien"));
}

// ---- F16: a PNG logo checked to its end; documents never abort on one ----
namespace {
std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}
std::uint32_t crc32_of(const std::string& s) {   // PNG's CRC (ISO 3309), bit by bit
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : s) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}
std::string chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32_of(type + data));
}
// A zlib stream of one stored (uncompressed) block, with its Adler-32.
std::string stored_zlib(const std::string& raw) {
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : raw) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    const auto n = static_cast<std::uint16_t>(raw.size());
    const auto nn = static_cast<std::uint16_t>(~n);
    return std::string("\x78\x01\x01", 3) + static_cast<char>(n & 0xFF) + static_cast<char>(n >> 8) + static_cast<char>(nn & 0xFF) +
           static_cast<char>(nn >> 8) + raw + be32((b << 16) | a);
}
// A 2 × 2 RGB image, 8 bits: two rows of a filter byte (0) and 6 bytes = 14 bytes of data.
const std::string kRaw = std::string("\0\x80\x80\x80\x10\x20\x30\0\x80\x80\x80\x10\x20\x30", 14);
std::string png(const std::string& idat, bool iend = true) {
    return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", be32(2) + be32(2) + std::string("\x08\x02\x00\x00\x00", 5)) +
           chunk("IDAT", idat) + (iend ? chunk("IEND", "") : "");
}
}  // namespace

TEST(Trial13bLogo, APngIsDecodedToItsEnd) {
    EXPECT_EQ(io::png_decoding_problem(png(stored_zlib(kRaw))), "");
    // The trial's file: the image data cut short, every chunk's CRC right.
    EXPECT_EQ(io::png_decoding_problem(png(stored_zlib(kRaw).substr(0, 10))), "données de l'image tronquées");
    EXPECT_EQ(io::png_decoding_problem(png(stored_zlib(kRaw), false)),
              "fichier tronqué : l'image s'arrête avant sa fin (pas de bloc IEND)");
    std::string bad_crc = png(stored_zlib(kRaw));
    bad_crc[8 + 8 + 13] ^= 1;   // the IHDR's CRC
    EXPECT_EQ(io::png_decoding_problem(bad_crc), "fichier altéré : somme de contrôle fausse au bloc « IHDR »");
    std::string bad_filter = kRaw;
    bad_filter[7] = 9;   // the second row's filter byte: 0 to 4 only
    EXPECT_EQ(io::png_decoding_problem(png(stored_zlib(bad_filter))), "données de l'image illisibles (filtre de ligne inconnu)");
    EXPECT_EQ(io::png_decoding_problem(png(stored_zlib(kRaw + std::string(2, '\0')))), "données de l'image en trop");
}

TEST(Trial13bLogo, ATruncatedLogoIsRefusedNamingItAndABadStoredOneIsLeftOut) {
    test::TempDir dir;
    auto s = on_call(dir, "uphv-17-2019");
    test::spit(dir.file("tronque.png"), png(stored_zlib(kRaw).substr(0, 10)));
    test::spit(dir.file("bon.png"), png(stored_zlib(kRaw)));
    EXPECT_EQ(test::message_of([&] { test::set_authority_field(*s, "logo", dir.file("tronque.png"), "Coord"); }),
              "Autorité, logo « " + dir.file("tronque.png") +
                  " » : image PNG illisible (données de l'image tronquées) ; rien n'a été enregistré. Enregistrez de nouveau "
                  "le logo au format PNG et donnez ce fichier.");
    // Nor in its stored form, typed as text.
    EXPECT_NE(test::message_of([&] { test::set_authority_field(*s, "logo", logo_to_stored(png(stored_zlib(kRaw).substr(0, 10))), "Coord"); })
                  .find("image PNG illisible (données de l'image tronquées)"),
              std::string::npos);
    EXPECT_EQ(s->campaign().authority.logo, "");
    test::set_authority_field(*s, "logo", dir.file("bon.png"), "Coord");
    EXPECT_TRUE(logo_is_stored(s->campaign().authority.logo));
    // A stored logo libpng cannot read (written by an older version or outside
    // Cotation): the PDF is written without it, never an abort (exit 134).
    report::LetterHeader h;
    h.authority = "ARS";
    h.title = "Essai";
    h.logo_path = logo_to_stored(png(stored_zlib(kRaw).substr(0, 10)));
    report::write_letter_pdf(dir.file("sans-logo.pdf"), h, {});
    EXPECT_TRUE(std::filesystem::exists(dir.file("sans-logo.pdf")));
    h.logo_path = logo_to_stored(png(stored_zlib(kRaw)));
    report::write_letter_pdf(dir.file("avec-logo.pdf"), h, {});
    EXPECT_GT(test::count(test::slurp(dir.file("avec-logo.pdf")), "/Image"), test::count(test::slurp(dir.file("sans-logo.pdf")), "/Image"));
}

// ---- F3: no piece recorded is « non renseigné », not every piece missing ----
namespace {
// The eligible dossier of `call` with its pieces_recues cell emptied (the
// last column of test_support's dossiers), or that column left out.
std::string without_pieces(const std::string& call, bool drop_column) {
    const auto& e = test::eligible_dossier(call);
    std::string columns = e.columns, values = e.values;
    columns = columns.substr(0, columns.rfind(';'));
    values = values.substr(0, values.rfind(';'));
    return test::kDossierColumns + columns + (drop_column ? "" : ";pieces_recues") + "\n" + "P-1;Asso;;;" + e.commune + ";" +
           e.places + ";" + e.budget + ";" + e.deposit + ";1 rue Haute;13003;Marseille;Mme Durand;" + values +
           (drop_column ? "" : ";") + "\n";
}
}  // namespace

TEST(Trial13bPieces, NoPieceRecordedIsUnknownNotMissingOnTheThreeCalls) {
    for (const std::string call : {"act-hlm-paca-2023", "uphv-17-2019", "crt-2022"})
        for (bool drop : {false, true}) {
            test::TempDir dir;
            auto s = on_call(dir, call);
            test::spit(dir.file("d.csv"), without_pieces(call, drop));
            s->import_dossiers_file(dir.file("d.csv"), "Coord");
            const Dossier& d = s->dossiers().at(0);
            auto rep = check_eligibility(s->grid(), s->campaign(), d);
            // The dossier is eligible otherwise (test_support): only its pieces are unknown.
            EXPECT_STREQ(verdict_label(rep), "À compléter") << call << " " << drop;
            EXPECT_TRUE(rep.elimination_reasons().empty()) << call;
            ASSERT_FALSE(rep.blocking_missing_facts().empty()) << call;
            EXPECT_EQ(rep.blocking_missing_facts().front(), "pièces reçues (pieces_recues)") << call;
            const test::Ran r = test::cli("check " + dir.file(call + ".cot"));
            EXPECT_EQ(test::count(r.out, "[pièce manquante]"), 0u) << r.out;
            EXPECT_GT(test::count(r.out, "[pièce non renseignée]"), 0u) << r.out;
        }
    // One piece recorded: the others are missing, the dossier irrecevable, as before.
    test::TempDir dir;
    auto s = on_call(dir, "act-hlm-paca-2023");
    std::string csv = without_pieces("act-hlm-paca-2023", false);
    csv.insert(csv.size() - 1, "identite");
    test::spit(dir.file("d.csv"), csv);
    s->import_dossiers_file(dir.file("d.csv"), "Coord");
    auto rep = check_eligibility(s->grid(), s->campaign(), s->dossiers().at(0));
    EXPECT_STREQ(verdict_label(rep), "Irrecevable");
    EXPECT_FALSE(rep.elimination_reasons().empty());
}

// ---- F2: the capacity never set below the places already granted ----
// ACT HLM counts places: two retained decisions of 10 and 8 places grant 18;
// a capacity of 17 is refused giving both figures, 18 is accepted.
TEST(Trial13bCapacity, ACapacityBelowWhatIsGrantedIsRefusedWithBothFigures) {
    CapacityModel m;
    m.capacity_unit = m.places_unit = "place|places";
    DecisionIndex ds;
    ds[1].kind = DecisionKind::Retained;
    ds[1].places = Rational(10);
    ds[2].kind = DecisionKind::Retained;
    ds[2].places = Rational(8);
    ds[3].kind = DecisionKind::NotRetained;   // counts for nothing
    EXPECT_EQ(capacity_refusal("campagne.places", m, Rational(17), ds),
              "Paramètre « campagne.places » : une capacité de 17\u00A0places est inférieure à ce que 2 décisions enregistrées "
              "accordent déjà (18\u00A0places) ; rien n'a été enregistré. Gardez une capacité d'au moins 18\u00A0places, ou "
              "revoyez d'abord les décisions (cotation decide).");
    EXPECT_EQ(capacity_refusal("campagne.places", m, Rational(18), ds), "");
    // CRT counts retained dossiers (missions), whatever their places.
    CapacityModel crt;
    crt.per_dossier = true;
    crt.capacity_unit = "mission|missions";
    EXPECT_NE(capacity_refusal("campagne.places", crt, Rational(1), ds).find("une capacité de 1\u00A0mission est inférieure"),
              std::string::npos);
}

// ---- F11: a team-less file's first coordinator comes from its owner ----
TEST(Trial13bTeam, ATeamLessFilesFirstCoordinatorIsDeclaredFromItsOwnersAccount) {
    EXPECT_EQ(first_declaration_refusal("claire", "claire"), "");
    EXPECT_EQ(first_declaration_refusal("", "mallory"), "");   // a server: its own accounts
    EXPECT_EQ(first_declaration_refusal("claire", "mallory"),
              "Cette campagne n'a pas encore d'équipe : son coordonnateur est déclaré d'abord, depuis le compte propriétaire du "
              "fichier de la campagne (« claire », qui l'a créée), et non depuis « mallory ». Rien n'a été enregistré. Pour "
              "confier la campagne à un autre compte, son propriétaire lui cède le fichier (chown) ou y déclare ce "
              "coordonnateur (cotation users FICHIER --ajouter NOM --role coordonnateur --compte mallory).");
    // The trial's scenario, when the test may give the file to another account.
    test::TempDir dir;
    auto s = on_call(dir, "uphv-17-2019");
    s.reset();
    if (::geteuid() != 0) GTEST_SKIP() << "changer le propriétaire du fichier demande root";
    ASSERT_EQ(::chown(dir.file("uphv-17-2019.cot").c_str(), 65534, 65534), 0);   // « nobody » made it
    s = Session::open(dir.file("uphv-17-2019.cot"));
    const std::string me = Session::os_login();
    Session::simulate_named_actors(false);   // as the program runs: the account is who acts
    struct Restore {
        ~Restore() { Session::simulate_named_actors(true); }
    } restore;
    EXPECT_NE(test::message_of([&] { s->add_person({"Mallory", Role::Coordinator, "", true, me}, "Mallory"); })
                  .find("Cette campagne n'a pas encore d'équipe"),
              std::string::npos);
    EXPECT_TRUE(s->team().people.empty());
    ASSERT_EQ(::chown(dir.file("uphv-17-2019.cot").c_str(), ::geteuid(), ::getegid()), 0);
    s = Session::open(dir.file("uphv-17-2019.cot"));
    s->add_person({"Claire", Role::Coordinator, "", true, me}, "Claire");
    EXPECT_EQ(s->team().people.size(), 1u);
}

// ---- F18: no ranking, decision or document on rows changed outside Cotation ----
TEST(Trial13bLedger, RatingsChangedInRawSqlStopDecisionsAndDocumentsAndAreSaidByRank) {
    test::TempDir dir;
    const std::string call = "act-hlm-paca-2023";
    {
        auto s = on_call(dir, call);
        test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "ACT-1", "Asso Un", ""));
        s->import_dossiers_file(dir.file("d.csv"), "Coord");
        test::rate_everywhere(*s, test::id_of(*s, "ACT-1"), "Julien", 4, "Appréciation ");
    }
    const std::string file = dir.file(call + ".cot");
    // Untouched: documents open, rank says nothing.
    EXPECT_TRUE(Session::open_for_documents(file)->outside_changes().empty());
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE rating SET value = 0 WHERE criterion = 'I.1'", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const std::string docs = test::message_of([&] { Session::open_for_documents(file); });
    EXPECT_NE(docs.find("a été modifiée hors de Cotation"), std::string::npos) << docs;
    EXPECT_NE(docs.find("aucun document n'a été écrit"), std::string::npos) << docs;
    EXPECT_NE(docs.find("table rating"), std::string::npos) << docs;
    EXPECT_NE(docs.find("I.1"), std::string::npos) << docs;
    auto s = Session::open(file);
    Decision d;
    d.kind = DecisionKind::NotRetained;
    d.motive = "Projet moins solide.";
    const std::string decided = test::message_of([&] { s->decide(test::id_of(*s, "ACT-1"), d, "Coord"); });
    EXPECT_NE(decided.find("aucune décision n'a été enregistrée"), std::string::npos) << decided;
    EXPECT_NE(decided.find("table rating"), std::string::npos) << decided;
    const test::Ran r = test::cli("rank " + file);
    EXPECT_NE(r.out.find("ATTENTION : la campagne a été modifiée hors de Cotation"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("table rating"), std::string::npos) << r.out;
    // Trial 13f F7: a change still allowed (not on the rows changed) is made, but said with the same warning.
    const test::Ran param = test::cli("param " + file + " campagne.delai_pieces=22 --par Coord");
    EXPECT_EQ(param.code, 0) << param.out;
    EXPECT_NE(param.out.find("ATTENTION : la campagne a été modifiée hors de Cotation"), std::string::npos) << param.out;
    EXPECT_NE(param.out.find("table rating"), std::string::npos) << param.out;
    const test::Ran letters = test::cli("letters " + file + " --out " + dir.file("lettres"));
    EXPECT_NE(letters.code, 0);
    EXPECT_NE(letters.out.find("table rating"), std::string::npos) << letters.out;
}

// ---- F1: characters the PDF cannot print are said, never printed silently ----
// The trial's names: Œ, —, ó and & are in the font's Windows-1252; ễ
// (U+1EC5), Ş (U+015E), İ (U+0130) and Ł (U+0141) are not.
TEST(Trial13bCharacters, CharactersThePdfCannotPrintAreSaidAtImportAndInLetters) {
    EXPECT_EQ(report::unprintable_in_pdf("Œuvre Falret — Nguyễn & Wójcik ŞAHİN"),
              "« ễ » (U+1EC5), « Ş » (U+015E), « İ » (U+0130)");
    EXPECT_EQ(report::unprintable_in_pdf("Société « Éloïse » – 12 600 €"), "");
    test::TempDir dir;
    const std::string call = "act-hlm-paca-2023";
    auto s = on_call(dir, call);
    std::string line = dossier_line(call, "UNI-1", "Œuvre Falret — Nguyễn & Wójcik ŞAHİN", "");
    line.replace(line.find("Mme Durand"), std::string("Mme Durand").size(), "Mme Łucja Nguyễn, directrice");
    test::spit(dir.file("d.csv"), dossier_header(call) + line);
    s->import_dossiers_file(dir.file("d.csv"), "Coord");
    EXPECT_NE(s->import_notice().find("Dossier « UNI-1 » : caractères absents de la police des documents PDF (organisme : "
                                      "« ễ » (U+1EC5), « Ş » (U+015E), « İ » (U+0130) ; destinataire : « Ł » (U+0141), « ễ » (U+1EC5))"),
              std::string::npos)
        << s->import_notice();
}

// ---- F15: control characters refused at import, with the line and column ----
TEST(Trial13bCharacters, ControlCharactersInANameAreRefusedAtImport) {
    test::TempDir dir;
    const std::string call = "crt-2022";
    auto s = on_call(dir, call);
    test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "CTL-1", "Org \x1b[31mrouge\x1b[0m\x07", ""));
    const std::string why = test::message_of([&] { s->import_dossiers_file(dir.file("d.csv"), "Coord"); });
    EXPECT_NE(why.find("caractère de contrôle ou invisible U+001B"), std::string::npos) << why;
    EXPECT_NE(why.find("organisme"), std::string::npos) << why;
    EXPECT_NE(why.find("ligne 2"), std::string::npos) << why;
    EXPECT_TRUE(s->dossiers().empty());
}

// ---- F4: `journal show --dossier X-10` is that dossier, not « X-10/decision » ----
TEST(Trial13bJournal, ShowDossierMatchesTheDossierNotAnotherWhoseReferenceExtendsIt) {
    test::TempDir dir;
    const std::string call = "uphv-17-2019";
    auto s = on_call(dir, call);
    test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "X-10", "Asso Test", "") +
                                      dossier_line(call, "X-10/decision", "Intrus", ""));
    s->import_dossiers_file(dir.file("d.csv"), "Coord");
    s.reset();
    const test::Ran r = test::cli("journal show " + dir.file(call + ".cot") + " --dossier X-10");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(test::count(r.out, "Intrus"), 0u) << r.out;
    EXPECT_EQ(test::count(r.out, "Asso Test"), 1u) << r.out;
    const test::Ran other = test::cli("journal show " + dir.file(call + ".cot") + " --dossier X-10/decision");
    EXPECT_EQ(test::count(other.out, "Intrus"), 1u) << other.out;
}

// ---- F12: `new` in a folder that does not exist: said in French, on the name given ----
TEST(Trial13bCreation, ANewCampaignInAMissingFolderNamesTheFolder) {
    test::TempDir dir;
    NewCampaign nc;
    nc.reference = "essai";
    const std::string why = test::message_of(
        [&] { Session::create(dir.file("absent/x.cot"), test::source_dir() + "/scoring-grids/crt-2022.xml", nc, "Coord"); });
    EXPECT_EQ(why.rfind("Impossible de créer la campagne « " + dir.file("absent/x.cot") + " » : le dossier « " +
                            dir.file("absent") + " » n'existe pas",
                        0),
              0u)
        << why;
    EXPECT_EQ(why.find("en-creation"), std::string::npos) << why;
    EXPECT_EQ(why.find("unable"), std::string::npos) << why;
}

// ---- F20: a table dropped outside Cotation is named in French ----
TEST(Trial13bCreation, ATableDroppedOutsideCotationIsNamedInFrench) {
    test::TempDir dir;
    on_call(dir, "crt-2022");
    const std::string file = dir.file("crt-2022.cot");
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "DROP TABLE conflict", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    const test::Ran r = test::cli("rank " + file);
    EXPECT_NE(r.code, 0);
    EXPECT_NE(r.out.find("a été modifiée hors de Cotation : la table « conflict » manque"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("no such table"), std::string::npos) << r.out;
}

// ---- F5: look-alike references are the same reference ----
TEST(Trial13bReferences, LookAlikeHyphensAndFullWidthDigitsNameTheSameDossier) {
    EXPECT_EQ(fr::name_key("ACT\u20112023\u20110\uFF11"), "act-2023-01");   // U+2011 non-breaking hyphens, U+FF11 full-width 1
    EXPECT_EQ(fr::name_key("ACT\u20142023"), "act-2023");                    // em dash
    EXPECT_EQ(fr::name_key("ＡＣＴ"), "act");                                  // full-width capitals
    test::TempDir dir;
    const std::string call = "act-hlm-paca-2023";
    auto s = on_call(dir, call);
    test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "ACT-2023-01", "Asso", ""));
    s->import_dossiers_file(dir.file("d.csv"), "Coord");
    for (const char* look_alike : {"ACT\u20112023\u201101", "ACT-2023-\uFF10\uFF11"}) {
        test::spit(dir.file("e.csv"), dossier_header(call) + dossier_line(call, look_alike, "Autre", ""));
        const std::string why = test::message_of([&] { s->import_dossiers_file(dir.file("e.csv"), "Coord"); });
        EXPECT_NE(why.find("est déjà celle du dossier « ACT-2023-01 »"), std::string::npos) << why;
    }
    EXPECT_EQ(s->dossiers().size(), 1u);
}

// ---- F6: the warning about unjustified ratings counts the file's own ----
TEST(Trial13bRatings, TheUnjustifiedRatingsWarningCountsOnlyTheImportedFile) {
    test::TempDir dir;
    const std::string call = "act-hlm-paca-2023";
    {
        auto s = on_call(dir, call);
        test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "ACT-3", "Asso", ""));
        s->import_dossiers_file(dir.file("d.csv"), "Coord");
    }
    const std::string file = dir.file(call + ".cot");
    test::spit(dir.file("julien.csv"), "dossier;evaluateur;critere;note;justification\nACT-3;Julien Roux;I.2;3;\n");
    const test::Ran first = test::cli("rate " + file + " " + dir.file("julien.csv"));
    EXPECT_NE(first.out.find("Attention : 1 note de " + dir.file("julien.csv") +
                             " sans justification ne compte pas : ACT-3, Julien Roux, I.2."),
              std::string::npos)
        << first.out;
    // Claire's justified rating: Julien's earlier one is not hers to be warned of.
    test::spit(dir.file("claire.csv"),
               "dossier;evaluateur;critere;note;justification\nACT-3;Claire Martin;I.2;4;Diagnostic partagé avec les acteurs.\n");
    const test::Ran second = test::cli("rate " + file + " " + dir.file("claire.csv"));
    EXPECT_EQ(second.code, 0) << second.out;
    EXPECT_EQ(second.out.find("sans justification"), std::string::npos) << second.out;
}

// ---- F7: a UTF-16 file with its byte order mark is not said to lack one ----
TEST(Trial13bInputs, Utf16WithItsByteOrderMarkIsNotSaidToLackIt) {
    test::TempDir dir;
    auto s = on_call(dir, "crt-2022");
    std::string utf16 = "\xFF\xFE";
    for (char c : std::string("reference;organisme\r\nA;B\r\n")) utf16 += std::string(1, c) + '\0';
    test::spit(dir.file("u16.csv"), utf16);
    const std::string why = test::message_of([&] { s->import_dossiers_file(dir.file("u16.csv"), "Coord"); });
    EXPECT_NE(why.find("fichier en UTF-16 (« Texte Unicode » d'Excel)"), std::string::npos) << why;
    EXPECT_EQ(why.find("sans marque d'ordre"), std::string::npos) << why;
}

// ---- F14: a grid's form is an identifier, and an unknown one names the grid and line ----
TEST(Trial13bInputs, AGridsFormIsAnIdentifierAndAnUnknownOneNamesTheGridAndLine) {
    test::TempDir dir;
    std::string xml = test::slurp(test::source_dir() + "/scoring-grids/crt-2022.xml");
    const std::size_t at = xml.find("form=\"crt-2022\"");
    ASSERT_NE(at, std::string::npos);
    // The <grid> element's line (13 in crt-2022.xml: its start tag runs to line 17).
    const std::size_t grid_at = xml.find("<grid ");
    const std::size_t line = static_cast<std::size_t>(std::count(xml.begin(), xml.begin() + static_cast<long>(grid_at), '\n')) + 1;
    for (const std::string form : {"nexistepas", "../../../etc/passwd"}) {
        std::string g = xml;
        g.replace(at, std::string("form=\"crt-2022\"").size(), "form=\"" + form + "\"");
        test::spit(dir.file("g.xml"), g);
        const test::Ran r = test::cli("grid check " + dir.file("g.xml"));
        EXPECT_NE(r.code, 0);
        EXPECT_NE(r.out.find(dir.file("g.xml") + ", ligne " + std::to_string(line)), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("formulaire « " + form + " »"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("passwd.xml"), std::string::npos) << r.out;   // never opened
    }
}

// ---- F19: an empty capacity cell of the existing offer is refused, not 0 beds ----
TEST(Trial13bInputs, AnEmptyCapacityCellOfTheOfferIsRefusedNotReadAsZero) {
    const std::string head = "finess;nom;categorie;type;commune;statut;gestionnaire;hp;ht;aj;latitude;longitude;source\n";
    const std::string why = test::message_of(
        [&] { io::read_offer(head + ";MRS Test;;Maison de retraite spécialisée;17300;public;G;;;;;;source\n", "of2.csv", test::reference_data()); });
    EXPECT_EQ(why, "« of2.csv », ligne 2 : champ « hp » vide : capacité non renseignée ; écrivez 0 si la structure n'a pas "
                   "de place de ce type.");
    EXPECT_EQ(io::read_offer(head + ";MRS Test;;MRS;17300;public;G;0;0;0;;;source\n", "of2.csv", test::reference_data())
                  .structures.size(),
              1u);
}

// F18 from the window: the session's document writers refuse as the command does.
TEST(Trial13bLedger, TheSessionsDocumentWritersRefuseOnRowsChangedOutsideCotation) {
    test::TempDir dir;
    const std::string call = "uphv-17-2019";
    {
        auto s = on_call(dir, call);
        test::spit(dir.file("d.csv"), dossier_header(call) + dossier_line(call, "U-1", "Asso Un", ""));
        s->import_dossiers_file(dir.file("d.csv"), "Coord");
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir.file(call + ".cot").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE dossier SET organisme = 'Autre' WHERE reference = 'U-1'", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    auto s = Session::open(dir.file(call + ".cot"));
    for (const auto& write : std::vector<std::function<void()>>{
             [&] { s->write_committee_file(dir.file("c.pdf")); },
             [&] { s->write_letters(dir.file("l")); },
             [&] { s->write_instruction_reports(dir.file("r")); },
             [&] { s->write_orders(dir.file("o")); }}) {
        const std::string why = test::message_of(write);
        EXPECT_NE(why.find("aucun document n'a été écrit"), std::string::npos) << why;
        EXPECT_NE(why.find("table dossier"), std::string::npos) << why;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("c.pdf")));
}
