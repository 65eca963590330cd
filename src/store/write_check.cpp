#include "write_check.h"

#include "core/date.h"
#include "core/french.h"

namespace cotation {

bool same_or_within(const std::string& a, const std::string& b) {
    auto within = [](const std::string& inner, const std::string& outer) {
        return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 && inner[outer.size()] == '/';
    };
    return a == b || within(a, b) || within(b, a);
}

namespace {
// What a journal entity names, in words (« note de Ali, critère I.1, dossier
// ACT-01 »); the entity itself for what has no wording here.
std::string described(const JournalEntry& e) {
    std::vector<std::string> p;
    for (std::size_t start = 0;;) {
        auto slash = e.entity.find('/', start);
        p.push_back(e.entity.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    if (p.size() >= 2 && p[0] == "dossier") {
        const std::string of = "dossier " + p[1];
        if (p.size() == 2) return e.action + ", " + of;
        if (p[2] == "note" && p.size() == 5) return "note de " + p[3] + ", critère " + p[4] + ", " + of;
        if (p[2] == "consolidation" && p.size() == 4) return "note consolidée du critère " + p[3] + ", " + of;
        if (p[2] == "decision" && p.size() == 3) return "décision, " + of;
        if (p[2] == "affectation" && p.size() == 4) return "affectation de " + p[3] + ", " + of;
        if (p[2] == "soumission" && p.size() == 4) return "soumission des notes de " + p[3] + ", " + of;
        if (p[2] == "avis" && p.size() == 4) return "avis de " + p[3] + ", " + of;
    }
    return e.action + " « " + e.entity + " »";
}
}  // namespace

std::string conflict_message(const std::string& campaign, const std::vector<JournalEntry>& conflicting,
                             std::size_t other_changes) {
    std::string text = campaign +
                       " : rien n'a été enregistré. Depuis que vous l'avez lue, une autre personne a modifié ce que vous "
                       "modifiez :";
    std::size_t shown = 0;
    for (const auto& e : conflicting) {
        if (++shown > 8) {
            text += "\n – et " +
                    fr::plural(static_cast<long long>(conflicting.size() - 8), "autre modification", "autres modifications") +
                    " de la même chose";
            break;
        }
        text += "\n – " + french_timestamp(e.at) + ", " + e.actor + " : " + described(e) + " : " +
                (e.old_value.empty() ? "(vide)" : e.old_value) + " → " + (e.new_value.empty() ? "(vide)" : e.new_value);
    }
    if (other_changes)
        text += "\n(" + fr::plural(static_cast<long long>(other_changes), "autre modification", "autres modifications") +
                " d'autres éléments depuis votre lecture.)";
    text += "\nLa campagne a été relue : vérifiez la valeur actuelle et recommencez si votre modification tient toujours.";
    return text;
}

void WriteCheck::loaded(std::int64_t seq) {
    seen_ = seq;
    if (depth_ > 0) return;
    // Entries up to the snapshot are known: no need to tell them apart any more.
    own_.erase(own_.begin(), own_.upper_bound(seq));
    cached_.clear();
    cached_from_ = cached_to_ = -1;
}

void WriteCheck::scope_begun() {
    if (depth_++ == 0) scope_base_ = seen_;
}

void WriteCheck::scope_ended() {
    if (depth_ > 0 && --depth_ == 0) loaded(seen_);
}

std::vector<JournalEntry> WriteCheck::conflicts(const std::vector<JournalEntry>& since, const std::string& entity) const {
    std::vector<JournalEntry> out;
    for (const auto& e : since)
        if (same_or_within(e.entity, entity)) out.push_back(e);
    return out;
}

void WriteCheck::before_entry(const ReadEntries& read, const std::string& campaign, std::int64_t head,
                              const std::string& entity) {
    std::int64_t from = base();
    // No snapshot (a copy replayed, a script writing blind), or nothing new since it.
    if (from < 0 || head <= from) return;
    if (cached_from_ != from || cached_to_ != head) {
        cached_.clear();
        for (auto& e : read(from, head)) {
            if (auto own = own_.find(e.seq); own != own_.end() && own->second == e.hash) continue;
            cached_.push_back(std::move(e));
        }
        cached_from_ = from;
        cached_to_ = head;
    }
    auto hit = conflicts(cached_, entity);
    if (!hit.empty()) throw StaleCampaign(conflict_message(campaign, hit, cached_.size() - hit.size()));
}

std::string last_change(CampaignStore& store, const std::string& entity) {
    std::string out;
    for (const auto& e : store.journal(entity))
        if (e.entity == entity)
            out = " (par " + e.actor + ", le " + french_timestamp(e.at) + ")";   // not « …/I.10 » for « …/I.1 »
    return out;
}

}  // namespace cotation
