#pragma once
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/dossier.h"
#include "core/grid.h"
#include "core/team.h"
#include "io/grid_reader.h"

namespace cotation {
class Session;
struct PinnedGrid;
namespace io {
class ReferenceData;
}
}  // namespace cotation

namespace cotation::test {

inline std::string source_dir() { return COTATION_TEST_SOURCE_DIR; }

// The text of a PDF (pdftotext, package poppler-utils).
inline std::string pdftotext(const std::string& pdf) {
    std::string out;
    FILE* p = popen(("pdftotext -enc UTF-8 '" + pdf + "' -").c_str(), "r");
    if (!p) return out;
    std::array<char, 4096> buf;
    while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
    pclose(p);
    return out;
}
// pdftotext renders no-break spaces as U+00A0 and breaks lines: compare words.
// The typographic apostrophe ’ (set at rendering, tested in
// test_documents.cpp) is read as ' so that expected texts stay plain.
inline std::string words(std::string s) {
    for (std::size_t i; (i = s.find("\u00A0")) != std::string::npos;) s.replace(i, 2, " ");
    for (std::size_t i; (i = s.find("\u2019")) != std::string::npos;) s.replace(i, 3, "'");
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    return out;
}
inline std::string pdf_words(const std::string& pdf) { return words(pdftotext(pdf)); }

// The coordinator declared in a demo campaign (demo/<call>/equipe.csv);
// "Coord" when the campaign has no team.
template <class S>
std::string demo_coordinator(const S& session) {
    for (const auto& [name, p] : session.team().people)
        if (p.role == Role::Coordinator) return name;
    return "Coord";
}
inline const Grid& act_grid() {
    static const Grid g = io::read_grid_file(source_dir() + "/scoring-grids/act-hlm-paca-2023.xml");
    return g;
}

// Two criteria: A.1 coefficient 2, A.2 coefficient 1 (15 points), for
// hand-computed examples.
inline Grid small_grid() {
    return io::read_grid("<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\" label=\"T\">\n"
                         "<criterion id=\"A.1\" label=\"Un\" coefficient=\"2\"/>\n"
                         "<criterion id=\"A.2\" label=\"Deux\" coefficient=\"1\"/>\n</theme>\n</grid>\n",
                         "g.xml");
}

// Bare dossiers for hand-computed rankings: ids 1, 2, … with these references.
inline std::vector<Dossier> named_dossiers(std::initializer_list<const char*> refs) {
    std::vector<Dossier> ds;
    for (const char* r : refs) {
        Dossier d;
        d.id = static_cast<std::int64_t>(ds.size()) + 1;
        d.reference = r;
        ds.push_back(d);
    }
    return ds;
}

// A fresh folder per test, removed at the end.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        path = std::filesystem::temp_directory_path() /
               ("cotation-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::string file(const std::string& name) const { return (path / name).string(); }
    static int& counter() { static int c = 0; return c; }
};

// ---- Shared by the file, command-line and document tests (test_support.cpp) ----

// The message of the E that `f` throws, "" when it throws none; another
// exception is not caught (the test fails on it).
template <class E = std::exception>
std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}
// The reference data shipped in data/ (communes, départements), read once.
const io::ReferenceData& reference_data();
// The grid the store tests pin (« essai » version 1, procedure
// appel-a-candidatures.xml): its texts are stored, never read.
PinnedGrid pinned_test_grid();

// Exit code (-1 when the process did not exit) and output, stderr included.
struct Ran {
    int code = -1;
    std::string out;
};
// A shell command (`sh -c`), e.g. pdfinfo or qpdf on a written file.
Ran shell(const std::string& command);
// The `cotation` program of this build with these arguments.
Ran cli(const std::string& args);
// Appends one entry after the journal's last, hash chained as Cotation
// chains them, with no data change (its rows empty): only what the entry says
// is forged, as trial 13c's scripts did with sqlite3.
// With `rows`, the entry vouches for those row digests (« table<TAB>key<TAB>digest » lines).
void forge_entry(const std::string& file, const std::string& at, const std::string& actor, const std::string& action,
                 const std::string& entity, const std::string& new_value, const std::string& rows = "");
// The digest line of one row as the file holds it now (« table<TAB>key<TAB>digest »,
// the forger's computation, trial 13e appendix A); "" when the row is absent.
std::string row_line(const std::string& file, const std::string& table, const std::string& key);

