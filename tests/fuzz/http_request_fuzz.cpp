// libFuzzer entry point of the HTTP request path; what it does with an input, and the contract
// it checks, are in http_request_input.hpp (shared with the regression test in tests/http/).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <spdlog/spdlog.h>

#include "http_request_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The router logs every refusal; here there are millions of them.
    static const bool quiet = (spdlog::set_level(spdlog::level::off), true);
    (void)quiet;
    try {
        cms::fuzz::exercise_http_request(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const cms::fuzz::http_input_breach& breach) {
        std::fprintf(stderr, "http_request contract broken: %s\n", breach.what());
        std::abort();
    }
    return 0;
}
