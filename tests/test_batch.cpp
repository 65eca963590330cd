// Every document of a campaign in one batch (`cotation documents`): names
// unique by construction, a collision refused, one failing document reported
// while the others are written, progress and cancel, PDF and ODT of every
// kind reproducible; and a word longer than the line (issue 13, item 14).
#include <gtest/gtest.h>

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "app/demo.h"
#include "app/documents.h"
#include "core/error.h"
#include "core/french.h"
#include "report/batch.h"
#include "report/document_names.h"
#include "report/odt.h"
#include "report/pdf_letter.h"
#include "test_support.h"

using namespace cotation;
namespace fs = std::filesystem;

namespace {
using test::slurp;
using test::zip_entry;
std::set<std::string> names_in(const std::string& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename() != report::kOdtDigests) out.insert(e.path().filename().string());   // the ODT digests
    return out;
}
report::DocumentJob job(const std::string& dossier, const std::string& stem,
                        std::function<std::vector<std::string>(const report::DocumentJob&)> write) {
    report::DocumentJob j;
    j.dossier = dossier;
    j.document = "essai";
    j.stem = stem;
    j.write = std::move(write);
    return j;
}
std::vector<std::string> touch(const report::DocumentJob& j) {
    std::ofstream(j.stem + ".pdf") << j.dossier;
    return {j.stem + ".pdf"};
}
}  // namespace

// ---- Names (issue 13, item 9) ----

