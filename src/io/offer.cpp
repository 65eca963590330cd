#include "offer.h"

#include <proj.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "core/coverage.h"
#include "core/error.h"
#include "core/french.h"
#include "core/geo.h"
#include "io/geo.h"
#include "io/output_file.h"
#include "csv.h"
#include "paths.h"
#include "text_encoding.h"
#include "xml_tree.h"
#include "core/invisible.h"

namespace cotation::io {
namespace {

const char* const kOfferHeader[] = {"finess", "nom", "categorie", "type", "commune", "statut", "gestionnaire",
                                    "hp", "ht", "aj", "latitude", "longitude", "source"};
constexpr std::size_t kOfferFields = std::size(kOfferHeader);

long whole(const std::string& text, const std::string& file, int line, const char* field) {
    long v = 0;
    // An empty capacity is not 0 places: it would weigh nothing in the
    // coverage of the territory without a word (trial 13b F19).
    if (text.empty())
        throw_line_error(file, line,
                         std::string("champ « ") + field +
                             " » vide : capacité non renseignée ; écrivez 0 si la structure n'a "
                             "pas de place de ce type");
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || v < 0)
        throw_line_error(file, line, std::string("champ « ") + field + " » : nombre entier positif attendu, lu « " + text + " »");
    return v;
}

double real(const std::string& text, const std::string& file, int line, const char* field) {
    double v = 0;
    std::string t = text;
    for (auto& c : t)
        if (c == ',') c = '.';   // a French spreadsheet writes 45,74
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (t.empty() || ec != std::errc() || p != t.data() + t.size())
        throw_line_error(file, line, std::string("champ « ") + field + " » : nombre attendu, lu « " + text + " »");
    return v;
}

// One PROJ transformation per coordinate system, in lon/lat order.
class Projections {
public:
    Projections() : ctx_(proj_context_create()) {}
    ~Projections() {
        for (auto& [code, pj] : cache_) proj_destroy(pj);
        proj_context_destroy(ctx_);
    }
    Projections(const Projections&) = delete;
    Projections& operator=(const Projections&) = delete;

    geo::LonLat convert(int epsg, double x, double y) {
        auto it = cache_.find(epsg);
        if (it == cache_.end()) {
            const std::string from = "EPSG:" + std::to_string(epsg);
            PJ* raw = proj_create_crs_to_crs(ctx_, from.c_str(), "EPSG:4326", nullptr);
            PJ* norm = raw ? proj_normalize_for_visualization(ctx_, raw) : nullptr;
            if (raw) proj_destroy(raw);
            if (!norm)
                throw Error("PROJ ne sait pas convertir le système " + from +
                            " en WGS 84 (paquet libproj25 et sa base proj.db).");
            it = cache_.emplace(epsg, norm).first;
        }
        PJ_COORD c = proj_coord(x, y, 0, 0);
        c = proj_trans(it->second, PJ_FWD, c);
        if (c.xy.x == HUGE_VAL || std::isnan(c.xy.x))
            throw Error("Coordonnées hors du domaine du système EPSG:" + std::to_string(epsg) + ".");
        return {c.lp.lam, c.lp.phi};
    }

private:
    PJ_CONTEXT* ctx_;
    std::map<int, PJ*> cache_;
};

// A structure's own point farther than this from its commune's is a slip:
// 0 typed for a blank, latitude and longitude swapped (trial 1011b F3: the Île
// de Ré lost its only structure without a word). Arles, the widest commune of
// metropolitan France, reaches about 40 km from its chef-lieu.
constexpr double kMaxKmFromCommune = 50;

// Why `position` cannot be the site of a structure in `commune`, or "".
std::string position_problem(const geo::LonLat& position, const std::string& commune, const ReferenceData& ref) {
    const auto* point = GeoData::instance().point(coverage::parent_commune(commune));
    if (!point) return "";   // no point to compare with (a COM): taken as given
    // Guyane's communes are the size of départements (Maripasoula: 18 000 km²).
    const double limit = commune.rfind("973", 0) == 0 ? 4 * kMaxKmFromCommune : kMaxKmFromCommune;
    const double km = geo::haversine_km(position, *point);
    if (km <= limit) return "";
    const auto* c = ref.commune(commune);
    std::string out = "latitude " + fr::fixed(position.lat, 4) + ", longitude " + fr::fixed(position.lon, 4) + " : à " +
                      fr::fixed(km, 0) + " km de la commune « " + (c ? c->name : commune) + " » (" + commune + ")";
    if (geo::haversine_km(geo::LonLat{position.lat, position.lon}, *point) <= limit)
        out += " ; latitude et longitude inversées ?";
    else if (position.lat == 0 || position.lon == 0)
        out += " ; une coordonnée inconnue se laisse vide, pas à 0";
    return out;
}

}  // namespace

