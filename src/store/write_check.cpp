#include "write_check.h"

#include <algorithm>
#include <cstdio>

#include "change_words.h"

#include "core/date.h"
#include "core/error.h"
#include "core/french.h"
#include "core/journal_grammar.h"
#include "core/people.h"

namespace cotation {

void require_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = fr::utf8_length(text, i);
        if (n == 0) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[i]));
            throw InputError(std::string("Un texte à enregistrer n'est pas en UTF-8 valide (octet ") + byte + " à la position " +
                             std::to_string(i + 1) + ") : la campagne ne garde que du texte UTF-8, rien n'a été enregistré.");
        }
        i += n;
    }
}

bool same_or_within(const std::string& a, const std::string& b) {
    auto within = [](const std::string& inner, const std::string& outer) {
        return inner.size() > outer.size() && inner.compare(0, outer.size(), outer) == 0 && inner[outer.size()] == '/';
    };
    return a == b || within(a, b) || within(b, a);
}

bool same_author(const std::string& a, const std::string& b) {
    // The person an author of the journal names (journal_grammar.h), as the server's cotation_person reads it.
    return person_key(journal_text::signature_of(a).person) == person_key(journal_text::signature_of(b).person);
}

std::string conflict_message(const std::string& campaign, const std::vector<JournalEntry>& conflicting,
                             std::size_t other_changes, const std::string& me, const ChangeWords& words) {
    std::string text = campaign + " : rien n'a été enregistré. Depuis que vous l'avez lue, ce que vous modifiez a changé :";
    std::size_t shown = 0;
    for (const auto& e : conflicting) {
        if (++shown > 8) {
            text += "\n – et " +
                    fr::plural(conflicting.size() - 8, "autre modification", "autres modifications") +
                    " de la même chose";
            break;
        }
        // Who: the person named, or the writer themself from another window or program.
        // Trial 15d F5: one's own earlier change, written under another form of
        // the name (without the account, or from another account), is still one's own.
        const std::string who = !me.empty() && same_author(e.actor, me)
                                    ? "vous-même (" + me + "), depuis une autre fenêtre ou un autre programme"
                                    : e.actor;
        text += "\n – le " + french_timestamp(e.at) + ", " + who + " : " + (words ? words(e) : change_in_words(e, nullptr));
    }
    if (other_changes)
        text += "\n(" + fr::plural(other_changes, "autre modification", "autres modifications") +
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
                              const std::string& entity, const std::string& me) {
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
    if (hit.empty()) return;
    // A dossier's form (identity, facts, pieces) is written whole: the
    // refusal names every change made to it since, not only the first field
    // met (the form then shows them all: trial 15c F2).
    const bool form = journal_text::after_dossier(entity) && std::count(entity.begin(), entity.end(), '/') <= 2 &&
                      !entity.ends_with("/decision") && !entity.ends_with("/refus-prealable");
    if (form) {
        const std::string dossier = entity.substr(0, entity.find('/', 8));
        hit.clear();
        for (const auto& e : cached_)
            if (same_or_within(e.entity, entity) || (e.action.rfind("dossier.", 0) == 0 && same_or_within(e.entity, dossier)))
                hit.push_back(e);
    }
    throw StaleCampaign(conflict_message(campaign, hit, cached_.size() - hit.size(), me, words));
}

std::string last_change(CampaignStore& store, const std::string& entity) {
    std::string out;
    for (const auto& e : store.journal(entity))
        if (e.entity == entity)
            out = " (par " + e.actor + ", le " + french_timestamp(e.at) + ")";   // not « …/I.10 » for « …/I.1 »
    return out;
}

}  // namespace cotation