TEST(DocumentNames, LookAlikeReferencesGiveDistinctSafeNames) {
    // Escaped by hand: « / » is 0x2F, « _ » 0x5F, « . » 0x2E; a space is « + » (and « + », 0x2B, escaped).
    EXPECT_EQ(report::file_part("A/B"), "A_2FB");
    EXPECT_EQ(report::file_part("A_B"), "A_5FB");
    EXPECT_EQ(report::file_part("A.B"), "A_2EB");
    EXPECT_EQ(report::file_part("A B"), "A+B");
    EXPECT_EQ(report::file_part("A+B"), "A_2BB");
    // An ordinary reference is kept as it is.
    EXPECT_EQ(report::document_stem("ACT-2023-01", "lettre"), "ACT-2023-01-lettre");
    // Never a path, never an option, never a hidden file.
    EXPECT_EQ(report::file_part("../../etc/passwd"), "_2E_2E_2F_2E_2E_2Fetc_2Fpasswd");
    EXPECT_EQ(report::file_part("-rf"), "_2Drf");
    EXPECT_EQ(report::file_part(""), "_");
    EXPECT_EQ(report::file_part("Dossier é"), "Dossier+_C3_A9");   // é is C3 A9 in UTF-8
    // Injective on many look-alikes: no two give the same name.
    std::set<std::string> refs{"A/B", "A_B", "A.B", "A B", "A-B", "AB", "A__B", "A_5FB", "A\\B", "A:B", "A_2FB", "a/b", "A+B", "A_20B", ""};
    std::set<std::string> parts;
    for (const auto& r : refs) {
        std::string p = report::file_part(r);
        EXPECT_EQ(p.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+"), std::string::npos) << p;
        parts.insert(p);
    }
    EXPECT_EQ(parts.size(), refs.size());
    // Too long for a file system: cut, with a hash of the whole reference.
    std::string long_a(300, 'x'), long_b = long_a;
    long_b.back() = 'y';
    EXPECT_LE(report::file_part(long_a).size(), 160u);
    EXPECT_NE(report::file_part(long_a), report::file_part(long_b));
}

// Trial finding 14: the campaign's documents were named
// « AAC+n_C2_B01_2F2019-dossier-commission.pdf ».
TEST(DocumentNames, CampaignDocumentsHaveAReadableName) {
    EXPECT_EQ(report::readable_part("AAC n°1/2019"), "AAC-n1-2019");
    EXPECT_EQ(report::readable_part("AAC CRT Nouvelle-Aquitaine 2022"), "AAC-CRT-Nouvelle-Aquitaine-2022");
    EXPECT_EQ(report::readable_part("Sélection « Œuvre » été ../../x"), "Selection-OEuvre-ete-x");
    EXPECT_EQ(report::readable_part("-- / --"), "campagne");
    EXPECT_EQ(report::readable_part(""), "campagne");
}

TEST(DocumentBatch, CollisionIsAnErrorNeverAnOverwrite) {
    test::TempDir dir;
    // The same name but for case: one file on Windows and macOS.
    std::vector<report::DocumentJob> jobs{job("X1", dir.file("X1-lettre"), touch), job("x1", dir.file("x1-lettre"), touch),
                                          job("Y", dir.file("Y-lettre"), touch)};
    auto b = report::run_jobs(jobs);
    ASSERT_EQ(b.failures.size(), 2u);
    EXPECT_NE(b.failures[0].reason.find("même nom de fichier"), std::string::npos) << b.failures[0].reason;
    EXPECT_NE(b.failures[0].reason.find("x1"), std::string::npos) << b.failures[0].reason;
    ASSERT_EQ(b.written.size(), 1u);
    EXPECT_EQ(names_in(dir.path.string()), std::set<std::string>{"Y-lettre.pdf"});
}

TEST(DocumentBatch, OneFailingDocumentIsReportedTheOthersWritten) {
    test::TempDir dir;
    std::vector<report::DocumentJob> jobs;
    for (int k = 0; k < 20; ++k)
        jobs.push_back(job("D-" + std::to_string(k), dir.file("D-" + std::to_string(k) + "-lettre"),
                           [](const report::DocumentJob& j) -> std::vector<std::string> {
                               if (j.dossier == "D-7") throw Error("modèle illisible");
                               return touch(j);
                           }));
    std::size_t calls = 0, last_done = 0, total = 0;
    report::BatchControl control;
    control.progress = [&](std::size_t done, std::size_t n, const std::string&) {
        ++calls;
        EXPECT_EQ(done, last_done + 1);   // one call at a time, in order of completion
        last_done = done;
        total = n;
    };
    auto b = report::run_jobs(jobs, &control);
    EXPECT_EQ(calls, 20u);
    EXPECT_EQ(total, 20u);
    ASSERT_EQ(b.failures.size(), 1u);
    EXPECT_EQ(b.failures[0].dossier, "D-7");
    EXPECT_EQ(b.failures[0].reason, "modèle illisible");
    EXPECT_EQ(b.written.size(), 19u);
    EXPECT_FALSE(b.cancelled);
}

TEST(DocumentBatch, CancelLeavesTheJobsNotStartedUnwritten) {
    test::TempDir dir;
    std::vector<report::DocumentJob> jobs;
    for (int k = 0; k < 200; ++k) jobs.push_back(job("D" + std::to_string(k), dir.file("D" + std::to_string(k)), touch));
    std::atomic<bool> cancel{false};
    report::BatchControl control;
    control.cancel = &cancel;
    control.progress = [&](std::size_t done, std::size_t, const std::string&) {
        if (done == 5) cancel = true;
    };
    auto b = report::run_jobs(jobs, &control);
    EXPECT_TRUE(b.cancelled);
    EXPECT_TRUE(b.ok());
    // At most one job per worker was already running when the flag was set.
    EXPECT_GE(b.written.size(), 5u);
    EXPECT_LE(b.written.size(), 5u + 8u);
    EXPECT_EQ(names_in(dir.path.string()).size(), b.written.size());
}

// ---- The batch of a campaign ----

TEST(Documents, EveryKindAsPdfAndOdtReproducibleByteForByte) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    auto first = write_documents(*s, {dir.file("un"), report::Format::Both, ""});
    for (std::size_t i = 0; i < first.failures.size(); ++i) ADD_FAILURE() << first.failure(i);
    auto second = write_documents(*s, {dir.file("deux"), report::Format::Both, ""});
    ASSERT_EQ(first.size(), second.size());
    auto names = names_in(dir.file("un"));
    EXPECT_EQ(names, names_in(dir.file("deux")));
    EXPECT_EQ(names.size(), first.size());
    // Every kind, PDF and ODT (campaign AAC ACT HLM PACA 2023, its dossiers ACT-2023-NN).
    const std::string campaign = report::readable_part(s->campaign().reference);
    for (const std::string& f : {campaign + "-dossier-commission", campaign + "-proces-verbal", std::string("ACT-2023-01-lettre"),
                                std::string("ACT-2023-01-compte-rendu")})
        for (const char* ext : {".pdf", ".odt"}) EXPECT_TRUE(names.count(f + ext)) << f + ext;
    std::set<std::string> kinds;
    for (const auto& n : names) {
        EXPECT_EQ(slurp(dir.file("un/" + n)), slurp(dir.file("deux/" + n))) << n;
        for (const char* k : {"-lettre.", "-compte-rendu.", "-dossier-commission.", "-proces-verbal."})
            if (n.find(k) != std::string::npos) kinds.insert(k);
        // Each ODT part is well-formed XML (the parser throws otherwise).
        if (n.size() > 4 && n.substr(n.size() - 4) == ".odt")
            for (const char* part : {"content.xml", "styles.xml", "meta.xml", "META-INF/manifest.xml"}) {
                Poco::XML::DOMParser parser;
                // The parsed document is released (AutoPtr): a bare pointer leaks the whole tree.
                EXPECT_NO_THROW(Poco::AutoPtr<Poco::XML::Document> doc = parser.parseString(zip_entry(dir.file("un/" + n), part)))
                    << n << " " << part;
            }
    }
    EXPECT_EQ(kinds.size(), 4u);
    // The committee file's ODT carries the PDF's heading and table words.
    std::string odt = zip_entry(dir.file("un/" + campaign + "-dossier-commission.odt"), "content.xml");
    std::string pdf = test::pdf_words(dir.file("un/" + campaign + "-dossier-commission.pdf"));
    for (const char* w : {"ACT-2023-01", "Classement"}) {
        EXPECT_NE(odt.find(w), std::string::npos) << w;
        EXPECT_NE(pdf.find(w), std::string::npos) << w;
    }
    // Its headings are headings (outline level 2) in the ODT, as in the PDF.
    EXPECT_NE(odt.find("<text:h "), std::string::npos);
    EXPECT_NE(odt.find("\"Heading_20_2\""), std::string::npos);
    // The minutes end with the signature block in its named style.
    std::string minutes = zip_entry(dir.file("un/" + campaign + "-proces-verbal.odt"), "content.xml");
    EXPECT_NE(minutes.find("text:style-name=\"Signature\""), std::string::npos);
    // The ranked list has its heading (a new user's trial, docs10 item 10:
    // it followed the allocation rules without one), just before its first line.
    const auto heading = minutes.find("Dossiers classés, dans l’ordre du classement soumis au vote");
    ASSERT_NE(heading, std::string::npos) << minutes;
    EXPECT_LT(heading, minutes.find("1. ACT-2023-"));
}

