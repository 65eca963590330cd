#pragma once
// Shared by the libFuzzer targets: a refusal in French (cotation::Error) is the
// expected answer to a bad input; anything else escaping (std::bad_variant_access,
// std::out_of_range…), a crash or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.h"

#define COTATION_FUZZ_TARGET(...)                                                    \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
        const std::string input(reinterpret_cast<const char*>(data), size);         \
        try {                                                                        \
            __VA_ARGS__                                                              \
        } catch (const cotation::Error&) {                                           \
        }                                                                            \
        return 0;                                                                    \
    }
