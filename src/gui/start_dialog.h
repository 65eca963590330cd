#pragma once
// The start screen: open a campaign, create one on any grid of
// scoring-grids/, or open a demo campaign of one of the three calls.
#include <wx/wx.h>

#include <memory>

#include "app/session.h"

namespace cotation::gui {

// Null when the user closes it without choosing.
std::unique_ptr<Session> ShowStartDialog(wxWindow* parent);
// "Nouvelle campagne…": grid, reference, authority, file.
std::unique_ptr<Session> ShowNewCampaignDialog(wxWindow* parent);
// The demo campaign of `call` (act-hlm, crt, uphv) in the user's data folder.
std::unique_ptr<Session> OpenDemo(const std::string& call);

}  // namespace cotation::gui
