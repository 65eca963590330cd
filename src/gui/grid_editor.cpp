#include "grid_editor.h"

#include <wx/filedlg.h>
#include <wx/scrolwin.h>
#include <wx/listctrl.h>
#include <wx/simplebook.h>
#include <wx/splitter.h>
#include <wx/treectrl.h>

#include <fstream>
#include <regex>

#include "colours.h"
#include "core/error.h"
#include "core/enums.h"
#include "core/french.h"
#include "io/grid_writer.h"
#include "wx_text.h"

namespace cotation::gui {
namespace {

// What a tree item stands for.
struct Node : wxTreeItemData {
    enum Kind { GridRoot, ThemesRoot, Theme, Criterion, RulesRoot, Rule, DocsRoot, Doc } kind;
    std::size_t theme = 0, index = 0;
    Node(Kind k, std::size_t t = 0, std::size_t i = 0) : kind(k), theme(t), index(i) {}
};

wxTextCtrl* field(wxWindow* parent, wxFlexGridSizer* grid, const char* label, long style = 0) {
    grid->Add(new wxStaticText(parent, wxID_ANY, to_wx(label)), wxSizerFlags().Top().Border(wxTOP, 4));
    auto* t = new wxTextCtrl(parent, wxID_ANY, "", wxDefaultPosition, wxSize(-1, style & wxTE_MULTILINE ? 80 : -1), style);
    grid->Add(t, wxSizerFlags().Expand());
    return t;
}

class GridEditor : public wxDialog {
public:
    GridEditor(wxWindow* parent, Workbench& wb, Grid grid, bool for_campaign)
        : wxDialog(parent, wxID_ANY, to_wx("Éditeur de grille"), wxDefaultPosition, wxSize(1240, 780),
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
          wb_(wb), model_(std::move(grid)), for_campaign_(for_campaign) {
        model_.file = "grille en cours d'édition";
        auto* head = new wxFlexGridSizer(8, wxSize(8, 4));
        auto head_field = [&](const char* label, int width) {
            head->Add(new wxStaticText(this, wxID_ANY, to_wx(label)), wxSizerFlags().CenterVertical());
            auto* t = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(width, -1));
            head->Add(t, wxSizerFlags().CenterVertical());
            return t;
        };
        grid_id_ = head_field("Identifiant :", 200);
        grid_version_ = head_field("Version :", 60);
        grid_title_ = head_field("Titre :", 480);
        head->Add(new wxStaticText(this, wxID_ANY, to_wx("Statut :")), wxSizerFlags().CenterVertical());
        status_ = new wxChoice(this, wxID_ANY);
        status_->Append(to_wx("proposition"));
        status_->Append(to_wx("officielle"));
        head->Add(status_, wxSizerFlags().CenterVertical());

        auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE);
        auto* left = new wxPanel(split);
        tree_ = new wxTreeCtrl(left, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTR_DEFAULT_STYLE | wxTR_HIDE_ROOT);
        auto* buttons = new wxBoxSizer(wxHORIZONTAL);
        auto* add_theme = new wxButton(left, wxID_ANY, to_wx("+ Thème"));
        auto* add_crit = new wxButton(left, wxID_ANY, to_wx("+ Critère"));
        auto* add_rule = new wxButton(left, wxID_ANY, to_wx("+ Règle"));
        auto* remove = new wxButton(left, wxID_ANY, to_wx("Supprimer"));
        for (auto* b : {add_theme, add_crit, add_rule, remove}) buttons->Add(b, wxSizerFlags().Border(wxRIGHT, 4));
        auto* ls = new wxBoxSizer(wxVERTICAL);
        ls->Add(tree_, wxSizerFlags(1).Expand());
        ls->Add(buttons, wxSizerFlags().Border(wxTOP, 6));
        left->SetSizer(ls);

        book_ = new wxSimplebook(split);
        BuildPages();
        split->SplitVertically(left, book_, 470);
        split->SetMinimumPaneSize(250);