TEST(Documents, LookAlikeReferencesEachGetTheirOwnFiles) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    const std::vector<std::string> refs{"A/B", "A_B", "A.B", "A B"};
    // Four dossiers of the demo renamed: their letters used to overwrite one another.
    for (std::size_t k = 0; k < refs.size(); ++k) {
        Dossier d = s->dossiers()[k];
        d.reference = refs[k];
        s->update_dossier(d, test::demo_coordinator(*s));
    }
    auto b = write_documents(*s, {dir.file("docs"), report::Format::Pdf, ""});
    for (std::size_t i = 0; i < b.failures.size(); ++i) ADD_FAILURE() << b.failure(i);
    auto names = names_in(dir.file("docs"));
    EXPECT_EQ(names.size(), b.size());   // the count announced is the count on disk
    for (const char* n : {"A_2FB-lettre.pdf", "A_5FB-lettre.pdf", "A_2EB-lettre.pdf", "A+B-lettre.pdf"})
        EXPECT_TRUE(names.count(n)) << n;
    EXPECT_NE(test::pdf_words(dir.file("docs/A_2FB-lettre.pdf")).find("A/B"), std::string::npos);
    EXPECT_NE(test::pdf_words(dir.file("docs/A_5FB-lettre.pdf")).find("A_B"), std::string::npos);
}

// The demo has a team: the documents' reader is said (the coordinator reads every rating).
const std::string kCoordinator = "COTATION_UTILISATEUR='Nathalie Girard (ARS, pôle médico-social)' ";

