#pragma once
// The workbench's colours, named by what they say (as Poedit's colorscheme.h):
// a panel asks for « refused » or « to arbitrate », never for an RGB triple,
// so that the same meaning has the same colour in every view.
#include <wx/colour.h>

namespace cotation::gui {

enum class Colour {
    Text,          // ordinary text drawn in a colour of ours (a summary back to normal)
    Refused,       // ineligible, failed eliminating rule, deadline passed, unfavourable opinion
    Attention,     // to check: undecided, deadline near, point of vigilance, link of interest
    ToArbitrate,   // reviewers 2 points apart or a 0, not yet consolidated
    Arbitrated,    // consolidated by the coordinator
    Passed,        // rule passed, step done, ranking adopted
    Muted,         // help and legends
    Faint,         // not applicable, not decided yet
    Guidance,      // what the grid expects of a criterion
    Moved,         // a rank that changes in a preview
    ThemeRow,      // background of a theme's row among its criteria
    RetainedRow,   // background of a retained dossier in the ranking
    Highlight,     // background of a row that differs from its reference
    AlertBand,     // background of the band saying a campaign was changed outside Cotation
    BarTrack,      // profile bars: the theme's maximum
    BarDossier,    // profile bars: the dossier's points
    BarMean,       // profile bars: the campaign's mean
};

inline wxColour colour(Colour c) {
    switch (c) {
        case Colour::Text: return {20, 20, 20};
        case Colour::Refused: return {170, 30, 30};
        case Colour::Attention: return {170, 100, 0};
        case Colour::ToArbitrate: return {170, 60, 0};
        case Colour::Arbitrated: return {20, 90, 160};
        case Colour::Passed: return {20, 110, 40};
        case Colour::Muted: return {90, 90, 90};
        case Colour::Faint: return {115, 115, 115};
        case Colour::Guidance: return {60, 60, 110};
        case Colour::Moved: return {20, 60, 170};
        case Colour::ThemeRow: return {235, 238, 245};
        case Colour::RetainedRow: return {228, 244, 230};
        case Colour::Highlight: return {255, 243, 205};
        case Colour::AlertBand: return {253, 232, 232};   // Refused text on it: contrast 6,1:1 (trial 13f F9)
        case Colour::BarTrack: return {225, 228, 235};
        case Colour::BarDossier: return {60, 110, 190};
        case Colour::BarMean: return {150, 150, 150};
    }
    return {20, 20, 20};
}

}  // namespace cotation::gui