        validity_ = new wxStaticText(this, wxID_ANY, "");
        validity_->SetFont(validity_->GetFont().Bold());
        auto* actions = new wxBoxSizer(wxHORIZONTAL);
        auto* save = new wxButton(this, wxID_SAVEAS, to_wx("Enregistrer sous…"));
        apply_ = new wxButton(this, wxID_ANY, to_wx("Aperçu et application à la campagne…"));
        apply_->Show(for_campaign_ && wb_.session);
        actions->Add(validity_, wxSizerFlags(1).CenterVertical());
        actions->Add(save, wxSizerFlags().Border(wxLEFT, 8));
        actions->Add(apply_, wxSizerFlags().Border(wxLEFT, 8));
        actions->Add(new wxButton(this, wxID_CLOSE, to_wx("Fermer")), wxSizerFlags().Border(wxLEFT, 8));

        auto* main = new wxBoxSizer(wxVERTICAL);
        main->Add(head, wxSizerFlags().Expand().Border(wxALL, 10));
        main->Add(split, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, 10));
        main->Add(actions, wxSizerFlags().Expand().Border(wxALL, 10));
        SetSizer(main);

        grid_id_->ChangeValue(to_wx(model_.id));
        grid_version_->ChangeValue(to_wx(model_.version));
        grid_title_->ChangeValue(to_wx(model_.title));
        status_->SetStringSelection(to_wx(model_.status));
        for (auto* t : {grid_id_, grid_version_, grid_title_})
            t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { FromHeader(); });
        status_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { FromHeader(); });
        tree_->Bind(wxEVT_TREE_SEL_CHANGED, [this](wxTreeEvent&) { ShowSelected(); });
        add_theme->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AddTheme(); });
        add_crit->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AddCriterion(); });
        add_rule->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { AddRule(); });
        remove->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { RemoveSelected(); });
        save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { SaveAs(); });
        apply_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Apply(); });
        Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { EndModal(wxID_CLOSE); }, wxID_CLOSE);
        RebuildTree();
        Validate();
    }

    // For screenshots and tests: select the criterion with this id.
    void SelectCriterion(const std::string& id) {
        wxTreeItemIdValue c1, c2;
        wxTreeItemId themes = tree_->GetFirstChild(tree_->GetRootItem(), c1);
        for (wxTreeItemId t = tree_->GetFirstChild(themes, c2); t.IsOk(); t = tree_->GetNextChild(themes, c2)) {
            wxTreeItemIdValue c3;
            for (wxTreeItemId c = tree_->GetFirstChild(t, c3); c.IsOk(); c = tree_->GetNextChild(t, c3)) {
                auto* n = static_cast<Node*>(tree_->GetItemData(c));
                if (model_.themes[n->theme].criteria[n->index].id == id) {
                    tree_->SelectItem(c);
                    tree_->EnsureVisible(c);
                    return;
                }
            }
        }
    }

