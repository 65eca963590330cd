#pragma once
// UTF-8 <-> wxString at the edge only: wxString from const char* converts with
// the C locale and silently empties accented text (see STYLE.md).
#include <wx/string.h>

#include <string>

namespace cotation::gui {

inline wxString to_wx(const std::string& s) { return wxString::FromUTF8(s.data(), s.size()); }
inline std::string from_wx(const wxString& s) {
    auto b = s.ToUTF8();
    return std::string(b.data(), b.length());
}

}  // namespace cotation::gui