TEST(Documents, CommandWritesTheOthersAndExitsOneWhenADocumentFails) {
    test::TempDir dir;
    create_demo(dir.file("demo.cot"), "act-hlm");
    // A folder where one letter should go: that letter cannot be written.
    fs::create_directories(dir.file("docs/ACT-2023-03-lettre.pdf/occupe"));
    auto [code, out] = test::shell("COTATION_DATA_DIR='" + test::source_dir() + "' " + kCoordinator + COTATION_CLI + " documents '" +
                           dir.file("demo.cot") + "' --out '" + dir.file("docs") + "' --format both --progres");
    EXPECT_EQ(code, 1) << out;
    EXPECT_NE(out.find("Non écrit : Dossier « ACT-2023-03 »"), std::string::npos) << out;
    EXPECT_NE(out.find("1 document non écrit ; les autres l'ont été."), std::string::npos) << out;
    EXPECT_NE(out.find("Documents : "), std::string::npos) << out;   // progress asked for
    auto names = names_in(dir.file("docs"));
    EXPECT_TRUE(names.count("ACT-2023-01-lettre.pdf"));
    EXPECT_TRUE(names.count("ACT-2023-04-lettre.odt"));
    EXPECT_TRUE(names.count("ACT-2023-03-compte-rendu.pdf"));
    for (const auto& n : names) EXPECT_EQ(n.find(".tmp"), std::string::npos) << n;   // nothing half-written left

    // One dossier: its documents only (ACT-2023-02 is retained: its order
    // too), no campaign document.
    auto [one, text] = test::shell("COTATION_DATA_DIR='" + test::source_dir() + "' " + kCoordinator + COTATION_CLI + " documents '" +
                           dir.file("demo.cot") + "' --out '" + dir.file("un") + "' --dossier ACT-2023-02");
    EXPECT_EQ(one, 0) << text;
    EXPECT_EQ(names_in(dir.file("un")), (std::set<std::string>{"ACT-2023-02-arrete.pdf", "ACT-2023-02-compte-rendu.pdf", "ACT-2023-02-lettre.pdf"}));
    auto [unknown, why] = test::shell("COTATION_DATA_DIR='" + test::source_dir() + "' " + kCoordinator + COTATION_CLI + " documents '" +
                              dir.file("demo.cot") + "' --out '" + dir.file("x") + "' --dossier NOPE");
    EXPECT_EQ(unknown, 1) << why;
    EXPECT_NE(why.find("Dossier « NOPE » inconnu"), std::string::npos) << why;
}

// ---- A word longer than the line (issue 13, item 14) ----

TEST(PdfLongWord, SeventyThousandCharacterWordBreaksAnywhereAndStaysInTheMargins) {
    test::TempDir dir;
    const std::string huge(70000, 'W');
    const std::string url = "https://www.example.org/" + std::string(400, 'a') + "/fin";
    report::LetterHeader h;
    h.authority = "Agence régionale de santé";
    h.place_and_date = "Marseille, le 15 juin 2023";
    h.recipient = {huge, "Toulon"};
    h.title = "Essai — dossier " + huge;
    std::vector<report::Block> body{{report::BlockKind::Subject, "Objet : " + huge},
                                    {report::BlockKind::Paragraph, "Voir " + url + " pour le détail."},
                                    {report::BlockKind::Paragraph, huge}};
    auto start = std::chrono::steady_clock::now();
    ASSERT_NO_THROW(report::write_letter_pdf(dir.file("l.pdf"), h, body));
    // Linear: it used to measure each cut from the whole word again.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    std::string text = test::pdftotext(dir.file("l.pdf"));
    // Every W comes back: three times the word (recipient, subject, paragraph).
    EXPECT_GE(static_cast<std::size_t>(std::count(text.begin(), text.end(), 'W')), 3 * huge.size());
    // No glyph past the right margin (A4: 595 pt wide, 20 mm = 56.7 pt margin).
    auto [code, bbox] = test::shell("pdftotext -bbox '" + dir.file("l.pdf") + "' -");
    ASSERT_EQ(code, 0);
    double widest = 0;
    for (std::size_t p = 0; (p = bbox.find("xMax=\"", p)) != std::string::npos; p += 6)
        widest = std::max(widest, std::stod(bbox.substr(p + 6, 24)));
    EXPECT_GT(widest, 400.0);
    EXPECT_LE(widest, 595.3 - 56.6);
    // The ODT keeps the whole word.
    report::write_odt(dir.file("l.odt"), h, body);
    EXPECT_NE(zip_entry(dir.file("l.odt"), "content.xml").find(huge), std::string::npos);
}

TEST(PdfLongWord, OneOrganisationNameOf70000CharactersLetsEveryDocumentBeWritten) {
    // The audit's case: one organisation name with a 70 000-character word
    // failed the whole `letters` run with « erreur libharu 4187/0 ».
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    Dossier d = s->dossiers()[0];
    d.organisme = std::string(70000, 'W');
    s->update_dossier(d, test::demo_coordinator(*s));
    auto b = write_documents(*s, {dir.file("docs"), report::Format::Pdf, ""});
    for (std::size_t i = 0; i < b.failures.size(); ++i) ADD_FAILURE() << b.failure(i);
    std::string letter = test::pdftotext(dir.file("docs/" + report::document_stem(d.reference, "lettre") + ".pdf"));
    EXPECT_GE(static_cast<std::size_t>(std::count(letter.begin(), letter.end(), 'W')), 70000u);
}

