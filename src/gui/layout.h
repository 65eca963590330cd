#pragma once
// Small layout helpers shared by the workbench's views, and the loading of
// wxWidgets' own French catalog.
#include <wx/choice.h>
#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/translation.h>

#include <dlfcn.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "wx_text.h"

namespace cotation::gui {

// One column of a report list: its title, width, and whether it holds numbers
// (right-aligned).
struct Column {
    const char* title;
    int width;
    bool numeric = false;
};

// A report list with single selection and these columns; `height` -1 lets the
// sizer decide.
wxListCtrl* make_list(wxWindow* parent, std::initializer_list<Column> columns, int height = -1);
// Its columns, on a list made otherwise (a virtual list).
void add_columns(wxListCtrl* list, std::initializer_list<Column> columns);
// Appends a row of cells, in `colour` when one is given.
void add_row(wxListCtrl* list, const std::vector<std::string>& cells, const wxColour& colour = wxNullColour);
// Asks for a text (several lines allowed); empty when cancelled.
std::string ask(wxWindow* parent, const std::string& question, const std::string& title, const std::string& initial = "");

// " (art. R. 313-6)" after a text, or nothing when the basis is unknown.
inline std::string in_parentheses(const std::string& basis) { return basis.empty() ? "" : " (" + basis + ")"; }

// A small form: labelled controls in two columns, then OK / Cancel.
class Form {
public:
    Form(wxWindow* parent, const std::string& title);
    template <class W>
    W* add(const std::string& label, W* w) {
        add_label(label);
        grid_->Add(w, wxSizerFlags().Expand());
        return w;
    }
    wxChoice* choice(const std::string& label, const std::vector<std::string>& items);
    wxTextCtrl* text(const std::string& label, const std::string& initial = "", long style = 0);
    wxWindow* parent() { return &dlg_; }
    bool run();   // true when confirmed

private:
    void add_label(const std::string& label);
    wxDialog dlg_;
    wxFlexGridSizer* grid_;
};

// A bold heading that is never cut. wxGTK labels wrap at word boundaries when
// given less than their natural width, and the sizer gives one line of height:
// the last words vanished (« Pièces reçues (cocher à »). Its best size could
// be measured before the bold font applied, so the minimum width is measured
// here with the font it is drawn with; add it with Expand() so that it takes
// the column's width, never its own guess.
inline wxStaticText* heading(wxWindow* parent, const std::string& text) {
    auto* t = new wxStaticText(parent, wxID_ANY, "");
    t->SetFont(t->GetFont().Bold());
    t->SetLabel(to_wx(text));
    if (!text.empty()) t->SetMinSize(wxSize(t->GetTextExtent(to_wx(text)).x + 4, -1));
    return t;
}

// A heading whose text changes (a summary, a title naming a dossier): its
// minimum width follows the new text, measured in its bold font.
inline void set_heading(wxStaticText* t, const std::string& text) {
    t->SetLabel(to_wx(text));
    t->SetMinSize(wxSize(text.empty() ? -1 : t->GetTextExtent(to_wx(text)).x + 4, -1));
    t->InvalidateBestSize();
    if (t->GetParent()) t->GetParent()->Layout();
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

namespace detail {
// GTK draws a stock button (wxID_OK, wxID_CANCEL… with their default label),
// and the buttons of wxMessageBox, from its own stock table, translated by
// GTK's gettext from the system's locale: without a French locale it reads
// « Cancel » even when wx's catalog is loaded. GTK lets a program translate
// that table itself (gtk_stock_set_translate_func, still in GTK 3); the
// functions are looked up in the process, which already loaded GTK through
// wxWidgets, so that nothing links GTK by name.
struct GtkStockItemAbi {
    char* stock_id;
    char* label;
    int modifier;
    unsigned keyval;
    char* translation_domain;
};
using GtkStockLookup = int (*)(const char*, GtkStockItemAbi*);
using GtkTranslate = char* (*)(const char*, void*);
using GtkSetTranslate = void (*)(const char*, GtkTranslate, void*, void (*)(void*));

// "_Cancel" → "_Annuler", from wx's catalog ("&Cancel" → "&Annuler"). The
// returned text lives as long as the program (GTK keeps the pointer).
inline char* translate_stock_label(const char* label, void*) {
    static std::map<std::string, std::string> done;
    auto [it, fresh] = done.try_emplace(label ? label : "");
    if (fresh) {
        std::string gtk = it->first, wx = gtk;
        if (auto u = wx.find('_'); u != std::string::npos) wx[u] = '&';
        it->second = gtk;
        // « OK » is French as it is; wx's catalog would say « Accepter ».
        if (wx != "&OK") {
            for (const std::string& msgid : {wx, wx + "..."}) {
                std::string fr = from_wx(wxGetTranslation(to_wx(msgid)));
                if (fr == msgid) continue;
                if (msgid.size() > wx.size() && fr.size() >= 3 && fr.compare(fr.size() - 3, 3, "...") == 0)
                    fr.resize(fr.size() - 3);
                if (auto a = fr.find('&'); a != std::string::npos) fr[a] = '_';
                it->second = fr;
                break;
            }
        }
    }
    return const_cast<char*>(it->second.c_str());
}

// The label GTK shows for a stock button ("gtk-cancel"), for the GUI test.
inline std::string gtk_stock_label(const char* stock_id) {
    auto lookup = reinterpret_cast<GtkStockLookup>(dlsym(RTLD_DEFAULT, "gtk_stock_lookup"));
    GtkStockItemAbi item{};
    return lookup && lookup(stock_id, &item) && item.label ? std::string(item.label) : std::string();
}
}  // namespace detail

// Stock labels and dialogs (Annuler, Ouvrir, Oui…) come from wxWidgets' own
// French catalog (Debian wx3.2-i18n, wxstd-3.2.mo). wxTranslations reads it
// by itself: no fr_FR locale is needed, and a fresh Debian has none
// (wxLocale::Init(wxLANGUAGE_FRENCH) fails there). GTK's stock buttons are
// given the same translations. Returns false if the catalog is not
// installed: the workbench then shows English stock labels.
inline bool load_french_catalog() {
    auto* tr = new wxTranslations;
    tr->SetLanguage(wxLANGUAGE_FRENCH);
    // Debian's place for it, in case wx was built with another prefix.
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix("/usr/share/locale");
    wxTranslations::Set(tr);
    if (!tr->AddStdCatalog()) return false;
    auto lookup = reinterpret_cast<detail::GtkStockLookup>(dlsym(RTLD_DEFAULT, "gtk_stock_lookup"));
    auto set = reinterpret_cast<detail::GtkSetTranslate>(dlsym(RTLD_DEFAULT, "gtk_stock_set_translate_func"));
    if (lookup && set) {
        // The first lookup builds GTK's table and installs GTK's translator
        // for its domain « gtk30 »; ours replaces it after.
        detail::GtkStockItemAbi item{};
        lookup("gtk-ok", &item);
        set("gtk30", &detail::translate_stock_label, nullptr, nullptr);
    }
    return true;
}

}  // namespace cotation::gui
