// A grid file as `cotation grid check` and `new --grid` read it (with the
// shipped forms beside it).
#include "fuzz_common.h"
#include "io/grid_reader.h"

COTATION_FUZZ_TARGET({
    cotation::io::read_grid(input, "grille.xml",
                            cotation::io::forms_beside(COTATION_SOURCE_DIR "/scoring-grids/act-hlm-paca-2023.xml"));
})
