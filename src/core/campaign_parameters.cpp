#include "campaign_parameters.h"

namespace cotation {

std::optional<Date> CampaignParameters::date(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    if (auto d = std::get_if<Date>(&it->second)) return *d;
    return std::nullopt;
}

std::optional<Rational> CampaignParameters::number(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    if (auto n = std::get_if<Rational>(&it->second)) return *n;
    return std::nullopt;
}

std::optional<std::string> CampaignParameters::text(const std::string& name) const {
    auto it = values_.find(name);
    if (it == values_.end() || is_missing(it->second)) return std::nullopt;
    return to_canonical(it->second);
}

}  // namespace cotation
