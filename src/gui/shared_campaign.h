#pragma once
// A campaign shared on a server (issue 15): « Ouvrir une campagne
// partagée… » asks where it is, and the window follows what other people
// change in it (polling of the journal's head: docs/serveur.md).
#include <wx/wx.h>

#include <memory>

#include "app/session.h"

namespace cotation::gui {

class MainFrame;
struct Workbench;

// Asks for server, port, base and campaign (the password comes from
// PGPASSWORD or ~/.pgpass, never typed here nor stored); null when cancelled.
// A campaign that cannot be opened is said and asked again.
std::unique_ptr<Session> ask_shared_campaign(wxWindow* parent);

// Every `ms`, reads the campaign's journal head; when another person moved
// it, the session is read again and the views refresh through the change hub.
// The window's own changes (notified to the hub) are not taken for another's.
void watch_campaign(wxFrame* frame, Workbench& wb, int ms = 2000);
// One poll now (the GUI test): true when the views were refreshed.
bool poll_campaign(wxFrame* frame);

}  // namespace cotation::gui
