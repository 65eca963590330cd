#include "territory_rules.h"

#include <charconv>
#include <filesystem>
#include <map>
#include <sstream>

#include "core/enums.h"
#include "core/error.h"
#include "csv.h"
#include "paths.h"
#include "core/invisible.h"

namespace cotation::io {
namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> words(const std::string& s) {
    std::istringstream in(s);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

}  // namespace

std::vector<std::string> expand_communes(const std::vector<std::string>& codes, const ReferenceData& ref,
                                         const std::string& where) {
    std::vector<std::string> out;
    for (const auto& c : codes) {
        if (ref.commune(c)) out.push_back(c);
        else if (const EpciInfo* e = ref.epci(c)) out.insert(out.end(), e->communes.begin(), e->communes.end());
        else throw InputError(where + " : « " + c + " » n'est ni une commune (code INSEE) ni un EPCI (SIREN) connu.");
    }
    return out;
}

std::optional<RulesFile> territory_rules_beside_grid(const std::string& grid_file, const std::string& grid_id) {
    const std::string name = grid_id + ".territoire.txt";
    for (const std::string& p : {(std::filesystem::path(grid_file).parent_path() / name).string(), grid_path(name)}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec)) return RulesFile{p, name, read_file(p)};
    }
    return std::nullopt;
}

namespace {

// The keys that are rules (each with its status), as against the zone's
// kind, its groups and the access distance's default (a parameter's).
bool is_rule(const std::string& key) { return key != "zone" && key != "distance_acces" && key.rfind("groupe ", 0) != 0; }

// « appel | titre | section », « proposition de l'outil | raison »,
// « proposition de l'autorité | raison ».
allocation::RuleStatus read_status(const std::string& value, const std::string& file, int n, const std::string& key) {
    std::vector<std::string> parts;
    std::string::size_type from = 0;
    for (;;) {
        const auto bar = value.find('|', from);
        parts.push_back(trim(value.substr(from, bar == std::string::npos ? std::string::npos : bar - from)));
        if (bar == std::string::npos) break;
        from = bar + 1;
    }
    allocation::RuleStatus s;
    const std::string kind = parts[0];
    const std::string what = "statut de « " + key + " »";
    if (kind == "appel") {
        if (parts.size() != 3 || parts[1].empty() || parts[2].empty())
            throw_line_error(file, n, what + " : « appel | titre du texte | section » attendu, lu « " + value + " »");
        s.kind = allocation::RuleStatus::Kind::Call, s.title = parts[1], s.section = parts[2];
    } else if (kind == "proposition de l'outil" || kind == "proposition de l'autorité") {
        if (parts.size() != 2 || parts[1].empty())
            throw_line_error(file, n, what + " : « " + kind + " | raison » attendu, lu « " + value + " »");
        s.author = kind.substr(std::string("proposition de ").size()), s.reason = parts[1];
    } else
        throw_line_error(
            file, n,
            what + " inconnu « " + kind + " » : « appel », « proposition de l'outil » ou « proposition de l'autorité » attendu");
    return s;
}

}   // namespace

