#include "services/wire/circumstance_parsing.hpp"

#include <set>
#include <string>

#include "services/wire/calculation_json.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

namespace {

/// HMRC yearly figures above this are typing errors (£52bn: the weekly limit times 52).
constexpr std::int64_t max_yearly_income_pence = max_gross_weekly_income_pence * 52;


std::optional<int> optional_count(json_fields& fields, const std::string& name) {
    if (!fields.has(name)) return std::nullopt;
    return static_cast<int>(fields.required_integer(name, 0, max_children_count));
}

/// The journal's form: the body as sent, with the case of the URL (the same key for another
/// case is a different command).
std::string with_case_id(nlohmann::json body, core::case_id for_case) {
    body["case_id"] = for_case.value;
    return body.dump();
}

}  // namespace

income_change_command parse_income_change(const nlohmann::json& body, core::case_id for_case) {
    json_fields fields(body, "");
    income_change_command command;
    command.for_case = for_case;
    command.effective_date = fields.required_date("effective_date");
    if (fields.has("gross_weekly_income_pence")) {
        command.gross_weekly_income = core::money::from_pence(
            fields.required_integer("gross_weekly_income_pence", 0, max_gross_weekly_income_pence));
    }
    if (fields.has("yearly_income_pence")) {
        if (command.gross_weekly_income) {
            throw field_error("yearly_income_pence", "give gross_weekly_income_pence or yearly_income_pence, not both");
        }
        command.yearly_income =
            core::money::from_pence(fields.required_integer("yearly_income_pence", 0, max_yearly_income_pence));
    }
    if (fields.has("annual_review")) {
        const nlohmann::json& flag = body.at("annual_review");
        if (!flag.is_boolean()) throw field_error("annual_review", "must be true or false");
        command.annual_review = flag.get<bool>();
    }
    core::status_change& status = command.status;
    status.benefit = optional_enum(fields, "benefit", &core::parse_benefit_status,
                                   "none, flat_rate_benefit, partner_income_related_benefit");
    status.nil_reason = optional_enum(fields, "nil_rate_reason", &core::parse_nil_rate_reason,
                                      "none, student, child, prisoner, care_home, "
                                      "income_related_benefit_aged_16_17, work_based_training_allowance");
    status.relevant_other_children = optional_count(fields, "relevant_other_children");
    status.other_supported_children = optional_count(fields, "other_supported_children");
    fields.refuse_unknown_fields();
    const bool any_status = status.benefit || status.nil_reason || status.relevant_other_children ||
                            status.other_supported_children;
    if (!command.gross_weekly_income && !command.yearly_income && !any_status) {
        throw field_error("gross_weekly_income_pence",
                          "is required unless yearly_income_pence, benefit, nil_rate_reason, "
                          "relevant_other_children or other_supported_children is given");
    }
    command.request_json = with_case_id(body, for_case);
    return command;
}

shared_care_change_command parse_shared_care_change(const nlohmann::json& body, core::case_id for_case,
                                                    std::size_t children_count_max) {
    json_fields fields(body, "");
    shared_care_change_command command;
    command.for_case = for_case;
    command.effective_date = fields.required_date("effective_date");
    const nlohmann::json& children = fields.required_array("children", 1, children_count_max);
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < children.size(); ++i) {
        json_fields child(children[i], "children[" + std::to_string(i) + "]");
        const std::int64_t number =
            child.required_integer("child_number", 1, static_cast<std::int64_t>(children_count_max));
        if (!seen.insert(number).second) {
            throw field_error(child.path_of("child_number"), "names child " + std::to_string(number) + " twice");
        }
        const auto nights = static_cast<int>(child.required_integer("shared_care_nights", 0, 366));
        child.refuse_unknown_fields();
        command.children.push_back({std::to_string(number), nights});
    }
    fields.refuse_unknown_fields();
    command.request_json = with_case_id(body, for_case);
    return command;
}

}  // namespace cms::services
