// The territory tables (the file's schema 10) on the server: not yet.
#include "pg_store_impl.h"

namespace cotation::pg {
namespace {
[[noreturn]] void not_yet(const PgConn& c, const std::string& what) {
    throw InputError("Campagne partagée « " + c.shown() + " » : " + what +
                     " ne s'enregistre pas encore sur le serveur (seulement dans un fichier de campagne).");
}
}  // namespace

// A shared campaign uses the offer shipped beside its grid, no zones.
TerritoryRecord PgStore::load_territory() { return {}; }
void PgStore::put_offer(const Offer&, const std::string&, const std::string&) { not_yet(*c_, "l'offre existante"); }
void PgStore::put_zones(const std::vector<coverage::Area>&, const std::string&, const std::string&, const std::string&) {
    not_yet(*c_, "les zones");
}
void PgStore::put_allocation(const std::optional<allocation::Recorded>&, const std::string&) {
    not_yet(*c_, "la répartition suivie");
}

}  // namespace cotation::pg
