// libFuzzer entry point: the JSON command parsers (see fuzz_inputs.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cms::fuzz::exercise_command_parsing(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
