#pragma once
// Small layout helpers shared by the workbench's views, and the loading of
// wxWidgets' own French catalog.
#include <wx/intl.h>
#include <wx/stattext.h>
#include <wx/translation.h>

#include <algorithm>
#include <string>

#include "wx_text.h"

namespace cotation::gui {

// A bold heading that is never cut. wxGTK labels wrap at word boundaries when
// given less than their natural width, and the sizer gives one line of height:
// the last words vanished (« Pièces reçues (cocher à »). Its best size could
// be measured before the bold font applied, so the minimum width is measured
// here with the font it is drawn with; add it with Expand() so that it takes
// the column's width, never its own guess.
inline wxStaticText* heading(wxWindow* parent, const std::string& text, bool larger = false) {
    auto* t = new wxStaticText(parent, wxID_ANY, "");
    wxFont f = t->GetFont().Bold();
    if (larger) f = f.Larger();
    t->SetFont(f);
    t->SetLabel(to_wx(text));
    if (!text.empty()) t->SetMinSize(wxSize(t->GetTextExtent(to_wx(text)).x + 4, -1));
    return t;
}

// A label whose text is set later (titles, summaries): created empty, it must
// be added with Expand() to take the column's width; `set_label` keeps its
// minimum width in step with the text, as `heading` does.
inline void set_label(wxStaticText* t, const std::string& text) {
    wxString s = to_wx(text);
    t->SetLabel(s);
    int width = 0;
    for (const auto& line : wxSplit(s, '\n', '\0')) width = std::max(width, t->GetTextExtent(line).x);
    t->SetMinSize(wxSize(text.empty() ? -1 : width + 4, -1));
}

// A label whose text may be longer than its column (a title naming a dossier
// and a criterion): it wraps to the width the sizer gives it, again at each
// resize, and asks for the height of its lines. Add it with Expand().
class WrappedText : public wxStaticText {
public:
    explicit WrappedText(wxWindow* parent)
        : wxStaticText(parent, wxID_ANY, "", wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE) {
        Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            e.Skip();
            if (e.GetSize().x != width_) Rewrap(e.GetSize().x);
        });
    }
    void SetText(const std::string& text) {
        text_ = to_wx(text);
        Rewrap(GetSize().x);
    }

private:
    void Rewrap(int width) {
        width_ = width;
        SetLabel(text_);
        if (width > 60) Wrap(width);
        InvalidateBestSize();
        int height = GetBestSize().y;
        // Its width comes from the column; its height from its lines.
        if (GetMinSize().y != height) {
            SetMinSize(wxSize(60, height));
            CallAfter([this] {
                if (GetParent()) GetParent()->Layout();
            });
        }
    }
    wxString text_;
    int width_ = -1;
};

// A paragraph of explanation, wrapped at `width` pixels so that it never asks
// for more than the window has.
inline wxStaticText* note(wxWindow* parent, const std::string& text, int width) {
    auto* t = new wxStaticText(parent, wxID_ANY, to_wx(text));
    t->SetForegroundColour(wxColour(90, 90, 90));
    t->Wrap(width);
    return t;
}

// Stock labels and dialogs (Annuler, Ouvrir, Oui…) come from wxWidgets' own
// French catalog (Debian wx3.2-i18n, wxstd-3.2.mo). wxTranslations reads it
// by itself: no fr_FR locale is needed, and a fresh Debian has none
// (wxLocale::Init(wxLANGUAGE_FRENCH) fails there). Returns false if the
// catalog is not installed: the workbench then shows English stock labels.
inline bool load_french_catalog() {
    auto* tr = new wxTranslations;
    tr->SetLanguage(wxLANGUAGE_FRENCH);
    // Debian's place for it, in case wx was built with another prefix.
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix("/usr/share/locale");
    wxTranslations::Set(tr);
    return tr->AddStdCatalog();
}

}  // namespace cotation::gui
