// The one strict JSON parser (json_text.hpp): what every outside JSON is refused for, and where.
#include <doctest/doctest.h>

#include <string>

#include "services/wire/json_text.hpp"

using cms::services::json_text_error;
using cms::services::parse_json_text;

namespace {

struct refusal {
    std::string path;
    std::string detail;
};

refusal refused(const std::string& text) {
    try {
        (void)parse_json_text(text);
    } catch (const json_text_error& error) {
        return {error.path(), error.what()};
    }
    FAIL("accepted: " << text.substr(0, 200));
    return {};
}

}  // namespace

TEST_CASE("well-formed JSON parses as the library would") {
    CHECK(parse_json_text(R"({"a": [1, {"b": null}], "c": "d"})") ==
          nlohmann::json::parse(R"({"a": [1, {"b": null}], "c": "d"})"));
    CHECK(parse_json_text("[]") == nlohmann::json::array());
    // The same key in two different objects is no repeat.
    CHECK_NOTHROW(parse_json_text(R"([{"a": 1}, {"a": 2}, {"x": {"a": 3}}])"));
}

TEST_CASE("a key twice in one object is refused by its path, however deep") {
    CHECK(refused(R"({"amount_pence": 1, "amount_pence": 100000})").path == "amount_pence");
    CHECK(refused(R"({"amount_pence": 1, "amount_pence": 1})").detail == "appears more than once in the same object");
    CHECK(refused(R"({"children": [{"name": "a"}, {"name": "b", "name": "c"}]})").path == "children[1].name");
    CHECK(refused(R"({"a": {"b": [[1, 2], [3, {"c": 1, "c": 2}]]}})").path == "a.b[1][1].c");
    CHECK(refused(R"([{"k": 1, "k": 2}])").path == "[0].k");
}

TEST_CASE("nesting deeper than the limit is refused, not recursed into") {
    const std::size_t depth = cms::services::json_nesting_depth_max;
    CHECK_NOTHROW(parse_json_text(std::string(depth, '[') + std::string(depth, ']')));
    const auto deep = refused(std::string(100'000, '['));
    CHECK(deep.detail.find("nested more than") != std::string::npos);
    CHECK(refused("{\"a\": " + std::string(depth + 1, '[') + std::string(depth + 1, ']') + "}").path.rfind("a", 0) == 0);
}

TEST_CASE("malformed text and huge numbers are refused in our words, with the byte offset") {
    const auto malformed = refused("{\"a\": ");
    CHECK(malformed.path.empty());
    CHECK(malformed.detail == "is not valid JSON (UTF-8 text) at byte 7");
    CHECK(refused("{\"a\": \"\xff\"}").detail.find("at byte 8") != std::string::npos);
    CHECK(refused("1e400").detail == "has a number too large to represent");
    for (const std::string text : {"{\"a\": ", "{\"a\": \"\xff\"}", "1e400", "{\"a\":1,\"a\":2}"}) {
        CHECK(refused(text).detail.find("json.exception") == std::string::npos);
    }
}
