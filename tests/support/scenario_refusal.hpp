#pragma once
// The scenario parser's refusal of a file, for tests that check which field it names.
#include <doctest/doctest.h>

#include <string>

#include "services/replay/scenario.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::testing {

struct scenario_refusal {
    std::string field;
    std::string detail;
};

/// The field_error parse_scenario throws for `text`; a test failure when the file is accepted.
inline scenario_refusal refused_scenario(const std::string& text) {
    try {
        (void)services::parse_scenario(text);
    } catch (const services::field_error& error) {
        return {error.field(), error.what()};
    }
    FAIL("the scenario was accepted: " << text.substr(0, 200));
    return {};
}

}  // namespace cms::testing
