#include "template.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include "core/error.h"
#include "core/french.h"
#include "io/xml_tree.h"
#include "core/invisible.h"

namespace cotation::report {
namespace {

struct Expander {
    const Variables& vars;
    const std::function<std::string(const std::string&)>& load_include;
    // Checking, not writing: unknown values are collected here (with the
    // context of the message) instead of thrown, and every branch is kept.
    std::vector<std::string>* problems = nullptr;
    std::string context;
    int depth = 0;

    void unknown(const std::string& name, int lineno, const std::string& key) const {
        std::string msg = "Modèle « " + name + " », ligne " + std::to_string(lineno) + " : valeur inconnue " + fr::quote(key) +
                          context + ".";
        if (!problems) throw InputError(msg);
        problems->push_back(msg);
    }

    // The raw line being read, for the column a message names.
    std::string raw_line = {};

    std::string where(const std::string& name, int lineno, std::size_t at) const {
        // The column counts characters (UTF-8 code points) of the line as written.
        std::size_t col = 1;
        for (std::size_t k = 0; k < at && k < raw_line.size(); ++k)
            if ((static_cast<unsigned char>(raw_line[k]) & 0xC0) != 0x80) ++col;
        return "Modèle « " + name + " », ligne " + std::to_string(lineno) + ", colonne " + std::to_string(col);
    }

    // `base`: where `line` starts in the raw line (for columns). Inline
    // sections "{{#si nom}}…{{/si}}" open and close on the same line.
    std::string substitute(const std::string& line, const std::string& name, int lineno, std::size_t base = 0) const {
        std::string out;
        std::vector<std::pair<bool, std::size_t>> sections;   // kept?, where opened
        auto keeping = [&] { return sections.empty() || sections.back().first; };
        std::size_t i = 0;
        while (i < line.size()) {
            auto open = line.find("{{", i);
            if (open == std::string::npos) {
                if (keeping()) out += line.substr(i);
                break;
            }
            auto close = line.find("}}", open);
            if (close == std::string::npos)
                throw InputError(where(name, lineno, base + open) + " : « {{ » sans « }} ».");
            if (keeping()) out += line.substr(i, open - i);
            std::string key = fr::trim(line.substr(open + 2, close - open - 2));
            i = close + 2;
            if (key.rfind("#si ", 0) == 0) {
                std::string cond = fr::trim(key.substr(4));
                auto it = vars.find(cond);
                if (it == vars.end()) unknown(name, lineno, cond);
                // A check looks inside every branch.
                sections.push_back({keeping() && (problems || (it != vars.end() && !fr::trim(it->second).empty())), open});
                continue;
            }
            if (key == "/si") {
                if (sections.empty())
                    throw InputError(where(name, lineno, base + open) +
                                     " : « {{/si}} » sans « {{#si …}} » ouvert sur cette ligne (une section ouverte seule "
                                     "sur sa ligne se ferme par « {{/si}} » seul sur la sienne).");
                sections.pop_back();
                continue;
            }
            if (!key.empty() && (key[0] == '#' || key[0] == '/' || key[0] == '>'))
                throw InputError(where(name, lineno, base + open) + " : « {{" + key +
                                 "}} » n'a pas sa place dans une ligne (« {{#si nom}} » … « {{/si}} » dans une ligne, "
                                 "« {{> modèle}} » seul sur sa ligne).");
            auto it = vars.find(key);
            if (it == vars.end()) unknown(name, lineno, key);
            else if (keeping()) out += it->second;
        }
        if (!sections.empty())
            throw InputError(where(name, lineno, base + sections.back().second) +
                             " : « {{#si …}} » sans « {{/si}} » sur la même ligne (une section dans une ligne s'y ferme ; "
                             "sinon « {{#si …}} » et « {{/si}} » seuls sur leur ligne).");
        return out;
    }