private:
    static wxFlexGridSizer* form_grid() {   // labels, then fields that take the width
        auto* g = new wxFlexGridSizer(2, wxSize(8, 6));
        g->AddGrowableCol(1, 1);
        return g;
    }
    // A page of the book: its form, then `below` (a note) when there is one.
    void add_page(wxWindow* page, wxSizer* form, wxWindow* below = nullptr, int below_sides = 0) {
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(form, wxSizerFlags().Expand().Border(wxALL, 12));
        if (below) sizer->Add(below, wxSizerFlags().Expand().Border(below_sides, 12));
        page->SetSizer(sizer);
        book_->AddPage(page, "");
    }

    void BuildPages() {
        // Page 0: nothing selected / a folder.
        auto* blank = new wxPanel(book_);
        auto* bs = new wxBoxSizer(wxVERTICAL);
        bs->Add(new wxStaticText(blank, wxID_ANY, to_wx("Choisissez un thème, un critère ou une règle à gauche.")),
                wxSizerFlags().Expand().Border(wxALL, 12));
        blank->SetSizer(bs);
        book_->AddPage(blank, "");
        // Page 1: theme.
        auto* tp = new wxPanel(book_);
        auto* tg = form_grid();
        theme_id_ = field(tp, tg, "Identifiant du thème");
        theme_label_ = field(tp, tg, "Intitulé");
        theme_max_ = new wxStaticText(tp, wxID_ANY, "");
        add_page(tp, tg, theme_max_, wxLEFT);
        // Page 2: criterion; scrolled, as a 0–20 scale has 21 level descriptors.
        auto* cp = new wxScrolledWindow(book_);
        cp->SetScrollRate(0, 12);
        auto* cg = form_grid();
        crit_id_ = field(cp, cg, "Identifiant du critère");
        crit_label_ = field(cp, cg, "Intitulé");
        crit_coef_ = field(cp, cg, "Coefficient");
        crit_guidance_ = field(cp, cg, "Attendus (commentaire)", wxTE_MULTILINE);
        crit_source_ = field(cp, cg, "Source (texte, section)");
        // One descriptor per level of the grid's own scale (scale-max).
        for (int i = model_.scale_min; i <= model_.scale_max; ++i)
            crit_levels_.push_back(field(cp, cg, ("Niveau " + std::to_string(i)).c_str()));
        add_page(cp, cg);
        // Page 3: rule.
        auto* rp = new wxPanel(book_);
        auto* rg = form_grid();
        rule_id_ = field(rp, rg, "Identifiant de la règle");
        rule_label_ = field(rp, rg, "Intitulé");
        rg->Add(new wxStaticText(rp, wxID_ANY, to_wx("Effet")), wxSizerFlags().CenterVertical());
        rule_effect_ = new wxChoice(rp, wxID_ANY);
        for (const auto& label : enum_labels<RuleEffect>()) rule_effect_->Append(to_wx(label));
        rg->Add(rule_effect_);
        rule_when_ = field(rp, rg, "S'applique si (facultatif)");
        rule_test_ = field(rp, rg, "Condition", wxTE_MULTILINE);
        rule_message_ = field(rp, rg, "Motif en cas d'échec");
        rule_source_ = field(rp, rg, "Source (texte, section)");
        auto* help = new wxStaticText(rp, wxID_ANY,
                                      to_wx("Langage : ou, et, non ; = != < <= > >= ; + - * / ; x dans [\"a\", \"b\"] ; "
                                            "dates 2023-07-01 ; present(fait), departement(commune), "
                                            "departements(territoire), nombre(liste), min(a, b), max(a, b)."));
        help->Wrap(640);
        help->SetForegroundColour(colour(Colour::Muted));
        add_page(rp, rg, help, wxLEFT | wxRIGHT);

        for (auto* t : {theme_id_, theme_label_})
            t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { FromThemePage(); });
        for (auto* t : {crit_id_, crit_label_, crit_coef_, crit_guidance_, crit_source_})
            t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { FromCriterionPage(); });
        for (auto* t : crit_levels_) t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { FromCriterionPage(); });
        for (auto* t : {rule_id_, rule_label_, rule_when_, rule_test_, rule_message_, rule_source_})
            t->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { FromRulePage(); });
        rule_effect_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { FromRulePage(); });
    }

    std::string ThemeLabel(std::size_t t) const {
        const Theme& th = model_.themes[t];
        return th.id + " — " + th.label + " (" + fr::number(model_.theme_max(th)) + " points)";
    }
    std::string CriterionLabel(const Criterion& c) const {
        return c.id + "  " + c.label + " (coef. " + fr::number(c.coefficient) + ")";
    }

    void RebuildTree() {
        tree_->DeleteAllItems();
        wxTreeItemId root = tree_->AddRoot("grille", -1, -1, new Node(Node::GridRoot));
        themes_item_ = tree_->AppendItem(root, to_wx("Thèmes et critères"), -1, -1, new Node(Node::ThemesRoot));
        for (std::size_t t = 0; t < model_.themes.size(); ++t) {
            wxTreeItemId ti = tree_->AppendItem(themes_item_, to_wx(ThemeLabel(t)), -1, -1, new Node(Node::Theme, t));
            for (std::size_t c = 0; c < model_.themes[t].criteria.size(); ++c)
                tree_->AppendItem(ti, to_wx(CriterionLabel(model_.themes[t].criteria[c])), -1, -1,
                                  new Node(Node::Criterion, t, c));
        }
        rules_item_ = tree_->AppendItem(root, to_wx("Règles de recevabilité"), -1, -1, new Node(Node::RulesRoot));
        for (std::size_t r = 0; r < model_.rules.size(); ++r)
            tree_->AppendItem(rules_item_, to_wx(RuleLabel(r)), -1, -1, new Node(Node::Rule, 0, r));
        tree_->Expand(themes_item_);
        wxTreeItemIdValue cookie;
        for (wxTreeItemId t = tree_->GetFirstChild(themes_item_, cookie); t.IsOk(); t = tree_->GetNextChild(themes_item_, cookie))
            tree_->Expand(t);
    }
    std::string RuleLabel(std::size_t r) const {
        const RuleDef& x = model_.rules[r];
        return (x.effect == RuleEffect::Eliminating ? "■ " : "◇ ") + x.id + " — " + x.label;
    }

    Node* Selected() const {
        wxTreeItemId id = tree_->GetSelection();
        return id.IsOk() ? static_cast<Node*>(tree_->GetItemData(id)) : nullptr;
    }

    void ShowSelected() {
        loading_ = true;
        Node* n = Selected();
        if (!n || n->kind == Node::GridRoot || n->kind == Node::ThemesRoot || n->kind == Node::RulesRoot) {
            book_->SetSelection(0);
        } else if (n->kind == Node::Theme) {
            const Theme& t = model_.themes[n->theme];
            theme_id_->ChangeValue(to_wx(t.id));
            theme_label_->ChangeValue(to_wx(t.label));
            theme_max_->SetLabel(to_wx("Maximum du thème : " + fr::number(model_.theme_max(t)) +
                                       " points (somme des coefficients × " + std::to_string(model_.scale_max) + ")"));
            book_->SetSelection(1);
        } else if (n->kind == Node::Criterion) {
            const Criterion& c = model_.themes[n->theme].criteria[n->index];
            crit_id_->ChangeValue(to_wx(c.id));
            crit_label_->ChangeValue(to_wx(c.label));
            crit_coef_->ChangeValue(to_wx(fr::number(c.coefficient, 6)));
            crit_guidance_->ChangeValue(to_wx(c.guidance));
            crit_source_->ChangeValue(to_wx(c.source));
            for (std::size_t i = 0; i < crit_levels_.size() && i < c.levels.size(); ++i)
                crit_levels_[i]->ChangeValue(to_wx(c.levels[i]));
            book_->SetSelection(2);
        } else if (n->kind == Node::Rule) {
            const RuleDef& r = model_.rules[n->index];
            rule_id_->ChangeValue(to_wx(r.id));
            rule_label_->ChangeValue(to_wx(r.label));
            rule_effect_->SetSelection(enum_position(r.effect));
            rule_when_->ChangeValue(to_wx(r.when_text));
            rule_test_->ChangeValue(to_wx(r.test_text));
            rule_message_->ChangeValue(to_wx(r.message));
            rule_source_->ChangeValue(to_wx(r.source));
            book_->SetSelection(3);
        }
        loading_ = false;
    }

    void FromHeader() {
        model_.id = from_wx(grid_id_->GetValue());
        model_.version = from_wx(grid_version_->GetValue());
        model_.title = from_wx(grid_title_->GetValue());
        model_.status = from_wx(status_->GetStringSelection());
        Validate();
    }
    void FromThemePage() {
        Node* n = Selected();
        if (loading_ || !n || n->kind != Node::Theme) return;
        Theme& t = model_.themes[n->theme];
        t.id = from_wx(theme_id_->GetValue());
        t.label = from_wx(theme_label_->GetValue());
        tree_->SetItemText(tree_->GetSelection(), to_wx(ThemeLabel(n->theme)));
        Validate();
    }
    void FromCriterionPage() {
        Node* n = Selected();
        if (loading_ || !n || n->kind != Node::Criterion) return;
        Criterion& c = model_.themes[n->theme].criteria[n->index];
        c.id = from_wx(crit_id_->GetValue());
        c.label = from_wx(crit_label_->GetValue());
        coef_error_.clear();
        auto coef = fr::parse_number(from_wx(crit_coef_->GetValue()));
        if (coef) c.coefficient = *coef;
        else coef_error_ = "coefficient « " + from_wx(crit_coef_->GetValue()) + " » illisible (critère " + c.id + ")";
        c.guidance = from_wx(crit_guidance_->GetValue());
        c.source = from_wx(crit_source_->GetValue());
        for (std::size_t i = 0; i < crit_levels_.size() && i < c.levels.size(); ++i)
            c.levels[i] = from_wx(crit_levels_[i]->GetValue());
        tree_->SetItemText(tree_->GetSelection(), to_wx(CriterionLabel(c)));
        tree_->SetItemText(tree_->GetItemParent(tree_->GetSelection()), to_wx(ThemeLabel(n->theme)));
        Validate();
    }
    void FromRulePage() {
        Node* n = Selected();
        if (loading_ || !n || n->kind != Node::Rule) return;
        RuleDef& r = model_.rules[n->index];
        r.id = from_wx(rule_id_->GetValue());
        r.label = from_wx(rule_label_->GetValue());
        r.effect = enum_at<RuleEffect>(rule_effect_->GetSelection()).value_or(RuleEffect::Eliminating);
        r.when_text = from_wx(rule_when_->GetValue());
        r.test_text = from_wx(rule_test_->GetValue());
        r.message = from_wx(rule_message_->GetValue());
        r.source = from_wx(rule_source_->GetValue());
        tree_->SetItemText(tree_->GetSelection(), to_wx(RuleLabel(n->index)));
        Validate();
    }

    // The whole grid is checked at every keystroke, as loading it would.
    bool Validate() {
        std::string problem = coef_error_;
        if (problem.empty()) {
            Grid copy = model_;
            copy.declared_total.reset();
            for (auto& t : copy.themes) t.declared_max.reset();
            try {
                copy.compile();
            } catch (const GridError& e) {
                problem = std::regex_replace(std::string(e.what()), std::regex("^grille en cours d'édition, ligne \\d+, "), "");
            }
        }
        valid_ = problem.empty();
        if (valid_) {
            validity_->SetForegroundColour(colour(Colour::Passed));
            validity_->SetLabel(to_wx("✓ Grille valide : " + std::to_string(model_.criterion_count()) + " critères, " +
                                      fr::number(model_.max_total()) + " points, " + std::to_string(model_.rules.size()) +
                                      " règles"));
        } else {
            validity_->SetForegroundColour(colour(Colour::Refused));
            validity_->SetLabel(to_wx("✗ " + problem));
        }
        apply_->Enable(valid_);
        Layout();
        return valid_;
    }

    void AddTheme() {
        Theme t;
        t.id = "T" + std::to_string(model_.themes.size() + 1);
        t.label = "Nouveau thème";
        Criterion c;
        c.id = t.id + ".1";
        c.label = "Nouveau critère";
        c.coefficient = Rational(1);
        c.levels = model_.default_levels;
        t.criteria.push_back(c);
        model_.themes.push_back(t);
        RebuildTree();
        Validate();
    }
    void AddCriterion() {
        Node* n = Selected();
        if (!n || (n->kind != Node::Theme && n->kind != Node::Criterion)) {
            wxMessageBox(to_wx("Choisissez d'abord le thème du nouveau critère."), to_wx("Éditeur de grille"), wxOK, this);
            return;
        }
        Theme& t = model_.themes[n->theme];
        Criterion c;
        c.id = t.id + "." + std::to_string(t.criteria.size() + 1);
        c.label = "Nouveau critère";
        c.coefficient = Rational(1);
        c.levels = model_.default_levels;
        t.criteria.push_back(c);
        RebuildTree();
        SelectCriterion(c.id);
        Validate();
    }
    void AddRule() {
        RuleDef r;
        r.id = "regle_" + std::to_string(model_.rules.size() + 1);
        r.label = "Nouvelle règle";
        r.test_text = "present(date_depot)";
        r.effect = RuleEffect::Attention;
        model_.rules.push_back(r);
        RebuildTree();
        Validate();
    }
    void RemoveSelected() {
        Node* n = Selected();
        if (!n) return;
        if (n->kind == Node::Theme) model_.themes.erase(model_.themes.begin() + static_cast<long>(n->theme));
        else if (n->kind == Node::Criterion) {
            auto& cs = model_.themes[n->theme].criteria;
            cs.erase(cs.begin() + static_cast<long>(n->index));
        } else if (n->kind == Node::Rule) model_.rules.erase(model_.rules.begin() + static_cast<long>(n->index));
        else return;
        RebuildTree();
        book_->SetSelection(0);
        Validate();
    }

    void SaveAs() {
        if (!Validate()) {
            wxMessageBox(to_wx("La grille n'est pas valide : corrigez d'abord l'erreur affichée en bas."),
                         to_wx("Éditeur de grille"), wxOK | wxICON_WARNING, this);
            return;
        }
        wxFileDialog dlg(this, to_wx("Enregistrer la grille"), "", to_wx(model_.id + "-v" + model_.version + ".xml"),
                         to_wx("Grilles (*.xml)|*.xml"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
        if (dlg.ShowModal() != wxID_OK) return;
        std::ofstream out(from_wx(dlg.GetPath()), std::ios::binary);
        out << io::write_grid_xml(model_);
        if (!out) wxMessageBox(to_wx("Impossible d'écrire « " + from_wx(dlg.GetPath()) + " »."), to_wx("Éditeur de grille"),
                               wxOK | wxICON_ERROR, this);
    }

    void Apply() {
        if (!Validate() || !wb_.session) return;
        try {
            auto candidate =
                wb_.session->candidate_from_xml(io::write_grid_xml(model_), model_.id + "-v" + model_.version + ".xml");
            if (ShowGridChangePreview(this, wb_, candidate)) EndModal(wxID_OK);
        } catch (const std::exception& e) {
            show_error(this, e);
        }
    }

    Workbench& wb_;
    Grid model_;
    bool for_campaign_;
    bool loading_ = false, valid_ = false;
    std::string coef_error_;
    wxTextCtrl *grid_id_, *grid_version_, *grid_title_;
    wxChoice* status_;
    wxTreeCtrl* tree_;
    wxTreeItemId themes_item_, rules_item_;
    wxSimplebook* book_;
    wxTextCtrl *theme_id_, *theme_label_;
    wxStaticText* theme_max_;
    wxTextCtrl *crit_id_, *crit_label_, *crit_coef_, *crit_guidance_, *crit_source_;
    std::vector<wxTextCtrl*> crit_levels_;
    wxTextCtrl *rule_id_, *rule_label_, *rule_when_, *rule_test_, *rule_message_, *rule_source_;
    wxChoice* rule_effect_;
    wxStaticText* validity_;
    wxButton* apply_;
};

}  // namespace

void ShowGridEditor(wxWindow* parent, Workbench& wb, Grid grid, bool for_campaign, const std::string& select_criterion) {
    if (for_campaign) {
        // A modification of the campaign's grid is a new version.
        auto n = fr::parse_number(grid.version);
        grid.version = n && n->is_integer() ? std::to_string(n->num() + 1) : grid.version + "-bis";
        grid.status = "proposition";
    }
    GridEditor dlg(parent, wb, std::move(grid), for_campaign);
    if (!select_criterion.empty()) dlg.SelectCriterion(select_criterion);
    if (dlg.ShowModal() == wxID_OK) wb.changed(Change::Grid);
}

}  // namespace cotation::gui
