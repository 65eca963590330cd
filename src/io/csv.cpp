#include "csv.h"

#include "core/error.h"
#include "core/french.h"
#include "core/invisible.h"

#include <algorithm>
#include <cstdio>

namespace cotation::io {

namespace {
// A file saved by a spreadsheet in its legacy encoding (Windows-1252 for a
// French Excel) would store « Soci?t? »: refused, with the line, before
// anything is read.
void check_utf8(const std::string& in, const std::string& file_name) {
    int line = 1;
    for (std::size_t i = 0; i < in.size();) {
        if (in[i] == '\n') ++line;
        std::size_t n = fr::utf8_length(in, i);
        if (n == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(in[i]));
            throw InputError(
                file_name + ", ligne " + std::to_string(line) + " : le fichier n'est pas en UTF-8 (octet " + hex +
                ", encodage Windows-1252 probable) ; enregistrez-le en « CSV UTF-8 », séparateur point-virgule (;).");
        }
        i += n;
    }
}

// A cell holding a character a reader does not see (trial 13g G2: a
// reviewer « Marie<U+034F> Dupont » counted twice beside « Marie Dupont »):
// refused for every table read, with the line and the column, by the one rule
// of names and texts (core/invisible.h). Line breaks inside a quoted cell are
// the readers' business (a text fact allows them).
void check_visible(const CsvRecord& rec, const CsvRecord& header, const std::string& file_name) {
    for (std::size_t c = 0; c < rec.fields.size(); ++c) {
        const std::string what = fr::first_invisible(rec.fields[c], "\n\r");
        if (what.empty()) continue;
        const std::string column = c < header.fields.size() && &rec != &header ? " " + fr::quote(fr::trim(header.fields[c])) : "";
        const std::string place = file_name + ", ligne " + std::to_string(rec.line) + ", colonne " + std::to_string(c + 1) +
                                  column + " : " + fr::quote(rec.fields[c]) + " : ";
        if (!fr::given(rec.fields[c]))
            throw InputError(place + "aucun caractère visible (seulement des espaces ou des caractères qui ne s'impriment "
                                     "pas) ; videz la cellule ou retapez-la. Rien n'a été importé.");
        throw InputError(place + "caractère de contrôle ou invisible " + what +
                         " ; retirez-le de la cellule (deux noms sembleraient identiques). Rien n'a été importé.");
    }
}

// A header of one field that holds commas or tabs: the file was saved with
// another separator, and every line would be refused one by one.
void check_separator(const CsvRecord& header, const std::string& file_name, char sep) {
    if (sep != ';' || header.fields.size() != 1) return;
    const std::string& h = header.fields[0];
    bool commas = h.find(',') != std::string::npos;
    if (!commas && h.find('\t') == std::string::npos) return;
    std::size_t cut = std::min<std::size_t>(h.size(), 60);
    while (cut < h.size() && (static_cast<unsigned char>(h[cut]) & 0xC0) == 0x80) --cut;   // not inside a UTF-8 character
    std::string shown = cut < h.size() ? h.substr(0, cut) + "…" : h;
    throw InputError(file_name + ", ligne " + std::to_string(header.line) +
                     " : séparateur attendu : point-virgule (;) ; l'en-tête « " + shown + " » est séparé par des " +
                     (commas ? "virgules" : "tabulations") +
                     ". Enregistrez le fichier en CSV avec le point-virgule comme séparateur de champs.");
}

// A column named twice: the readers take one of the two cells by name and the
// other is lost without a word (trial 13 F14). Names compare as the readers
// compare them, case and accents aside; unnamed columns are left to
// drop_unnamed_trailing_columns.
void check_unique_columns(const CsvRecord& header, const std::string& file_name) {
    std::vector<std::string> seen;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        std::string key = fr::folded(header.fields[c]);
        if (key.empty()) {
            seen.push_back(key);
            continue;
        }
        auto first = std::find(seen.begin(), seen.end(), key);
        if (first != seen.end())
            throw InputError(file_name + ", ligne " + std::to_string(header.line) + ", colonne " + std::to_string(c + 1) + " " +
                             fr::quote(fr::trim(header.fields[c])) + " : colonne déjà présente en colonne " +
                             std::to_string(first - seen.begin() + 1) + " ; gardez-en une seule (rien n'a été importé).");
        seen.push_back(std::move(key));
    }
}
}  // namespace

