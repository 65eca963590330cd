#include "documents_dialog.h"

#include <wx/filepicker.h>
#include <wx/progdlg.h>
#include <wx/radiobox.h>
#include <wx/wx.h>

#include <atomic>
#include <exception>
#include <algorithm>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "app/documents.h"
#include "app/input.h"
#include "core/error.h"
#include "core/french.h"
#include "gui/workbench.h"
#include "gui/wx_text.h"
#include "store/open_store.h"

namespace cotation::gui {

namespace {
// The folder and the format, or nothing when the person cancels.
bool ask(wxWindow* parent, std::string& folder, report::Format& format) {
    wxDialog dlg(parent, wxID_ANY, to_wx("Tous les documents de la campagne"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(&dlg, wxID_ANY,
                                   to_wx(document_kinds_text() + ", chacun nommé « <dossier>-<document> ».\nUn document "
                                         "qui ne peut pas être écrit est signalé ; les autres le sont."));
    intro->Wrap(520);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, 12));
    sizer->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Dossier où écrire les documents :")),
               wxSizerFlags().Border(wxLEFT | wxRIGHT, 12));
    auto* dir = new wxDirPickerCtrl(&dlg, wxID_ANY, to_wx(folder), to_wx("Dossier où écrire les documents"), wxDefaultPosition,
                                    wxSize(520, -1), wxDIRP_USE_TEXTCTRL);
    sizer->Add(dir, wxSizerFlags().Expand().Border(wxALL, 12));
    const wxString choices[] = {to_wx("PDF, à signer"), to_wx("ODT, à modifier avant signature"), to_wx("PDF et ODT")};
    auto* kind = new wxRadioBox(&dlg, wxID_ANY, to_wx("Format"), wxDefaultPosition, wxDefaultSize, 3, choices, 1,
                                wxRA_SPECIFY_COLS);
    kind->SetSelection(format == report::Format::Odt ? 1 : format == report::Format::Both ? 2 : 0);
    sizer->Add(kind, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 12));
    sizer->Add(dlg.CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 12));
    dlg.SetSizerAndFit(sizer);
    if (dlg.ShowModal() != wxID_OK) return false;
    folder = from_wx(dir->GetPath());
    int k = kind->GetSelection();
    format = k == 1 ? report::Format::Odt : k == 2 ? report::Format::Both : report::Format::Pdf;
    return !folder.empty();
}

}  // namespace

std::optional<std::string> ask_request_date(wxWindow* parent, const std::string& what, const std::string& day) {
    wxDialog dlg(parent, wxID_ANY, to_wx("Demande de pièces complémentaires"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(&dlg, wxID_ANY,
                                   to_wx(what + "\n\nEnregistrer la demande de pièces complémentaires et écrire sa lettre ?"));
    intro->Wrap(520);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, 12));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Date de la demande (JJ/MM/AAAA) :")),
             wxSizerFlags().Center().Border(wxRIGHT, 8));
    auto* date =
        new wxTextCtrl(&dlg, wxID_ANY, to_wx(day), wxDefaultPosition, wxSize(120, -1), 0, wxDefaultValidator, "date_demande");
    row->Add(date, wxSizerFlags().Center());
    sizer->Add(row, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, 12));
    sizer->Add(dlg.CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 12));
    dlg.SetSizerAndFit(sizer);
    if (dlg.ShowModal() != wxID_OK) return std::nullopt;
    return from_wx(date->GetValue());
}

