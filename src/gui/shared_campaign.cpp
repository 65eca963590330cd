#include "shared_campaign.h"

#include <wx/evtloop.h>
#include <wx/timer.h>

#include <ctime>
#include <map>
#include <optional>

#include "app/campaign_watch.h"
#include "main_frame.h"
#include "store/open_store.h"
#include "workbench.h"
#include "wx_text.h"

namespace cotation::gui {

namespace {

class SharedCampaignDialog : public wxDialog {
public:
    // `current`: the server of the shared campaign open in that window, offered again.
    SharedCampaignDialog(wxWindow* parent, const std::optional<ServerCampaign>& current)
        : wxDialog(parent, wxID_ANY, to_wx("Ouvrir une campagne partagée"), wxDefaultPosition, wxDefaultSize) {
        auto* form = new wxFlexGridSizer(2, wxSize(8, 6));
        form->AddGrowableCol(1, 1);
        auto row = [&](const char* label, const char* hint, const char* tip, const wxString& value = "") {
            auto* t = new wxTextCtrl(this, wxID_ANY, value, wxDefaultPosition, FromDIP(wxSize(400, -1)));
            t->SetHint(to_wx(hint));
            t->SetToolTip(to_wx(tip));
            form->Add(new wxStaticText(this, wxID_ANY, to_wx(label)), wxSizerFlags().CenterVertical());
            form->Add(t, wxSizerFlags().Expand());
            return t;
        };
        wxString env_host, env_port, env_base, env_user;
        wxGetEnv("PGHOST", &env_host);
        wxGetEnv("PGPORT", &env_port);
        wxGetEnv("PGDATABASE", &env_base);
        wxGetEnv("PGUSER", &env_user);
        if (current) {
            env_host = to_wx(current->host);
            env_port = to_wx(current->port);
            env_base = to_wx(current->base);
            if (!current->user.empty()) env_user = to_wx(current->user);
        }
        host_ = row("Serveur :", "ex. : cotation.ars-paca.fr", "Nom ou adresse du serveur PostgreSQL.", env_host);
        port_ = row("Port :", "5432", "Laissé vide : 5432.", env_port);
        base_ = row("Base :", "ex. : cotation", "La base de données du service.", env_base);
        campaign_ = row("Campagne :", "ex. : ACT-2023", "La référence de la campagne sur le serveur.");
        user_ = row("Compte :", "votre compte PostgreSQL", "Laissé vide : votre compte du système (ou PGUSER).", env_user);
        auto* main = new wxBoxSizer(wxVERTICAL);
        main->Add(form, wxSizerFlags().Expand().Border(wxALL, 12));
        auto* note = new wxStaticText(this, wxID_ANY,
                                      to_wx("Le mot de passe n'est ni demandé ni enregistré ici : il est lu dans la "
                                            "variable PGPASSWORD ou dans le fichier ~/.pgpass (voir docs/serveur.md)."));
        note->Wrap(FromDIP(520));   // the dialog keeps the width of its fields
        main->Add(note, wxSizerFlags().Border(wxLEFT | wxRIGHT, 12));
        main->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 12));
        SetSizerAndFit(main);
        (current ? campaign_ : host_)->SetFocus();
    }
    ServerCampaign value() const {
        return {from_wx(host_->GetValue()), from_wx(port_->GetValue()), from_wx(base_->GetValue()),
                from_wx(campaign_->GetValue()), from_wx(user_->GetValue())};
    }

private:
    wxTextCtrl *host_, *port_, *base_, *campaign_, *user_;
};

// The data kinds another person may have changed (not the selection nor who acts here).
Changes data_changes() {
    return Change::Dossier | Change::Rating | Change::Team | Change::Procedure | Change::Decision | Change::Territory |
           Change::Documents | Change::Grid | Change::Campaign;
}

bool modal_open() {
    // A modal dialog, native ones included, runs its own event loop.
    if (const wxEventLoopBase* loop = wxEventLoopBase::GetActive(); loop && !loop->IsMain()) return true;
    for (wxWindow* w : wxTopLevelWindows)
        if (auto* d = dynamic_cast<wxDialog*>(w); d && d->IsModal()) return true;
    return false;
}

