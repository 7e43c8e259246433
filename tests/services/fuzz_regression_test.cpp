// Replays every fuzz corpus seed and every saved fuzz crash (tests/fuzz/regressions/<target>/) through
// the same code the libFuzzer targets run, in the normal test build: a crash the fuzzer once
// found stays fixed. To keep a new finding, copy libFuzzer's crash-* file into the regressions
// folder of its target.
#include <doctest/doctest.h>


#include "../fuzz/fuzz_inputs.hpp"
#include "../fuzz/saved_inputs.hpp"

namespace {

/// Runs every saved input of `target` through `exercise`, as its libFuzzer entry point would;
/// `files_min` guards against a corpus folder that went missing.
void replay_inputs(const std::string& target, std::size_t files_min, void (*exercise)(std::string_view)) {
    const auto files = cms::fuzz::saved_inputs_of(CMS_SOURCE_DIR, target);
    CHECK(files.size() >= files_min);
    for (const auto& file : files) {
        INFO(file.string());
        CHECK_NOTHROW(exercise(cms::fuzz::file_bytes(file)));
    }
}

}  // namespace

TEST_CASE("the command parsers survive every saved fuzz input") {
    replay_inputs("command_parsing", 4, &cms::fuzz::exercise_command_parsing);
}

TEST_CASE("the scenario parser survives every saved fuzz input") {
    replay_inputs("scenario_parsing", 4, &cms::fuzz::exercise_scenario_parsing);
}

#ifdef CMS_FUZZ_HAS_POLICY_LOADER
TEST_CASE("the policy loader survives every saved fuzz input") {
    replay_inputs("policy_loader", 1, &cms::fuzz::exercise_policy_loader);
}
#endif

TEST_CASE("a JSON number too large for any number type is a 400 on body, not a 500 (fuzz finding)") {
    for (const std::string text : {"1e400", "{\"amount_pence\": -1e99999}", "92222222222222222.22E33333333333"}) {
        INFO(text);
        try {
            (void)cms::services::parse_json_body(text);
            FAIL("parsed");
        } catch (const cms::services::field_error& error) {
            CHECK(error.field() == "body");
        }
    }
}
