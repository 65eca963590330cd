#include "campaign_check.h"

#include "session.h"
#include "core/journal_grammar.h"
#include "store/journal.h"
#include "store/open_store.h"

namespace cotation {

void add_campaign_rule_checks(const Session& session, JournalCheck& c) {
    for (auto& broken : session.decision_rule_breaks()) c.problems.push_back(std::move(broken));
    for (const auto& bad : session.unreadable_values()) c.problems.push_back(bad);
    c.ok = c.problems.empty();
}

CampaignCheck check_campaign(const std::string& campaign, const std::optional<JournalHead>& head, bool loads) {
    CampaignCheck out;
    // The store alone first: a campaign whose rows were changed outside the
    // program may no longer load (a dossier deleted under its facts, a value
    // out of its domain); its table and row are named (trial 13 F7, F8).
    auto store = open_campaign_store_read_only(campaign);
    out.journal = store->verify_journal(head);
    try {
        auto session = Session::open_read_only(campaign);
        add_campaign_rule_checks(*session, out.journal);
        if (out.journal.ok) out.coordinators = coordinator_lines(session->team().people, store->journal(journal_text::kPeople));
    } catch (const std::exception& e) {
        if (loads && out.journal.problems.empty())
            out.journal.problems.push_back(std::string("la campagne ne se charge pas : ") + e.what());
    }
    out.journal.ok = out.journal.problems.empty();
    return out;
}

}  // namespace cotation