// « 170000001 », « 2A0000011 »: the département's two characters, then seven digits.
namespace {
bool finess_form(const std::string& f) {
    if (f.size() != 9) return false;
    const bool corse = f[0] == '2' && (f[1] == 'A' || f[1] == 'B');
    for (std::size_t i = corse ? 2 : 0; i < f.size(); ++i)
        if (f[i] < '0' || f[i] > '9') return false;
    return true;
}
}  // namespace

Offer read_offer(const std::string& content, const std::string& file, const ReferenceData& ref) {
    Offer offer;
    offer.origin = file;
    const auto records = parse_csv(content, file);
    if (records.empty()) throw_line_error(file, 1, "fichier vide, en-tête attendu");
    const auto& head = records.front();
    for (std::size_t i = 0; i < kOfferFields; ++i)
        if (head.fields.size() <= i || head.fields[i] != kOfferHeader[i])
            throw_line_error(file, head.line,
                             std::string("colonne ") + std::to_string(i + 1) + " : « " + kOfferHeader[i] + " » attendue");
    std::map<std::string, int> finess_line;   // a FINESS given -> its line
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& rec = records[r];
        const auto& f = rec.fields;
        if (f.size() == 1 && f[0].empty()) continue;
        if (f.size() != kOfferFields)
            throw_line_error(file, rec.line,
                             std::to_string(kOfferFields) + " champs attendus, " + std::to_string(f.size()) + " lus");
        Structure s;
        s.finess = f[0], s.name = f[1], s.category = f[2], s.kind = f[3], s.commune = f[4];
        s.status = f[5], s.manager = f[6], s.source = f[12];
        if (s.name.empty()) throw_line_error(file, rec.line, "champ « nom » vide");
        // Empty when unknown (the call's text names no FINESS); given, a real one (trial 1011E F11).
        // Its form only (the extracts' numbers are kept as the ministry writes them).
        if (!s.finess.empty() && !finess_form(s.finess))
            throw_line_error(file, rec.line, "champ « finess » : « " + s.finess +
                                                 " » n'est pas un numéro FINESS (9 caractères : le département, 2A ou 2B "
                                                 "compris, puis 7 chiffres) ; laissez-le vide s'il n'est pas connu");
        if (!s.finess.empty())
            if (const auto [at, fresh] = finess_line.emplace(s.finess, rec.line); !fresh)
                throw_line_error(file, rec.line, "champ « finess » : « " + s.finess + " » déjà donné ligne " +
                                                     std::to_string(at->second) + " (une ligne par structure)");
        if (!ref.commune(s.commune))
            throw_line_error(file, rec.line, "champ « commune » : code INSEE « " + s.commune + " » inconnu");
        s.permanent = whole(f[7], file, rec.line, "hp");
        s.temporary = whole(f[8], file, rec.line, "ht");
        s.day_care = whole(f[9], file, rec.line, "aj");
        if (!f[10].empty() || !f[11].empty()) {
            const double lat = real(f[10], file, rec.line, "latitude"), lon = real(f[11], file, rec.line, "longitude");
            if (lat < -90 || lat > 90) throw_line_error(file, rec.line, "champ « latitude » hors de −90…90");
            if (lon < -180 || lon > 180) throw_line_error(file, rec.line, "champ « longitude » hors de −180…180");
            s.position = geo::LonLat{lon, lat};
            if (auto why = position_problem(*s.position, s.commune, ref); !why.empty())
                throw_line_error(file, rec.line, "champs « latitude » et « longitude » : " + why);
        }
        offer.structures.push_back(std::move(s));
    }
    return offer;
}

Offer read_offer_file(const std::string& path, const ReferenceData& ref, std::string* notice) {
    // A spreadsheet saved in Windows-1252 is read as the dossier import reads it.
    const std::string name = std::filesystem::path(path).filename().string();
    auto text = decode_text(read_csv_file(path), name);
    if (notice) *notice = text.notice;
    return read_offer(text.utf8, name, ref);
}

