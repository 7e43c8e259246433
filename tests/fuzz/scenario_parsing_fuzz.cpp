// libFuzzer entry point: the scenario file parser (see fuzz_inputs.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cms::fuzz::exercise_scenario_parsing(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
