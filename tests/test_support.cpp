// The helpers declared at the end of test_support.h, shared by the file,
// command-line and document tests instead of a copy in each.
#include "test_support.h"

#include <algorithm>

#include "app/session.h"
#include "io/reference_data.h"
#include "report/committee.h"
#include "store/campaign_store.h"
#include "store/journal.h"
#include "store/sql_text.h"
#include "store/sqlite_db.h"
#include "store/sqlite_ledger.h"

#include <sqlite3.h>
#include <sys/wait.h>

#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>

namespace cotation::test {

// The suites of role rules replay acts under names, as a demo script does;
// the Accounts tests (test_accounts_bound.cpp, test_access.cpp) turn the
// binding to the system account back on, as the shells always have it.
const bool kNamedActors = (Session::simulate_named_actors(true), true);

Ran shell(const std::string& command) {
    Ran r;
    FILE* p = popen((command + " 2>&1").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) r.out.append(buf.data(), n);
    int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

Ran cli(const std::string& args) { return shell(std::string(COTATION_CLI) + " " + args); }

void forge_entry(const std::string& file, const std::string& at, const std::string& actor, const std::string& action,
                 const std::string& entity, const std::string& new_value, const std::string& rows) {
    JournalEntry last;
    {
        auto store = open_sqlite_store_read_only(file);
        last = store->journal("").back();
    }
    JournalEntry e{last.seq + 1, at, actor, action, entity, "", new_value, last.hash, "", rows};
    e.hash = journal_hash(e);
    std::string values;
    for (const std::string* v : {&e.at, &e.actor, &e.action, &e.entity, &e.old_value, &e.new_value, &e.prev_hash, &e.hash})
        values += "," + cotation::sql::literal(*v);
    sql(file, "INSERT INTO journal(seq, at, actor, action, entity, old_value, new_value, prev_hash, hash, rows) VALUES (" +
                  std::to_string(e.seq) + values + "," + cotation::sql::literal(rows) + ")");
}

std::string row_line(const std::string& file, const std::string& table, const std::string& key) {
    sqlite::Db db(file, false, true);
    auto rows = sqlite::ledger::current(db, {table});
    auto it = rows.find({table, key});
    return it == rows.end() ? "" : table + "\t" + key + "\t" + it->second + "\n";
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void sql(const std::string& path, const std::string& statement) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << msg << " — " << statement;
}

std::string pg_server() {
    const char* uri = std::getenv("COTATION_TEST_PG_URI");
    return uri ? uri : "";
}

// postgresql://USER:PW@host:port/base
std::string pg_uri_as(const std::string& user, const std::string& password) {
    std::string a = pg_server();
    auto scheme = a.find("://") + 3;
    auto at = a.find('@', scheme);
    return a.substr(0, scheme) + user + ":" + password + a.substr(at);
}

int run_cli(const std::string& args, std::string& out) {
    Ran r = cli(args);
    out = r.out;
    return r.code;
}

void spit(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

const io::ReferenceData& reference_data() {
    static const io::ReferenceData r = io::ReferenceData::load(source_dir() + "/data");
    return r;
}

PinnedGrid pinned_test_grid() {
    PinnedGrid g;
    g.id = "essai";
    g.version = "1";
    g.name = "essai.xml";
    g.xml = "<grille id=\"essai\" version=\"1\"/>";
    g.procedure_name = "appel-a-candidatures.xml";
    g.procedure_xml = "<procedure/>";
    return g;
}

std::string zip_entry(const std::string& zip, const std::string& name) {
    std::ifstream in(zip, std::ios::binary);
    Poco::Zip::ZipArchive archive(in);
    auto it = archive.findHeader(name);
    if (it == archive.headerEnd()) return "<absent>";
    in.clear();
    in.seekg(it->second.getStartPos());
    Poco::Zip::ZipInputStream zin(in, it->second);
    return std::string(std::istreambuf_iterator<char>(zin), {});
}

const std::string kDossierColumns =
    "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot;adresse;code_postal;commune_postale;destinataire;";

const EligibleDossier& eligible_dossier(const std::string& grid) {
    static const std::map<std::string, EligibleDossier> calls = [] {
        std::map<std::string, EligibleDossier> m;
        // ACT HLM (Appel à candidatures de l'ARS PACA): 10 places × 12 600 €
        // (Annexe 1, 1) B)) = 126 000 €; Marseille 3e, before the 28/04/2023 deadline.
        m["act-hlm-paca-2023"] = {
            "departements_intervention;effectifs.direction_administratif;effectifs.medecin;effectifs.infirmier;"
            "effectifs.psychologue;effectifs.travailleur_social;coordonnateur_designe;participation_usager_jour;"
            "date_debut_activite;pieces_recues",
            "13;0,5;0,6;2,5;1,3;2,5;oui;0;01/09/2023;"
            "identite declarations comptes effectifs budget calendrier partenariats pre_projet",
            "10", "126 000", "13203", "03/04/2023"};
        // UPHV (Cahier des charges de l'AAC n°1/2019, Charente-Maritime): an
        // EHPAD moving 8 beds from 711 to 702; 15 € × 8 lits × 365 jours =
        // 43 800 € ≤ 44 000 € (§4-1); 58,40 € + 15 € = 73,40 € ≤ 75 €;
        // Rochefort, before the 30/09/2019 deadline; priced by the
        // Département (§4-1, first case: its own 58,40 €).
        m["uphv-17-2019"] = {
            "categorie_etablissement;code_clientele_actuel;code_clientele_cible;equipe_pluridisciplinaire;"
            "effectifs.educatif;effectifs.animation;effectifs.soignant;prix_journee_hebergement;habilitation_totale;"
            "date_ouverture;centre_bourg_ou_transports;locaux_dedies;tarife_departement;pieces_recues",
            "500;711;702;oui;1,3;0,6;1,3;58,40;oui;02/03/2020;oui;oui;oui;"
            "projet_personnalise projet_etablissement projet_animation plans_a3 effectifs partenariats budget calendrier",
            "8", "43 800", "17299", "12/09/2019"};
        // CRT (Arrêté du 27 avril 2022): an EHPAD carrying both volets;
        // volet 2: 30 × 900 € × 12 = 324 000 € (§1.5), dotation 400 000 €;
        // Angoulême, before the 30/09/2022 deadline.
        m["crt-2022"] = {
            "categorie_porteur;volet1;volet2;convention_ehpad;conventions_services_domicile;budget_volet2;"
            "file_active_volet2;etp_chefferie_projet;actions_acces_soins;actions_isolement;actions_pratiques;"
            "ehpad_temps_medecin;ehpad_idec;ehpad_ide_nuit;ehpad_locaux_volet1;ehpad_habilite_aide_sociale;"
            "tarifs_aide_sociale;convention_ehpad_habilite;participation_beneficiaires;public_gir_1_4;domaines_volet2;"
            "procedure_admission_sortie;territoire_intervention;equipe_volet2.medecin;equipe_volet2.coordinateur;"
            "equipe_volet2.soignants;equipe_volet2.ergotherapeute;equipe_volet2.psychologue;equipe_volet2.animateur;pieces_recues",
            "500;oui;oui;;oui;324 000;30;0,3;3;2;2;oui;oui;oui;oui;oui;non;non;non;oui;4;oui;200071827;"
            "0,2;1;4,5;0,5;0,5;0,5;diagnostic organisation partenariats territoire financements_existants budget",
            "1", "400 000", "16015", "12/09/2022"};
        return m;
    }();
    auto it = calls.find(grid);
    if (it == calls.end()) throw std::invalid_argument("no eligible dossier for grid " + grid);
    return it->second;
}

std::unique_ptr<Session> small_campaign(const TempDir& dir,
                                        const std::vector<std::pair<std::string, std::string>>& criteria,
                                        const std::vector<std::string>& dossiers) {
    std::string grid = "<grid id=\"g\" version=\"1\" title=\"t\">\n<theme id=\"A\" label=\"T\">\n";
    for (const auto& [id, coefficient] : criteria)
        grid += "<criterion id=\"" + id + "\" label=\"" + id + "\" coefficient=\"" + coefficient + "\"/>\n";
    spit(dir.file("g.xml"), grid + "</theme>\n</grid>\n");
    NewCampaign nc;
    nc.reference = "essai";
    auto s = Session::create(dir.file("c.cot"), dir.file("g.xml"), nc, "test");
    std::string csv = "reference;organisme;siret;finess;commune;places;budget_annuel;date_depot\n";
    for (const auto& d : dossiers) csv += d + ";;;16015;;;\n";
    spit(dir.file("d.csv"), csv);
    s->import_dossiers_file(dir.file("d.csv"), "test");
    return s;
}

std::unique_ptr<Session> two_organisations_campaign(const TempDir& dir) {
    return small_campaign(dir, {{"A.1", "2"}, {"A.2", "1"}}, {"P;Association Alpha", "Q;Fondation Bêta"});
}

// The team's coordinator as the journal names them (« NAME (compte LOGIN) »),
// so that setup entries are what Cotation writes (journal verify replays
// who was coordinator, from which account, at each entry: trial 13c F1).
std::string coordinator_actor(const Session& s, const std::string& login_if_none) {
    for (const auto& [name, p] : s.team().people)
        if (p.role == Role::Coordinator) return name + " (compte " + (p.account.empty() ? login_if_none : p.account) + ")";
    return "essai (compte " + login_if_none + ")";
}

void bind_this_account(const std::string& campaign, const std::string& person) {
    auto s = Session::open(campaign);
    const Person* target = s->team().person(person);
    if (!target) throw std::runtime_error("bind_this_account : « " + person + " » ne fait pas partie de l'équipe");
    const std::string me = Session::os_login();
    // Someone else than the coordinator bound first: the coordinator gets an
    // account of their own before (« essai-coordination »), or no entry of
    // theirs could be written from an account bound to them afterwards, and
    // the gate before every write (trial 13e F1) would refuse the next one.
    if (target->role != Role::Coordinator && !s->team().accounts_declared())
        for (const auto& [name, p] : s->team().people)
            if (p.role == Role::Coordinator && p.account.empty()) {
                Person own = p;
                own.account = "essai-coordination";
                s->store().put_person(own, coordinator_actor(*s, me));
                s = Session::open(campaign);
                target = s->team().person(person);
                break;
            }
    // Bound first, then taken from whoever had it: each entry by the
    // coordinator from the account they have at that moment.
    Person bound = *target;
    bound.account = me;
    s->store().put_person(bound, coordinator_actor(*s, me));
    s = Session::open(campaign);
    const auto people = s->team().people;
    for (const auto& [name, p] : people)
        if (p.account == me && name != bound.name) {
            Person moved = p;
            // A coordinator keeps an account of their own (another one than
            // this): the coordinator's later entries stay theirs.
            moved.account = p.role == Role::Coordinator ? "essai-coordination" : "";
            s->store().put_person(moved, coordinator_actor(*s, me));
            s = Session::open(campaign);
        }
}

void forget_accounts(const std::string& campaign) {
    auto s = Session::open(campaign);
    std::vector<Person> bound;
    for (const auto& [name, p] : s->team().people)
        if (!p.account.empty()) bound.push_back(p);
    // The coordinators last: they write the others' entries from their account.
    std::stable_partition(bound.begin(), bound.end(), [](const Person& p) { return p.role != Role::Coordinator; });
    for (Person p : bound) {
        const std::string actor = coordinator_actor(*s, Session::os_login());
        p.account.clear();
        s->store().put_person(p, actor);
        s = Session::open(campaign);
    }
}

std::map<std::string, std::string> committee_variables_before_meeting(Session& s, const Date& on) {
    std::optional<Meeting> meeting;
    OpinionIndex opinions;
    DecisionIndex decisions;
    report::CommitteeContext ctx{s.grid(), s.campaign(), s.dossiers(), s.ranking(), nullptr, s.team(), meeting,
                                 std::nullopt, opinions, decisions, {}, {}, on, ""};
    return report::committee_variables(ctx);
}

}  // namespace cotation::test
