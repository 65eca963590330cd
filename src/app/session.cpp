#include "session.h"
#include "territory.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <set>

#include "app/input.h"
#include "app/session_internal.h"
#include "core/journal_grammar.h"
#include "core/campaign_rules.h"
#include "core/error.h"
#include "core/parameter_rules.h"
#include "core/french.h"
#include "core/journal_rules.h"
#include "core/rejection_rules.h"
#include "io/grid_reader.h"
#include "io/imports.h"
#include "io/offer.h"
#include "io/paths.h"
#include "io/territory_rules.h"
#include "io/procedure_reader.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"
#include "io/xml_tree.h"
#include "report/committee.h"
#include "report/letters.h"
#include "report/orders.h"
#include "store/change_words.h"
#include "store/open_store.h"
#include "store/write_check.h"

namespace cotation {
using session_detail::require;

namespace {
std::optional<Date>& simulated_day() {
    static std::optional<Date> day;
    return day;
}
}  // namespace

void Session::simulate_today(std::optional<Date> day) { simulated_day() = day; }

namespace {
std::optional<std::string>& simulated_login() {
    static std::optional<std::string> login;
    return login;
}
std::optional<std::string>& thread_login() {
    static thread_local std::optional<std::string> login;
    return login;
}
}  // namespace

void Session::simulate_os_login(std::optional<std::string> login) { simulated_login() = std::move(login); }
void Session::simulate_thread_login(std::optional<std::string> login) { thread_login() = std::move(login); }

std::string Session::os_login() {
    if (thread_login()) return *thread_login();
    if (simulated_login()) return *simulated_login();
    // The account of the process, as the system knows it: $USER is whatever
    // the caller exports.
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name) return pw->pw_name;
    return "uid " + std::to_string(geteuid());
}

