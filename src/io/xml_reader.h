#pragma once
// What every reader of Cotation's XML files (grids, forms, procedures) says
// alike: the error naming the file, the line and the element, a required
// attribute, an optional one, the children an element allows. `Error` is the
// exception of that kind of file (GridError, InputError).
#include <initializer_list>
#include <string>

#include "core/french.h"
#include "xml_tree.h"

namespace cotation::io {

template <class Error>
struct XmlReader {
    std::string file;

    [[noreturn]] void fail(const XmlElement& e, const std::string& what) const {
        std::string id = e.attr("id").value_or("");
        throw Error(file + ", ligne " + std::to_string(e.line) + ", <" + e.name + (id.empty() ? "" : " id=\"" + id + "\"") +
                    "> : " + what);
    }
    std::string required(const XmlElement& e, const std::string& key) const {
        auto v = e.attr(key);
        if (!v || fr::trim(*v).empty()) fail(e, "l'attribut « " + key + " » manque.");
        return fr::trim(*v);
    }
    std::string text(const XmlElement& e, const std::string& key) const { return fr::trim(e.attr(key).value_or("")); }
    void only(const XmlElement& e, std::initializer_list<const char*> allowed) const {
        for (const auto& c : e.children) {
            bool ok = false;
            for (const char* a : allowed) ok = ok || c->name == a;
            if (!ok) fail(*c, std::string("élément inconnu dans <") + e.name + ">.");
        }
    }
};

}  // namespace cotation::io
