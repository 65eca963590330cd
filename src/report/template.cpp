#include "template.h"

#include <sstream>

#include "core/error.h"
#include "core/french.h"

namespace cotation::report {
namespace {

struct Expander {
    const Variables& vars;
    const std::function<std::string(const std::string&)>& load_include;
    int depth = 0;

    std::string substitute(const std::string& line, const std::string& name, int lineno) const {
        std::string out;
        std::size_t i = 0;
        while (i < line.size()) {
            auto open = line.find("{{", i);
            if (open == std::string::npos) { out += line.substr(i); break; }
            auto close = line.find("}}", open);
            if (close == std::string::npos)
                throw InputError("Modèle « " + name + " », ligne " + std::to_string(lineno) + " : « {{ » sans « }} ».");
            out += line.substr(i, open - i);
            std::string key = fr::trim(line.substr(open + 2, close - open - 2));
            auto it = vars.find(key);
            if (it == vars.end())
                throw InputError("Modèle « " + name + " », ligne " + std::to_string(lineno) + " : valeur inconnue " + fr::quote(key) + ".");
            out += it->second;
            i = close + 2;
        }
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
        auto flush = [&] {
            if (!fr::trim(para).empty()) out.push_back({BlockKind::Paragraph, fr::trim(para)});
            para.clear();
        };
        while (std::getline(in, raw)) {
            ++lineno;
            if (!raw.empty() && raw.back() == '\r') raw.pop_back();
            std::string line = fr::trim(raw);
            if (line.rfind("{{#si ", 0) == 0 && line.size() > 8 && line.compare(line.size() - 2, 2, "}}") == 0) {
                std::string key = fr::trim(line.substr(6, line.size() - 8));
                auto it = vars.find(key);
                if (it == vars.end())
                    throw InputError("Modèle « " + name + " », ligne " + std::to_string(lineno) + " : valeur inconnue " + fr::quote(key) + ".");
                keep.push_back(keep.back() && !fr::trim(it->second).empty());
                opened.push_back(lineno);
                continue;
            }
            if (line == "{{/si}}") {
                if (keep.size() == 1)
                    throw InputError("Modèle « " + name + " », ligne " + std::to_string(lineno) + " : « {{/si}} » sans « {{#si …}} ».");
                keep.pop_back();
                opened.pop_back();
                continue;
            }
            if (!keep.back()) continue;
            if (line.rfind("# ", 0) == 0 || line == "#") continue;
            if (line.empty()) { flush(); continue; }
            if (line.rfind("{{>", 0) == 0 && line.compare(line.size() - 2, 2, "}}") == 0) {
                flush();
                std::string inc = fr::trim(line.substr(3, line.size() - 5));
                run(load_include(inc), inc, out, "Modèle « " + name + " », ligne " + std::to_string(lineno));
                continue;
            }
            if (line.rfind("## ", 0) == 0) { flush(); out.push_back({BlockKind::Heading, substitute(line.substr(3), name, lineno)}); continue; }
            if (line.rfind("Objet :", 0) == 0) { flush(); out.push_back({BlockKind::Subject, substitute(line, name, lineno)}); continue; }
            if (line.rfind(">> ", 0) == 0) { flush(); out.push_back({BlockKind::Right, substitute(line.substr(3), name, lineno)}); continue; }
            if (line.rfind("- ", 0) == 0) {
                flush();
                std::istringstream items(substitute(line.substr(2), name, lineno));
                std::string item;
                while (std::getline(items, item))
                    if (!fr::trim(item).empty()) out.push_back({BlockKind::Bullet, fr::trim(item)});
                continue;
            }
            para += (para.empty() ? "" : " ") + substitute(line, name, lineno);
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
    Expander e{vars, load_include};
    e.run(text, name, out);
    return out;
}

}  // namespace cotation::report
