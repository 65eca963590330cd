#pragma once
// UTF-8 <-> wxString at the edge only: wxString from const char* converts with
// the C locale and silently empties accented text (see STYLE.md).
#include <wx/string.h>

#include <string>

#include "core/french.h"

namespace cotation::gui {

inline wxString to_wx(const std::string& s) { return wxString::FromUTF8(s.data(), s.size()); }
inline std::string from_wx(const wxString& s) {
    auto b = s.ToUTF8();
    return std::string(b.data(), b.length());
}
// What a person typed in a field (a name, a reference, a motive), in NFC as
// every input (trial 13d F3: a name with decomposed accents became a second
// person identical to the eye); a path keeps from_wx, the system's bytes.
inline std::string typed_from_wx(const wxString& s) { return fr::nfc(from_wx(s)); }

}  // namespace cotation::gui
