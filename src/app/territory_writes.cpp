// The territory study's writes, each the coordinator's and journaled: the
// offer (a file, a FINESS extract), the zones, the recorded allocation
// (split from territory.cpp, which reads the study and answers its views).
#include "territory.h"

#include <algorithm>
#include <set>

#include "core/error.h"
#include "core/french.h"
#include "io/csv.h"
#include "io/geo.h"
#include "io/offer.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"
#include "io/xml_tree.h"
#include "store/journal.h"
#include "territory_format.h"
#include "core/invisible.h"
#include "core/meeting_rules.h"

namespace cotation {

using namespace territory_format;

namespace {

// The coordinator, bound to this account (issue 13.4): the journal's « who ».
std::string require_coordinator(const Session& s, const std::string& actor) {
    const std::string who = s.journaled_actor(actor);
    if (auto refusal = s.team().may_coordinate(actor); !refusal.empty()) throw InputError(refusal);
    return who;
}

// The same dossiers, each for the same places (a variant granting 5 of 16
// where the ranking order grants the whole request departs from it).
bool same_grants(const allocation::Allocation& a, const allocation::Allocation& b) {
    auto grants = [](const allocation::Allocation& x) {
        std::vector<std::pair<std::size_t, double>> out;
        for (std::size_t i : x.retained()) out.emplace_back(i, x.choices[i].granted);
        return out;
    };
    return grants(a) == grants(b);
}

// After the séance, what the committee's figures were computed on is
// replaced only with a motive (trial 1011F F5), which follows the data's
// origin wherever it is said: « ; remplacée après la séance du 15/10/2019,
// motif : … ». Before it, a motive given is kept the same way.
std::string replacement_note(const Session& s, const std::string& reason, const std::string& what, const char* replaced) {
    if (auto no = territory_change_after_vote_refusal(s.meeting(), reason, what); !no.empty()) throw InputError(no);
    if (!fr::given(reason)) return "";
    const auto& m = s.meeting();
    return std::string(" ; ") + replaced +
           (m && !m->votes.empty() ? std::string(" après la séance du ") + m->date.french_numeric() : std::string()) +
           ", motif : " + fr::trim(reason);
}

}  // namespace

io::FinessExtract TerritoryStudy::import_offer(const std::string& extract_path, const std::set<std::string>& categories,
                                               const std::string& actor, const std::string& reason) {
    require_coordinator(session_, actor);   // before reading a file of 100 000 lines for nothing
    replacement_note(session_, reason, "l'offre existante", "remplacée");
    io::FinessFilter filter;
    filter.categories = categories;
    filter.departements = {departements_.begin(), departements_.end()};
    auto x = io::read_finess_file(extract_path, filter, io::ReferenceData::instance());   // whole, or nothing
    // An import that keeps nothing (a mistyped category) would wipe the
    // existing offer the call is about: refused, nothing replaced.
    if (x.kept == 0) {
        std::string cats, deps;
        for (const auto& c : categories) cats += (cats.empty() ? "" : ", ") + c;
        for (const auto& d : departements_) deps += (deps.empty() ? "" : ", ") + d;
        throw InputError("Extrait FINESS " + fr::quote_path(extract_path) + " : aucune structure de catégorie " + cats +
                         " dans les départements " + deps + " (" + std::to_string(x.rows) +
                         " lignes « structureet » lues) ; l'offre existante (" +
                         count(static_cast<double>(offer_.structures.size()), "structure", "structures") + ", " +
                         offer_capacity() + ") est inchangée.");
    }
    for (auto& s : x.offer.structures) s.source += " ; " + x.attribution();
    // The file read before the transaction (other writers are not held by it);
    // the right to replace the offer checked again inside it (issue 12, M4).
    auto w = session_.write_scope();
    const std::string who = require_coordinator(session_, actor);
    const std::string note = replacement_note(session_, reason, "l'offre existante", "remplacée");
    x.offer.origin += note;
    session_.store().put_offer(
        x.offer, "import de l'extrait FINESS " + fr::quote_path(extract_path) + " (" + x.attribution() + ")" + note, who);
    reload();
    return x;
}

std::string TerritoryStudy::set_offer_file(const std::string& path, const std::string& actor, const std::string& reason) {
    std::string notice;
    auto offer = io::read_offer_file(path, io::ReferenceData::instance(), &notice);   // checked before anything is replaced
    auto w = session_.write_scope();   // the check and the write in one transaction (issue 12, M4)
    const std::string who = require_coordinator(session_, actor);
    const std::string note = replacement_note(session_, reason, "l'offre existante", "remplacée");
    offer.origin += note;
    // A structure outside the campaign's territory is kept (a neighbour serves its
    // border communes) but said, by line order (trial 1011E F11).
    std::vector<std::string> outside;
    for (const auto& s : offer.structures)
        if (!territory_.find(s.commune)) outside.push_back("« " + s.name + " » (commune " + s.commune + ")");
    if (!outside.empty())
        notice += (notice.empty() ? "" : "\n") + std::string("Attention : ") +
                  fr::plural(outside.size(), "structure", "structures") + " hors du territoire de la campagne (départements " +
                  fr::join(departements_) + ") : " + fr::join(outside) + ". " +
                  fr::agree(static_cast<long long>(outside.size()), "Gardée") + " : " +
                  (outside.size() > 1 ? "elles comptent" : "elle compte") +
                  " dans les distances des communes du territoire qui en sont proches.";
    session_.store().put_offer(offer, "fichier " + fr::quote_path(path) + note, who);
    reload();
    return notice;
}

std::vector<coverage::Area> TerritoryStudy::check_zones_file(const std::string& path, std::vector<std::string>* warnings) const {
    const std::string name = std::filesystem::path(path).filename().string();
    const auto& ref = io::ReferenceData::instance();
    // A zones file saved by Excel (Windows-1252) is read as the offer and the
    // dossiers are (a new user's trial had it refused), and said.
    const auto text = io::decode_text(io::read_csv_file(path), name);
    if (warnings && !text.notice.empty()) warnings->push_back(text.notice);
    auto zones = io::read_zones(text.utf8, name, ref);
    std::string deps = fr::join(departements_);
    for (const auto& z : zones) {
        std::vector<std::string> outside;
        for (const auto& c : z.communes)
            if (!territory_.find(c)) outside.push_back(c);
        // A zone of communes all outside the campaign's territory is a mistake
        // (Paris as a zone of a Charente-Maritime call).
        if (outside.size() == z.communes.size())
            throw InputError("« " + name + " » : zone « " + z.id +
                             " » : aucune de ses communes n'est dans le territoire de la campagne (départements " + deps + ").");
        // Partly outside: kept (a DRAD zone may cross the border of the
        // call's region), but said, naming the communes that count for nothing.
        if (!outside.empty() && warnings) {
            std::string names;
            for (std::size_t k = 0; k < std::min<std::size_t>(10, outside.size()); ++k) {
                const auto* c = ref.commune(outside[k]);
                names += (names.empty() ? "" : ", ") + (c ? c->name + " (" + outside[k] + ")" : outside[k]);
            }
            if (outside.size() > 10) names += " et " + fr_num(static_cast<double>(outside.size() - 10), 0) + " autres";
            warnings->push_back("Attention : « " + name + " » : zone « " + z.id +
                                " » : " + count(static_cast<double>(outside.size()), "commune", "communes") + " sur " +
                                fr_num(static_cast<double>(z.communes.size()), 0) +
                                " hors du territoire de la campagne (départements " + deps + ") : " + names +
                                ". La zone est gardée ; la carte et les populations ne comptent que ses communes du territoire.");
        }
    }
    return zones;
}

std::vector<std::string> TerritoryStudy::set_zones_file(const std::string& path, const std::string& actor,
                                                       const std::string& reason) {
    auto w = session_.write_scope();   // the check and the write in one transaction (issue 12, M4)
    catch_up();                        // the zones checked against the territory as it stands
    const std::string who = require_coordinator(session_, actor);
    const std::string note = replacement_note(session_, reason, "les zones de la campagne", "remplacées");
    const std::string name = std::filesystem::path(path).filename().string();
    std::vector<std::string> warnings;
    const auto zones = check_zones_file(path, &warnings);
    session_.store().put_zones(zones, name + note, "fichier " + fr::quote_path(path) + note, who);
    reload();
    return warnings;
}

std::string TerritoryStudy::reason_needed(const std::vector<std::string>& variant) const {
    const auto c = compare(variant);
    const auto& chosen = c.variant ? *c.variant : c.ranking;
    std::vector<std::string> why;
    if (c.variant) {
        // Departing from the ranking order is motivated (as a decision departing
        // from the committee's opinion is); so is a variant breaking a rule.
        if (!same_grants(c.ranking, *c.variant))
            why.push_back("la variante s'écarte de la répartition dans l'ordre du classement");
        for (std::size_t i : c.variant->retained())
            if (c.variant->choices[i].constraint != allocation::Constraint::None)
                // The call's rule, or a proposal of répartition (trial 1011B F2): said as what it is.
                why.push_back((rules_.status_of(c.variant->choices[i].constraint).call()
                                   ? "elle enfreint une règle de l'appel : "
                                   : "elle s'écarte d'une règle de répartition proposée : ") +
                              candidates_[i].reference + " (" + c.variant->choices[i].reason + ")");
    }
    // A retained dossier whose intervention territory overlaps a zone entered
    // for the campaign (an existing DRAD zone: no duplicate, arrêté du 27 avril
    // 2022, cahier des charges, §1.4) is the coordinator's to motivate too.
    for (const auto& o : coverage::overlaps(territory_, interventions_, zones_))
        for (std::size_t i : chosen.retained())
            if (o.a == i)
                why.push_back(candidates_[i].reference + " recouvre la zone " +
                              fr::in_quotes(zones_[o.b].label.empty() ? zones_[o.b].id : zones_[o.b].label) + " (" +
                              count(static_cast<double>(o.communes.size()), "commune", "communes") + ")");
    std::string out = fr::join(why, " ; ");
    return out;
}

allocation::Recorded TerritoryStudy::record_allocation(const std::vector<std::string>& variant, const std::string& reason,
                                                       const std::string& actor) {
    auto w = session_.write_scope();   // the check and the write in one transaction (issue 12, M4)
    catch_up();                        // compared on the ratings as they stand, not as first read
    const std::string who = require_coordinator(session_, actor);
    const auto c = compare(variant);
    allocation::Recorded r;
    r.reason = fr::trim(reason);
    r.recorded_by = actor;
    r.recorded_at = utc_now_iso();
    const auto& chosen = c.variant ? *c.variant : c.ranking;
    for (std::size_t i : chosen.retained()) {
        r.retained.push_back(candidates_[i].reference);
        // The partial grants, the ranking order's or the variant's, kept with it.
        if (chosen.choices[i].partial) r.granted[candidates_[i].reference] = chosen.choices[i].granted;
    }
    // A rule of the call's text binds the authority: no motive lifts it (trial 1011D).
    if (c.variant)
        if (const std::string no = allocation::variant_call_rule_refusal(rules_, *c.variant, candidates_); !no.empty())
            throw InputError(no);
    // The one recorded, recorded again as it is, keeps its motive (trial 1011E F13).
    const bool same = recorded_ && recorded_->retained == r.retained && recorded_->granted == r.granted &&
                      (recorded_->followed == allocation::Followed::Variant) == c.variant.has_value();
    if (same && r.reason.empty()) r.reason = recorded_->reason;
    if (const std::string why = reason_needed(variant); r.reason.empty() && !why.empty()) {
        std::string text = why;
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
        throw InputError(text + " : écrivez le motif (--motif).");
    }
    // After the séance, the allocation voted on is the committee's opinion (trial 1011D);
    // the one recorded, recorded again as it is, changes nothing (trial 1011E F13).
    if (const std::string no = allocation_change_after_vote_refusal(session_.meeting(), r.reason); !no.empty() && !same)
        throw InputError(no);

    if (c.variant) {
        r.followed = allocation::Followed::Variant;
        // A variant equal to the ranking order, breaking no rule, is the ranking order.
        bool breaks = false;
        for (std::size_t i : c.variant->retained())
            breaks = breaks || c.variant->choices[i].constraint != allocation::Constraint::None;
        if (same_grants(c.ranking, *c.variant) && !breaks) r.followed = allocation::Followed::Ranking;
    }
    // Recorded again as it stands, motive included: nothing to journal (trial 1011F N8).
    if (same && r.reason == recorded_->reason) return *recorded_;
    session_.store().put_allocation(r, who);
    session_.allocation_changed();
    recorded_ = r;
    return r;
}

void TerritoryStudy::withdraw_allocation(const std::string& actor) {
    auto w = session_.write_scope();   // the check and the write in one transaction (issue 12, M4)
    const std::string who = require_coordinator(session_, actor);
    catch_up();   // as stored now, not as first read
    // Nothing to withdraw: said, nothing journaled (trial 1011E F6).
    if (!recorded_) throw InputError("Aucune répartition enregistrée : rien à retirer. Rien n'a été enregistré.");
    // After the vote, the minutes must say what replaced the allocation voted
    // on, and why: a withdrawal leaves no motive, a recording does.
    if (const auto& m = session_.meeting(); m && !m->votes.empty())
        throw InputError("La commission a voté le " + m->date.french_numeric() +
                         " sur la répartition qui lui était soumise : elle ne peut plus être retirée. Pour suivre l'ordre du "
                         "classement, enregistrez-le avec son motif (repartition --enregistrer --motif TEXTE). Rien n'a été "
                         "enregistré.");
    session_.store().put_allocation(std::nullopt, who);
    session_.allocation_changed();
    recorded_.reset();
}

}  // namespace cotation
