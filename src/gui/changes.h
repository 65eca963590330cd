#pragma once
// Typed change notifications (as Aegisub's commit types): after a Session
// call succeeds, the GUI says what kind of data changed, and only the views
// that show that kind are refreshed. The hub lives in the GUI; Session knows
// nothing of it.
#include <cstddef>
#include <functional>
#include <vector>

namespace cotation::gui {

enum class Change : unsigned {
    Dossier = 1u << 0,     // a dossier added, edited or imported, its documents received
    Rating = 1u << 1,      // a rating, a submission, a consolidation: scores and ranking
    Team = 1u << 2,        // people, assignments, declared links
    Procedure = 1u << 3,   // calendar steps, prior rejections, the meeting, members' opinions
    Decision = 1u << 4,    // the authority's decisions
    Territory = 1u << 5,   // offer and zones of the territory
    Documents = 1u << 6,   // documents written (letters, committee file): the journal only
    Grid = 1u << 7,        // the grid changed: every score and every form
    Campaign = 1u << 8,    // closed, reopened, or another campaign loaded
    Selection = 1u << 9,   // another dossier selected
    Actor = 1u << 10,      // another person acting (what they may do, what they see)
};

class Changes {
public:
    constexpr Changes() = default;
    constexpr Changes(Change c) : bits_(static_cast<unsigned>(c)) {}   // NOLINT: a change is a set of one
    static constexpr Changes all() {
        Changes c;
        c.bits_ = ~0u;
        return c;
    }
    constexpr Changes operator|(Changes o) const {
        Changes c;
        c.bits_ = bits_ | o.bits_;
        return c;
    }
    Changes& operator|=(Changes o) {
        bits_ |= o.bits_;
        return *this;
    }
    constexpr bool meets(Changes o) const { return (bits_ & o.bits_) != 0; }
    constexpr bool empty() const { return bits_ == 0; }
    // Nothing but these (a selection alone needs less work than new data).
    constexpr bool only(Changes o) const { return bits_ != 0 && (bits_ & ~o.bits_) == 0; }
    constexpr bool operator==(const Changes&) const = default;

private:
    unsigned bits_ = 0;
};

constexpr Changes operator|(Change a, Change b) { return Changes(a) | Changes(b); }

// Subscribers say which kinds they show; notify() calls those concerned.
class ChangeHub {
public:
    using Handler = std::function<void(Changes)>;
    void subscribe(Changes what, Handler handler) { subscribers_.push_back({what, std::move(handler)}); }
    void notify(Changes what) {
        // By index: a handler may subscribe (a view built late).
        for (std::size_t i = 0; i < subscribers_.size(); ++i)
            if (subscribers_[i].what.meets(what)) subscribers_[i].handler(what);
    }

private:
    struct Subscriber {
        Changes what;
        Handler handler;
    };
    std::vector<Subscriber> subscribers_;
};

}  // namespace cotation::gui