std::optional<Reception> ask_reception(wxWindow* parent, const std::string& what, const std::string& day) {
    wxDialog dlg(parent, wxID_ANY, to_wx("Réception de pièces demandées"));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    auto* intro =
        new wxStaticText(&dlg, wxID_ANY, to_wx(what + "\n\nEnregistrer la réception, à la date où les pièces sont arrivées ?"));
    intro->Wrap(520);
    sizer->Add(intro, wxSizerFlags().Border(wxALL, 12));
    auto* grid = new wxFlexGridSizer(2, 8, 8);
    grid->AddGrowableCol(1);
    grid->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Date de réception (JJ/MM/AAAA) :")), wxSizerFlags().CenterVertical());
    auto* date =
        new wxTextCtrl(&dlg, wxID_ANY, to_wx(day), wxDefaultPosition, wxSize(120, -1), 0, wxDefaultValidator, "date_reception");
    grid->Add(date);
    grid->Add(new wxStaticText(&dlg, wxID_ANY, to_wx("Motif, si reçues après l'échéance :")), wxSizerFlags().CenterVertical());
    auto* motive =
        new wxTextCtrl(&dlg, wxID_ANY, "", wxDefaultPosition, wxSize(320, -1), 0, wxDefaultValidator, "motif_reception");
    grid->Add(motive, wxSizerFlags().Expand());
    sizer->Add(grid, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 12));
    sizer->Add(dlg.CreateStdDialogButtonSizer(wxOK | wxCANCEL), wxSizerFlags().Expand().Border(wxALL, 12));
    dlg.SetSizerAndFit(sizer);
    if (dlg.ShowModal() != wxID_OK) return std::nullopt;
    return Reception{from_wx(date->GetValue()), from_wx(motive->GetValue())};
}

void receive_pieces_dialog(wxWindow* parent, Workbench& wb, const std::string& piece) {
    const Dossier* d = wb.dossier();
    if (!wb.session || !d) return;
    const std::int64_t id = d->id;
    const std::string what = "Dossier « " + d->reference + " » : " + wb.session->pieces(id).summary();
    std::string day = Session::today().french_numeric();
    for (;;) {
        auto asked = ask_reception(parent, what, day);
        if (!asked) return;
        day = asked->date;
        try {
            auto after =
                wb.session->receive_pieces(id, {piece}, input::date("Date de réception", day), asked->motive, wb.reviewer);
            wxMessageBox(to_wx(after.summary()), to_wx("Réception de pièces demandées"), wxOK | wxICON_INFORMATION, parent);
            return;
        } catch (const InputError& e) {
            show_error(parent, e);   // a date before the request, a bad date: asked again
        } catch (const std::exception& e) {
            show_error(parent, e);
            return;
        }
    }
}

namespace {
std::string summary(const report::DocumentBatch& b, const std::string& folder) {
    std::size_t n = b.size();
    std::string text =
        fr::plural(n, "fichier") + " " + fr::agree(n, "écrit") + " dans " + folder + ".";
    if (b.cancelled) text += "\nInterrompu : les documents qui n'étaient pas commencés n'ont pas été écrits.";
    if (!b.ok()) text += "\n\n" + fr::plural(b.failures.size(), "non écrit") + " :";
    // A box that fits the screen: the first ones, then how many more.
    const std::size_t shown = 8;
    for (std::size_t i = 0; i < b.failures.size() && i < shown; ++i) text += "\n• " + b.failure(i);
    if (b.failures.size() > shown) text += "\n• … et " + std::to_string(b.failures.size() - shown) + " autres";
    if (!b.warnings.empty()) text += "\n\nÀ vérifier :";
    for (std::size_t i = 0; i < b.warnings.size() && i < shown / 2; ++i) text += "\n• " + b.warnings[i];
    if (b.warnings.size() > shown / 2) text += "\n• … et " + std::to_string(b.warnings.size() - shown / 2) + " autres";
    return text;
}
}  // namespace

