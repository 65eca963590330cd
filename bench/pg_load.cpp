// Load test of a campaign shared on a PostgreSQL server (issue 15), started by
// scripts/pg-load.sh against a throw-away cluster on loopback:
//   cotation_pg_load URI [SECONDES=60] [ÉVALUATEURS=20]
// The act-hlm demo (at the instruction stage) is shared on the server; its
// coordinator adds reviewers until there are ÉVALUATEURS and assigns each
// three dossiers. Each reviewer is a thread with its own connection (its own
// Session, as a workbench), rating the cells of its dossiers one at a time
// for SECONDES. Then: every rating accepted is stored once (the last value of
// each cell, one journal entry per accepted rating), the journal verifies,
// and the ranking the server gives equals the one recomputed from the stored
// ratings (a frozen copy exported to a file). Prints the throughput and the
// latency percentiles. Exit 1 when a check fails.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <tuple>
#include <vector>

#include "app/demo.h"
#include "app/session.h"
#include "app/share.h"
#include "core/error.h"
#include "core/french.h"
#include "store/pg_store.h"

using namespace cotation;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kCoordinator = "Nathalie Girard (ARS, pôle médico-social)";

std::string ranking_text(Session& s) {
    std::ostringstream o;
    const Ranking& r = s.ranking();
    auto line = [&](const char* part, const RankEntry& e) {
        o << part << " " << s.dossiers()[e.dossier].reference << " " << e.rank << " " << e.score.total.canonical() << "\n";
    };
    for (const auto& e : r.ranked) line("classé", e);
    for (const auto& e : r.pending) line("en attente", e);
    for (const auto& e : r.ineligible) line("écarté", e);
    return o.str();
}

double ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

using Cell = std::tuple<std::int64_t, std::string, std::string>;   // dossier, reviewer, criterion

std::string account_of(std::size_t i) { return "charge" + std::to_string(i + 1); }

