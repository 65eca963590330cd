#include "session.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <filesystem>
#include <set>

#include "app/input.h"
#include "core/error.h"
#include "core/french.h"
#include "io/grid_reader.h"
#include "io/imports.h"
#include "io/paths.h"
#include "io/procedure_reader.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"
#include "io/xml_tree.h"
#include "report/committee.h"
#include "report/letters.h"
#include "report/orders.h"

namespace cotation {
namespace {
std::optional<Date>& simulated_day() {
    static std::optional<Date> day;
    return day;
}
}  // namespace

void Session::simulate_today(std::optional<Date> day) { simulated_day() = day; }

Date Session::today() {
    if (simulated_day()) return *simulated_day();
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

namespace {

// « refus préalable », « rejet avant évaluation »: as the procedure calls it.
std::string rejection_name(const ProcedureDef& p) {
    return p.prior_rejection ? p.prior_rejection->name : std::string("refus préalable");
}
std::string capitalized(std::string s) {
    if (s.rfind("\xc3\xa9", 0) == 0) return "\xc3\x89" + s.substr(2);   // é -> É
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

void require(const std::string& refusal) {
    if (!refusal.empty()) throw InputError(refusal);
}
// Dossiers are registered and completed by instructors and the coordinator.
std::string may_instruct(const Team& team, const std::string& actor) {
    if (team.open_mode()) return "";
    const Person* p = team.person(actor);
    if (!p) return "« " + actor + " » n'est pas déclaré(e) dans cette campagne.";
    if (p->role == Role::CommitteeMember) return "Un membre de commission consulte les dossiers sans les modifier.";
    return "";
}
// Stored values are canonical text; the grid gives them their type.
void type_values(const Grid& g, FactValues& values, const std::string& where) {
    for (auto& [k, v] : values) {
        auto* s = std::get_if<std::string>(&v);
        if (!s) continue;
        const FactDef* def = g.fact(k);
        if (!def) continue;   // a fact the grid no longer knows is kept as text
        auto typed = from_canonical(def->type, *s);
        if (!typed) throw InputError(where + " : valeur « " + *s + " » illisible pour « " + def->label + " ».");
        v = *typed;
    }
}
}  // namespace

std::unique_ptr<Session> Session::open(const std::string& path) {
    std::unique_ptr<Session> s(new Session);
    s->path_ = path;
    s->store_ = open_sqlite_store(path);
    s->load();
    return s;
}

std::unique_ptr<Session> Session::open_read_only(const std::string& path) {
    std::unique_ptr<Session> s(new Session);
    s->path_ = path;
    s->store_ = open_sqlite_store_read_only(path);
    s->load();
    return s;
}

std::unique_ptr<Session> Session::create(const std::string& path, const std::string& grid_path,
                                         const NewCampaign& nc, const std::string& actor) {
    std::string xml = io::read_file(grid_path);
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
    for (const auto& [k, text] : nc.parameters) {
        const FactDef* def = grid.fact(k);
        if (!def || k.rfind("campagne.", 0) != 0)
            throw InputError("Paramètre « " + k + " » inconnu de la grille « " + grid.id + " ».");
        auto parsed = parse_input(*def, text);
        if (auto err = std::get_if<std::string>(&parsed)) throw InputError("Paramètre « " + k + " » : " + *err + ".");
        if (is_missing(std::get<Value>(parsed))) c.parameters.erase(k);
        else c.parameters[k] = std::get<Value>(parsed);
    }
    // The authority: the grid's defaults, then what was given at creation.
    Authority& a = c.authority;
    if (grid.default_authority) a = *grid.default_authority;
    else a.name = grid.authority;
    if (a.tribunal.empty())
        if (auto t = c.parameters.find("campagne.tribunal"); t != c.parameters.end()) a.tribunal = to_canonical(t->second);
    if (!nc.authority.empty()) a.name = fr::trim(nc.authority);
    if (!nc.signatory.empty()) a.signatory = fr::trim(nc.signatory);
    if (!nc.city.empty()) a.city = fr::trim(nc.city);
    if (nc.authority_kind) a.kind = *nc.authority_kind;
    if (!nc.signatory_title.empty()) a.signatory_title = fr::trim(nc.signatory_title);
    if (!nc.tribunal.empty()) a.tribunal = fr::trim(nc.tribunal);
    if (!nc.address.empty()) a.address = nc.address;
    std::string name = std::filesystem::path(grid_path).filename().string();
    std::unique_ptr<Session> s(new Session);
    s->path_ = path;
    PinnedGrid pinned{grid.id, grid.version, name, xml, grid.form_id.empty() ? "" : grid.form_id + ".xml", grid.form_xml,
                      std::filesystem::path(procedure.file_name).filename().string(), procedure.xml};
    s->store_ = create_sqlite_store(path, c, pinned, actor);
    s->load();
    return s;
}

void Session::load() {
    CampaignSnapshot snap = store_->load();
    // The grid and form pinned in the campaign, never the files of today.
    std::string form_xml = snap.form_xml, form_name = path_ + " (formulaire " + snap.form_name + ")";
    grid_ = io::read_grid(snap.grid_xml, path_ + " (grille " + snap.grid_name + ")",
                          [&](const std::string&) { return io::FormText{form_xml, form_name}; });
    campaign_ = std::move(snap.campaign);
    type_values(grid_, campaign_.parameters, path_);
    if (snap.procedure_xml.empty()) {
        // Made before procedures were data (schema 8 or older): the CASF steps
        // were built in, but the calls Cotation ships are all appels à
        // candidatures, so the campaign takes the procedure its grid names
        // (appel-a-candidatures when it names none), pinned now and journaled.
        io::ProcedureText text = io::procedures_beside(io::grid_path(snap.grid_name))(grid_.procedure.procedure_id);
        snap.procedure_name = std::filesystem::path(text.file_name).filename().string();
        snap.procedure_xml = text.xml;
        store_->pin_procedure(snap.procedure_name, snap.procedure_xml,
                              "campagne antérieure aux procédures en fichier : procédure de sa grille", "migration");
    }
    campaign_.procedure = amend_procedure(io::read_procedure(snap.procedure_xml, path_ + " (procédure " + snap.procedure_name + ")"),
                                          grid_.procedure);
    dossiers_ = std::move(snap.dossiers);
    index_dossiers();
    for (auto& d : dossiers_) type_values(grid_, d.facts, path_ + ", dossier " + d.reference);
    ratings_ = std::move(snap.ratings);
    // Room for the ratings of the session: the index points into the vector,
    // and a new rating appended without moving it adds one pointer only.
    ratings_.reserve(ratings_.size() + ratings_.size() / 8 + 256);
    rating_index_ = index_ratings(ratings_);
    consolidation_ = std::move(snap.consolidation);
    decisions_ = std::move(snap.decisions);
    team_ = std::move(snap.team);
    prior_rejections_ = std::move(snap.prior_rejections);
    steps_done_ = std::move(snap.steps_done);
    meeting_ = std::move(snap.meeting);
    opinions_ = std::move(snap.opinions);
    index_refusals();
    invalidate();
}

std::string Session::not_refused(std::int64_t dossier_id) const {
    if (!prior_rejections_.count(dossier_id)) return "";
    const Dossier* d = dossier_by_id(dossier_id);
    return "Le dossier « " + (d ? d->reference : std::string("?")) + " » a été refusé au préalable : il n'est pas noté.";
}

void Session::index_refusals() {
    refused_text_.clear();
    for (const auto& [id, r] : prior_rejections_)
        refused_text_[id] = capitalized(rejection_name(campaign_.procedure)) + " — " + ground_label(campaign_.procedure, r.ground) + " : " + r.motive;
}

std::optional<std::size_t> Session::find(const std::string& reference) const {
    for (std::size_t i = 0; i < dossiers_.size(); ++i)
        if (dossiers_[i].reference == reference) return i;
    return std::nullopt;
}

const Ranking& Session::ranking() {
    if (!ranking_) {
        ranking_ = rank_dossiers(grid_, campaign_, dossiers_, rating_index_, &consolidation_, &refused_text_);
        index_entries();
    }
    return *ranking_;
}

void Session::index_entries() {
    entry_of_.assign(dossiers_.size(), 0);
    for (std::size_t i = 0; i < ranking_->ranked.size(); ++i) entry_of_[ranking_->ranked[i].dossier] = i * 3;
    for (std::size_t i = 0; i < ranking_->ineligible.size(); ++i) entry_of_[ranking_->ineligible[i].dossier] = i * 3 + 1;
    for (std::size_t i = 0; i < ranking_->pending.size(); ++i) entry_of_[ranking_->pending[i].dossier] = i * 3 + 2;
}

void Session::rescore(std::int64_t dossier_id) {
    // Every other cache follows the ratings as before; only the ranking is
    // kept, and brought up to date at the cost of this one dossier.
    std::optional<Ranking> kept = std::move(ranking_);
    invalidate();
    auto pos = position_of_.find(dossier_id);
    if (!kept || pos == position_of_.end()) return;
    rerank_dossier(*kept, pos->second, grid_, campaign_, dossiers_, rating_index_, &consolidation_, &refused_text_);
    ranking_ = std::move(kept);
    index_entries();
}

const RankingSolidity& Session::solidity() {
    if (!solidity_) solidity_ = ranking_solidity(grid_, ranking());
    return *solidity_;
}

const Agreement& Session::agreement() {
    if (!agreement_) agreement_ = measure_agreement(grid_, rating_index_);
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
    for (const auto& r : ratings_) s.insert(r.reviewer);
    return {s.begin(), s.end()};
}

std::size_t Session::import_dossiers_file(const std::string& csv_path, const std::string& actor) {
    require(may_instruct(team_, actor));
    auto text = io::decode_text(io::read_file(csv_path), csv_path);
    auto ds = io::import_dossiers_csv(grid_, io::ReferenceData::instance(), text.utf8, csv_path,
                                      [&](const std::string& reference) { return find(reference).has_value(); });
    import_notice_ = text.notice;
    for (const auto& d : ds) require(near_duplicate(d.reference, 0, csv_path + ", dossier « " + d.reference + " »"));
    store_->add_dossiers(ds, actor);
    load();
    return ds.size();
}

std::size_t Session::import_ratings_file(const std::string& csv_path, const std::string& actor) {
    // With a team, ratings collected on paper are imported by the coordinator,
    // and each must still come from an assigned reviewer without a declared link.
    require(team_.may_coordinate(actor));
    std::map<std::string, std::int64_t> ids;
    for (const auto& d : dossiers_) ids[d.reference] = d.id;
    // Names already known (team, earlier ratings) keep their spelling.
    std::vector<std::string> known;
    for (const auto& [name, p] : team_.people) known.push_back(name);
    for (const auto& r : ratings_) known.push_back(r.reviewer);
    auto text = io::decode_text(io::read_file(csv_path), csv_path);
    // Each line's right to rate is checked with the others, so that every
    // erroneous line is listed with its number.
    auto may_rate = [&](const Rating& r) {
        std::string why = not_refused(r.dossier_id);
        if (why.empty()) why = team_.may_rate(r.reviewer, r.reviewer, r.dossier_id, organisme_of(r.dossier_id));
        return why;
    };
    auto rs = io::import_ratings_csv(grid_, ids, text.utf8, csv_path, known, may_rate);
    import_notice_ = text.notice;
    store_->put_ratings(rs, actor);
    load();
    return rs.size();
}

std::string Session::near_duplicate(const std::string& reference, std::int64_t except_id, const std::string& where) const {
    // References are compared as a reader would: trimmed, case folded.
    std::string key = fr::name_key(reference);
    for (const auto& d : dossiers_)
        // (an identical reference is refused by the store with its own message)
        if (d.id != except_id && d.reference != fr::trim(reference) && fr::name_key(d.reference) == key)
            return where + " : la référence " + fr::quote(reference) + " est déjà celle du dossier " + fr::quote(d.reference) +
                   " (les références ne diffèrent pas par la casse ni les espaces). Rien n'a été enregistré.";
    return "";
}

std::int64_t Session::add_dossier(const Dossier& d, const std::string& actor) {
    require(may_instruct(team_, actor));
    require(near_duplicate(d.reference, 0, "Nouveau dossier"));
    auto ids = store_->add_dossiers({d}, actor);
    Dossier copy = d;
    copy.id = ids.front();
    dossiers_.push_back(std::move(copy));
    position_of_[ids.front()] = dossiers_.size() - 1;
    invalidate();
    return ids.front();
}

void Session::update_dossier(const Dossier& d, const std::string& actor) {
    require(may_instruct(team_, actor));
    auto pos = position_of_.find(d.id);
    if (pos == position_of_.end()) throw InputError("Dossier « " + d.reference + " » inconnu de la campagne.");
    auto it = dossiers_.begin() + static_cast<long>(pos->second);
    if (d.reference != it->reference && find(d.reference))
        throw InputError("La référence « " + d.reference + " » est déjà celle d'un autre dossier.");
    require(near_duplicate(d.reference, d.id, "Dossier « " + it->reference + " »"));
    store_->update_dossier(*it, d, actor);
    *it = d;
    invalidate();
}

void Session::put_rating(const Rating& r, const std::string& actor) {
    if (!grid_.criterion(r.criterion)) throw InputError("Critère « " + r.criterion + " » inconnu de la grille.");
    // The grid's own scale (scale-max), not 0–5: a 0–10 grid takes an 8.
    if (r.value < grid_.scale_min || r.value > grid_.scale_max)
        throw InputError("Critère " + r.criterion + " : la note " + std::to_string(r.value) + " est hors de l'échelle " +
                         std::to_string(grid_.scale_min) + "–" + std::to_string(grid_.scale_max) + ".");
    require(not_refused(r.dossier_id));
    require(team_.may_rate(actor, r.reviewer, r.dossier_id, organisme_of(r.dossier_id)));
    store_->put_ratings({r}, actor);
    // Found through the dossier's own ratings, not by a scan of all of them.
    auto listed = rating_index_.find(r.dossier_id);
    const Rating* old = nullptr;
    if (listed != rating_index_.end())
        for (const Rating* x : listed->second)
            if (x->reviewer == r.reviewer && x->criterion == r.criterion) old = x;
    if (old) {
        ratings_[static_cast<std::size_t>(old - ratings_.data())] = r;
    } else if (ratings_.size() < ratings_.capacity()) {
        ratings_.push_back(r);
        rating_index_[r.dossier_id].push_back(&ratings_.back());
    } else {
        ratings_.push_back(r);
        rating_index_ = index_ratings(ratings_);   // the vector moved
    }
    rescore(r.dossier_id);
}

void Session::consolidate(std::int64_t dossier_id, const std::string& criterion, const std::string& value,
                          const std::string& reason, const std::string& actor) {
    require(team_.may_coordinate(actor));
    consolidate(dossier_id, criterion, input::rating("Note consolidée", value, grid_.scale_min, grid_.scale_max), reason, actor);
}

void Session::consolidate(std::int64_t dossier_id, const std::string& criterion, const Rational& value,
                          const std::string& reason, const std::string& actor) {
    require(team_.may_coordinate(actor));
    if (!grid_.criterion(criterion)) throw InputError("Critère « " + criterion + " » inconnu de la grille.");
    if (value < Rational(grid_.scale_min) || value > Rational(grid_.scale_max))
        throw InputError("Note consolidée " + fr::number(value) + " hors de l'échelle " + std::to_string(grid_.scale_min) + "–" +
                         std::to_string(grid_.scale_max) + ".");
    auto it = std::find_if(dossiers_.begin(), dossiers_.end(), [&](const Dossier& d) { return d.id == dossier_id; });
    if (it == dossiers_.end()) throw InputError("Dossier inconnu de la campagne.");
    std::map<std::string, ConsolidationDecision> none;
    DossierScore score = score_dossier(grid_, ratings_of(dossier_id), &none);
    const auto& mean = score.criteria[*grid_.criterion_index(criterion)].mean;
    if (!mean) throw InputError("Le critère " + criterion + " du dossier « " + it->reference + " » n'a encore aucune note justifiée.");
    if (value != *mean && fr::trim(reason).empty())
        throw InputError("La note consolidée " + fr::number(value) + " s'écarte de la moyenne des évaluateurs (" + fr::number(*mean) +
                         ") : écrivez le motif de cet écart.");
    ConsolidationDecision d{criterion, value, fr::trim(reason), actor};
    store_->put_consolidation(dossier_id, d, actor);
    consolidation_[dossier_id][criterion] = d;
    rescore(dossier_id);
}

void Session::decide(std::int64_t dossier_id, const Decision& input, const std::string& actor) {
    require(team_.may_coordinate(actor));
    auto it = std::find_if(dossiers_.begin(), dossiers_.end(), [&](const Dossier& d) { return d.id == dossier_id; });
    if (it == dossiers_.end()) throw InputError("Dossier inconnu de la campagne.");
    Decision d = input;
    // The adopted ranking is the committee's opinion (art. R. 313-6: the
    // ranked list is its opinion); a decision departing from it says why.
    if (!d.committee_opinion) d.committee_opinion = committee_opinion(dossier_id);
    d.motive = fr::trim(d.motive);
    d.departure_reason = fr::trim(d.departure_reason);
    d.author = actor;
    const RankEntry* e = entry_of(static_cast<std::size_t>(it - dossiers_.begin()));
    if (e->proposal == Proposal::Pending)
        throw InputError("Le dossier « " + it->reference + " » attend un arbitrage (" + e->proposal_reason +
                         ") : la décision vient après.");
    if (e->apart() && (d.kind == DecisionKind::Retained || d.kind == DecisionKind::Complementary))
        throw InputError("Le dossier « " + it->reference + " » est irrecevable (" + e->apart_reasons().front() +
                         ") : il ne peut être ni retenu ni inscrit en liste complémentaire.");
    if (d.kind == DecisionKind::Retained && !e->below_minimum.empty())
        throw InputError("Le dossier « " + it->reference + " » n'atteint pas une note éliminatoire de la grille (" +
                         e->below_minimum.front() + ") : il ne peut pas être retenu.");
    if (d.kind != DecisionKind::Retained && d.motive.empty())
        throw InputError("Une décision « " + std::string(decision_label(d.kind)) + " » doit être motivée.");
    // A complementary list is compatible with a "not retained" opinion: the
    // ranked list does not say who waits on it.
    bool departs = d.committee_opinion && *d.committee_opinion != d.kind &&
                   !(*d.committee_opinion == DecisionKind::NotRetained && d.kind == DecisionKind::Complementary);
    if (departs && d.departure_reason.empty())
        throw InputError("La décision s'écarte de l'avis de la commission (« " + std::string(decision_label(*d.committee_opinion)) +
                         " ») : écrivez pourquoi.");
    // A dossier outside the voted ranking (awaiting arbitration at the vote,
    // or added since) has no opinion of the committee: retaining it departs
    // from the opinion voted as much as overturning a rank does.
    if (!d.committee_opinion && d.kind == DecisionKind::Retained && d.departure_reason.empty()) {
        const auto& check = meeting_check();
        if (check && check->adopted)
            throw InputError("Le dossier « " + it->reference +
                             " » est hors du classement voté par la commission : le retenir s'écarte de son avis, "
                             "écrivez pourquoi.");
    }
    if (d.kind == DecisionKind::Retained) {
        Value asked_v = it->get("places");
        const Rational* asked = std::get_if<Rational>(&asked_v);
        // Units (UPHV: 8 beds) and missions (CRT) as the grid declares them.
        CapacityModel model = capacity_model(grid_, campaign_);
        if (model.per_dossier) {
            // A retained dossier receives one mission, whatever it entered as "places"
            // (CRT: 0, as Annexe 2 registers it; the workbench pre-fills what was asked).
            if (d.places && *d.places > Rational(1))
                throw InputError("Dossier « " + it->reference + " » : un dossier retenu reçoit " + model.capacity_text(Rational(1)) +
                                 ", pas " + model.capacity_text(*d.places) + ".");
            d.places = Rational(1);
            asked = nullptr;
        }
        if (!d.places) {
            if (!asked) throw InputError("Indiquez la capacité accordée au dossier « " + it->reference + " ».");
            d.places = *asked;
        }
        Rational others;
        for (const auto& [other, x] : decisions_)
            if (other != dossier_id && x.kind == DecisionKind::Retained && x.places) others += model.used_by(*x.places);
        if (auto refusal = grant_refusal(model, *d.places, asked, others))
            throw InputError("Dossier « " + it->reference + " » : " + *refusal);
    } else {
        d.places.reset();
    }
    store_->put_decision(dossier_id, d, actor);
    decisions_[dossier_id] = d;
}

void Session::close(const std::string& reason, const std::string& actor) {
    require(team_.may_coordinate(actor));
    const Ranking& r = ranking();
    if (!r.pending.empty())
        throw InputError(std::to_string(r.pending.size()) + " dossier(s) attendent encore un arbitrage du coordonnateur : "
                         "la campagne ne peut pas être close.");
    store_->close(fr::trim(reason), actor);
}

void Session::reopen(const std::string& reason, const std::string& actor) {
    require(team_.may_coordinate(actor));
    if (fr::trim(reason).empty())
        throw InputError("Rouvrir une campagne close demande le motif écrit du coordonnateur : il est inscrit au journal.");
    store_->reopen(fr::trim(reason), actor);
}

void Session::set_parameter(const std::string& name, const std::string& text, const std::string& actor) {
    require(team_.may_coordinate(actor));
    const FactDef* def = grid_.fact(name);
    if (!def || name.rfind("campagne.", 0) != 0)
        throw InputError("Paramètre « " + name + " » inconnu de la grille « " + grid_.id + " ».");
    auto parsed = parse_input(*def, text);
    if (auto err = std::get_if<std::string>(&parsed)) throw InputError("Paramètre « " + name + " » : " + *err + ".");
    const Value& v = std::get<Value>(parsed);
    store_->set_parameter(name, to_canonical(v), actor);
    if (is_missing(v)) campaign_.parameters.erase(name);
    else campaign_.parameters[name] = v;
    invalidate();
    // The tribunal is the authority's now; `cotation param F campagne.tribunal=…`
    // keeps working by setting it there too.
    if (name == "campagne.tribunal" && !is_missing(v) && to_canonical(v) != campaign_.authority.tribunal) {
        Authority a = campaign_.authority;
        a.tribunal = to_canonical(v);
        store_->set_authority(a, actor);
        campaign_.authority = a;
    }
}

const std::vector<std::string>& Session::authority_field_names() {
    static const std::vector<std::string> names{"type", "nom", "adresse", "signataire", "qualite",
                                                "ville", "tribunal", "adresse_tribunal", "logo"};
    return names;
}

void Session::set_authority(const Authority& input, const std::string& actor) {
    require(team_.may_coordinate(actor));
    Authority a = input;
    for (std::string* f : {&a.name, &a.signatory, &a.signatory_title, &a.city, &a.tribunal, &a.tribunal_address, &a.logo})
        *f = fr::trim(*f);
    std::vector<std::string> lines;
    for (const auto& l : a.address)
        if (!fr::trim(l).empty()) lines.push_back(fr::trim(l));
    a.address = lines;
    if (a.name.empty()) throw InputError("Autorité : le nom de l'autorité qui lance l'appel est obligatoire.");
    if (a.signatory_title.empty())
        throw InputError("Autorité : la qualité du signataire est obligatoire (par exemple « Le Président du Conseil départemental »).");
    if (!a.logo.empty()) {
        std::string png = io::read_file(a.logo);
        if (png.size() < 8 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
            throw InputError("Autorité, logo « " + a.logo + " » : ce n'est pas une image PNG.");
    }
    if (a == campaign_.authority) return;
    store_->set_authority(a, actor);
    campaign_.authority = a;
}

void Session::set_authority_field(const std::string& field, const std::string& text, const std::string& actor) {
    Authority a = campaign_.authority;
    std::string v = fr::trim(text);
    if (field == "type") {
        auto k = authority_kind_from_text(v);
        if (!k) throw InputError("Autorité, type « " + text + " » inconnu : ars, departement ou autre.");
        a.kind = *k;
    } else if (field == "nom") a.name = v;
    else if (field == "adresse") {
        a.address.clear();
        std::string line;
        for (char c : v + "\n") {
            if (c == '|' || c == '\n') {
                if (!fr::trim(line).empty()) a.address.push_back(fr::trim(line));
                line.clear();
            } else line += c;
        }
    } else if (field == "signataire") a.signatory = v;
    else if (field == "qualite") a.signatory_title = v;
    else if (field == "ville") a.city = v;
    else if (field == "tribunal") a.tribunal = v;
    else if (field == "adresse_tribunal") a.tribunal_address = v;
    else if (field == "logo") a.logo = v;
    else {
        std::string known;
        for (const auto& n : authority_field_names()) known += (known.empty() ? "" : ", ") + n;
        throw InputError("Autorité : champ « " + field + " » inconnu (" + known + ").");
    }
    set_authority(a, actor);
}

Session::GridCandidate Session::read_candidate_grid(const std::string& grid_path) const {
    std::string xml = io::read_file(grid_path);
    // A form missing beside the file is taken from the campaign's own.
    io::FormLoader beside = io::forms_beside(grid_path);
    std::string pinned_form = grid_.form_xml, pinned_id = grid_.form_id;
    auto forms = [&](const std::string& id) {
        try {
            return beside(id);
        } catch (const InputError&) {
            if (id == pinned_id) return io::FormText{pinned_form, path_ + " (formulaire " + id + ")"};
            throw;
        }
    };
    Grid g = io::read_grid(xml, grid_path, forms);
    return {std::move(g), xml, std::filesystem::path(grid_path).filename().string()};
}

Session::GridCandidate Session::candidate_from_xml(const std::string& xml, const std::string& name) const {
    std::string pinned_form = grid_.form_xml, pinned_id = grid_.form_id;
    auto forms = [&](const std::string& id) {
        if (id != pinned_id) return io::forms_beside(io::data_root() + "/scoring-grids/" + name)(id);
        return io::FormText{pinned_form, path_ + " (formulaire " + id + ")"};
    };
    Grid g = io::read_grid(xml, name, forms);
    return {std::move(g), xml, name};
}

GridChange Session::preview_grid_change(const GridCandidate& c) {
    return compare_grids(grid_, c.grid, campaign_, dossiers_, rating_index_, &consolidation_);
}

void Session::apply_grid_change(const GridCandidate& c, const std::string& reason, const std::string& actor) {
    require(team_.may_coordinate(actor));
    if (c.grid.id == grid_.id && c.grid.version == grid_.version)
        throw InputError("La grille « " + c.grid.id + " » est déjà en version " + c.grid.version +
                         " dans cette campagne : une modification doit porter un nouveau numéro de version.");
    if (fr::trim(reason).empty()) throw InputError("Indiquez le motif du changement de grille : il est inscrit au journal.");
    if (c.grid.procedure.procedure_id != campaign_.procedure.id)
        throw InputError("La grille « " + c.grid.id + " » version " + c.grid.version + " suit la procédure « " +
                         c.grid.procedure.procedure_id + " », la campagne suit « " + campaign_.procedure.id +
                         " » : une campagne ne change pas de procédure en cours de route.");
    amend_procedure(campaign_.procedure, c.grid.procedure);   // its steps must fit the campaign's procedure
    std::map<std::string, std::string> added;
    for (const auto& p : c.grid.parameters)
        if (!campaign_.parameters.count(p.def.id) && !is_missing(p.default_value))
            added[p.def.id] = to_canonical(p.default_value);
    PinnedGrid pinned{c.grid.id, c.grid.version, c.name, c.xml, c.grid.form_id.empty() ? "" : c.grid.form_id + ".xml",
                      c.grid.form_xml};
    store_->change_grid(pinned, added, fr::trim(reason), actor);
    load();
}

void Session::index_dossiers() {
    position_of_.clear();
    for (std::size_t i = 0; i < dossiers_.size(); ++i) position_of_[dossiers_[i].id] = i;
}

const Dossier* Session::dossier_by_id(std::int64_t id) const {
    auto it = position_of_.find(id);
    return it == position_of_.end() ? nullptr : &dossiers_[it->second];
}

const std::string& Session::organisme_of(std::int64_t dossier_id) const {
    static const std::string none;
    const Dossier* d = dossier_by_id(dossier_id);
    return d ? d->organisme : none;
}

void Session::add_person(const Person& p, const std::string& actor) {
    if (fr::trim(p.name).empty()) throw InputError("Le nom de la personne est obligatoire.");
    if (team_.open_mode() && p.role != Role::Coordinator)
        throw InputError("Déclarez d'abord le coordonnateur de la campagne : c'est lui qui déclare ensuite l'équipe.");
    if (!team_.open_mode()) require(team_.may_coordinate(actor));
    store_->put_person(p, actor);
    team_.people[p.name] = p;
    meeting_check_.reset();
}

void Session::assign(std::int64_t dossier_id, const std::string& reviewer, bool add, const std::string& actor) {
    if (add) require(team_.may_assign(actor, reviewer, organisme_of(dossier_id)));
    else require(team_.may_coordinate(actor));
    store_->assign(dossier_id, reviewer, add, actor);
    if (add) team_.assignments[dossier_id].insert(reviewer);
    else team_.assignments[dossier_id].erase(reviewer);
}

void Session::declare_conflict(const std::string& reviewer, const std::string& organisme, const std::string& declaration,
                               const std::string& actor, std::optional<Date> signed_on) {
    if (!team_.person(reviewer)) throw InputError("« " + reviewer + " » n'est pas déclaré(e) dans cette campagne.");
    if (actor != reviewer) require(team_.may_coordinate(actor));
    if (fr::trim(declaration).empty()) throw InputError("Décrivez le lien déclaré (nature, période).");
    if (signed_on && *signed_on > today()) throw InputError("Une déclaration ne peut pas être datée de l'avenir.");
    ConflictDeclaration c{reviewer, organisme, fr::trim(declaration), actor, signed_on.value_or(today())};
    store_->declare_conflict(c, actor);
    team_.conflicts.push_back(c);
    meeting_check_.reset();
    for (auto& [id, reviewers] : team_.assignments)
        if (organisme_of(id) == organisme) reviewers.erase(reviewer);
}

void Session::submit(std::int64_t dossier_id, const std::string& reviewer, const std::string& actor) {
    if (!team_.open_mode() && actor != reviewer)
        throw InputError("Chacun soumet ses propres notes : « " + actor + " » ne peut pas soumettre pour « " + reviewer + " ».");
    std::set<std::string> rated;
    for (const Rating* r : ratings_of(dossier_id))
        if (r->reviewer == reviewer && rating_counts(grid_, *r)) rated.insert(r->criterion);
    std::vector<std::string> missing;
    for (const auto& t : grid_.themes)
        for (const auto& c : t.criteria)
            if (!rated.count(c.id)) missing.push_back(c.id);
    if (!missing.empty()) {
        std::string list;
        for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
        throw InputError("Notes incomplètes : il manque une note justifiée pour " + list + ".");
    }
    store_->submit(dossier_id, reviewer, actor);
    team_.submitted[dossier_id].insert(reviewer);
}

std::vector<const Rating*> Session::visible_ratings(std::int64_t dossier_id, const std::string& viewer) const {
    std::vector<const Rating*> out;
    bool all = team_.sees_others(viewer, dossier_id, organisme_of(dossier_id));
    for (const Rating* r : ratings_of(dossier_id))
        if (all || r->reviewer == viewer) out.push_back(r);
    return out;
}

std::optional<Date> Session::date_parameter(const char* name) const {
    auto it = campaign_.parameters.find(name);
    if (it == campaign_.parameters.end()) return std::nullopt;
    if (auto d = std::get_if<Date>(&it->second)) return *d;
    return std::nullopt;
}

Meeting Session::meeting_draft() const {
    if (meeting_) return *meeting_;
    Meeting m;
    m.date = date_parameter("campagne.date_commission").value_or(today());
    return m;
}

void Session::reject_prior(std::int64_t dossier_id, RejectionGround ground, const std::string& motive, const std::string& actor,
                           std::optional<Date> on) {
    require(team_.may_coordinate(actor));
    const Dossier* d = dossier_by_id(dossier_id);
    if (!d) throw InputError("Dossier inconnu de la campagne.");
    const ProcedureDef& p = campaign_.procedure;
    if (!p.prior_rejection)
        throw InputError("La procédure « " + p.title + " » ne prévoit pas de rejet avant l'évaluation.");
    if (!p.ground(ground_code(ground)))
        throw InputError("Motif « " + std::string(ground_code(ground)) + " » : la procédure « " + p.title + " » ne le prévoit pas.");
    if (fr::trim(motive).empty())
        throw InputError("Le " + rejection_name(p) + " du dossier « " + d->reference + " » doit être motivé" +
                         (p.prior_rejection->basis.empty() ? "" : " (" + p.prior_rejection->basis + ")") + ".");
    if (ground == RejectionGround::Late) {
        auto deadline = date_parameter("campagne.date_limite");
        Value v = d->get("date_depot");
        const Date* deposited = std::get_if<Date>(&v);
        if (!deadline) throw InputError("La date limite de dépôt (campagne.date_limite) n'est pas renseignée : le dépôt tardif ne peut pas être constaté.");
        if (!deposited) throw InputError("La date de dépôt du dossier « " + d->reference + " » n'est pas renseignée.");
        if (*deposited <= *deadline)
            throw InputError("Le dossier « " + d->reference + " » a été déposé le " + deposited->french_numeric() +
                             ", au plus tard à la date limite du " + deadline->french_numeric() + " : il n'est pas hors délai.");
    }
    if (decisions_.count(dossier_id))
        throw InputError("Le dossier « " + d->reference + " » a déjà une décision : le " + rejection_name(p) +
                         " vient avant la décision.");
    PriorRejection r{ground, fr::trim(motive), on.value_or(today()), actor};
    store_->put_prior_rejection(dossier_id, r, actor);
    prior_rejections_[dossier_id] = r;
    index_refusals();
    invalidate();
}

void Session::lift_prior_rejection(std::int64_t dossier_id, const std::string& reason, const std::string& actor) {
    require(team_.may_coordinate(actor));
    const Dossier* d = dossier_by_id(dossier_id);
    const std::string name = rejection_name(campaign_.procedure);
    if (!d || !prior_rejections_.count(dossier_id)) throw InputError("Ce dossier n'a pas de " + name + ".");
    if (fr::trim(reason).empty())
        throw InputError("Lever le " + name + " du dossier « " + d->reference + " » demande un motif (révision demandée).");
    store_->put_prior_rejection(dossier_id, std::nullopt, actor + " — " + fr::trim(reason));
    prior_rejections_.erase(dossier_id);
    index_refusals();
    invalidate();
}

std::string Session::interest_basis() const {
    const auto& c = campaign_.procedure.committee;
    return c && !c->interest_basis.empty() ? " (" + c->interest_basis + ")" : "";
}

std::vector<std::size_t> Session::late_dossiers() const {
    std::vector<std::size_t> out;
    auto deadline = date_parameter("campagne.date_limite");
    if (!deadline) return out;
    for (std::size_t i = 0; i < dossiers_.size(); ++i) {
        Value v = dossiers_[i].get("date_depot");
        const Date* deposited = std::get_if<Date>(&v);
        if (deposited && *deposited > *deadline && !prior_rejections_.count(dossiers_[i].id)) out.push_back(i);
    }
    return out;
}

std::vector<CalendarStep> Session::calendar(const Date& on) const {
    CalendarFacts f;
    for (const auto& [name, v] : campaign_.parameters)
        if (auto d = std::get_if<Date>(&v)) f.dates[name] = *d;
    f.recorded = steps_done_;
    f.has_prior_rejections = !prior_rejections_.empty();
    if (meeting_ && !meeting_->votes.empty()) f.meeting_held = meeting_->date;
    // Decided when every dossier not refused beforehand has a decision.
    std::optional<Date> last;
    bool all = !dossiers_.empty();
    for (const auto& d : dossiers_) {
        if (prior_rejections_.count(d.id)) continue;
        auto it = decisions_.find(d.id);
        if (it == decisions_.end()) {
            all = false;
            break;
        }
        if (!last || it->second.date > *last) last = it->second.date;
    }
    if (all) f.all_decided = last;
    auto steps = procedure_calendar(campaign_.procedure, f, on);
    // Each request for missing pieces, due on its deadline (session_orders.cpp).
    for (const auto& d : dossiers_)
        if (pieces_requested(d.id)) steps.push_back(pieces_step(d.reference, pieces(d.id, on)));
    return steps;
}

void Session::record_step(const std::string& step, const std::string& date_text, const std::string& actor) {
    record_step(step, input::date("Date de l'étape « " + step + " »", date_text), actor);
}

void Session::record_step(const std::string& step, const Date& done, const std::string& actor) {
    require(team_.may_coordinate(actor));
    if (!campaign_.procedure.recordable(step)) {
        std::string known;
        for (const auto& s : campaign_.procedure.steps)
            if (s.recordable) known += (known.empty() ? "" : ", ") + s.id;
        throw InputError("Étape « " + step + " » : elle ne se déclare pas à la main (étapes déclarables : " + known + ").");
    }
    store_->record_step(step, done, actor);
    steps_done_[step] = done;
}

std::map<std::string, std::string> Session::organismes_by_reference() const {
    std::map<std::string, std::string> out;
    for (const auto& d : dossiers_) out[d.reference] = d.organisme;
    return out;
}

const std::optional<MeetingCheck>& Session::meeting_check() const {
    if (!meeting_check_)
        meeting_check_ = meeting_ ? std::optional<MeetingCheck>(check_meeting(*meeting_, team_, organismes_by_reference(),
                                                                              campaign_.procedure.committee.value_or(CommitteeRules{})))
                                  : std::nullopt;
    return *meeting_check_;
}

void Session::put_meeting(const Meeting& input, const std::string& actor) {
    require(team_.may_coordinate(actor));
    if (!campaign_.procedure.committee)
        throw InputError("La procédure de cette campagne (" + campaign_.procedure.title + ") n'a pas de commission : pas de séance à enregistrer.");
    Meeting m = input;
    auto member = [&](const std::string& name) {
        const Person* p = team_.person(name);
        return p && p->role == Role::CommitteeMember;
    };
    if (fr::trim(m.president).empty()) throw InputError("Désignez le président ou la présidente de séance (--president NOM).");
    if (!member(m.president) || !team_.person(m.president)->deliberative)
        throw InputError("Le président de séance « " + m.president + " » doit être membre de la commission avec voix délibérative.");
    for (const auto& [name, a] : m.attendance) {
        if (!member(name)) throw InputError("« " + name + " » n'est pas membre de la commission.");
        if (a.presence == Presence::Represented && !member(a.proxy))
            throw InputError("Mandat de « " + name + " » : « " + a.proxy + " » n'est pas membre de la commission.");
    }
    if (m.attendance.count(m.president) && m.attendance[m.president].presence != Presence::Present)
        throw InputError("Le président de séance « " + m.president + " » doit être présent.");
    m.attendance[m.president].presence = Presence::Present;
    for (const auto& [name, v] : m.votes)
        if (!member(name)) throw InputError("Vote de « " + name + " » : ce n'est pas un membre de la commission.");
    for (auto& [name, text] : m.observations) {
        if (!member(name)) throw InputError("Observation de « " + name + " » : ce n'est pas un membre de la commission.");
        text = fr::trim(text);
    }
    // The vote is on the ranking of the moment: keep it with the vote, so that
    // later changes of ratings never rewrite the committee's opinion.
    if (m.votes.empty()) m.voted.clear();
    else if (!meeting_ || meeting_->votes != m.votes || meeting_->voted.empty()) m.voted = voted_entries(ranking(), dossiers_);
    else m.voted = meeting_->voted;
    store_->put_meeting(m, actor);
    meeting_ = std::move(m);
    meeting_check_.reset();
    voted_opinion_.reset();
    changes_since_vote_.reset();
}

void Session::give_opinion(std::int64_t dossier_id, const MemberOpinion& input, const std::string& actor) {
    MemberOpinion op = input;
    op.comment = fr::trim(op.comment);
    const Dossier* d = dossier_by_id(dossier_id);
    if (!d) throw InputError("Dossier inconnu de la campagne.");
    if (!team_.open_mode()) {
        const Person* p = team_.person(actor);
        if (!p || p->role != Role::CommitteeMember)
            throw InputError("Seul un membre de la commission donne un avis ; « " + actor + " » ne l'est pas.");
        if (op.member != actor) throw InputError("« " + actor + " » ne peut pas donner un avis au nom de « " + op.member + " ».");
    }
    if (team_.in_conflict(op.member, d->organisme))
        throw InputError("« " + op.member + " » a déclaré un lien avec « " + d->organisme +
                         " » : il ou elle ne prend pas part à la délibération sur ce dossier" + interest_basis() + ".");
    if (op.opinion != Opinion::Favourable && op.comment.empty())
        throw InputError("Un avis « " + std::string(opinion_label(op.opinion)) + " » s'accompagne de sa raison.");
    store_->put_opinion(dossier_id, op, actor);
    auto& list = opinions_[dossier_id];
    auto it = std::find_if(list.begin(), list.end(), [&](const MemberOpinion& x) { return x.member == op.member; });
    if (it != list.end()) *it = op;
    else list.push_back(op);
}

std::optional<DecisionKind> Session::committee_opinion(std::int64_t dossier_id) {
    const auto& check = meeting_check();
    if (!check || !check->adopted) return std::nullopt;
    const Dossier* d = dossier_by_id(dossier_id);
    if (!d) return std::nullopt;
    // The ranking as voted, not as it stands today.
    if (!voted_opinion_) {
        voted_opinion_.emplace();
        for (const auto& e : meeting_->voted) (*voted_opinion_)[e.reference] = e.opinion;
    }
    auto it = voted_opinion_->find(d->reference);
    return it == voted_opinion_->end() ? std::nullopt : it->second;
}

std::vector<std::string> Session::changes_since_vote() {
    if (!meeting_ || meeting_->voted.empty()) return {};
    if (!changes_since_vote_) changes_since_vote_ = ranking_changes(meeting_->voted, voted_entries(ranking(), dossiers_));
    return *changes_since_vote_;
}

namespace {
Date required_date(const std::optional<Date>& d, const std::string& what, const std::string& parameter) {
    if (d) return *d;
    throw InputError(what + " est daté par la campagne, jamais par l'horloge : renseignez " + parameter +
                     " (cotation param FICHIER " + parameter + "=JJ/MM/AAAA).");
}
}  // namespace

std::optional<Date> Session::committee_date() const {
    if (meeting_) return meeting_->date;
    return date_parameter("campagne.date_commission");
}

std::optional<Date> Session::committee_file_day() const {
    // The step before the committee's meeting (reports sent, instruction
    // done) on the day it was recorded, else its due date.
    const auto& steps = campaign_.procedure.steps;
    auto meeting = std::find_if(steps.begin(), steps.end(), [](const StepDef& s) { return s.done == StepDone::Meeting; });
    if (meeting != steps.begin() && meeting != steps.end()) {
        const std::string& before = std::prev(meeting)->id;
        if (auto r = steps_done_.find(before); r != steps_done_.end()) return r->second;
        for (const auto& st : calendar(Date{1970, 1, 1}))
            if (st.id == before && st.due) return *st.due;
    }
    return committee_date();
}

Date Session::committee_file_date() const {
    return required_date(committee_file_day(), "Le dossier de la commission", "campagne.date_commission");
}

void Session::write_committee_file(const std::string& path) {
    const Ranking& r = ranking();
    Date on = committee_file_date();
    report::CommitteeContext ctx{grid_, campaign_, dossiers_, r, &solidity(), team_, meeting_, meeting_check(), opinions_,
                                 decisions_, calendar(on), changes_since_vote(), on, io::data_root() + "/templates"};
    report::write_committee_file(ctx, path);
}

void Session::write_minutes(const std::string& path) {
    const Ranking& r = ranking();
    if (!meeting_) throw InputError("Aucune séance de la commission n'est enregistrée : pas de procès-verbal.");
    Date on = meeting_->date;
    report::CommitteeContext ctx{grid_, campaign_, dossiers_, r, &solidity(), team_, meeting_, meeting_check(), opinions_,
                                 decisions_, calendar(on), changes_since_vote(), on, io::data_root() + "/templates"};
    report::write_minutes(ctx, path);
}

report::DocumentBatch Session::write_instruction_reports(const std::string& out_dir, const std::string& only_reference,
                                                         std::size_t limit) {
    const Ranking& r = ranking();
    Date on = required_date(committee_date(), "Un compte rendu d'instruction", "campagne.date_commission");
    report::CommitteeContext ctx{grid_, campaign_, dossiers_, r, &solidity(), team_, meeting_, meeting_check(), opinions_,
                                 decisions_, {}, {}, on, io::data_root() + "/templates"};
    ctx.ratings = &rating_index_;
    ctx.consolidation = &consolidation_;
    return report::write_instruction_reports(ctx, out_dir, only_reference, limit);
}

std::optional<Date> Session::letters_date() const {
    if (auto d = date_parameter("campagne.date_courrier")) return d;
    if (auto d = committee_date()) return d;
    std::optional<Date> last;
    for (const auto& [id, x] : decisions_)
        if (!last || x.date > *last) last = x.date;
    return last;
}

Date Session::letter_date() const { return letters_date().value_or(today()); }

report::DocumentBatch Session::write_letters(const std::string& out_dir, const std::string& only_reference,
                                             std::size_t limit, report::Format format) {
    Date on = required_date(letters_date(), "Un courrier", "campagne.date_courrier");
    report::LetterContext ctx{grid_, campaign_, dossiers_, ranking(), on, io::data_root() + "/templates", &decisions_};
    // No letter of ineligibility while a request for missing pieces awaits its answer.
    auto awaiting = awaiting_pieces(today());
    ctx.awaiting_pieces = &awaiting;
    auto batch = report::write_letters(ctx, out_dir, only_reference, limit, format);
    if (!batch.written.empty()) {
        auto more = authority_warnings();
        batch.warnings.insert(batch.warnings.begin(), more.begin(), more.end());
    }
    return batch;
}

// The letters' sender block: the texts of the calls often do not give the
// authority's postal address nor its signatory's name, so the grids leave
// them empty; say so, and how to set them, rather than print letters without.
std::vector<std::string> Session::authority_warnings() const {
    std::vector<std::string> out;
    const Authority& a = campaign_.authority;
    std::string file = std::filesystem::path(path_).filename().string();
    std::string who = a.name.empty() ? "de l'autorité" : "de l'autorité (" + a.name + ")";
    if (a.address.empty())
        out.push_back("L'adresse postale " + who + " n'est pas renseignée : les lettres n'ont pas d'adresse d'expéditeur ; "
                      "la renseigner avec « cotation autorite " + file + " --adresse \"ligne 1 | ligne 2\" ».");
    if (fr::trim(a.signatory).empty())
        out.push_back("Le nom du signataire " + who + " n'est pas renseigné : les documents ne portent que sa qualité ; "
                      "le renseigner avec « cotation autorite " + file + " --signataire \"Prénom Nom\" ».");
    return out;
}

std::vector<std::string> Session::address_warnings() {
    std::vector<std::string> out;
    const Ranking& r = ranking();
    for (const auto* list : {&r.ranked, &r.pending, &r.ineligible})
        for (const auto& e : *list) {
            const Dossier& d = dossiers_[e.dossier];
            if (auto m = report::missing_address(d); !m.empty())
                out.push_back("Dossier « " + d.reference + " » : " + m + " ; sa lettre ne porterait que la commune d'implantation.");
        }
    return out;
}

std::vector<std::string> Session::check_grid_templates(const Grid& grid) {
    Campaign c;
    for (const auto& p : grid.parameters)
        if (!is_missing(p.default_value)) c.parameters[p.def.id] = p.default_value;
    auto out = report::check_templates(grid, c, io::data_root() + "/templates");
    report::TemplateSet orders(io::data_root() + "/templates", grid.id);
    auto more = report::check_order_templates(orders, grid, c);
    out.insert(out.end(), more.begin(), more.end());
    return out;
}

std::vector<std::string> Session::check_documents() {
    auto out = report::check_templates(grid_, campaign_, io::data_root() + "/templates");
    report::TemplateSet orders(io::data_root() + "/templates", grid_.id);
    auto more = report::check_order_templates(orders, grid_, campaign_);
    out.insert(out.end(), more.begin(), more.end());
    more = authority_warnings();
    out.insert(out.end(), more.begin(), more.end());
    more = address_warnings();
    out.insert(out.end(), more.begin(), more.end());
    return out;
}

}  // namespace cotation
