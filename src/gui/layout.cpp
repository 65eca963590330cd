#include "layout.h"

#include <wx/choice.h>
#include <wx/textctrl.h>
#include <wx/textdlg.h>

#include "core/french.h"

namespace cotation::gui {

wxListCtrl* make_list(wxWindow* parent, std::initializer_list<Column> columns, int height) {
    auto* l = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxSize(-1, height), wxLC_REPORT | wxLC_SINGLE_SEL);
    add_columns(l, columns);
    return l;
}

void add_columns(wxListCtrl* list, std::initializer_list<Column> columns) {
    long k = list->GetColumnCount();
    for (const Column& c : columns)
        list->InsertColumn(k++, to_wx(c.title), c.numeric ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT, c.width);
}

void add_row(wxListCtrl* l, const std::vector<std::string>& cells, const wxColour& colour) {
    long i = l->InsertItem(l->GetItemCount(), to_wx(cells.empty() ? "" : cells[0]));
    for (std::size_t c = 1; c < cells.size(); ++c) l->SetItem(i, static_cast<long>(c), to_wx(cells[c]));
    if (colour.IsOk()) l->SetItemTextColour(i, colour);
}

std::string ask(wxWindow* parent, const std::string& question, const std::string& title, const std::string& initial) {
    wxTextEntryDialog dlg(parent, to_wx(question), to_wx(title), to_wx(initial), wxOK | wxCANCEL | wxTE_MULTILINE);
    dlg.SetSize(wxSize(620, 260));
    return dlg.ShowModal() == wxID_OK ? fr::trim(typed_from_wx(dlg.GetValue())) : std::string();
}

Form::Form(wxWindow* parent, const std::string& title)
    : dlg_(parent, wxID_ANY, to_wx(title), wxDefaultPosition, wxSize(640, -1)) {
    grid_ = new wxFlexGridSizer(2, 8, 10);
    grid_->AddGrowableCol(1);
}

void Form::add_label(const std::string& label) {
    grid_->Add(new wxStaticText(&dlg_, wxID_ANY, to_wx(label)), wxSizerFlags().CenterVertical());
}

wxChoice* Form::choice(const std::string& label, const std::vector<std::string>& items) {
    wxArrayString a;
    for (const auto& i : items) a.Add(to_wx(i));
    auto* c = add(label, new wxChoice(&dlg_, wxID_ANY, wxDefaultPosition, wxDefaultSize, a));
    c->SetSelection(0);
    return c;
}

wxTextCtrl* Form::text(const std::string& label, const std::string& initial, long style) {
    return add(label, new wxTextCtrl(&dlg_, wxID_ANY, to_wx(initial), wxDefaultPosition, wxSize(420, style ? 80 : -1), style));
}

bool Form::run() {
    auto* s = new wxBoxSizer(wxVERTICAL);
    s->Add(grid_, wxSizerFlags(1).Expand().Border(wxALL, 12));
    s->Add(dlg_.CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 10));
    dlg_.SetSizerAndFit(s);
    return dlg_.ShowModal() == wxID_OK;
}

}  // namespace cotation::gui
