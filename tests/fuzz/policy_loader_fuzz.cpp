// libFuzzer entry point: the calculation policy table loader (see fuzz_inputs.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    cms::fuzz::exercise_policy_loader(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
