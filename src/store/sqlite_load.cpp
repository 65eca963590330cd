// Reading a campaign: the snapshot the session works on, and the small reads the writers share.
#include <sqlite3.h>

#include <map>
#include <set>
#include <unordered_map>

#include "core/error.h"
#include "journal.h"
#include "sqlite_store.h"

namespace cotation::sqlite {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end > start) out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}
std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
    return out;
}
// Column and journal name of each field of the authority, with its stored text.
std::vector<std::pair<std::string, std::string>> authority_fields(const Authority& a) {
    return {{"type", authority_kind_code(a.kind)}, {"nom", a.name}, {"adresse", join_lines(a.address)},
            {"signataire", a.signatory}, {"qualite", a.signatory_title}, {"ville", a.city},
            {"tribunal", a.tribunal}, {"adresse_tribunal", a.tribunal_address}, {"logo", a.logo}};
}
const char* authority_column(const std::string& field) {
    static const std::map<std::string, const char*> columns{
        {"type", "authority_kind"}, {"nom", "authority"}, {"adresse", "authority_address"}, {"signataire", "signatory"},
        {"qualite", "signatory_title"}, {"ville", "city"}, {"tribunal", "tribunal"}, {"adresse_tribunal", "tribunal_address"},
        {"logo", "logo"}};
    return columns.at(field);
}

std::string facts_text(const FactValues& f) {
    std::string s;
    for (const auto& [k, v] : f) s += (s.empty() ? "" : "; ") + k + "=" + to_canonical(v);
    return s;
}

CampaignSnapshot SqliteStore::load() {
    // One snapshot read whole (another program may commit meanwhile), and the
    // version it is: a change decided on it is refused once that moved on.
    std::optional<Transaction> read;
    if (db_->depth == 0 && !db_->read_only()) read.emplace(*db_, Transaction::Kind::Read);
    CampaignSnapshot s = read_snapshot();
    seen_version_ = data_version();
    if (read) read->commit();
    return s;
}

