// The existing offer as `cotation offre --fichier` reads it: encoding, then the offer.
#include "fuzz_common.h"
#include "io/offer.h"
#include "io/reference_data.h"
#include "io/text_encoding.h"

COTATION_FUZZ_TARGET({
    static const cotation::io::ReferenceData ref = cotation::io::ReferenceData::load(COTATION_SOURCE_DIR "/data");
    auto text = cotation::io::decode_text(input, "offre.csv");
    cotation::io::read_offer(text.utf8, "offre.csv", ref);
})