// Trial 1011 #25: the window's « Tous les documents de la campagne » named
// letters, reports, committee file and minutes, and wrote orders and
// requests for missing pieces too. Its text is now made from the kinds.
TEST(DocumentBatch, TheWindowNamesEveryKindItWrites) {
    const std::string text = document_kinds_text();
    EXPECT_EQ(text.rfind("Lettres de décision, ", 0), 0u) << text;
    const auto& kinds = document_kinds();
    for (std::size_t i = 1; i < kinds.size(); ++i) EXPECT_NE(text.find(kinds[i].label), std::string::npos) << kinds[i].label;
    EXPECT_NE(text.find("arrêtés des dossiers retenus"), std::string::npos) << text;
    EXPECT_NE(text.find(" et demandes de pièces complémentaires"), std::string::npos) << text;
}

// Trial 1011B F9: a second batch silently overwrote the ODT a secretary had
// edited before signing. An ODT that is not the one Cotation last wrote there
// (its SHA-1 kept in .cotation-empreintes) is kept and said; the others are
// written again; --remplacer (replace_edited) replaces it.
TEST(Documents, AnEditedOdtIsKeptAndSaidUnlessReplacing) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    const std::string out = dir.file("ed");
    auto first = write_documents(*s, {out, report::Format::Both, "ACT-2023-01"});
    ASSERT_TRUE(first.ok());
    const std::string edited = out + "/ACT-2023-01-lettre.odt", fresh = slurp(edited);
    ASSERT_TRUE(fs::exists(out + "/" + report::kOdtDigests));
    std::ofstream(edited, std::ios::binary | std::ios::trunc) << fresh << "modifié par le secrétariat";
    const std::string secretary = slurp(edited);
    fs::remove(out + "/ACT-2023-01-lettre.pdf");
    auto second = write_documents(*s, {out, report::Format::Both, "ACT-2023-01"});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(slurp(edited), secretary);                           // kept
    EXPECT_TRUE(fs::exists(out + "/ACT-2023-01-lettre.pdf"));      // its PDF written again
    EXPECT_EQ(std::count(second.written.begin(), second.written.end(), edited), 0);
    bool said = false;
    for (const auto& w : second.warnings)
        said = said || (w.find(edited) != std::string::npos && w.find("gardé tel quel") != std::string::npos);
    EXPECT_TRUE(said);
    // A third run still keeps it (its digest was not recorded over).
    write_documents(*s, {out, report::Format::Odt, "ACT-2023-01"});
    EXPECT_EQ(slurp(edited), secretary);
    // Asked to replace: Cotation's own bytes again, and no longer protected.
    report::BatchControl replace;
    replace.replace_edited = true;
    auto third = write_documents(*s, {out, report::Format::Odt, "ACT-2023-01"}, &replace);
    EXPECT_EQ(slurp(edited), fresh);
    for (const auto& w : third.warnings) EXPECT_EQ(w.find("gardé tel quel"), std::string::npos) << w;
    // Trial 1011C F10: replaced, but the secretary's version kept whole beside it, and said.
    const std::string copy = out + "/ACT-2023-01-lettre-avant-remplacement.odt";
    EXPECT_EQ(slurp(copy), secretary);
    EXPECT_FALSE(fs::exists(copy + ".tmp"));
    bool named = false;
    for (const auto& w : third.warnings)
        named = named || w.find("la version modifiée est gardée dans « " + copy) != std::string::npos;
    EXPECT_TRUE(named);
    // Replaced again after a second edit: a second copy, the first one untouched.
    std::ofstream(edited, std::ios::binary | std::ios::trunc) << fresh << "deuxième modification";
    write_documents(*s, {out, report::Format::Odt, "ACT-2023-01"}, &replace);
    EXPECT_EQ(slurp(copy), secretary);
    EXPECT_EQ(slurp(out + "/ACT-2023-01-lettre-avant-remplacement-2.odt"), fresh + "deuxième modification");
    // Cotation's own file, unedited, is replaced without any copy.
    write_documents(*s, {out, report::Format::Odt, "ACT-2023-01"}, &replace);
    EXPECT_FALSE(fs::exists(out + "/ACT-2023-01-lettre-avant-remplacement-3.odt"));
}

