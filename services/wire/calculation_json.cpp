// Strict parsing of a calculation request and mapping of the result (calculation_json.hpp).
// Parsing stops at the first problem and reports it by field path; nothing here decides a rule.
#include "services/wire/calculation_json.hpp"

#include <array>
#include <limits>
#include <set>
#include <utility>

namespace cms::services {

namespace {

using nlohmann::json;

/// Thrown inside this file only, to unwind a parse to its single error; never escapes.
struct parse_failure {
    request_field_error error;
};

[[noreturn]] void fail(std::string field, std::string message) {
    throw parse_failure{{std::move(field), std::move(message)}};
}

std::string join(const std::string& prefix, const std::string& name) {
    return prefix.empty() ? name : prefix + "." + name;
}

std::string kind_of(const json& value) {
    if (value.is_number_float()) return "a floating-point number";
    if (value.is_number_integer()) return "an integer";
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "a boolean";
    if (value.is_null()) return "null";
    if (value.is_array()) return "an array";
    return "an object";
}

/// Field access that refuses unknown fields once every expected one has been read.
class fields {
public:
    fields(const json& value, std::string path) : value_(value), path_(std::move(path)) {
        if (!value_.is_object()) fail(path_, "expected an object, got " + kind_of(value_));
    }
    const json& get(const std::string& name) {
        read_.insert(name);
        const auto found = value_.find(name);
        if (found == value_.end()) fail(join(path_, name), "required field is missing");
        return *found;
    }
    /// The field, or nothing when it is absent (an optional field).
    const json* find(const std::string& name) {
        read_.insert(name);
        const auto found = value_.find(name);
        return found == value_.end() ? nullptr : &*found;
    }
    std::string path(const std::string& name) const { return join(path_, name); }
    void finish() const {
        for (const auto& item : value_.items()) {
            if (read_.count(item.key()) == 0) fail(join(path_, item.key()), "unknown field");
        }
    }

private:
    const json& value_;
    std::string path_;
    std::set<std::string> read_;
};

std::int64_t integer(const json& value, const std::string& path, std::int64_t min, std::int64_t max) {
    if (!value.is_number_integer()) fail(path, "expected an integer, got " + kind_of(value));
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(path, "must be at most " + std::to_string(max));
    }
    const auto number = value.get<std::int64_t>();
    if (number < min) fail(path, "must be at least " + std::to_string(min) + ", got " + std::to_string(number));
    if (number > max) fail(path, "must be at most " + std::to_string(max) + ", got " + std::to_string(number));
    return number;
}

std::string text(const json& value, const std::string& path) {
    if (!value.is_string()) fail(path, "expected a string, got " + kind_of(value));
    std::string out = value.get<std::string>();
    if (out.empty()) fail(path, "must not be empty");
    return out;
}

template <typename Enum, std::size_t N>
Enum one_of(const json& value, const std::string& path, const std::array<Enum, N>& choices) {
    std::string allowed;
    for (Enum choice : choices) allowed += std::string(allowed.empty() ? "" : ", ") + core::to_string(choice);
    if (!value.is_string()) fail(path, "expected one of " + allowed + ", got " + kind_of(value));
    for (Enum choice : choices) {
        if (value.get<std::string>() == core::to_string(choice)) return choice;
    }
    fail(path, "unknown value \"" + value.get<std::string>() + "\"; expected one of " + allowed);
}

core::paying_parent_circumstances parse_paying_parent(const json& value) {
    fields parent(value, "paying_parent");
    core::paying_parent_circumstances out;
    out.gross_weekly_income = core::money::from_pence(
        integer(parent.get("gross_weekly_income_pence"), parent.path("gross_weekly_income_pence"), 0,
                max_gross_weekly_income_pence));
    out.benefit = one_of(parent.get("benefit"), parent.path("benefit"),
                         std::array{core::benefit_status::none, core::benefit_status::flat_rate_benefit,
                                    core::benefit_status::partner_income_related_benefit});
    const json& nil_reason = parent.get("nil_rate_reason");
    if (!nil_reason.is_null()) {
        out.nil_reason = one_of(nil_reason, parent.path("nil_rate_reason"),
                                std::array{core::nil_rate_reason::student, core::nil_rate_reason::child,
                                           core::nil_rate_reason::prisoner,
                                           core::nil_rate_reason::care_home,
                                           core::nil_rate_reason::income_related_benefit_aged_16_17,
                                           core::nil_rate_reason::work_based_training_allowance});
    }
    out.relevant_other_children = static_cast<int>(integer(
        parent.get("relevant_other_children"), parent.path("relevant_other_children"), 0, max_children_count));
    out.other_supported_children = static_cast<int>(integer(
        parent.get("other_supported_children"), parent.path("other_supported_children"), 0, max_children_count));
    parent.finish();
    return out;
}

/// A list of children at `path`; `ids` collects their ids, which must be unique across every
/// list of one request.
std::vector<core::qualifying_child> parse_children(const json& value, const std::string& path, bool may_be_empty,
                                                   std::set<std::string>& ids) {
    if (!value.is_array()) fail(path, "expected an array, got " + kind_of(value));
    if (value.empty() && !may_be_empty) fail(path, "at least one qualifying child is needed");
    if (value.size() > max_qualifying_children) {
        fail(path, "at most " + std::to_string(max_qualifying_children) + " children");
    }
    std::vector<core::qualifying_child> out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        fields child(value[i], path + "[" + std::to_string(i) + "]");
        core::qualifying_child parsed;
        parsed.id = text(child.get("id"), child.path("id"));
        if (!ids.insert(parsed.id).second) fail(child.path("id"), "duplicate child id \"" + parsed.id + "\"");
        parsed.receiving_parent = text(child.get("receiving_parent"), child.path("receiving_parent"));
        parsed.shared_care_nights = static_cast<int>(
            integer(child.get("shared_care_nights"), child.path("shared_care_nights"), 0, 366));
        child.finish();
        out.push_back(std::move(parsed));
    }
    return out;
}

}  // namespace

