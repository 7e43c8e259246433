#include <doctest/doctest.h>

#include <functional>
#include <utility>

#include "services/wire/command_parsing.hpp"
#include "services/wire/idempotency.hpp"
#include "services/http/api_router.hpp"
#include "services/wire/json_fields.hpp"

using namespace cms::services;
using nlohmann::json;

namespace {

std::string field_refused(const json& body) {
    try {
        parse_record_payment(body, cms::core::case_id{1}, cms::core::case_limits{});
    } catch (const field_error& error) {
        return error.field();
    }
    return "(accepted)";
}

json good_payment() {
    return {{"amount_pence", 1950}, {"received_on", "2025-01-15"}, {"method", "cheque"}, {"reference", "r"}};
}

}  // namespace

TEST_CASE("payment parsing names the first bad field") {
    CHECK(field_refused(good_payment()) == "(accepted)");
    struct row { const char* field; json value; };
    const row rows[] = {
        {"amount_pence", -1},          {"amount_pence", 0},         {"amount_pence", 12.5},
        {"amount_pence", "100"},       {"amount_pence", 1e20},      {"amount_pence", true},
        {"received_on", "2025-02-30"}, {"received_on", 20250115},   {"method", "cash_in_envelope"},
        {"reference", json::array()},
    };
    for (const auto& r : rows) {
        json body = good_payment();
        body[r.field] = r.value;
        CAPTURE(body.dump());
        CHECK(field_refused(body) == r.field);
    }
    json missing = good_payment();
    missing.erase("received_on");
    CHECK(field_refused(missing) == "received_on");
    json extra = good_payment();
    extra["amount_pounds"] = 19.5;
    CHECK(field_refused(extra) == "amount_pounds");
    CHECK(field_refused(json::array()) == "");
    CHECK(field_refused(json(18446744073709551615ull)) == "");
    json huge = good_payment();
    huge["amount_pence"] = 18446744073709551615ull;
    CHECK(field_refused(huge) == "amount_pence");
}