    // `where`: the including template and line, for an inclusion too deep.
    void run(const std::string& text, const std::string& name, std::vector<Block>& out, const std::string& where = "") {
        if (++depth > 8)
            throw InputError(where + " : inclusions trop imbriquées (plus de 8 ; un modèle s'inclut-il lui-même ?).");
        std::istringstream in(text);
        std::string raw;
        int lineno = 0;
        std::string para;
        std::vector<bool> keep{true};
        std::vector<int> opened;   // line of each open {{#si}}
        bool in_table = false;     // the previous kept line was a table row
        auto flush = [&] {
            // An empty value between two words ("rang {{ex_aequo}} sur") leaves one space, not two.
            for (std::size_t at; (at = para.find("  ")) != std::string::npos;) para.erase(at, 1);
            if (!fr::trim(para).empty()) out.push_back({BlockKind::Paragraph, fr::trim(para)});
            para.clear();
        };
        while (std::getline(in, raw)) {
            ++lineno;
            if (!raw.empty() && raw.back() == '\r') raw.pop_back();
            std::string line = fr::trim(raw);
            raw_line = raw;
            const std::size_t base = line.empty() ? 0 : raw.find(line);   // where the trimmed line starts
            // A tag alone on its line (its first "}}" ends the line) opens a block section.
            auto whole_tag = [&](const char* head) {
                return line.rfind(head, 0) == 0 && line.size() > 4 && line.find("}}") == line.size() - 2;
            };
            if (whole_tag("{{#si ")) {
                std::string key = fr::trim(line.substr(6, line.size() - 8));
                auto it = vars.find(key);
                if (it == vars.end()) unknown(name, lineno, key);
                // A check looks inside every branch.
                keep.push_back(keep.back() && (problems || (it != vars.end() && !fr::trim(it->second).empty())));
                opened.push_back(lineno);
                continue;
            }
            if (line == "{{/si}}") {
                if (keep.size() == 1)
                    throw InputError("Modèle « " + name + " », ligne " + std::to_string(lineno) +
                                     " : « {{/si}} » sans « {{#si …}} ».");
                keep.pop_back();
                opened.pop_back();
                continue;
            }
            if (!keep.back()) continue;
            if (line.rfind("# ", 0) == 0 || line == "#") continue;
            // "| a | b |": a table row; consecutive rows make one table, the
            // first its header (repeated on each page the table crosses).
            if (line.size() >= 2 && line.front() == '|') {
                flush();
                if (line.back() != '|')
                    throw InputError("Modèle « " + name + " », ligne " + std::to_string(lineno) +
                                     " : une ligne de tableau finit par « | ».");
                std::string row_text = substitute(line.substr(1, line.size() - 2), name, lineno, base + 1);
                std::vector<std::string> cells;
                std::string cell;
                for (char ch : row_text + "|") {
                    if (ch != '|') { cell += ch; continue; }
                    cells.push_back(fr::trim(cell));
                    cell.clear();
                }
                if (in_table && !out.empty() && out.back().kind == BlockKind::Table) {
                    if (cells.size() != out.back().rows.front().size())
                        throw InputError("Modèle « " + name + " », ligne " + std::to_string(lineno) + " : " +
                                         std::to_string(cells.size()) + " colonnes, l'en-tête du tableau en a " +
                                         std::to_string(out.back().rows.front().size()) + ".");
                    out.back().rows.push_back(std::move(cells));
                } else {
                    out.push_back({BlockKind::Table, "", {std::move(cells)}});
                }
                in_table = true;
                continue;
            }
            in_table = false;
            if (line.empty()) { flush(); continue; }
            if (whole_tag("{{>")) {
                flush();
                std::string inc = fr::trim(line.substr(3, line.size() - 5));
                // "voies-recours" is "voies-recours-ars" for an ARS, when that
                // template exists: what depends on the authority's kind.
                std::string included, used = inc;
                auto kind = vars.find("autorite.type");
                bool found = false;
                if (kind != vars.end() && !kind->second.empty()) {
                    try {
                        included = load_include(inc + "-" + kind->second);
                        used = inc + "-" + kind->second;
                        found = true;
                    } catch (const InputError&) {
                        // no variant for this kind: the common template
                    }
                }
                if (!found) {
                    try {
                        included = load_include(inc);
                    } catch (const std::exception& e) {
                        if (!problems) throw;
                        problems->push_back("Modèle « " + name + " », ligne " + std::to_string(lineno) + " : " + e.what());
                        continue;
                    }
                }
                run(included, used, out, "Modèle « " + name + " », ligne " + std::to_string(lineno));
                continue;
            }
            if (line.rfind("## ", 0) == 0) {
                flush();
                out.push_back({BlockKind::Heading, substitute(line.substr(3), name, lineno, base + 3)});
                continue;
            }
            if (line.rfind("Objet :", 0) == 0) {
                flush();
                out.push_back({BlockKind::Subject, substitute(line, name, lineno, base)});
                continue;
            }
            if (fr::trim(line) == ">>") {   // the room to sign, in a signature block (docs/templates.md)
                flush();
                out.push_back({BlockKind::Right, ""});
                continue;
            }
            if (line.rfind(">> ", 0) == 0) {
                flush();
                out.push_back({BlockKind::Right, substitute(line.substr(3), name, lineno, base + 3)});
                continue;
            }
            if (line.rfind("- ", 0) == 0) {
                flush();
                std::istringstream items(substitute(line.substr(2), name, lineno, base + 2));
                std::string item;
                while (std::getline(items, item))
                    if (!fr::trim(item).empty()) out.push_back({BlockKind::Bullet, fr::trim(item)});
                continue;
            }
            para += (para.empty() ? "" : " ") + substitute(line, name, lineno, base);
        }
        flush();
        if (keep.size() != 1)
            throw InputError("Modèle « " + name + " », ligne " + std::to_string(opened.back()) +
                             " : « {{#si …}} » sans « {{/si}} ».");
        --depth;
    }
};

}  // namespace

std::vector<Block> expand_template(const std::string& text, const std::string& name, const Variables& vars,
                                   const std::function<std::string(const std::string&)>& load_include) {
    std::vector<Block> out;
    Expander e{vars, load_include, nullptr, ""};
    e.run(text, name, out);
    // After the signature come the mentions (appeal ways, journal head): in
    // small print, so that a letter keeps to one page with them below its
    // signature, as an administration sends it (trial 1011 #18).
    bool signed_above = false;
    for (auto& b : out) {
        if (b.kind == BlockKind::Right) signed_above = true;
        else if (signed_above && b.kind != BlockKind::Table) b.mention = true;
    }
    return out;
}

std::vector<std::string> check_template(const std::string& text, const std::string& name, const Variables& vars,
                                        const std::function<std::string(const std::string&)>& load_include,
                                        const std::string& context) {
    std::vector<Block> out;
    std::vector<std::string> problems;
    Expander e{vars, load_include, &problems, context};
    try {
        e.run(text, name, out);
    } catch (const Error& x) {   // syntax: "{{" without "}}", unbalanced "{{#si}}"
        problems.push_back(x.what());
    }
    return problems;
}

std::string utf8_template(const std::string& bytes, const std::string& shown_name) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < bytes.size();) {
        std::size_t n = fr::utf8_length(bytes, i);
        if (n == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[i]));
            throw InputError("Modèle « " + shown_name + " », ligne " + std::to_string(line) + ", colonne " +
                             std::to_string(column) + " : octet " + hex +
                             " : le fichier n'est pas en UTF-8 (Windows-1252 probable, « ANSI » du Bloc-notes) ; "
                             "enregistrez-le en UTF-8.");
        }
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += n;
    }
    return bytes;
}