calculation_parse_result parse_calculation_request(const json& request) {
    try {
        fields top(request, "");
        core::calculation_input input;
        const json& day = top.get("date");
        if (!day.is_string()) fail("date", "expected a date \"YYYY-MM-DD\", got " + kind_of(day));
        const auto parsed_day = core::parse_iso_date(day.get<std::string>());
        if (!parsed_day) fail("date", "\"" + day.get<std::string>() + "\" is not a valid YYYY-MM-DD date");
        input.business_date = *parsed_day;
        input.paying_parent = parse_paying_parent(top.get("paying_parent"));
        std::set<std::string> ids;
        input.children = parse_children(top.get("qualifying_children"), "qualifying_children", false, ids);
        if (const json* others = top.find("other_cases_children")) {
            input.other_cases_children = parse_children(*others, "other_cases_children", true, ids);
        }
        top.finish();
        return {std::move(input), std::nullopt};
    } catch (const parse_failure& failure) {
        return {std::nullopt, failure.error};
    }
}

json calculation_to_json(const core::calculation_result& result) {
    json children = json::array();
    for (const auto& child : result.children) {
        children.push_back({{"id", child.id}, {"weekly_amount_pence", child.weekly_amount.pence()}});
    }
    json parents = json::array();
    for (const auto& parent : result.receiving_parents) {
        parents.push_back({{"id", parent.id}, {"weekly_amount_pence", parent.weekly_amount.pence()}});
    }
    json steps = json::array();
    for (const auto& step : result.steps) {
        json inputs = json::array();
        for (const auto& input : step.inputs) inputs.push_back({{"name", input.name}, {"value", input.value}});
        steps.push_back({{"rule", step.rule},
                         {"inputs", std::move(inputs)},
                         {"result", step.result},
                         {"explanation", step.explanation}});
    }
    return {{"rate", core::to_string(result.rate)},
            {"weekly_amount_pence", result.weekly_amount.pence()},
            {"children", std::move(children)},
            {"receiving_parents", std::move(parents)},
            {"steps", std::move(steps)}};
}

json calculation_request_to_json(const core::calculation_input& input) {
    const core::paying_parent_circumstances& parent = input.paying_parent;
    const auto children_json = [](const std::vector<core::qualifying_child>& list) {
        json children = json::array();
        for (const auto& child : list) {
            children.push_back({{"id", child.id},
                                {"receiving_parent", child.receiving_parent},
                                {"shared_care_nights", child.shared_care_nights}});
        }
        return children;
    };
    json request = {{"date", core::format_iso_date(input.business_date)},
            {"paying_parent",
             {{"gross_weekly_income_pence", parent.gross_weekly_income.pence()},
              {"benefit", core::to_string(parent.benefit)},
              {"nil_rate_reason", parent.nil_reason == core::nil_rate_reason::none
                                      ? json(nullptr)
                                      : json(core::to_string(parent.nil_reason))},
              {"relevant_other_children", parent.relevant_other_children},
              {"other_supported_children", parent.other_supported_children}}},
            {"qualifying_children", children_json(input.children)}};
    // Only a paying parent with other cases has the field, so other requests read as before.
    if (!input.other_cases_children.empty()) request["other_cases_children"] = children_json(input.other_cases_children);
    return request;
}

json field_error_to_json(const request_field_error& error) {
    return {{"field", error.field}, {"message", error.message}};
}

request_field_error to_field_error(const core::calculation_rejection& rejection) {
    return {rejection.field, rejection.message};
}

calculation_response run_calculation_request(const json& request,
                                             std::span<const core::calculation_rates> policy_rows) {
    calculation_parse_result parsed = parse_calculation_request(request);
    if (!parsed.input) return {std::nullopt, parsed.error};
    const core::calculation_rates* policy = core::rates_in_force(policy_rows, parsed.input->business_date);
    if (policy == nullptr) {
        return {std::nullopt, request_field_error{"date", "no calculation policy is in force on " +
                                                              core::format_iso_date(parsed.input->business_date)}};
    }
    core::calculation_outcome outcome = core::calculate(*parsed.input, *policy);
    if (const auto* rejection = std::get_if<core::calculation_rejection>(&outcome)) {
        return {std::nullopt, to_field_error(*rejection)};
    }
    return {calculation_to_json(std::get<core::calculation_result>(outcome)), std::nullopt};
}

}  // namespace cms::services
