// Ratings CSV as `cotation rate` reads it.
#include "fuzz_common.h"
#include "io/grid_reader.h"
#include "io/imports.h"
#include "io/text_encoding.h"

COTATION_FUZZ_TARGET({
    static const cotation::Grid grid =
        cotation::io::read_grid_file(COTATION_SOURCE_DIR "/scoring-grids/act-hlm-paca-2023.xml");
    static const std::map<std::string, std::int64_t> ids{{"ACT-2023-01", 1}, {"ACT-2023-02", 2}};
    auto text = cotation::io::decode_text(input, "notes.csv");
    cotation::io::import_ratings_csv(grid, ids, text.utf8, "notes.csv", {"Marie Dupont"});
})
