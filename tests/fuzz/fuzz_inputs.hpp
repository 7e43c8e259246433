#pragma once
// What each fuzz target does with one input, shared by the libFuzzer entry points and by the
// regression test that replays the corpus and saved crashes in the normal test run.
//
// The contract being fuzzed: any bytes a client can send are either parsed or refused with a
// field_error (a 400 naming a field). Any other exception would surface as a 500, and a crash,
// hang or sanitizer report is a bug; libFuzzer reports all of them.
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "services/wire/command_parsing.hpp"
#include "services/wire/enforcement_json.hpp"
#include "services/wire/idempotency.hpp"
#include "services/wire/json_fields.hpp"
#include "services/replay/scenario.hpp"

#if __has_include("services/policy/policy_loader.hpp")
#include "services/policy/policy_loader.hpp"
#define CMS_FUZZ_HAS_POLICY_LOADER 1
#endif

namespace cms::fuzz {

/// The JSON command parsers as the HTTP layer calls them, plus the idempotency comparison
/// (a body must compare equal to itself, or a retry would be refused as a conflict).
inline void exercise_command_parsing(std::string_view bytes) {
    nlohmann::json body;
    try {
        body = services::parse_json_body(std::string(bytes));
    } catch (const services::field_error&) {
        return;
    }
    const core::case_limits limits{};
    try {
        (void)services::parse_register_parent(body, limits);
    } catch (const services::field_error&) {
    }
    try {
        (void)services::parse_open_case(body, limits);
    } catch (const services::field_error&) {
    }
    try {
        (void)services::parse_record_payment(body, core::case_id{1}, limits);
    } catch (const services::field_error&) {
    }
    try {
        (void)services::parse_apply_enforcement(body, core::case_id{1});
    } catch (const services::field_error&) {
    }
    try {
        (void)services::parse_enforcement_event(body, core::case_id{1}, 1);
    } catch (const services::field_error&) {
    }
    if (services::first_differing_field(body, body)) std::abort();
}

/// The scenario file parser: a file is parsed or refused with field_error. A parsed scenario
/// must keep the promises the runner relies on, or the input is a finding too.
inline void exercise_scenario_parsing(std::string_view bytes) {
    services::scenario parsed;
    try {
        parsed = services::parse_scenario(bytes);
    } catch (const services::field_error&) {
        return;
    }
    std::set<std::string> keys;
    for (std::size_t i = 0; i < parsed.steps.size(); ++i) {
        const services::scenario_step& step = parsed.steps[i];
        if (step.index != i || (i > 0 && step.on < parsed.steps[i - 1].on)) std::abort();
        if (const auto* command = std::get_if<services::command_step>(&step.action)) {
            if (!keys.insert(command->key).second) std::abort();
            if (services::is_case_command(command->command) != command->for_case.has_value()) std::abort();
        }
    }
}

#ifdef CMS_FUZZ_HAS_POLICY_LOADER
/// The policy table loader: a table is loaded or refused with policy_load_error, nothing else.
inline void exercise_policy_loader(std::string_view bytes) {
    try {
        (void)services::parse_calculation_rates(bytes, "fuzz.json");
    } catch (const services::policy_load_error&) {
    }
}
#endif

}  // namespace cms::fuzz
