#pragma once
// One verification of a campaign for `journal verify`, the copies' check
// (`partager`, `exporter`: « Journal de la source vérifié ») and the window's
// « Vérifier le journal » (issue 15 G1: a copy was made of a campaign verify
// called ALTÉRÉ, its check skipping the decision rules). The gate before a
// decision or a document asks the same (Session::require_no_outside_change).
#include <optional>
#include <string>
#include <vector>

#include "store/campaign_store.h"

namespace cotation {

class Session;

struct CampaignCheck {
    // The store's replay (chain, head, the rules of who writes what, the rows
    // against the journal), then the campaign's rules on what the journal
    // recorded: the decisions against the rules `decide` applies, the dossiers'
    // values against the import's checks, the values Cotation cannot read.
    JournalCheck journal;
    // Who controls the campaign (core coordinator_lines), when it loads.
    std::vector<std::string> coordinators;
};
// `loads`: a campaign the program cannot load is a problem (journal verify);
// a copy takes it all the same when its journal verifies (a copy reads rows).
CampaignCheck check_campaign(const std::string& campaign, const std::optional<JournalHead>& head = std::nullopt,
                             bool loads = true);

// The campaign's rules on what its journal recorded, added to `c` (the part
// of check_campaign a loaded session gives).
void add_campaign_rule_checks(const Session& session, JournalCheck& c);

}  // namespace cotation