CampaignSnapshot SqliteStore::read_snapshot() {
    CampaignSnapshot s;
    {
        Stmt c(*db_, "SELECT reference, title, authority, signatory, city, grid_xml, grid_name, form_xml, form_name, "
                     "procedure_name, procedure_xml, authority_kind, authority_address, signatory_title, tribunal, "
                     "tribunal_address, logo, created_at FROM campaign");
        if (!c.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation (aucune campagne enregistrée).");
        s.campaign.reference = c.text(0);
        s.campaign.title = c.text(1);
        Authority& a = s.campaign.authority;
        a.name = c.text(2);
        a.signatory = c.text(3);
        a.city = c.text(4);
        a.kind = authority_kind_from_text(c.text(11)).value_or(AuthorityKind::Other);
        a.address = split_lines(c.text(12));
        a.signatory_title = c.text(13);
        a.tribunal = c.text(14);
        a.tribunal_address = c.text(15);
        a.logo = c.text(16);
        s.procedure_name = c.text(9);
        s.procedure_xml = c.text(10);
        s.campaign.created_on = c.text(17).substr(0, 10);
        s.grid_xml = c.text(5);
        s.grid_name = c.text(6);
        s.form_xml = c.text(7);
        s.form_name = c.text(8);
    }
    {
        // Parameters are typed by the grid, which the session reads; keep text here.
        Stmt p(*db_, "SELECT name, value FROM campaign_parameter");
        while (p.step()) s.campaign.parameters[p.text(0)] = p.text(1);
    }
    std::unordered_map<std::int64_t, std::size_t> index;
    {
        Stmt d(*db_, "SELECT id, reference, organisme, siret, finess, commune FROM dossier ORDER BY id");
        while (d.step()) {
            Dossier x;
            x.id = d.integer(0);
            x.reference = d.text(1);
            x.organisme = d.text(2);
            x.siret = d.text(3);
            x.finess = d.text(4);
            x.commune = d.text(5);
            index[x.id] = s.dossiers.size();
            s.dossiers.push_back(std::move(x));
        }
    }
    {
        // Facts stay as canonical text here; the session types them with the grid.
        Stmt f(*db_, "SELECT dossier_id, fact, value FROM dossier_fact");
        while (f.step()) s.dossiers[index.at(f.integer(0))].facts[f.text(1)] = f.text(2);
    }
    {
        Stmt f(*db_, "SELECT dossier_id, document FROM dossier_document");
        while (f.step()) s.dossiers[index.at(f.integer(0))].documents.insert(f.text(1));
    }
    {
        std::unordered_map<std::int64_t, std::string> reviewers;
        Stmt rv(*db_, "SELECT id, name FROM reviewer");
        while (rv.step()) reviewers[rv.integer(0)] = rv.text(1);
        Stmt r(*db_, "SELECT dossier_id, reviewer_id, criterion, value, justification FROM rating");
        while (r.step()) {
            Rating x;
            x.dossier_id = r.integer(0);
            x.reviewer = reviewers[r.integer(1)];
            x.criterion = r.text(2);
            x.value = static_cast<int>(r.integer(3));
            x.justification = r.text(4);
            s.ratings.push_back(std::move(x));
        }
    }
    {
        Stmt p(*db_, "SELECT name, role, organisation, deliberative, account FROM person");
        while (p.step()) {
            auto role = role_from_text(p.text(1));
            if (!role) throw InputError("Campagne « " + db_->path() + " » : rôle illisible « " + p.text(1) + " ».");
            s.team.people[p.text(0)] = {p.text(0), *role, p.text(2), p.integer(3) != 0, p.text(4)};
        }
        Stmt a(*db_, "SELECT dossier_id, reviewer FROM assignment");
        while (a.step()) s.team.assignments[a.integer(0)].insert(a.text(1));
        Stmt c(*db_, "SELECT reviewer, organisme, declaration, declared_on, declared_by FROM conflict");
        while (c.step())
            s.team.conflicts.push_back({c.text(0), c.text(1), c.text(2), c.text(4), Date::parse(c.text(3)).value_or(Date{})});
        Stmt sub(*db_, "SELECT dossier_id, reviewer FROM submission");
        while (sub.step()) s.team.submitted[sub.integer(0)].insert(sub.text(1));
    }
    {
        Stmt d(*db_, "SELECT dossier_id, kind, motive, decided_on, places, committee_opinion, departure_reason, author "
                     "FROM decision");
        while (d.step()) {
            Decision x;
            auto kind = decision_from_text(d.text(1));
            auto date = Date::parse(d.text(3));
            if (!kind || !date) throw InputError("Campagne « " + db_->path() + " » : décision illisible.");
            x.kind = *kind;
            x.motive = d.text(2);
            x.date = *date;
            if (!d.text(4).empty()) x.places = Rational::from_canonical(d.text(4));
            if (!d.text(5).empty()) x.committee_opinion = decision_from_text(d.text(5));
            x.departure_reason = d.text(6);
            x.author = d.text(7);
            s.decisions[d.integer(0)] = x;
        }
    }
    load_procedure(s);
    {
        Stmt c(*db_, "SELECT dossier_id, criterion, value, reason, author FROM consolidation");
        while (c.step()) {
            auto v = Rational::from_canonical(c.text(2));
            if (!v) throw InputError("Campagne « " + db_->path() + " » : note consolidée illisible « " + c.text(2) + " ».");
            s.consolidation[c.integer(0)][c.text(1)] = {c.text(1), *v, c.text(3), c.text(4)};
        }
    }
    return s;
}

void SqliteStore::load_procedure(CampaignSnapshot& s) {
    auto unreadable = [&](const std::string& what) {
        return InputError("Campagne « " + db_->path() + " » : " + what + " illisible.");
    };
    Stmt r(*db_, "SELECT dossier_id, ground, motive, decided_on, author FROM prior_rejection");
    while (r.step()) {
        auto g = ground_from_text(r.text(1));
        auto d = Date::parse(r.text(3));
        if (!g || !d) throw unreadable("refus préalable");
        s.prior_rejections[r.integer(0)] = {*g, r.text(2), *d, r.text(4)};
    }
    Stmt st(*db_, "SELECT step, done_on FROM procedure_step");
    while (st.step()) {
        auto d = Date::parse(st.text(1));
        if (!d) throw unreadable("étape de procédure");
        s.steps_done[st.text(0)] = *d;
    }
    Stmt m(*db_, "SELECT held_on, president FROM meeting");
    if (m.step()) {
        Meeting x;
        auto d = Date::parse(m.text(0));
        if (!d) throw unreadable("séance");
        x.date = *d;
        x.president = m.text(1);
        Stmt a(*db_, "SELECT member, presence, proxy FROM meeting_attendance");
        while (a.step()) {
            Presence p = a.text(1) == "présent" ? Presence::Present : a.text(1) == "représenté" ? Presence::Represented
                                                                                                : Presence::Absent;
            x.attendance[a.text(0)] = {p, a.text(2)};
        }
        Stmt v(*db_, "SELECT member, vote FROM meeting_vote");
        while (v.step()) {
            auto vote = vote_from_text(v.text(1));
            if (!vote) throw unreadable("vote");
            x.votes[v.text(0)] = *vote;
        }
        Stmt o(*db_, "SELECT member, text FROM meeting_observation ORDER BY id");
        while (o.step()) x.observations.emplace_back(o.text(0), o.text(1));
        Stmt vr(*db_, "SELECT reference, rank, total, opinion FROM meeting_ranking ORDER BY position");
        while (vr.step())
            x.voted.push_back({vr.text(0), static_cast<int>(vr.integer(1)), vr.text(2), decision_from_text(vr.text(3))});
        s.meeting = std::move(x);
    }
    Stmt op(*db_, "SELECT dossier_id, member, opinion, comment FROM member_opinion ORDER BY dossier_id, member");
    while (op.step()) {
        auto o = opinion_from_text(op.text(2));
        if (!o) throw unreadable("avis de membre");
        s.opinions[op.integer(0)].push_back({op.text(1), *o, op.text(3)});
    }
}

Authority SqliteStore::load_authority() {
    Stmt c(*db_, "SELECT authority, signatory, city, authority_kind, authority_address, signatory_title, tribunal, "
                 "tribunal_address, logo FROM campaign");
    if (!c.step()) throw InputError("« " + db_->path() + " » n'est pas une campagne Cotation.");
    Authority a;
    a.name = c.text(0);
    a.signatory = c.text(1);
    a.city = c.text(2);
    a.kind = authority_kind_from_text(c.text(3)).value_or(AuthorityKind::Other);
    a.address = split_lines(c.text(4));
    a.signatory_title = c.text(5);
    a.tribunal = c.text(6);
    a.tribunal_address = c.text(7);
    a.logo = c.text(8);
    return a;
}

std::string SqliteStore::closed_since() {
    Stmt c(*db_, "SELECT closed_at FROM campaign");
    return c.step() ? c.text(0) : "";
}

std::string SqliteStore::reference_of(std::int64_t dossier_id) {
    Stmt ref(*db_, "SELECT reference FROM dossier WHERE id=?");
    ref.bind(1, dossier_id);
    if (!ref.step()) throw InputError("Dossier n°" + std::to_string(dossier_id) + " inconnu de la campagne.");
    return ref.text(0);
}

void SqliteStore::ensure_open() {
    std::string since = closed_since();
    if (!since.empty())
        throw InputError("La campagne est close depuis le " + french_timestamp(since) +
                         " : notes, arbitrages, dossiers et grille ne peuvent plus changer. Le coordonnateur peut la "
                         "rouvrir en écrivant le motif (cotation reopen).");
}

std::vector<std::string> SqliteStore::grid_versions() {
    std::vector<std::string> out;
    Stmt h(*db_, "SELECT grid_id, grid_version, replaced_at, replaced_by, reason FROM grid_history ORDER BY seq");
    while (h.step())
        out.push_back(h.text(0) + " version " + h.text(1) + ", remplacée le " + h.text(2) + " par " + h.text(3) +
                      " (" + h.text(4) + ")");
    return out;
}

}  // namespace cotation::sqlite

namespace cotation::sqlite {

std::int64_t SqliteStore::data_version() {
    Stmt v(*db_, "PRAGMA data_version");
    v.step();
    return v.integer(0);
}

void SqliteStore::ensure_fresh() {
    if (data_version() != seen_version_)
        throw StaleCampaign("La campagne « " + db_->path() + " » a été modifiée par un autre programme (un autre poste, "
                            "une autre fenêtre ou commande de Cotation) depuis qu'elle a été lue : rien n'a été enregistré. "
                            "Rouvrez-la et recommencez.");
}

void SqliteStore::ensure_writable() {
    if (db_->read_only()) throw Error(failure_message(*db_, SQLITE_READONLY, ""));
}

bool SqliteStore::begin_write() {
    ensure_writable();
    scopes_.push_back(std::make_unique<Transaction>(*db_));
    return data_version() != seen_version_;
}

void SqliteStore::end_write(bool commit) {
    if (scopes_.empty()) return;
    auto t = std::move(scopes_.back());
    scopes_.pop_back();
    if (commit) t->commit();
}

}  // namespace cotation::sqlite
