// One full ranking of a campaign file and nothing else, to count its
// instructions under callgrind side by side with another version of
// Cotation (bench/compare-ranking.sh): instruction counts do not depend on
// what else the machine is doing, unlike seconds.
#include <cstdio>

#include "app/session.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage : cotation_rank_once CAMPAGNE.cot\n");
        return 2;
    }
    auto s = cotation::Session::open(argv[1]);
    const auto& r = s->ranking();
    std::printf("%zu classés, %zu irrecevables\n", r.ranked.size(), r.ineligible.size());
    return 0;
}
