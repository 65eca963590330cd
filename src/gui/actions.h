#pragma once
// Every action of the workbench, declared once (as KiCad's TOOL_ACTIONs):
// its menu text, shortcut, help, handler and when it is enabled. Menus and
// toolbar are built from the table; buttons of the views take their label,
// help and identifier from it. One wxEVT_UPDATE_UI handler (MainFrame) asks
// each action's predicate, so that what the acting person's role or a closed
// campaign forbids is greyed out before any click, never refused after.
#include <wx/button.h>
#include <wx/artprov.h>

#include <string>
#include <vector>

#include "workbench.h"

namespace cotation::gui {

class MainFrame;

enum class Action {
    // Menus and toolbar
    Open, OpenShared, NewCampaign, DemoAct, DemoCrt, DemoUphv, Letters, Documents, CloseCampaign, ReopenCampaign, Quit,
    NewDossier, ImportDossiers, ImportRatings,
    PiecesRequest,
    EditGrid, GridHistory, OpenGrid, NewGrid,
    About,
    // Buttons of the views: run by the frame, whose wxEVT_BUTTON they reach,
    // with their handler from the table (a dialog, or the view's form read
    // through its accessors, then a Session call); no view binds them.
    EditDossier, SaveRating, SubmitRatings, SaveConsolidation, AddPerson, AssignDossier, DeclareLink,
    MarkStepDone, RejectPrior, LiftRejection, RecordMeeting, AddObservation, GiveOpinion, SaveDecision,
    CommitteeFile, Minutes, InstructionReports, VerifyJournal, RecordAllocation,
};

// What the predicates read: the state of the workbench, once per update.
struct ActionContext {
    bool campaign = false;      // a campaign is open
    bool closed = false;        // it is closed: nothing that writes
    bool coordinates = false;   // the acting person may coordinate (or there is no team)
    bool instructs = false;     // may register and complete dossiers (not a committee member)
    bool member = false;        // a committee member (or there is no team)
    bool selection = false;     // a dossier is selected
    bool pending = false;           // a dossier awaits the coordinator's arbitration: no closing yet
    bool prior_rejection = false;   // the campaign's procedure sets dossiers apart before the evaluation
    bool rates = false;         // may rate the selected dossier (role, assignment, links, submission)
    bool sits = false;          // a committee sits (the procedure has one) and has members declared
    bool met = false;           // its meeting is recorded (observations follow it)
    bool assignable = false;    // a dossier and an instructor to give it to
    bool set_apart = false;     // the selected dossier was set apart before the evaluation
    bool reads_all = false;     // reads every dossier's totals (letters, committee file, minutes)
    static ActionContext of(Workbench& wb);
};

enum class Menu { None, File, Demos, Dossiers, Grid, Help };

struct ActionDef {
    Action id;
    Menu menu;                                // None: a button of a view
    const char* text;                         // menu text or button label
    const char* shortcut;                     // "Ctrl+N", or ""
    const char* help;                         // status bar and tooltip
    const char* tool;                         // its toolbar label, or null when not on the toolbar
    const char* art;                          // its toolbar icon (wxArtProvider), or null
    bool (*enabled)(const ActionContext&);    // greyed out when false
    void (*run)(MainFrame&);                  // what a click, a menu item or a tool does
    bool separator_before = false;            // in its menu
};

const std::vector<ActionDef>& actions();
const ActionDef& action(Action a);
int action_id(Action a);                   // window identifier of its menu item, tool or button
const ActionDef* action_of_id(int id);     // null for another identifier
// Handlers of the views' buttons that ask in a dialog, then call the Session
// (team_actions.cpp, committee_actions.cpp); `parent` owns the dialogs.
void add_person_dialog(wxWindow* parent, Workbench& wb);
void assign_dossier_dialog(wxWindow* parent, Workbench& wb);
void declare_link_dialog(wxWindow* parent, Workbench& wb);
void record_meeting_dialog(wxWindow* parent, Workbench& wb);
void add_observation_dialog(wxWindow* parent, Workbench& wb);
void give_opinion_dialog(wxWindow* parent, Workbench& wb);
// The committee's documents, asked where to write (committee_actions.cpp).
void write_committee_document(wxWindow* parent, Workbench& wb, bool minutes);
void write_instruction_reports(wxWindow* parent, Workbench& wb);
// The journal's hash chain checked, and said in a box (committee_actions.cpp).
void verify_journal(wxWindow* parent, Workbench& wb);
// Handlers of the buttons that save their view's form (form_actions.cpp).
void save_rating(MainFrame& f);
void submit_ratings(MainFrame& f);
void save_consolidation(MainFrame& f);
void save_decision(MainFrame& f);
void mark_step_done(MainFrame& f);
void reject_prior_dialog(MainFrame& f);
void lift_rejection(MainFrame& f);

// A button of a view for this action: label, help and identifier from the table.
wxButton* action_button(wxWindow* parent, Action a);

}  // namespace cotation::gui
