#pragma once
// The journal entry each change writes, in one place for both back ends
// (issue 12, review M5): the same action, entity and texts whether the
// campaign is a file or a schema on a server, so that `exporter` compares
// like with like and the words the refusals and `journal` show never drift
// (they had: a person's former role was « coordinateur » on PostgreSQL and
// « coordonnateur » in a file). Each store reads the former value its own
// way and passes it as stored; the texts are built here.
#include <optional>
#include <string>

#include "campaign_store.h"

namespace cotation::entry {

struct Text {
    std::string action, entity, old_value, new_value;
};

Text dossier_added(const Dossier& d);
Text dossier_identity(const Dossier& before, const Dossier& after);
Text dossier_fact(const std::string& reference, const std::string& fact, const std::string& before, const std::string& after);
Text dossier_piece(const std::string& reference, const std::string& piece, bool received);

// « value — justification », as a rating is journaled before and after.
std::string rating_text(const std::string& value, const std::string& justification);
Text rating(const std::string& reference, const Rating& r, const std::string& before);
// « value — reason » (consolidation), « label — comment » (opinion), « ground — motive » (prior rejection).
std::string pair_text(const std::string& first, const std::string& second);
Text consolidation(const std::string& reference, const ConsolidationDecision& d, const std::string& before);
// « label (places) — motive », the form of a decision before and after.
std::string decision_text(const std::string& kind, const std::string& motive, const std::string& places);
Text decision(const std::string& reference, const Decision& d, const std::string& before);
Text prior_rejection(const std::string& reference, const std::optional<PriorRejection>& r, const std::string& before);
Text assignment(const std::string& reference, const std::string& reviewer, bool add);
Text submission(const std::string& reference, const std::string& reviewer);
Text opinion(const std::string& reference, const MemberOpinion& op, const std::string& before);

// A person as journaled: role in words (a member without a vote « voix
// consultative »), organisation, account. `role_text` is the role as stored
// (a stored code, or an older file's label).
std::string person_text(const std::string& role_text, bool deliberative, const std::string& organisation,
                        const std::string& account);
Text person(const Person& p, const std::string& before);
Text conflict(const ConflictDeclaration& c);
Text step(const std::string& step, const std::string& before, const Date& done_on);
Text meeting(const std::optional<Meeting>& before, const Meeting& m);

Text parameter(const std::string& name, const std::string& before, const std::string& value);
Text authority(const std::string& field, const std::string& before, const std::string& value);
Text creation(const Campaign& campaign, const PinnedGrid& grid);
Text closing(const std::string& reason);
Text reopening(const std::string& reason);
Text procedure(const std::string& name, const std::string& reason, const std::string& before);
Text territory_rules(const std::string& name, const std::string& reason, const std::string& before);
Text grid_change(const std::string& old_id, const std::string& old_version, const PinnedGrid& grid,
                 const std::string& reason);

// The territory: the existing offer replaced (then each structure as it now
// stands), the zones replaced (then each zone), the allocation recorded.
Text offer_replaced(const std::optional<Offer>& before, const Offer& offer, const std::string& why);
Text offer_structure(std::size_t position, const Structure& s);   // position from 1
Text zones_replaced(const std::optional<std::vector<coverage::Area>>& before, const std::string& before_origin,
                    const std::vector<coverage::Area>& zones, const std::string& origin, const std::string& why);
Text zone(const coverage::Area& z);
Text allocation(const std::optional<allocation::Recorded>& before, const std::optional<allocation::Recorded>& choice);

}  // namespace cotation::entry
