#pragma once
// The campaign's named parameters, typed: each name is written once, here,
// and read through an accessor (the grid may declare others, read by name).
#include <optional>
#include <string>

#include "date.h"
#include "fact.h"
#include "rational.h"

namespace cotation {

namespace param {
inline constexpr const char* kPrefix = "campagne.";
inline constexpr const char* kDeadline = "campagne.date_limite";          // date limite de dépôt
inline constexpr const char* kCommitteeDate = "campagne.date_commission";  // date de la commission
inline constexpr const char* kLettersDate = "campagne.date_courrier";      // date des courriers
inline constexpr const char* kPlaces = "campagne.places";                  // capacité de l'appel
inline constexpr const char* kTribunal = "campagne.tribunal";              // tribunal des recours
inline constexpr const char* kPublicationDate = "campagne.date_publication";  // publication de l'avis
inline constexpr const char* kPiecesDelay = "campagne.delai_pieces";     // délai des pièces, en jours
// Territory (declared by the grids that use them; app/territory.cpp).
inline constexpr const char* kDepartements = "campagne.departements";      // départements de l'appel (liste)
inline constexpr const char* kDepartement = "campagne.departement";        // département de l'appel
inline constexpr const char* kAccessDistance = "campagne.distance_acces";  // distance d'accès, en km
inline constexpr const char* kUnitBeds = "campagne.lits_unite";            // lits d'une unité
}  // namespace param

// A read-only view of a campaign's parameters (Campaign::parameters).
class CampaignParameters {
public:
    explicit CampaignParameters(const FactValues& values) : values_(values) {}

    std::optional<Date> deadline() const { return date(param::kDeadline); }
    std::optional<Date> committee_date() const { return date(param::kCommitteeDate); }
    std::optional<Date> letters_date() const { return date(param::kLettersDate); }
    std::optional<Rational> places() const { return number(param::kPlaces); }
    std::optional<std::string> tribunal() const { return text(param::kTribunal); }

    // Any parameter by its name, typed; nothing when unset or of another type.
    std::optional<Date> date(const std::string& name) const;
    std::optional<Rational> number(const std::string& name) const;
    std::optional<std::string> text(const std::string& name) const;   // canonical text of any value

private:
    const FactValues& values_;
};

// True for the name of a campaign parameter ("campagne.…").
inline bool is_campaign_parameter(const std::string& name) { return name.rfind(param::kPrefix, 0) == 0; }

}  // namespace cotation