TemplateSet::TemplateSet(std::string dir, std::string grid_id) : dir_(std::move(dir)), grid_id_(std::move(grid_id)) {}

std::string TemplateSet::file_name(const std::string& name) {
    return name.find('.') == std::string::npos ? name + ".txt" : name;
}

std::string TemplateSet::resolve(const std::string& name) const {
    std::string file = file_name(name);
    if (!grid_id_.empty() && std::filesystem::exists(dir_ + "/" + grid_id_ + "/" + file)) return grid_id_ + "/" + file;
    return file;
}

const std::string& TemplateSet::load(const std::string& name) {
    std::string key = file_name(name);
    auto it = texts_.find(key);
    if (it != texts_.end()) return it->second;
    std::string rel = resolve(key);
    if (!std::filesystem::exists(dir_ + "/" + rel))
        throw InputError("Modèle « " + key + " » introuvable dans " + dir_ +
                         (grid_id_.empty() ? "" : " ni dans " + dir_ + "/" + grid_id_) + ".");
    resolved_[key] = rel;
    return texts_[key] = utf8_template(io::read_file(dir_ + "/" + rel, io::kTemplateFile), rel);
}

const std::string& TemplateSet::loaded(const std::string& name) const {
    auto it = texts_.find(file_name(name));
    if (it == texts_.end())
        throw InputError("Modèle " + fr::quote_path(file_name(name)) + " non préparé avant l'écriture des documents.");
    return it->second;
}

std::string TemplateSet::shown_name(const std::string& name) const {
    auto it = resolved_.find(file_name(name));
    return it == resolved_.end() ? file_name(name) : it->second;
}

std::vector<Block> TemplateSet::expand(const std::string& name, const Variables& vars) const {
    return expand_template(loaded(name), shown_name(name), vars, [this](const std::string& n) { return loaded(n); });
}

std::vector<std::string> TemplateSet::check(const std::string& name, const Variables& vars, const std::string& context) {
    std::string text;
    try {
        text = load(name);
    } catch (const Error& e) {
        return {e.what()};
    }
    // Includes are read (and kept) as the check meets them.
    return check_template(text, shown_name(name), vars, [this](const std::string& n) { return load(n); }, context);
}

}  // namespace cotation::report
