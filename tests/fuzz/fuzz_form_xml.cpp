// A dossier form (forms/*.xml), read through the ACT grid that names it.
#include "fuzz_common.h"
#include "io/grid_reader.h"
#include "io/xml_tree.h"

COTATION_FUZZ_TARGET({
    static const std::string grid_xml =
        cotation::io::read_file(COTATION_SOURCE_DIR "/scoring-grids/act-hlm-paca-2023.xml");
    cotation::io::read_grid(grid_xml, "grille.xml", [&](const std::string&) {
        return cotation::io::FormText{input, "formulaire.xml"};
    });
})
