// Dossiers CSV as `cotation import` reads it: encoding, then the import.
#include "fuzz_common.h"
#include "io/grid_reader.h"
#include "io/imports.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"

COTATION_FUZZ_TARGET({
    static const cotation::Grid grid =
        cotation::io::read_grid_file(COTATION_SOURCE_DIR "/scoring-grids/act-hlm-paca-2023.xml");
    static const cotation::io::ReferenceData ref = cotation::io::ReferenceData::load(COTATION_SOURCE_DIR "/data");
    auto text = cotation::io::decode_text(input, "dossiers.csv");
    cotation::io::import_dossiers_csv(grid, ref, text.utf8, "dossiers.csv");
})