void documents_dialog(wxWindow* parent, Workbench& wb, const std::string& proposed) {
    if (!wb.session) return;
    std::string folder = proposed;
    // Beside the campaign's file; for a campaign shared on a server, in the person's own folder.
    if (folder.empty() && names_server_campaign(wb.session->path())) {
        std::string name = "documents-" + wb.session->campaign().reference;
        std::replace(name.begin(), name.end(), '/', '-');
        folder = (std::filesystem::path(from_wx(wxGetHomeDir())) / name).string();
    }
    if (folder.empty()) folder = (std::filesystem::path(wb.session->path()).parent_path() / "documents").string();
    report::Format format = report::Format::Pdf;
    if (!ask(parent, folder, format)) return;

    // Prepared here, on the window's thread (ranking, templates); only the
    // writing, which reads, runs on the worker thread.
    PreparedDocuments prepared;
    try {
        wxBusyCursor busy;
        prepared = prepare_documents(*wb.session, {folder, format, ""});
    } catch (const std::exception& e) {
        show_error(parent, e);
        return;
    }
    std::atomic<bool> cancel{false}, finished{false};
    std::atomic<std::size_t> done{0};
    std::mutex last_mutex;
    std::string last;
    report::BatchControl control;
    control.cancel = &cancel;
    control.progress = [&](std::size_t d, std::size_t, const std::string& name) {
        std::lock_guard<std::mutex> lock(last_mutex);
        last = name;
        done = d;
    };
    report::DocumentBatch batch;
    std::exception_ptr failure;
    const Session& session = *wb.session;
    std::thread worker([&] {
        try {
            batch = run_documents(session, prepared, &control);
        } catch (...) {
            failure = std::current_exception();
        }
        finished = true;
    });
    {
        const int total = static_cast<int>(std::max<std::size_t>(prepared.jobs.size(), 1));
        wxProgressDialog progress(to_wx("Documents de la campagne"), to_wx("Préparation des documents…") + wxString(' ', 40),
                                  total + 1, parent, wxPD_APP_MODAL | wxPD_CAN_ABORT | wxPD_ELAPSED_TIME | wxPD_REMAINING_TIME);
        while (!finished) {
            std::string name;
            {
                std::lock_guard<std::mutex> lock(last_mutex);
                name = last;
            }
            std::size_t d = done;
            std::string text = std::to_string(d) + " sur " + std::to_string(prepared.jobs.size()) + " documents" +
                               (name.empty() ? "" : " — " + name);
            if (cancel) text = "Interruption : les documents commencés s'achèvent…";
            // The bar stops one short of its end: the dialog closes below, not by itself.
            if (!progress.Update(static_cast<int>(d), to_wx(text))) cancel = true;
            wxMilliSleep(40);
        }
        worker.join();
    }
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            show_error(parent, e);
        }
        return;
    }
    wxMessageBox(to_wx(summary(batch, folder)), to_wx("Documents de la campagne"),
                 wxOK | (batch.ok() && !batch.cancelled ? wxICON_INFORMATION : wxICON_WARNING), parent);
}

void pieces_request_dialog(wxWindow* parent, Workbench& wb) {
    const Dossier* d = wb.dossier();
    if (!wb.session || !d) return;
    const std::int64_t id = d->id;
    const std::string reference = d->reference;
    try {
        if (!wb.session->pieces_requested(id)) {
            // The request's date, as the command line's --date: today by
            // default, another day typed (a request sent by post yesterday);
            // the campaign's dates check it (after the deadline, before the
            // committee: core/campaign_dates.h), and a refusal asks again.
            std::string day = Session::today().french_numeric();
            for (;;) {
                auto asked = ask_request_date(parent, "Dossier « " + reference + " » : " + wb.session->pieces(id).summary(), day);
                if (!asked) return;
                day = *asked;
                try {
                    wb.session->request_pieces(id, input::date("Date de la demande", day), wb.reviewer);
                    break;
                } catch (const InputError& e) {
                    show_error(parent, e);
                }
            }
            wb.changed();
        }
    } catch (const std::exception& e) {
        show_error(parent, e);
        return;
    }
    write_to_folder(parent, "Dossier où écrire la demande de pièces", "fichiers (PDF et ODT)", [&](const std::string& folder) {
        return wb.session->write_pieces_requests(folder, reference, report::Format::Both);
    });
}

}  // namespace cotation::gui