struct Reviewer {
    std::string name, account;
    std::vector<std::int64_t> dossiers;
    std::unique_ptr<Session> session;
    std::vector<double> latencies;             // ms, accepted writes
    std::map<Cell, Rating> last;               // the last accepted value of each cell
    std::size_t accepted = 0, refused = 0, stale = 0;
    std::string first_error;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage : cotation_pg_load postgresql://…/base [SECONDES=60] [ÉVALUATEURS=20]\n";
        return 2;
    }
    const std::string server = argv[1];
    const int seconds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 60;
    const int reviewers = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
    // One process plays every reviewer, each on its own connection: the
    // session takes the names given, as the tests do, instead of binding
    // the acting person to this workstation's account (issue 13, point 4).
    Session::simulate_named_actors(true);
    const std::string uri = server + (server.find('?') == std::string::npos ? "?" : "&") + "campagne=charge_" +
                            std::to_string(::getpid());
    auto tmp = std::filesystem::temp_directory_path() / ("cotation-charge-" + std::to_string(::getpid()));
    std::filesystem::create_directories(tmp);
    struct Cleanup {
        std::filesystem::path dir;
        std::string uri;
        ~Cleanup() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
            try {
                drop_pg_campaign(uri);
            } catch (...) {
            }
        }
    } cleanup{tmp, uri};
    try {
        // The campaign on the server, with its team grown to `reviewers`.
        std::string file = (tmp / "demo.cot").string();
        create_demo(file, "act-hlm", DemoStage::Instruction);
        copy_campaign(file, uri, kCoordinator);
        std::vector<Reviewer> team;
        {
            auto coord = Session::open(uri);
            std::vector<std::string> names;
            for (const auto& [name, p] : coord->team().people)
                if (p.role == Role::Instructor) names.push_back(name);
            for (int i = static_cast<int>(names.size()); i < reviewers; ++i) {
                std::string name = "Évaluateur de charge " + std::to_string(i + 1);
                coord->add_person({name, Role::Instructor, "ARS PACA", true, ""}, kCoordinator);
                names.push_back(name);
            }
            names.resize(static_cast<std::size_t>(reviewers));
            // Each reviewer bound to an account of their own, the one their
            // thread acts from (trial 15e F4: acting from the coordinator's
            // « root » with no account bound, `journal verify` refused them).
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (!coord->team().person(names[i])->account.empty()) continue;
                // A first account is bound by a change of the person (users --modifier --compte):
                // declaring them again is refused (trial 15g G4).
                Session::PersonChange bind;
                bind.account = account_of(i);
                coord->change_person(names[i], bind, kCoordinator);
            }
            const auto& ds = coord->dossiers();
            for (std::size_t i = 0; i < names.size(); ++i) {
                Reviewer r;
                r.name = names[i];
                r.account = coord->team().person(names[i])->account;
                for (std::size_t k = 0; k < ds.size() && r.dossiers.size() < 3; ++k) {
                    const Dossier& d = ds[(i * 3 + k) % ds.size()];
                    try {
                        if (!coord->team().assignments.count(d.id) || !coord->team().assignments.at(d.id).count(r.name))
                            coord->assign(d.id, r.name, true, kCoordinator);
                        if (coord->team().may_rate(r.name, r.name, d.id, cotation::identity_of(d)).empty() && !coord->prior_rejections().count(d.id))
                            r.dossiers.push_back(d.id);   // a dossier set apart before the evaluation is not rated
                    } catch (const Error&) {
                        // A declared link with this organisme: another dossier.
                    }
                }
                team.push_back(std::move(r));
            }
        }
        for (auto& r : team) r.session = Session::open(uri);   // one connection each
        std::vector<std::string> criteria;
        int lo = 0, hi = 5;
        {
            const Grid& g = team.front().session->grid();
            for (const auto& t : g.themes)
                for (const auto& c : t.criteria) criteria.push_back(c.id);
            lo = g.scale_min;
            hi = g.scale_max;
        }
        std::int64_t entries_before = open_pg_store(uri)->journal_head().entries;

        std::cout << "Charge : " << reviewers << " évaluateurs, " << seconds << " s, campagne act-hlm ("
                  << team.front().session->dossiers().size() << " dossiers, " << criteria.size() << " critères) sur "
                  << parse_pg_uri(uri).shown << "\n";
        std::atomic<bool> go{false};
        auto start = Clock::now(), deadline = start + std::chrono::seconds(seconds);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < team.size(); ++i) {
            threads.emplace_back([&, i] {
                Reviewer& r = team[i];
                Session::simulate_thread_login(r.account);
                std::mt19937 rng(static_cast<unsigned>(i) * 7919u + 17u);
                while (!go) std::this_thread::yield();
                std::size_t n = 0;
                while (Clock::now() < deadline && !r.dossiers.empty()) {
                    Rating x{r.dossiers[rng() % r.dossiers.size()], r.name, criteria[rng() % criteria.size()], 0, ""};
                    Cell cell{x.dossier_id, x.reviewer, x.criterion};
                    // Always another value than the cell holds: each accepted rating is one journal entry.
                    int previous = -1;
                    if (auto it = r.last.find(cell); it != r.last.end()) previous = it->second.value;
                    else
                        for (const Rating* o : r.session->ratings_of(x.dossier_id))
                            if (o->reviewer == x.reviewer && o->criterion == x.criterion) previous = o->value;
                    do x.value = lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1));
                    while (x.value == previous);
                    x.justification = "Note de charge n°" + std::to_string(++n) + " de " + r.name + ".";
                    auto t0 = Clock::now();
                    try {
                        r.session->put_rating(x, r.name);
                        r.latencies.push_back(ms(Clock::now() - t0));
                        r.last[cell] = x;
                        ++r.accepted;
                    } catch (const StaleCampaign& e) {
                        ++r.stale;
                        if (r.first_error.empty()) r.first_error = e.what();
                    } catch (const std::exception& e) {
                        ++r.refused;
                        if (r.first_error.empty()) r.first_error = e.what();
                    }
                }
            });
        }
        go = true;
        for (auto& t : threads) t.join();
        double elapsed = std::chrono::duration<double>(Clock::now() - start).count();

        std::vector<double> all;
        std::size_t accepted = 0, refused = 0, stale = 0;
        std::map<Cell, Rating> expected;
        for (auto& r : team) {
            all.insert(all.end(), r.latencies.begin(), r.latencies.end());
            accepted += r.accepted;
            refused += r.refused;
            stale += r.stale;
            for (auto& [c, x] : r.last) expected[c] = x;
            if (!r.first_error.empty()) std::cout << "  " << r.name << " : " << r.first_error << "\n";
        }
        std::sort(all.begin(), all.end());
        auto pct = [&](double p) {
            return all.empty() ? 0.0 : all[std::min(all.size() - 1, static_cast<std::size_t>(p * static_cast<double>(all.size())))];
        };
        // Decimal commas, as docs/serveur.md writes the figures (trial 15c F11).
        std::printf("Notes acceptées : %zu en %s s, soit %s notes/s ; refusées : %zu (conflits : %zu)\n", accepted,
                    fr::fixed(elapsed).c_str(), fr::fixed(static_cast<double>(accepted) / elapsed).c_str(), refused + stale, stale);
        std::printf("Latence d'une note (ms) : p50 %s · p95 %s · p99 %s · max %s\n", fr::fixed(pct(0.50)).c_str(),
                    fr::fixed(pct(0.95)).c_str(), fr::fixed(pct(0.99)).c_str(), fr::fixed(all.empty() ? 0.0 : all.back()).c_str());

        // The checks.
        bool ok = true;
        auto store = open_pg_store(uri);
        CampaignSnapshot snap = store->load();
        std::map<Cell, int> stored_count;
        std::map<Cell, Rating> stored;
        for (const Rating& x : snap.ratings) {
            Cell c{x.dossier_id, x.reviewer, x.criterion};
            ++stored_count[c];
            stored[c] = x;
        }
        std::size_t wrong = 0;
        for (const auto& [c, x] : expected) {
            auto it = stored.find(c);
            if (stored_count[c] != 1 || it == stored.end() || it->second.value != x.value ||
                it->second.justification != x.justification)
                ++wrong;
        }
        std::int64_t entries = store->journal_head().entries - entries_before;
        std::printf("Chaque note acceptée enregistrée une fois : %s (%zu cellules, %zu écarts ; %lld entrées de journal pour "
                    "%zu notes)\n",
                    wrong == 0 && entries == static_cast<std::int64_t>(accepted) ? "oui" : "NON", expected.size(), wrong,
                    static_cast<long long>(entries), accepted);
        ok = ok && wrong == 0 && entries == static_cast<std::int64_t>(accepted) && accepted > 0;
        JournalCheck check = store->verify_journal();
        std::printf("Journal vérifié : %s (%lld entrées)%s\n", check.ok ? "oui" : "NON", static_cast<long long>(check.entries),
                    check.ok ? "" : (" — " + check.problems.front()).c_str());
        ok = ok && check.ok;
        std::string frozen = (tmp / "gel.cot").string();
        copy_campaign(uri, frozen, kCoordinator);
        std::string live = ranking_text(*Session::open_read_only(uri)), recomputed = ranking_text(*Session::open_read_only(frozen));
        bool same = live == recomputed && !live.empty();
        std::printf("Classement du serveur = classement recalculé des notes enregistrées : %s\n", same ? "oui" : "NON");
        ok = ok && same;
        return ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "cotation_pg_load : " << e.what() << "\n";
        return 1;
    }
}