std::optional<Offer> read_offer_beside_grid(const std::string& grid_file, const std::string& grid_id, const ReferenceData& ref) {
    const std::string name = grid_id + ".offre.csv";
    for (const std::string& p : {(std::filesystem::path(grid_file).parent_path() / name).string(), grid_path(name)}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec)) return read_offer_file(p, ref);
    }
    return std::nullopt;
}

std::string write_offer(const Offer& offer) {
    std::string out;
    for (std::size_t i = 0; i < kOfferFields; ++i) out += std::string(i ? ";" : "") + kOfferHeader[i];
    out += '\n';
    char buf[32];
    auto coord = [&](std::optional<double> v) -> std::string {
        if (!v) return "";
        std::snprintf(buf, sizeof buf, "%.6f", *v);
        return buf;
    };
    for (const auto& s : offer.structures) {
        const std::string fields[] = {s.finess, s.name, s.category, s.kind, s.commune, s.status, s.manager,
                                      std::to_string(s.permanent), std::to_string(s.temporary), std::to_string(s.day_care),
                                      coord(s.position ? std::optional(s.position->lat) : std::nullopt),
                                      coord(s.position ? std::optional(s.position->lon) : std::nullopt), s.source};
        for (std::size_t i = 0; i < kOfferFields; ++i) out += (i ? ";" : "") + csv_field(fields[i]);
        out += '\n';
    }
    return out;
}

void write_offer_file(const Offer& offer, const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(fr::quote_path(path) + " est un dossier, pas un fichier : indiquez le fichier à écrire (OFFRE.csv).");
    refuse_unsafe_output(path);
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << write_offer(offer);
        if (!out.flush()) {
            std::filesystem::remove(tmp, ec);
            throw Error("Impossible d'écrire " + fr::quote_path(path) + ".");
        }
    }
    put_output_in_place(tmp, path);
}

std::string FinessExtract::attribution() const {
    return "Source : FINESS, Ministère chargé de la santé — extraction du " + extraction_date + ", Licence Ouverte 2.0";
}

std::string insee_of_finess(const std::string& departement, const std::string& commune) {
    if (departement.size() == 2 && departement[0] == '9' && departement[1] >= 'A' && departement[1] <= 'F')
        return "97" + commune;
    return departement + commune;
}

int finess_epsg(const std::string& system) {
    static const std::map<std::string, int> codes{{"LAMBERT_93", 2154}, {"UTM_N20", 4559}, {"UTM_N21", 4467},
                                                  {"UTM_N22", 2972},    {"UTM_S38", 4471}, {"UTM_S40", 2975}};
    auto it = codes.find(system);
    return it == codes.end() ? 0 : it->second;
}

geo::LonLat to_wgs84(int epsg, double x, double y) {
    Projections p;
    return p.convert(epsg, x, y);
}