Date Session::today() {
    if (simulated_day()) return *simulated_day();
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

namespace {

// Stored values are canonical text; the grid gives them their type.
// A dossier's value Cotation cannot read (`unreadable` given) is left out
// and said there, instead of stopping the campaign for the whole team
// (trial 15e F1: « huit » written in SQL in a dossier's places).
void type_values(const Grid& g, FactValues& values, const std::string& where,
                 std::vector<std::pair<std::string, std::string>>* unreadable = nullptr) {
    for (auto it = values.begin(); it != values.end();) {
        auto* s = std::get_if<std::string>(&it->second);
        const FactDef* def = s ? g.fact(it->first) : nullptr;
        if (!def) {   // typed already, or a fact the grid no longer knows, kept as text
            ++it;
            continue;
        }
        auto typed = from_canonical(def->type, *s);
        if (typed) {
            it->second = *typed;
            ++it;
            continue;
        }
        const std::string why = where + " : valeur « " + *s + " » illisible pour « " + def->label + " »";
        if (!unreadable) throw InputError(why + ".");
        unreadable->emplace_back(it->first, why);
        it = values.erase(it);
    }
}
}  // namespace

std::unique_ptr<Session> Session::open(const std::string& path) {
    std::unique_ptr<Session> s(new Session);
    s->path_ = path;
    s->store_ = open_campaign_store(path);   // a file or a server URI
    s->load();
    return s;
}

std::unique_ptr<Session> Session::open_read_only(const std::string& path) {
    std::unique_ptr<Session> s(new Session);
    s->path_ = path;
    s->store_ = open_campaign_store_read_only(path);
    s->load();
    return s;
}

std::unique_ptr<Session> Session::open_for_documents(const std::string& path) {
    std::unique_ptr<Session> s(new Session);
    s->path_ = path;
    s->store_ = open_campaign_store_read_only(path);
    s->store_->require_sound();   // before load(): a broken page is named, not met half-way
    s->load();
    // No document on rows changed outside Cotation (trial 13b F18).
    s->require_no_outside_change("aucun document n'a été écrit");
    return s;
}

std::unique_ptr<Session> Session::create(const std::string& path, const std::string& grid_path,
                                         const NewCampaign& nc, const std::string& actor) {
    std::string xml = io::read_file(grid_path, io::kXmlFile);
    Grid grid = io::read_grid(xml, grid_path, io::forms_beside(grid_path));
    // The procedure the grid names, read and checked with what the grid adds.
    io::ProcedureText procedure = io::procedures_beside(grid_path)(grid.procedure.procedure_id);
    ProcedureDef base = io::read_procedure(procedure.xml, procedure.file_name);
    if (base.id != grid.procedure.procedure_id)
        throw InputError(procedure.file_name + " : cette procédure est « " + base.id + " », la grille « " + grid.id +
                         " » demande « " + grid.procedure.procedure_id + " ».");
    amend_procedure(base, grid.procedure);
    Campaign c;
    c.reference = nc.reference;
    c.title = nc.title.empty() ? grid.title : nc.title;
    if (c.reference.empty()) throw InputError("La référence de la campagne est obligatoire.");
    for (const auto& p : grid.parameters)
        if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
    // The grid that types them is read here: the text goes through input::parameters, the one reader.
    for (const auto& [k, v] : input::parameters(grid, {nc.parameters.begin(), nc.parameters.end()})) {
        if (is_missing(v)) c.parameters.erase(k);
        else c.parameters[k] = v;
    }
    // Dates out of order (a committee in 2019 on a 2023 call): refused before anything is created.
    if (auto problems = calendar_problems(campaign_calendar(CampaignParameters(c.parameters))); !problems.empty())
        throw InputError(fr::join(problems, "\n"));
    // Parameters against each other, as the grid relates them (trial 13 R3).
    if (auto problems = parameter_problems(grid, c.parameters, session_detail::departement_exists); !problems.empty())
        throw InputError(fr::join(problems, "\n") + "\nRien n'a été créé.");
    // The authority: the grid's defaults, then what was given at creation.
    Authority& a = c.authority;
    if (grid.default_authority) a = *grid.default_authority;
    else a.name = grid.authority;
    if (a.tribunal.empty())
        if (auto t = c.parameters.find(param::kTribunal); t != c.parameters.end()) a.tribunal = to_canonical(t->second);
    if (!nc.authority.empty()) a.name = fr::trim(nc.authority);
    if (!nc.signatory.empty()) a.signatory = fr::trim(nc.signatory);
    if (!nc.city.empty()) a.city = fr::trim(nc.city);
    if (nc.authority_kind) a.kind = *nc.authority_kind;
    if (!nc.signatory_title.empty()) a.signatory_title = fr::trim(nc.signatory_title);
    if (!nc.tribunal.empty()) a.tribunal = fr::trim(nc.tribunal);
    if (!nc.address.empty()) a.address = nc.address;
    // The texts of every letter and order: no control nor invisible character (trial 13f F5).
    require(campaign_texts_refusal(c.reference, c.title));
    require(authority_refusal(a));
    for (const auto& [k, v] : c.parameters) require(parameter_text_refusal(k, v));
    // One tribunal (see load()): --param campagne.tribunal=… names the
    // authority's, as `cotation param` does; the parameter then shows it.
    if (auto t = nc.parameters.find(param::kTribunal); t != nc.parameters.end() && nc.tribunal.empty())
        if (auto v = c.parameters.find(param::kTribunal); v != c.parameters.end()) a.tribunal = to_canonical(v->second);
    if (!a.tribunal.empty()) c.parameters[param::kTribunal] = a.tribunal;
    std::string name = std::filesystem::path(grid_path).filename().string();
    // The call's territorial rules beside the grid (a custom grid brings its
    // own), checked now and pinned in the campaign: editing the shipped file
    // later changes no running campaign's allocation.
    const auto rules = io::territory_rules_beside_grid(grid_path, grid.id);
    if (rules) io::read_territory_rules(rules->text, rules->path, io::ReferenceData::instance());
    // The offer shipped with the grid becomes the campaign's own (checked
    // before the file is made): the grid's folder may move or change later.
    const auto offer = io::read_offer_beside_grid(grid_path, grid.id, io::ReferenceData::instance());
    std::unique_ptr<Session> s(new Session);
    s->path_ = path;
    PinnedGrid pinned{grid.id, grid.version, name, xml, grid.form_id.empty() ? "" : grid.form_id + ".xml", grid.form_xml,
                      std::filesystem::path(procedure.file_name).filename().string(), procedure.xml,
                      rules ? rules->name : "", rules ? rules->text : ""};
    // The creation journaled under the name said and the account it ran from (trial 13 F10).
    const std::string who = s->journal_actor(actor);
    CreationRest with_offer;
    if (offer)
        with_offer = [&](CampaignStore& store) {
            store.put_offer(*offer, "offre livrée avec la grille « " + offer->origin + " », prise à la création", who);
        };
    s->store_ = create_campaign_store(path, c, pinned, who, with_offer);
    s->load();
    return s;
}

// The write transaction of a change: the checks below it read the campaign as
// it stands inside it (reloaded when another program changed it), never as it
// was read at opening.
WriteScope Session::writing() {
    return WriteScope(*store_, [this] { load(); });
}

void Session::load() {
    snap_ = store_->load();
    closed_ = !store_->closed_since().empty();
    ++loads_;
    // One tribunal: the authority's (its <authority> in the grid, cotation
    // new --tribunal, cotation autorite); the parameter campagne.tribunal
    // shows it (a new user's trial: `cotation param` said « tribunal
    // administratif compétent » where the documents said « … de Bordeaux »).
    if (!snap_.campaign.authority.tribunal.empty())
        snap_.campaign.parameters[param::kTribunal] = snap_.campaign.authority.tribunal;
    // The grid and form pinned in the campaign, never the files of today.
    // Read again only when their texts changed: a reload (another person's
    // change, before a write) keeps the same Grid, so that what a form or a
    // view holds of it (a fact's definition, a criterion) stays valid (trial
    // 15d F1: the dossier form, after a conflict's reload, read its fields'
    // definitions in the grid the reload had freed, and the window ended).
    const std::string form_name = path_ + " (formulaire " + snap_.form_name + ")";
    std::string grid_key =
        path_ + '\n' + snap_.grid_name + '\n' + snap_.form_name + '\n' + snap_.grid_xml + '\n' + snap_.form_xml;
    if (grid_key != grid_key_) {
        grid_ = io::read_grid(snap_.grid_xml, path_ + " (grille " + snap_.grid_name + ")",
                              [&](const std::string&) { return io::FormText{snap_.form_xml, form_name}; });
        grid_key_ = std::move(grid_key);
    }
    // A parameter this grid cannot read (a date typed in SQL: issue 15 G3) is
    // left out (the grid's default then holds) and named, the campaign still opens.
    std::vector<std::pair<std::string, std::string>> bad_parameters;
    type_values(grid_, snap_.campaign.parameters, path_, &bad_parameters);
    // A refused write names the changes as this grid labels them (trial 15c F8).
    store_->say_changes_with([this](const JournalEntry& e) { return change_in_words(e, &grid_); });
    if (snap_.procedure_xml.empty()) {
        // Made before procedures were data (schema 8 or older): the CASF steps
        // were built in, but the calls Cotation ships are all appels à
        // candidatures, so the campaign takes the procedure its grid names
        // (appel-a-candidatures when it names none), pinned now and journaled.
        io::ProcedureText text = io::procedures_beside(io::grid_path(snap_.grid_name))(grid_.procedure.procedure_id);
        snap_.procedure_name = std::filesystem::path(text.file_name).filename().string();
        snap_.procedure_xml = text.xml;
        store_->pin_procedure(snap_.procedure_name, snap_.procedure_xml,
                              "campagne antérieure aux procédures en fichier : procédure de sa grille", "migration");
    }
    if (snap_.territory_rules) rules_text_ = *snap_.territory_rules;
    else pin_territory_rules();
    snap_.campaign.procedure = amend_procedure(
        io::read_procedure(snap_.procedure_xml, path_ + " (procédure " + snap_.procedure_name + ")"), grid_.procedure);
    index_dossiers();
    unreadable_.clear();
    for (const auto& u : snap_.unreadable) unreadable_.push_back(path_ + " : " + u);
    for (const auto& [name, why] : bad_parameters)
        unreadable_.push_back(why + " (ligne campaign_parameter, paramètre « " + name + " ») : valeur laissée de côté");
    // Named with the last entry that wrote it, and its server role: who to ask.
    auto last_writer = [&](const std::string& entity, const std::string& row_entity) {
        std::string last;
        for (const auto& e : store_->journal(entity))
            if (e.entity == entity || e.entity == row_entity)
                last = " ; dernière écriture : entrée n° " + std::to_string(e.seq) + " du " + journal_instant_text(e.at) +
                       ", par " + e.actor + (e.db_role.empty() ? "" : " (rôle du serveur « " + e.db_role + " »)");
        return last;
    };
    for (auto& d : snap_.dossiers) {
        std::vector<std::pair<std::string, std::string>> bad;
        type_values(grid_, d.facts, path_ + ", dossier " + d.reference, &bad);
        for (const auto& [fact, why] : bad)   // the dossier's addition, or that fact's change
            unreadable_.push_back(
                why + " (ligne dossier_fact, fait « " + fact + " ») : valeur laissée de côté" +
                last_writer(journal_text::dossier_entity(d.reference), journal_text::dossier_entity(d.reference, fact)));
    }
    // Values the import and the form refuse, entered in SQL with well-formed
    // entries (issue 15 G5: 5 where the grid allows 4, −3 places, a SIRET
    // failing its key, a commune unknown to the reference data): the import's
    // own checks (io::validate_field) on each dossier as stored, named with
    // the field and the entry that last wrote it.
    for (const auto& d : snap_.dossiers)
        for (const auto& [field, why] : io::stored_dossier_refusals(grid_, io::ReferenceData::instance(), d)) {
            const bool identity = d.facts.find(field) == d.facts.end();
            unreadable_.push_back(path_ + ", dossier « " + d.reference + " », champ « " + field + " » : " + why +
                                  " ; l'import et le formulaire refusent cette valeur, enregistrée hors de leurs contrôles" +
                                  last_writer(journal_text::dossier_entity(d.reference),
                                              identity ? journal_text::dossier_entity(d.reference)
                                                       : journal_text::dossier_entity(d.reference, field)));
        }
    // A rating outside the grid's scale (typed in SQL: trial 15f F3) counts for
    // nothing in the core (rating_counts); it is said, not silently dropped.
    std::map<std::int64_t, std::string> references;
    for (const auto& d : snap_.dossiers) references[d.id] = d.reference;
    for (const auto& r : snap_.ratings)
        if (r.value < grid_.scale_min || r.value > grid_.scale_max) {
            const std::string entity =
                journal_text::dossier_entity(references[r.dossier_id], "note", r.reviewer + "/" + r.criterion);
            unreadable_.push_back(path_ + ", dossier " + references[r.dossier_id] + " : note " + std::to_string(r.value) +
                                  " de « " + r.reviewer + " » au critère « " + r.criterion +
                                  " » hors de l'échelle de la grille (" + grid_.scale_text() +
                                  ") (ligne rating) : note laissée de côté" + last_writer(entity, entity));
        }
    // Room for the ratings of the session: the index points into the vector,
    // and a new rating appended without moving it adds one pointer only.
    snap_.ratings.reserve(snap_.ratings.size() + snap_.ratings.size() / 8 + 256);
    index_ratings_counted();
    index_refusals();
    invalidate();
}

std::string Session::territory_rules_shown() const {
    // Not pinned (a shipped file that does not read, a campaign opened read-only): that file.
    if (!snap_.territory_rules) return io::grid_path(grid_.id + ".territoire.txt");
    return path_ + " (règles territoriales " + (snap_.territory_rules_name.empty() ? grid_.id + ".territoire.txt"
                                                                                    : snap_.territory_rules_name) + ")";
}

// Made before the rules were pinned (schema 13 or older): the campaign takes
// the file shipped with its grid once, journaled, and says so. A file that
// does not read is not pinned (fixing it reaches the campaign); the error is
// the allocation's, said where the rules are used. A campaign that cannot be
// written here (opened read-only) reads the file without pinning it.
void Session::pin_territory_rules() {
    const std::string name = grid_.id + ".territoire.txt";
    const std::string path = io::grid_path(name);
    std::error_code ec;
    const bool exists = std::filesystem::is_regular_file(path, ec);
    rules_text_ = exists ? io::read_file(path) : "";
    if (exists) {
        try {
            io::read_territory_rules(rules_text_, path, io::ReferenceData::instance());
        } catch (const InputError&) {
            rules_notice_ = "Règles territoriales de l'appel lues dans « " + path +
                            " », qui comporte une erreur : elles ne sont pas figées dans la campagne.";
            return;
        }
    }
    const std::string why = "campagne antérieure aux règles figées (schéma 14) : " +
                            (exists ? "règles livrées avec la grille, figées à la première ouverture"
                                    : std::string("la grille n'en livre pas"));
    try {
        store_->pin_territory_rules(exists ? name : "", rules_text_, why, "migration");
        snap_.territory_rules = rules_text_;
        snap_.territory_rules_name = exists ? name : "";
        if (exists)
            rules_notice_ = "Règles territoriales de l'appel reprises du fichier livré « " + name +
                            " » et figées dans la campagne (journal) ; ce fichier n'est plus lu pour elle.";
    } catch (const Error&) {
        if (exists)
            rules_notice_ = "Règles territoriales de l'appel lues dans le fichier livré « " + name +
                            " » : la campagne ne peut pas être modifiée ici (ouverte en lecture), elles n'y sont pas figées.";
    }
}

std::string Session::not_refused(std::int64_t dossier_id) const {
    if (!snap_.prior_rejections.count(dossier_id)) return "";
    const Dossier* d = dossier_by_id(dossier_id);
    return "Le dossier « " + (d ? d->reference : std::string("?")) + " » a été refusé au préalable : il n'est pas noté.";
}

void Session::index_refusals() {
    refused_text_.clear();
    for (const auto& [id, r] : snap_.prior_rejections)
        refused_text_[id] = fr::capitalized(rejection_name(snap_.campaign.procedure)) + " — " +
                            ground_label(snap_.campaign.procedure, r.ground) + " : " + r.motive;
}

std::optional<std::size_t> Session::find(const std::string& reference) const {
    for (std::size_t i = 0; i < snap_.dossiers.size(); ++i)
        if (snap_.dossiers[i].reference == reference) return i;
    return std::nullopt;
}

const Ranking& Session::ranking() {
    if (!ranking_) {
        ranking_ = rank_dossiers(grid_, snap_.campaign, snap_.dossiers, rating_index_, &snap_.consolidation, &refused_text_);
        note_set_aside(*ranking_);
        note_figures(*ranking_);
        index_entries();
    }
    return *ranking_;
}

void Session::index_entries() {
    entry_of_.assign(snap_.dossiers.size(), 0);
    for (std::size_t i = 0; i < ranking_->ranked.size(); ++i) entry_of_[ranking_->ranked[i].dossier] = i * 3;
    for (std::size_t i = 0; i < ranking_->ineligible.size(); ++i) entry_of_[ranking_->ineligible[i].dossier] = i * 3 + 1;
    for (std::size_t i = 0; i < ranking_->pending.size(); ++i) entry_of_[ranking_->pending[i].dossier] = i * 3 + 2;
}

void Session::rescore(std::int64_t dossier_id) {
    // Every other cache follows the ratings as before; only the ranking is
    // kept, and brought up to date at the cost of this one dossier.
    std::optional<Ranking> kept = std::move(ranking_);
    std::optional<ProposalSetting> setting = std::move(proposal_setting_);
    JournalReads reads = std::move(journal_reads_);
    invalidate();
    // What does not follow the scores is kept: the journal's figures, the
    // proposal's setting (its candidates read again).
    if (setting) setting->follows_ranking = false;
    proposal_setting_ = std::move(setting);
    journal_reads_ = std::move(reads);
    auto pos = position_of_.find(dossier_id);
    if (!kept || pos == position_of_.end()) return;
    rerank_dossier(*kept, pos->second, grid_, snap_.campaign, snap_.dossiers, rating_index_, &snap_.consolidation,
                   &refused_text_);
    note_set_aside(*kept);
    note_figures(*kept);
    ranking_ = std::move(kept);
    index_entries();
}

void Session::note_figures(Ranking& r) {
    // A figure the authority changed is said so wherever the ranking's
    // reports are printed (check, instruction reports, committee file).
    const auto notes = changed_figure_notes();
    if (notes.empty()) return;
    for (auto* list : {&r.ranked, &r.ineligible, &r.pending})
        for (auto& e : *list)
            cotation::note_changed_figures(grid_, snap_.campaign, snap_.dossiers[e.dossier], e.eligibility, notes);
}

const RankingSolidity& Session::solidity() {
    if (!solidity_) solidity_ = ranking_solidity(grid_, ranking());
    return *solidity_;
}

const Agreement& Session::agreement() {
    if (!agreement_) agreement_ = measure_agreement(grid_, rating_index_, &snap_.consolidation);
    return *agreement_;
}

const RankEntry* Session::entry_of(std::size_t dossier_index) {
    const Ranking& r = ranking();
    if (dossier_index >= entry_of_.size()) return nullptr;
    std::size_t code = entry_of_[dossier_index];
    switch (code % 3) {
        case 0: return &r.ranked[code / 3];
        case 1: return &r.ineligible[code / 3];
        default: return &r.pending[code / 3];
    }
}

std::vector<const Rating*> Session::ratings_of(std::int64_t id) const {
    auto it = rating_index_.find(id);
    return it == rating_index_.end() ? std::vector<const Rating*>{} : it->second;
}

std::vector<std::string> Session::reviewers() const {
    std::set<std::string> s;
    for (const auto& r : snap_.ratings) s.insert(r.reviewer);
    return {s.begin(), s.end()};
}

void Session::close(const std::string& reason, const std::string& actor) {
    {
        auto w = writing();   // checks and write in one transaction (issue 13.5)
        authenticate(actor);
        require(snap_.team.may_coordinate(actor));
        require(text_refusal(reason, "Le motif de la clôture"));   // journaled as typed (trial 13c F7)
        require(closing_refusal(ranking(), snap_.dossiers,
                                [&](std::size_t k) { return snap_.decisions.count(snap_.dossiers[k].id) > 0; }));
        store_->close(fr::trim(reason), journal_actor(actor));
    }
    closed_ = true;   // committed (the scope's end throws otherwise)
}

void Session::reopen(const std::string& reason, const std::string& actor) {
    {
        auto w = writing();   // checks and write in one transaction (issue 13.5)
        authenticate(actor);
        require(snap_.team.may_coordinate(actor));
        require(reopening_refusal(reason));
        require(text_refusal(reason, "Le motif de la réouverture"));   // journaled as typed (trial 13c F7)
        store_->reopen(fr::trim(reason), journal_actor(actor));
    }
    closed_ = false;
}

void Session::index_dossiers() {
    position_of_.clear();
    for (std::size_t i = 0; i < snap_.dossiers.size(); ++i) position_of_[snap_.dossiers[i].id] = i;
}

const Dossier* Session::dossier_by_id(std::int64_t id) const {
    auto it = position_of_.find(id);
    return it == position_of_.end() ? nullptr : &snap_.dossiers[it->second];
}

const std::string& Session::organisme_of(std::int64_t dossier_id) const {
    static const std::string none;
    const Dossier* d = dossier_by_id(dossier_id);
    return d ? d->organisme : none;
}

const Dossier& Session::known_dossier(std::int64_t dossier_id) const {
    const Dossier* d = dossier_by_id(dossier_id);
    if (!d) throw InputError(unknown_dossier("n°" + std::to_string(dossier_id)));
    return *d;
}


}  // namespace cotation