// The same protection for the one ODT `cotation pv --out F.odt` writes (it
// went through the job without the batch's digests): edited since Cotation
// wrote it, it is kept and the warning names the command that replaces it.
TEST(Documents, AnEditedMinutesOdtIsKeptAndSaidUnlessReplacing) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    const std::string odt = dir.file("pv.odt");
    auto first = s->write_committee_document(odt, true, report::Format::Odt);
    ASSERT_EQ(first.written, std::vector<std::string>{odt});
    const std::string fresh = slurp(odt);
    std::ofstream(odt, std::ios::binary | std::ios::trunc) << fresh << "modifié par le secrétariat";
    const std::string secretary = slurp(odt);
    auto second = s->write_committee_document(odt, true, report::Format::Odt);
    EXPECT_EQ(slurp(odt), secretary);   // kept
    EXPECT_TRUE(second.written.empty());
    // The kept file said, and (the demo's meeting records no civility) the minutes' neutral wording
    // (trial 1011C F5).
    ASSERT_EQ(second.warnings.size(), 2u);
    const std::string kept =
        second.warnings[0].find("gardé tel quel") != std::string::npos ? second.warnings[0] : second.warnings[1];
    EXPECT_NE(kept.find("gardé tel quel"), std::string::npos) << kept;
    EXPECT_NE(kept.find("cotation pv … --remplacer"), std::string::npos) << kept;
    EXPECT_NE(fr::join(second.warnings, " ").find("le procès-verbal dit « "), std::string::npos) << fr::join(second.warnings, " ");
    auto third = s->write_committee_document(odt, true, report::Format::Odt, true);
    EXPECT_EQ(slurp(odt), fresh);
    // Replaced, the edited minutes kept beside them (trial 1011C F10).
    const std::string said = fr::join(third.warnings, " ");
    EXPECT_NE(said.find("remplacé, la version modifiée est gardée dans « " + dir.file("pv-avant-remplacement.odt")),
              std::string::npos)
        << said;
    for (const auto& w : third.warnings) EXPECT_EQ(w.find("gardé tel quel"), std::string::npos) << w;
    EXPECT_EQ(slurp(dir.file("pv-avant-remplacement.odt")), secretary);
}

// Trial 1011G M1 (issue 11): an order written when a dossier was retained
// stayed in the folder, unsaid, after its decision changed. A run names each
// file of a document its dossier no longer has, and leaves it as it is.
TEST(Documents, ADocumentNoLongerDueIsNamedNotLeftUnsaid) {
    test::TempDir dir;
    auto s = create_demo(dir.file("demo.cot"), "act-hlm");
    auto first = write_documents(*s, {dir.file("un"), report::Format::Pdf, ""});
    const auto names = names_in(dir.file("un"));
    std::string without;   // a dossier of the demo with no order (not retained)
    for (const auto& d : s->dossiers())
        if (!names.count(d.reference + "-arrete.pdf") && names.count(d.reference + "-compte-rendu.pdf")) without = d.reference;
    ASSERT_FALSE(without.empty());
    test::spit(dir.file("un/" + without + "-arrete.pdf"), slurp(dir.file("un/" + *names.begin())));
    auto again = write_documents(*s, {dir.file("un"), report::Format::Pdf, ""});
    const std::string said = fr::join(again.warnings, "\n");
    EXPECT_NE(said.find("« " + without + "-arrete.pdf » reste d'une production précédente : ce document n'a plus lieu d'être"),
              std::string::npos)
        << said;
    EXPECT_TRUE(std::filesystem::exists(dir.file("un/" + without + "-arrete.pdf")));
    // The orders written again are not named.
    const std::string own = "« " + without + "-arrete.pdf » reste";
    EXPECT_EQ(said.find("-arrete.pdf » reste", said.find(own) + own.size()), std::string::npos) << said;
    EXPECT_EQ(said.find("-arrete.pdf » reste"), said.find(own) + own.size() - std::string("-arrete.pdf » reste").size()) << said;
    // One dossier asked for: only its own files are looked at.
    auto one = write_documents(*s, {dir.file("un"), report::Format::Pdf, s->dossiers().front().reference == without
                                                                             ? s->dossiers().back().reference
                                                                             : s->dossiers().front().reference});
    EXPECT_EQ(fr::join(one.warnings, "\n").find("reste d'une production"), std::string::npos) << fr::join(one.warnings, "\n");
}