allocation::Rules read_territory_rules(const std::string& content, const std::string& file, const ReferenceData& ref,
                                       RulesSource source) {
    allocation::Rules r;
    std::istringstream in(content);
    std::string line;
    int n = 0;
    std::map<std::string, int> seen;
    std::map<std::string, int> status_lines;   // key -> line of its status
    while (std::getline(in, line)) {
        ++n;
        const auto hash = line.find('#');
        if (hash != std::string::npos) line.erase(hash);
        line = trim(line);
        if (line.empty()) continue;
        const auto eq = line.find('=');
        if (eq == std::string::npos) throw_line_error(file, n, "« clé = valeur » attendu");
        const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
        if (key.rfind("statut ", 0) == 0) {
            const std::string of = trim(key.substr(7));
            if (of.empty() || !is_rule(of)) throw_line_error(file, n, "« statut » d'une règle attendu, lu « " + key + " »");
            if (auto [it, fresh] = status_lines.emplace(of, n); !fresh)
                throw_line_error(file, n, "statut de « " + of + " » déjà donné ligne " + std::to_string(it->second));
            r.status[of] = read_status(value, file, n, of);
            continue;
        }
        // A key given twice (the last one silently won) is refused, both lines named.
        if (auto [it, fresh] = seen.emplace(key, n); !fresh)
            throw_line_error(file, n, "clé « " + key + " » déjà donnée ligne " + std::to_string(it->second));
        auto number = [&]() -> std::optional<double> {
            if (value.empty()) return std::nullopt;
            double v = 0;
            std::string t = value;
            for (auto& c : t)
                if (c == ',') c = '.';
            auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
            if (ec != std::errc() || p != t.data() + t.size() || v < 0)
                throw_line_error(file, n, "« " + key + " » : nombre positif attendu, lu « " + value + " »");
            return v;
        };
        if (key == "departements") {
            r.departements = words(value);
            for (const auto& d : r.departements)
                if (ref.departement_name(d).empty()) throw_line_error(file, n, "département « " + d + " » inconnu");
        } else if (key == "distance_acces") r.access_km = number();
        else if (key == "max_par_zone") r.max_units_per_zone = number();
        else if (key == "places_par_unite") r.unit_places = number();
        else if (key == "enveloppe") r.envelope = number();
        else if (key == "distance_min_retenus") r.min_km_between = number();
        else if (key == "distance_min_existant") r.min_km_existing = number();
        else if (key == "score_min") r.min_score = number();
        else if (key == "capacite") r.capacity = number();
        else if (key == "dotation_par_dossier") r.cost_per_dossier = number();
        else if (key == "zone") {
            if (auto z = value.empty() ? allocation::ZoneKind::None : enum_from_code<allocation::ZoneKind>(value)) r.zone = *z;
            else throw_line_error(file, n, "« zone » : epci, departement, groupes ou aucune attendu, lu « " + value + " »");
        } else if (key == "attribution_partielle") {
            if (value != "oui" && value != "non")
                throw_line_error(file, n, "« attribution_partielle » : oui ou non attendu, lu « " + value + " »");
            r.partial_grant = value == "oui";
        } else if (key.rfind("groupe ", 0) == 0) {
            const std::string name = trim(key.substr(7));
            if (name.empty()) throw_line_error(file, n, "groupe sans nom");
            r.groups[name] = expand_communes(words(value), ref, "" + fr::quote_path(file) + ", ligne " + std::to_string(n));
        } else
            throw_line_error(file, n, "clé « " + key + " » inconnue");
    }
    if (r.zone == allocation::ZoneKind::Groups && r.groups.empty())
        throw_line_error(file, n, "« zone = groupes » sans aucun groupe");
    for (const auto& [key, at] : status_lines)
        if (!seen.count(key)) throw_line_error(file, at, "statut de « " + key + " », règle absente du fichier");
    // Pinned before statuses existed: no status at all. Each rule is then a
    // proposal (the safe reading: never the call's), and says why.
    if (source == RulesSource::Pinned && status_lines.empty()) {
        for (const auto& [key, at] : seen)
            if (is_rule(key))
                r.status[key] = {allocation::RuleStatus::Kind::Proposal, "", "", "",
                                 "règle figée dans la campagne avant que son statut soit déclaré : tenue pour une proposition"};
        return r;
    }
    // The first rule without status in the file's order.
    std::pair<int, std::string> first{0, ""};
    for (const auto& [key, at] : seen)
        if (is_rule(key) && !status_lines.count(key) && (first.first == 0 || at < first.first)) first = {at, key};
    if (const auto& [at, key] = first; at != 0)
        throw_line_error(file, at,
                         "« " + key + " » sans statut : ajoutez « statut " + key +
                             " = appel | titre du texte | section » ou « statut " + key +
                             " = proposition de l'outil | raison » (ou de l'autorité)");
    return r;
}

std::vector<coverage::Area> read_zones(const std::string& content, const std::string& file, const ReferenceData& ref) {
    std::vector<coverage::Area> out;
    const auto records = parse_csv(content, file);
    if (records.empty() || records[0].fields.size() < 3 || records[0].fields[0] != "zone" || records[0].fields[1] != "libelle" ||
        records[0].fields[2] != "communes")
        throw_line_error(file, 1, "en-tête « zone;libelle;communes » attendu");
    for (std::size_t i = 1; i < records.size(); ++i) {
        const auto& f = records[i].fields;
        if (f.size() == 1 && f[0].empty()) continue;
        if (f.size() != 3) throw_line_error(file, records[i].line, "3 champs attendus");
        if (f[0].empty()) throw_line_error(file, records[i].line, "champ « zone » vide");
        // A zone is named once (the campaign's table keys zones by name).
        for (const auto& z : out)
            if (z.id == f[0]) throw_line_error(file, records[i].line, "champ « zone » : « " + f[0] + " » déjà défini plus haut");
        auto communes = expand_communes(
            words(f[2]), ref, "" + fr::quote_path(file) + ", ligne " + std::to_string(records[i].line) + " : champ « communes »");
        if (communes.empty()) throw_line_error(file, records[i].line, "champ « communes » vide");
        out.push_back({f[0], f[1].empty() ? f[0] : f[1], std::move(communes)});
    }
    return out;
}

}  // namespace cotation::io
