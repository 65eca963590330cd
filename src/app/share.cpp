#include "share.h"

#include <filesystem>
#include <map>

#include "core/error.h"
#include "io/grid_reader.h"
#include "store/pg_store.h"

namespace cotation {

namespace {

// The snapshot's state, rebuilt through the interface. Conflicts come before
// assignments: declaring a link ends the assignments it touches.
void replay(const CampaignSnapshot& s, const TerritoryRecord& t, CampaignStore& to, const std::string& actor, CopyReport& report) {
    std::map<std::int64_t, std::int64_t> id;   // source id -> copy id
    auto ids = to.add_dossiers(s.dossiers, actor);
    for (std::size_t i = 0; i < ids.size(); ++i) id[s.dossiers[i].id] = ids[i];
    for (const auto& [name, p] : s.team.people) to.put_person(p, actor);
    for (const auto& c : s.team.conflicts) to.declare_conflict(c, actor);
    for (const auto& [d, reviewers] : s.team.assignments)
        for (const auto& r : reviewers) to.assign(id.at(d), r, true, actor);
    std::vector<Rating> ratings = s.ratings;
    for (auto& r : ratings) r.dossier_id = id.at(r.dossier_id);
    if (!ratings.empty()) to.put_ratings(ratings, actor);
    for (const auto& [d, reviewers] : s.team.submitted)
        for (const auto& r : reviewers) to.submit(id.at(d), r, actor);
    for (const auto& [d, criteria] : s.consolidation)
        for (const auto& [criterion, c] : criteria) to.put_consolidation(id.at(d), c, actor);
    for (const auto& [d, r] : s.prior_rejections) to.put_prior_rejection(id.at(d), r, actor);
    for (const auto& [step, date] : s.steps_done) to.record_step(step, date, actor);
    if (s.meeting) to.put_meeting(*s.meeting, actor);
    for (const auto& [d, opinions] : s.opinions)
        for (const auto& o : opinions) to.put_opinion(id.at(d), o, actor);
    for (const auto& [d, decision] : s.decisions) to.put_decision(id.at(d), decision, actor);
    // The territory the documents and the allocation read (schema 10).
    if (t.offer) to.put_offer(*t.offer, "copie de la campagne", actor);
    if (t.zones) to.put_zones(*t.zones, t.zones_origin, "copie de la campagne", actor);
    if (t.allocation) to.put_allocation(t.allocation, actor);
    report.dossiers = s.dossiers.size();
    report.ratings = s.ratings.size();
}

}  // namespace

CopyReport copy_campaign(const std::string& from, const std::string& to, const std::string& actor) {
    bool from_server = names_server_campaign(from), to_server = names_server_campaign(to);
    if (from_server == to_server)
        throw InputError("La copie va d'un fichier vers un serveur ou l'inverse : « " + from + " » et « " + to +
                         " » sont tous deux " + (from_server ? "des adresses de serveur." : "des fichiers."));
    auto source = from_server ? open_pg_store(from) : open_sqlite_store_read_only(from);
    CopyReport report;
    JournalCheck check = source->verify_journal();
    if (!check.ok)
        throw InputError("Le journal de « " + from + " » ne se vérifie pas (" + check.problems.front() +
                         ") ; rien n'a été copié (cotation journal verify).");
    report.source_entries = check.entries;
    CampaignSnapshot s = source->load();
    TerritoryRecord territory = source->load_territory();
    std::string closed_since = source->closed_since();

    // The pinned texts as they are, the grid's id and version read from its own text.
    Grid grid = io::read_grid(s.grid_xml, from + " (grille " + s.grid_name + ")",
                              [&](const std::string&) { return io::FormText{s.form_xml, s.form_name}; });
    PinnedGrid pinned{grid.id, grid.version, s.grid_name, s.grid_xml, s.form_name, s.form_xml, s.procedure_name,
                      s.procedure_xml};
    Campaign campaign = s.campaign;   // parameters are canonical text in a snapshot

    auto fill = [&](CampaignStore& copy) {
        replay(s, territory, copy, actor, report);
        if (!closed_since.empty())
            copy.close("copie de « " + from + " », close depuis le " + french_timestamp(closed_since), actor);
        JournalCheck c = copy.verify_journal();
        if (!c.ok) throw Error("Le journal de la copie ne se vérifie pas (" + c.problems.front() + ").");
        report.copy_entries = c.entries;
        report.closed = !closed_since.empty();
    };
    if (to_server) {
        auto copy = create_pg_store(to, campaign, pinned, actor);
        try {
            fill(*copy);
        } catch (...) {
            copy.reset();
            drop_pg_campaign(to);   // nothing half-copied stays on the server
            throw;
        }
    } else {
        // Built under a temporary name, named once whole (as a creation).
        std::string tmp = begin_campaign_creation(to);
        try {
            {
                auto copy = create_sqlite_store(tmp, campaign, pinned, actor);
                fill(*copy);
            }
            finish_campaign_creation(tmp, to);
        } catch (...) {
            abandon_campaign_creation(tmp);
            throw;
        }
    }
    return report;
}

}  // namespace cotation
