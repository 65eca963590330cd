// Zones of a campaign (`zone;libelle;communes`) as `cotation zones` reads them.
#include "fuzz_common.h"
#include "io/reference_data.h"
#include "io/territory_rules.h"
#include "io/text_encoding.h"

COTATION_FUZZ_TARGET({
    static const cotation::io::ReferenceData ref = cotation::io::ReferenceData::load(COTATION_SOURCE_DIR "/data");
    auto text = cotation::io::decode_text(input, "zones.csv");
    cotation::io::read_zones(text.utf8, "zones.csv", ref);
})
