// Regressions of the attacker trial 13f (issue 13), on a campaign made in the
// process (no `cotation` spawned): a « campagne.copie » entry appended by
// another program carried a decision row and `journal verify` said « Journal
// intact » (F1); the decision it wrote was blamed on the coordinator's own
// entry before it (F4). The core rules themselves: test_journal_rules.cpp.
#include <gtest/gtest.h>

#include "app/demo.h"
#include "app/session.h"
#include "store/campaign_store.h"
#include "store/open_store.h"
#include "test_support.h"

using namespace cotation;

namespace {
bool has(const std::vector<std::string>& problems, const std::string& part) {
    for (const auto& p : problems)
        if (p.find(part) != std::string::npos) return true;
    return false;
}
std::string listed(const std::vector<std::string>& problems) {
    std::string out;
    for (const auto& p : problems) out += p + "\n";
    return out;
}
}  // namespace

// demo/act-hlm: ACT-2023-09 is irrecevable and decided « non retenu » by the
// coordinator (its « decision » entry). The forger turns it into « retenu, 8
// places » in SQL and appends one copy entry carrying the new row's digest,
// signed by the coordinator from their account (the trial's F1 a) and F4).
TEST(Trial13fForgedCopy, ACopyEntryCarryingADecisionIsNamedAndTheDecisionBlamedOnIt) {
    test::TempDir dir;
    const std::string file = dir.file("demo.cot");
    std::int64_t id = 0;
    std::string coordinator;
    {
        auto s = create_demo(file, "act-hlm", DemoStage::Complete);
        id = test::id_of(*s, "ACT-2023-09");
        ASSERT_TRUE(s->decisions().count(id));
        coordinator = test::coordinator_actor(*s, Session::os_login());
    }
    JournalEntry honest, last;
    {
        auto store = open_sqlite_store_read_only(file);
        ASSERT_TRUE(store->verify_journal().ok);
        for (const auto& e : store->journal("dossier/ACT-2023-09/decision")) honest = e;
        last = store->journal("").back();
    }
    ASSERT_EQ(honest.action, "decision");
    const std::string key = "dossier_id=" + std::to_string(id);
    test::sql(file, "UPDATE decision SET kind='retenu', places='8', motive='' WHERE " + key);
    test::forge_entry(file, last.at, coordinator, "campagne.copie", "campagne/copie",
                      "copie de « postgresql://srv/base?campagne=ACT » : journal repris tel quel",
                      test::row_line(file, "decision", key));
    const std::string forged = "entrée " + std::to_string(last.seq + 1) + " (";
    auto c = open_sqlite_store_read_only(file)->verify_journal();
    EXPECT_FALSE(c.ok);
    EXPECT_TRUE(has(c.problems, forged)) << listed(c.problems);
    EXPECT_TRUE(has(c.problems, "campagne.copie) : Cotation ne l'aurait pas écrite, elle porte l'empreinte d'une ligne de la "
                                "table « decision », qu'une entrée « campagne.copie » n'écrit pas"))
        << listed(c.problems);
    // The decision rules name the entry that wrote the row, not the honest one before it.
    auto breaks = Session::open_read_only(file)->decision_rule_breaks();
    ASSERT_FALSE(breaks.empty());
    EXPECT_TRUE(has(breaks, forged)) << listed(breaks);
    EXPECT_TRUE(has(breaks, ", campagne.copie, campagne/copie), qui a écrit la décision du dossier « ACT-2023-09 »"))
        << listed(breaks);
    EXPECT_FALSE(has(breaks, "entrée " + std::to_string(honest.seq) + " (")) << listed(breaks);
}