std::string slurp(const std::string& path);                      // the bytes of a file
// Runs `statement` on the SQLite file `path` directly, as an attacker or a
// damaged disk would; the test fails (naming the statement) if SQLite refuses it.
void sql(const std::string& path, const std::string& statement);
// The throw-away PostgreSQL server of `ctest -R store.postgresql`
// (COTATION_TEST_PG_URI), "" outside it; the same address as `user`.
std::string pg_server();
std::string pg_uri_as(const std::string& user, const std::string& password);
// The `cotation` of this build (cli): its exit code, its output in `out`.
int run_cli(const std::string& args, std::string& out);
// The command-line tests run from one system account: before acting as
// `person` of a declared team through `cotation`, the test binds `person`
// to this account (whoever had it gets none; a coordinator gets « essai-coordination »), as the coordinator would with
// `users --changer-compte`, written directly as test setup.
void bind_this_account(const std::string& campaign, const std::string& person);
// The team's coordinator as the journal names them (« NAME (compte LOGIN) »,
// `login_if_none` when they have no account), « essai (compte …) » without one.
std::string coordinator_actor(const Session& s, const std::string& login_if_none);
// A one-theme grid of `criteria` (id and coefficient, scale 0–5) and the
// dossiers « REF;Organisme » in Charente (commune 16015), in c.cot.
std::unique_ptr<Session> small_campaign(const TempDir& dir,
                                        const std::vector<std::pair<std::string, std::string>>& criteria,
                                        const std::vector<std::string>& dossiers);
// Every account of the team unbound by its coordinator (test setup): a team
// without accounts, where the names simulated by these tests are all there is
// and `journal verify` checks roles, not accounts.
void forget_accounts(const std::string& campaign);
// A two-criterion grid (A.1 coefficient 2, A.2 coefficient 1, scale 0–5) and
// two dossiers of two organisations in Charente, P (Association Alpha) and Q
// (Fondation Bêta): the campaign of the team and conflict tests, in c.cot.
std::unique_ptr<Session> two_organisations_campaign(const TempDir& dir);
void spit(const std::string& path, const std::string& text);     // a file of exactly these bytes
std::vector<std::string> lines(const std::string& text);
std::size_t count(const std::string& text, const std::string& what);   // occurrences, not overlapping
// One entry of a zip package (ODT) read with Poco; "<absent>" when missing.
std::string zip_entry(const std::string& zip, const std::string& name);

// A campaign parameter set as a person types it (« campagne.places », « 40 »):
// read by input::parameters, then given to the session typed, as the CLI does.
template <class S>
void set_parameter(S& session, const std::string& name, const std::string& text, const std::string& actor,
                   const std::string& motive = "") {
    session.set_parameters(input::parameters(session.grid(), {{name, text}}), actor, motive);
}

// One field of the authority set as a person types it (input::authority_field), as `cotation autorite` does.
template <class S>
void set_authority_field(S& session, const std::string& field, const std::string& text, const std::string& actor) {
    Authority a = session.authority();
    input::authority_field(a, field, text);
    session.set_authority(a, actor);
}

// The dossier id of a reference in a session.
template <class S>
std::int64_t id_of(const S& session, const std::string& reference) {
    return session.dossiers()[*session.find(reference)].id;
}

// Every criterion of the session's grid rated `value` for one dossier by
// `reviewer`, with the appreciation "<comment><criterion id>.".
template <class S>
void rate_everywhere(S& session, std::int64_t dossier, const std::string& reviewer, int value, const std::string& comment) {
    for (const auto& t : session.grid().themes)
        for (const auto& cr : t.criteria) session.put_rating({dossier, reviewer, cr.id, value, comment + cr.id + "."}, reviewer);
}

// One eligible dossier of each shipped call, written from the call's text:
// its own columns (after the common ones) and their values, the places and
// annual budget it asks, its commune and a deposit date before the deadline.
struct EligibleDossier {
    std::string columns, values, places, budget, commune, deposit;
};
// grid: "act-hlm-paca-2023", "uphv-17-2019" or "crt-2022".
const EligibleDossier& eligible_dossier(const std::string& grid);
// The columns every dossiers.csv of these tests starts with, the postal
// address included, ending with « ; » before the call's own columns.
extern const std::string kDossierColumns;

// The committee file's variables of a campaign before its meeting (no vote,
// opinion or decision), dated `on`: what the committee is sent.
std::map<std::string, std::string> committee_variables_before_meeting(Session& s, const Date& on);

}  // namespace cotation::test