class Watcher : public wxTimer {
public:
    Watcher(wxFrame* frame, Workbench& wb)
        : frame_(frame), wb_(wb), watch_([this] { return wb_.session->store().journal_head(); }) {
        // What this window changes itself moves the head too: known, not another's.
        wb_.hub.subscribe(data_changes(), [this](Changes) {
            if (!reloading_ && wb_.session) known();
        });
        if (wb_.session) known();
    }
    void Notify() override {
        // Not under a dialog: it may hold a dossier or a rating of the session being read.
        if (!modal_open()) poll();
    }
    std::string location() const { return wb_.session ? wb_.session->path() : std::string(); }
    bool poll() {
        if (!wb_.session) return false;
        try {
            if (!watch_.moved()) {
                // The server answers again (the store reconnects: trial 15 F6) and nothing changed meanwhile.
                if (failed_) frame_->SetStatusText(to_wx("Connexion au serveur de la campagne rétablie"), 0);
                failed_ = false;
                return false;
            }
            failed_ = false;
            reloading_ = true;
            // Read again through a new session (the same place, the same reader);
            // the views read wb_.session at each refresh, as after opening.
            auto fresh = Session::open(wb_.session->path());
            if (!fresh->team().open_mode()) fresh->set_reader(wb_.reviewer);
            wb_.session = std::move(fresh);
            if (wb_.selected && *wb_.selected >= wb_.session->dossiers().size()) wb_.selected.reset();
            watch_.known();
            wb_.changed(data_changes());
            reloading_ = false;
            char at[16];
            std::time_t t = std::time(nullptr);
            std::strftime(at, sizeof at, "%H:%M:%S", std::localtime(&t));
            frame_->SetStatusText(to_wx(std::string("Campagne modifiée par une autre personne : vues mises à jour (") + at + ")"),
                                  0);
            return true;
        } catch (const std::exception& e) {
            reloading_ = false;
            failed_ = true;
            // No box from a timer: said on the status line, tried again at the next tick.
            frame_->SetStatusText(to_wx(std::string("Campagne non relue : ") + e.what()), 0);
            return false;
        }
    }

private:
    void known() {
        try {
            watch_.known();
        } catch (const std::exception&) {
            // The server unreachable: the next poll says so.
        }
    }
    wxFrame* frame_;
    Workbench& wb_;
    CampaignWatch watch_;
    bool reloading_ = false;
    bool failed_ = false;   // the last poll could not read the campaign
};

std::map<wxFrame*, Watcher*>& watchers() {
    static std::map<wxFrame*, Watcher*> w;
    return w;
}

}  // namespace

std::unique_ptr<Session> ask_shared_campaign(wxWindow* parent) {
    std::optional<ServerCampaign> current;
    if (auto it = watchers().find(dynamic_cast<wxFrame*>(parent)); it != watchers().end())
        current = server_campaign_fields(it->second->location());
    SharedCampaignDialog dlg(parent, current);
    while (dlg.ShowModal() == wxID_OK) {
        try {
            wxBusyCursor busy;
            return Session::open(server_campaign_uri(dlg.value()));
        } catch (const std::exception& e) {
            show_error(&dlg, e);
        }
    }
    return nullptr;
}

void watch_campaign(wxFrame* frame, Workbench& wb, int ms) {
    auto* w = new Watcher(frame, wb);
    watchers()[frame] = w;
    frame->Bind(wxEVT_DESTROY, [frame, w](wxWindowDestroyEvent& e) {
        if (e.GetEventObject() == frame) {
            w->Stop();
            watchers().erase(frame);
            delete w;
        }
        e.Skip();
    });
    w->Start(ms);
}

bool poll_campaign(wxFrame* frame) {
    auto it = watchers().find(frame);
    return it != watchers().end() && it->second->poll();
}

}  // namespace cotation::gui
