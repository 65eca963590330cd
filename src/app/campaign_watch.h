#pragma once
// Seeing that another person changed the campaign (issue 15): the window
// polls the journal's head, which every change moves, on a file as on a
// server (why polling rather than LISTEN/NOTIFY: docs/serveur.md,
// « Rafraîchissement des vues »). Pure logic over a head reader, so that it
// is tested without a window.
#include <functional>
#include <optional>

#include "store/campaign_store.h"

namespace cotation {

class CampaignWatch {
public:
    explicit CampaignWatch(std::function<JournalHead()> head) : head_(std::move(head)) {}
    // The campaign as it stands is what the window shows (just read, or this
    // window's own change just made): not a change by someone else.
    void known() { seen_ = head_(); }
    // True once for each move of the head since known() or the last true.
    bool moved() {
        JournalHead now = head_();
        if (seen_ && now.entries == seen_->entries && now.hash == seen_->hash) return false;
        bool first = !seen_;
        seen_ = now;
        return !first;
    }

private:
    std::function<JournalHead()> head_;
    std::optional<JournalHead> seen_;
};

}  // namespace cotation