FinessExtract read_finess(const std::string& raw, const std::string& file, const FinessFilter& filter,
                          const ReferenceData& ref) {
    FinessExtract x;
    // Recent extracts are UTF-8, older ones Windows-1252: decoded as every imported text is.
    auto decoded = decode_text(raw, file);
    x.encoding = decoded.notice.empty() ? "UTF-8" : "Windows-1252";
    x.notice = decoded.notice;
    const std::string content = std::move(decoded.utf8);
    // FINESS fields carry no quotes: split on ';' only (a '"' in a name is data).
    std::size_t start = 0;
    int line = 0;
    std::map<std::string, std::size_t> kept;   // nofinesset -> index in offer
    std::map<std::string, int> first_line;     // nofinesset -> its line
    Projections proj;
    bool seen_geo = false;
    while (start < content.size()) {
        std::size_t nl = content.find('\n', start);
        if (nl == std::string::npos) nl = content.size();
        std::string l = content.substr(start, nl - start);
        start = nl + 1;
        ++line;
        if (!l.empty() && l.back() == '\r') l.pop_back();
        if (line == 1 && l.rfind("\xEF\xBB\xBF", 0) == 0) l.erase(0, 3);
        if (l.empty()) continue;
        std::vector<std::string> f;
        for (std::size_t p = 0;;) {
            const std::size_t q = l.find(';', p);
            f.push_back(l.substr(p, q == std::string::npos ? std::string::npos : q - p));
            if (q == std::string::npos) break;
            p = q + 1;
        }
        if (line == 1) {
            if (f.size() < 4 || f[0] != "finess" || f[1] != "etalab")
                throw_line_error(file, line,
                                 "première ligne « finess;etalab;…;AAAA-MM-JJ » attendue (extraction FINESS au format Etalab)");
            x.extraction_date = f.back();
            continue;
        }
        if (f[0] == "structureet") {
            if (seen_geo) throw_line_error(file, line, "ligne « structureet » après les lignes « geolocalisation »");
            if (f.size() != 32)
                throw_line_error(file, line, "ligne « structureet » de " + std::to_string(f.size()) + " champs, 32 attendus");
            ++x.rows;
            const std::string& nofinesset = f[1];
            if (nofinesset.size() != 9)
                throw_line_error(file, line, "champ « nofinesset » : 9 caractères attendus, lu « " + nofinesset + " »");
            // One structure, one line (trial 1011G M2: a number given twice was
            // kept twice, its capacities counted twice once entered).
            if (const auto [at, fresh] = first_line.emplace(nofinesset, line); !fresh)
                throw_line_error(file, line, "champ « nofinesset » : « " + nofinesset + " » déjà donné ligne " +
                                                 std::to_string(at->second) + " (une ligne « structureet » par établissement)");
            const std::string insee = insee_of_finess(f[13], f[12]);
            const CommuneInfo* c = ref.commune(insee);
            if (!c)
                throw_line_error(file, line,
                                 "commune « " + insee + " » (departement « " + f[13] + " », commune « " + f[12] + " ») inconnue");
            if (!filter.categories.empty() && !filter.categories.count(f[18])) continue;
            if (!filter.departements.empty() && !filter.departements.count(c->departement)) continue;
            Structure s;
            s.finess = nofinesset;
            s.name = f[4].empty() ? f[3] : f[4];   // rslongue, else rs
            s.category = f[18];
            s.kind = f[19];
            s.commune = insee;
            s.status = f[27];   // libsph
            s.source = "FINESS, extraction du " + x.extraction_date + ", ligne " + std::to_string(line);
            kept[nofinesset] = x.offer.structures.size();
            x.offer.structures.push_back(std::move(s));
        } else if (f[0] == "geolocalisation") {
            seen_geo = true;
            if (f.size() != 6)
                throw_line_error(file, line, "ligne « geolocalisation » de " + std::to_string(f.size()) + " champs, 6 attendus");
            auto it = kept.find(f[1]);
            if (it == kept.end()) continue;   // filtered out (or not in the file: nothing to place)
            const std::string& src = f[4];
            const std::string system = src.substr(src.rfind(',') == std::string::npos ? 0 : src.rfind(',') + 1);
            const int epsg = finess_epsg(system);
            if (!epsg)
                throw_line_error(file, line, "champ « sourcecoordet » : système de coordonnées « " + system + " » inconnu");
            const double px = real(f[2], file, line, "coordxet"), py = real(f[3], file, line, "coordyet");
            try {
                x.offer.structures[it->second].position = proj.convert(epsg, px, py);
            } catch (const Error& e) {
                throw_line_error(file, line, e.what());
            }
            Structure& placed = x.offer.structures[it->second];
            if (auto why = position_problem(*placed.position, placed.commune, ref); !why.empty()) {
                // One slip in an extract of 100 000 lines does not stop the import: that structure is left unlocated.
                x.misplaced.push_back(fr::quote_path(file) + ", ligne " + std::to_string(line) + " : « " + placed.name +
                                      " » : coordonnées converties en " + why + " ; position ignorée.");
                placed.position.reset();
                continue;
            }
            ++x.located;
        } else {
            throw_line_error(file, line, "type de ligne « " + f[0] + " » inconnu (structureet ou geolocalisation attendu)");
        }
    }
    if (line == 0) throw_line_error(file, 1, "fichier vide");
    x.kept = static_cast<int>(x.offer.structures.size());
    x.offer.origin = file;
    return x;
}

FinessExtract read_finess_file(const std::string& path, const FinessFilter& filter, const ReferenceData& ref) {
    return read_finess(read_file(path, kFinessFile), std::filesystem::path(path).filename().string(), filter, ref);
}

}  // namespace cotation::io