TEST_CASE("case parsing names nested child fields") {
    json body = {{"paying_parent_id", 1},
                 {"receiving_parent_id", 2},
                 {"service_type", "collect_and_pay"},
                 {"paying_parent_circumstances", {{"gross_weekly_income_pence", 15'000}}},
                 {"children", {{{"full_name", "A"}, {"date_of_birth", "2015-01-01"}},
                               {{"full_name", "B"}, {"date_of_birth", "2015-13-01"}}}}};
    try {
        parse_open_case(body, cms::core::case_limits{});
        FAIL("accepted a bad child date");
    } catch (const field_error& error) {
        CHECK(error.field() == "children[1].date_of_birth");
    }
    body["children"] = json::array();
    CHECK_THROWS_WITH_AS(parse_open_case(body, cms::core::case_limits{}), doctest::Contains("between 1 and"),
                         field_error);
}

TEST_CASE("malformed JSON is a field error on the body") {
    try {
        parse_json_body("{\"amount_pence\": ");
        FAIL("accepted malformed JSON");
    } catch (const field_error& error) {
        CHECK(error.field() == "body");
    }
}

TEST_CASE("a body with bytes that are not UTF-8 is refused naming the field, in words an answer can carry") {
    try {
        parse_json_body("{\"reference\": \"\xff\xfe\"}");
        FAIL("accepted a body that is not UTF-8");
    } catch (const field_error& error) {
        CHECK(error.field() == "reference");
        const std::string message = error.what();
        INFO(message);
        CHECK(message.find("at byte 16") != std::string::npos);  // the 16th byte is the first 0xFF
        // The message quotes none of the bytes read (the parser's own message does), so the
        // problem body that carries it can always be written.
        CHECK(message.find('\xff') == std::string::npos);
        CHECK_NOTHROW(json{{"detail", message}}.dump());
    }
}

TEST_CASE("text that breaks off is refused on the field, the element or the object being read") {
    const auto refused_on = [](const std::string& text) {
        try {
            parse_json_body(text);
        } catch (const field_error& error) {
            return error.field();
        }
        return std::string("(accepted)");
    };
    CHECK(refused_on("{\"children\": [{\"full_name\": \"A\"}, {\"full_name\": \"\xc3\"}]}") ==
          "children[1].full_name");
    CHECK(refused_on("{\"list\": [1, \"\xff\"]}") == "list[1]");
    CHECK(refused_on("{\"a\": 1, \"\xff\": 2}") == "body");                  // a bad key: the object
    CHECK(refused_on("{\"outer\": {\"a\": 1 \"b\": 2}}") == "outer");     // a missing comma
    CHECK(refused_on("\"\xff\"") == "body");
    CHECK(refused_on("{\"a\": tru}") == "a");
    CHECK(refused_on("{\"a\": ") == "body");  // text that ends early is the body's fault
}

TEST_CASE("a JSON answer holding invalid UTF-8 is written with replacement characters, never thrown") {
    const json body = {{"detail", std::string("bad \xff byte")}};
    CHECK_THROWS(body.dump());  // what used to escape and end the server
    std::string text;
    CHECK_NOTHROW(text = cms::services::response_json_text(body));
    CHECK(text == "{\"detail\":\"bad \xef\xbf\xbd byte\"}");
}

TEST_CASE("first_differing_field finds the first difference in key order, nested too") {
    const json recorded = {{"a", 1}, {"b", {{"c", 2}}}, {"list", {1, 2}}};
    CHECK_FALSE(first_differing_field(recorded, recorded).has_value());
    CHECK(first_differing_field(recorded, json{{"a", 2}, {"b", {{"c", 2}}}, {"list", {1, 2}}}) == "a");
    CHECK(first_differing_field(recorded, json{{"a", 1}, {"b", {{"c", 3}}}, {"list", {1, 2}}}) == "b.c");
    CHECK(first_differing_field(recorded, json{{"a", 1}, {"b", {{"c", 2}}}, {"list", {1, 3}}}) == "list[1]");
    CHECK(first_differing_field(recorded, json{{"a", 1}, {"b", {{"c", 2}}}, {"list", {1}}}) == "list");
    CHECK(first_differing_field(recorded, json{{"a", 1}, {"b", {{"c", 2}}}}) == "list");
    CHECK(first_differing_field(json{{"x", 1}}, json{{"x", 1.0}}).has_value() == false);
}

namespace {

/// The field a command parser refuses (with the detail), or "(accepted)".
template <class Parse>
std::string refused_field(Parse&& parse) {
    try {
        parse();
    } catch (const field_error& error) {
        return error.field() + ": " + error.what();
    }
    return "(accepted)";
}

}  // namespace

TEST_CASE("every text a person writes is refused when empty, blank, padded, or holding a control character") {
    const cms::core::case_limits limits{};
    const json parent = {{"role", "paying"}, {"full_name", "Sam Payer"}, {"date_of_birth", "1985-02-01"},
                         {"local_authority_code", "E06000059"}};
    const json child_case = {{"paying_parent_id", 1}, {"receiving_parent_id", 2}, {"service_type", "collect_and_pay"},
                             {"paying_parent_circumstances", {{"gross_weekly_income_pence", 15'000}}},
                             {"children", {{{"full_name", "Jo"}, {"date_of_birth", "2015-01-01"}}}}};
    const json part_payment = {{"accepted_pence", 100}, {"consent_reference", "FILE-7"}};
    const json decision = {{"note", "consent on file"}};
    struct field_case {
        const char* name;
        std::function<std::string(const std::string&)> refused;  // field refused for this value
    };
    const field_case fields[] = {
        {"full_name", [&](const std::string& v) { json b = parent; b["full_name"] = v;
             return refused_field([&] { parse_register_parent(b, limits); }); }},
        {"children[0].full_name", [&](const std::string& v) { json b = child_case; b["children"][0]["full_name"] = v;
             return refused_field([&] { parse_open_case(b, limits); }); }},
        {"reference", [&](const std::string& v) { json b = good_payment(); b["reference"] = v;
             return refused_field([&] { parse_record_payment(b, cms::core::case_id{1}, limits); }); }},
        {"consent_reference", [&](const std::string& v) { json b = part_payment; b["consent_reference"] = v;
             return refused_field([&] { parse_arrears_request(b, cms::core::case_id{1}, cms::core::approval_kind::part_payment); }); }},
        {"note", [&](const std::string& v) { json b = decision; b["note"] = v;
             return refused_field([&] { parse_decision_note(b); }); }},
    };
    const std::pair<const char*, const char*> bad_values[] = {
        {"", "must not be empty"},
        {" ", "must not begin or end with a space"},
        {"   ", "must not begin or end with a space"},
        {" Sam", "must not begin or end with a space"},
        {"Sam ", "must not begin or end with a space"},
        {"Sam\t", "must not hold control characters (byte 3)"},
        {"Sam\nPayer", "must not hold control characters (byte 3)"},
        {"Sam\x07", "must not hold control characters (byte 3)"},
        {"Sam\x7f", "must not hold control characters (byte 3)"},
        {"Sam\xc2\x85", "must not hold control characters (byte 3)"},  // U+0085, a C1 control
    };
    for (const auto& field : fields) {
        const std::string name = field.name;
        CAPTURE(name);
        CHECK(field.refused("Sam O'Brien-Éclair 2") == "(accepted)");  // inner spaces, punctuation, non-ASCII
        for (const auto& bad : bad_values) {  // no structured binding: clang 14 cannot capture one in CAPTURE
            const std::string value = bad.first;
            CAPTURE(json(value).dump());
            CHECK(field.refused(value) == std::string(field.name) + ": " + bad.second);
        }
        CHECK(field.refused(std::string(501, 'x')).find(": must be at most") != std::string::npos);
    }
    // A part payment without any consent reference is not malformed: core refuses it as lacking
    // the receiving parent's consent (422).
    CHECK(refused_field([&] { parse_arrears_request({{"accepted_pence", 100}}, cms::core::case_id{1}, cms::core::approval_kind::part_payment); }) ==
          "(accepted)");
}