std::vector<CsvRecord> parse_csv(const std::string& in, const std::string& file_path, char sep) {
    const std::string file_name = fr::shown_path(file_path);   // as every message names it (trial 13g G3, G7)
    std::vector<CsvRecord> out;
    check_utf8(in, file_name);
    std::size_t i = 0;
    if (in.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    int line = 1;
    // Excel's « sep=; » first line names the separator (trial 13I m3: read as
    // a header with a column without a name): skipped when it is ours, said
    // otherwise; the lines keep their numbers in the file.
    if (in.size() >= i + 5 && (in.compare(i, 4, "sep=") == 0 || in.compare(i, 4, "SEP=") == 0) &&
        (in.size() == i + 5 || in[i + 5] == '\n' || in[i + 5] == '\r')) {
        const char announced = in[i + 4];
        if (announced != sep)
            throw InputError(file_name + ", ligne 1 : « sep=" + std::string(1, announced) + " » annonce le séparateur « " +
                             std::string(1, announced) + " » ; Cotation lit les colonnes séparées par « " +
                             std::string(1, sep) + " » : enregistrez le fichier avec ce séparateur.");
        i += 5;
        if (i < in.size() && in[i] == '\r') ++i;
        if (i < in.size() && in[i] == '\n') ++i;
        line = 2;
    }
    while (i < in.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string field;
        bool in_quotes = false, quoted = false, end = false;
        int quote_line = line;
        while (!end) {
            if (i >= in.size()) {
                if (in_quotes)
                    throw InputError(file_name + ", ligne " + std::to_string(quote_line) +
                                     " : guillemet ouvert et jamais refermé.");
                end = true;
                break;
            }
            char c = in[i];
            if (in_quotes) {
                if (c == '"') {
                    if (i + 1 < in.size() && in[i + 1] == '"') { field += '"'; i += 2; continue; }
                    in_quotes = false;
                    ++i;
                    continue;
                }
                if (c == '\n') ++line;
                field += c;
                ++i;
                continue;
            }
            if (c == '"' && field.empty() && !quoted) { in_quotes = quoted = true; quote_line = line; ++i; continue; }
            if (c == sep) { rec.fields.push_back(field); field.clear(); quoted = false; ++i; continue; }
            if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') { ++i; continue; }
            if (c == '\n') { ++line; ++i; end = true; break; }
            field += c;
            ++i;
        }
        rec.fields.push_back(field);
        // A row of bare separators (« ;;;; », a formatted but empty spreadsheet
        // row) is an empty line, ignored like one.
        bool blank = std::all_of(rec.fields.begin(), rec.fields.end(),
                                 [](const std::string& f) { return fr::trim(f).empty(); });
        if (!blank) {
            if (out.empty()) {
                check_separator(rec, file_name, sep);
                check_unique_columns(rec, file_name);
            }
            check_visible(rec, out.empty() ? rec : out.front(), file_name);
            out.push_back(std::move(rec));
        }
    }
    return out;
}

void drop_unnamed_trailing_columns(std::vector<CsvRecord>& records, const std::string& file_name) {
    if (records.empty()) return;
    auto& header = records.front().fields;
    std::size_t named = header.size();
    while (named > 1 && fr::trim(header[named - 1]).empty()) --named;
    if (named == header.size()) return;
    for (auto& rec : records) {
        for (std::size_t c = named; c < rec.fields.size(); ++c)
            if (!fr::trim(rec.fields[c]).empty())
                throw InputError(
                    file_name + ", ligne " + std::to_string(rec.line) + ", colonne " + std::to_string(c + 1) + " : valeur " +
                    fr::quote(fr::trim(rec.fields[c])) +
                    " sous une colonne sans nom dans l'en-tête ; nommez la colonne ou supprimez-la dans le tableur.");
        if (rec.fields.size() > named) rec.fields.resize(named);
    }
}

std::string csv_field(const std::string& v, char sep) {
    if (v.find_first_of(std::string("\"\n\r") + sep) == std::string::npos) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace cotation::io
