// Replays the HTTP fuzz target's seed corpus and saved findings through the same code its
// libFuzzer entry point runs (tests/fuzz/http_request_input.hpp), in the normal test build, so
// what the fuzzer once found stays fixed without a clang fuzz build.
#include <doctest/doctest.h>

#include "../fuzz/http_request_input.hpp"
#include "../fuzz/saved_inputs.hpp"

TEST_CASE("the HTTP request path survives every saved fuzz input") {
    const auto files = cms::fuzz::saved_inputs_of(CMS_SOURCE_DIR, "http_request");
    CHECK(files.size() >= 10);  // guards against the corpus folder going missing
    for (const auto& file : files) {
        INFO(file.string());
        CHECK_NOTHROW(cms::fuzz::exercise_http_request(cms::fuzz::file_bytes(file)));
    }
}
