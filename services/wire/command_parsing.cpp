#include "services/wire/command_parsing.hpp"

#include <limits>

#include "core/calculation/status_change.hpp"
#include "services/wire/calculation_json.hpp"
#include "services/wire/json_fields.hpp"
#include "core/access/authorisation.hpp"

namespace cms::services {

namespace {

constexpr std::int64_t id_max = std::numeric_limits<std::int64_t>::max();
/// Nights in a year, leap years included.
constexpr std::int64_t shared_care_nights_max = 366;

const char* const benefit_names = "none, flat_rate_benefit, partner_income_related_benefit";
const char* const write_off_reason_names =
    "receiving_parent_asked_to_stop, receiving_parent_died, paying_parent_died_nothing_recoverable, "
    "paying_parent_told_no_further_action, small_balance_case_ended";
constexpr std::size_t consent_reference_bytes_max = 200;
/// £10 million: above any one receiving parent's arrears, so only nonsense is refused here.
constexpr std::int64_t arrears_amount_pence_max = 1'000'000'000;
constexpr std::size_t decision_note_bytes_max = 500;
const char* const nil_rate_reason_names =
    "none, student, child, prisoner, care_home, income_related_benefit_aged_16_17, "
    "work_based_training_allowance";

}  // namespace

std::string request_with(nlohmann::json body, std::initializer_list<std::pair<const char*, nlohmann::json>> path_values) {
    for (const auto& [name, value] : path_values) body[name] = value;
    return body.dump();
}

register_parent_command parse_register_parent(const nlohmann::json& body, const core::case_limits& limits) {
    json_fields fields(body, "");
    register_parent_command command;
    command.request_json = body.dump();
    core::new_parent& parent = command.parent;
    parent.role = required_enum(fields, "role", &core::parse_parent_role, "paying, receiving");
    parent.full_name = fields.required_text("full_name", limits.name_bytes_max);
    parent.date_of_birth = fields.required_date("date_of_birth");
    parent.local_authority_code = fields.required_string("local_authority_code", 9);
    fields.refuse_unknown_fields();
    return command;
}

namespace {

core::paying_parent_circumstances parse_paying_parent_circumstances(const nlohmann::json& object,
                                                                   const std::string& path) {
    json_fields fields(object, path);
    core::paying_parent_circumstances circumstances;
    circumstances.gross_weekly_income = core::money::from_pence(
        fields.required_integer("gross_weekly_income_pence", 0, max_gross_weekly_income_pence));
    circumstances.benefit = optional_enum(fields, "benefit", &core::parse_benefit_status, benefit_names)
                                .value_or(core::benefit_status::none);
    circumstances.nil_reason = optional_enum(fields, "nil_rate_reason", &core::parse_nil_rate_reason,
                                             nil_rate_reason_names)
                                   .value_or(core::nil_rate_reason::none);
    circumstances.relevant_other_children =
        static_cast<int>(fields.optional_integer("relevant_other_children", 0, max_children_count, 0));
    circumstances.other_supported_children =
        static_cast<int>(fields.optional_integer("other_supported_children", 0, max_children_count, 0));
    fields.refuse_unknown_fields();
    return circumstances;
}

}  // namespace

open_case_command parse_open_case_command(const nlohmann::json& body, const core::case_limits& limits) {
    json_fields fields(body, "");
    open_case_command command;
    core::new_case& opened = command.opened;
    opened.paying_parent = core::parent_id{fields.required_integer("paying_parent_id", 1, id_max)};
    opened.receiving_parent = core::parent_id{fields.required_integer("receiving_parent_id", 1, id_max)};
    opened.service = required_enum(fields, "service_type", &core::parse_service_type,
                                   "collect_and_pay, direct_pay");
    const nlohmann::json* circumstances = fields.optional_object("paying_parent_circumstances");
    if (circumstances == nullptr) throw field_error("paying_parent_circumstances", "is required");
    command.circumstances = parse_paying_parent_circumstances(*circumstances, "paying_parent_circumstances");
    const nlohmann::json& children = fields.required_array("children", 1, limits.children_count_max);
    for (std::size_t i = 0; i < children.size(); ++i) {
        json_fields child(children[i], fields.path_of("children") + "[" + std::to_string(i) + "]");
        core::child_details details;
        details.full_name = child.required_text("full_name", limits.name_bytes_max);
        details.date_of_birth = child.required_date("date_of_birth");
        details.full_time_non_advanced_education = child.optional_boolean("full_time_non_advanced_education", false);
        command.shared_care_nights.push_back(
            static_cast<int>(child.optional_integer("shared_care_nights", 0, shared_care_nights_max, 0)));
        child.refuse_unknown_fields();
        opened.children.push_back(std::move(details));
    }
    if (const nlohmann::json* schedule = fields.optional_object("payment_schedule")) {
        json_fields schedule_fields(*schedule, fields.path_of("payment_schedule"));
        opened.frequency = required_enum(schedule_fields, "frequency", &core::parse_payment_frequency,
                                         "weekly, fortnightly, four_weekly, monthly");
        if (schedule_fields.has("first_due_date")) opened.first_due_date = schedule_fields.required_date("first_due_date");
        schedule_fields.refuse_unknown_fields();
    }
    fields.refuse_unknown_fields();
    command.request_json = body.dump();
    return command;
}

core::new_case parse_open_case(const nlohmann::json& body, const core::case_limits& limits) {
    return parse_open_case_command(body, limits).opened;
}

arrears_request_command parse_arrears_request(const nlohmann::json& body, core::case_id for_case,
                                              core::approval_kind kind) {
    json_fields fields(body, "");
    arrears_request_command command;
    command.for_case = for_case;
    command.request.kind = kind;
    command.request.receiving_parent_slot = static_cast<std::uint8_t>(
        fields.optional_integer("receiving_parent_slot", 0, core::receiving_parents_max - 1, 0));
    if (kind == core::approval_kind::write_off) {
        command.request.amount = core::money::from_pence(fields.required_integer("amount_pence", 1, arrears_amount_pence_max));
        command.request.reason = required_enum(fields, "reason", &core::parse_write_off_reason, write_off_reason_names);
    } else {
        command.request.amount =
            core::money::from_pence(fields.required_integer("accepted_pence", 1, arrears_amount_pence_max));
        command.consent_reference = fields.optional_text("consent_reference", consent_reference_bytes_max).value_or("");
        command.request.receiving_parent_consented = !command.consent_reference.empty();
    }
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}, {"kind", core::to_string(kind)}});
    return command;
}

std::string parse_decision_note(const nlohmann::json& body) {
    json_fields fields(body, "");
    std::string note = fields.required_text("note", decision_note_bytes_max);
    fields.refuse_unknown_fields();
    return note;
}

arrears_decision_command parse_arrears_decision(const nlohmann::json& body, std::int64_t request_id, bool approve) {
    arrears_decision_command command;
    command.request_id = request_id;
    command.approve = approve;
    command.note = parse_decision_note(body);
    command.request_json = request_with(body, {{"request_id", request_id}, {"decision", approve ? "approve" : "reject"}});
    return command;
}

close_case_command parse_close_case(const nlohmann::json& body, core::case_id for_case) {
    json_fields fields(body, "");
    close_case_command command;
    command.for_case = for_case;
    command.reason = required_enum(fields, "reason", &core::parse_closure_reason,
                                   "receiving_parent_asked, parent_died, no_qualifying_child, parents_live_together");
    command.effective_date = fields.required_date("effective_date");
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}});
    return command;
}

reverse_payment_command parse_reverse_payment(const nlohmann::json& body, core::payment_id payment) {
    json_fields fields(body, "");
    reverse_payment_command command;
    command.payment = payment;
    command.reason = required_enum(fields, "reason", &core::parse_reversal_reason, "bounced_direct_debit, wrong_case, duplicate");
    command.note = fields.required_text("note", decision_note_bytes_max);
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"payment_id", payment.value}});
    return command;
}

record_payment_command parse_record_payment(const nlohmann::json& body, core::case_id for_case,
                                            const core::case_limits& limits) {
    json_fields fields(body, "");
    record_payment_command command;
    core::new_payment& payment = command.payment;
    payment.for_case = for_case;
    // Range 1..max here too, so a negative amount is refused before any lookup.
    payment.amount = core::money::from_pence(
        fields.required_integer("amount_pence", 1, limits.payment_amount_max.pence()));
    payment.received_on = fields.required_date("received_on");
    payment.method = required_enum(fields, "method", &core::parse_payment_method,
                                   "standing_order, direct_debit, debit_card, deduction_from_earnings, "
                                   "deduction_from_benefit, bank_transfer, cheque, deduction_from_account");
    payment.reference = fields.required_text("reference", limits.reference_bytes_max);
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}});
    return command;
}

record_parent_payment_command parse_record_parent_payment(const nlohmann::json& body, core::parent_id paying,
                                                          const core::case_limits& limits) {
    record_parent_payment_command command{paying, parse_record_payment(body, core::case_id{0}, limits).payment, {}};
    command.request_json = request_with(body, {{"paying_parent_id", paying.value}});
    return command;
}

add_user_command parse_add_user(const nlohmann::json& body) {
    json_fields fields(body, "");
    add_user_command command;
    command.name = fields.required_string("name", core::user_name_bytes_max);
    if (!core::is_valid_user_name(command.name)) throw field_error("name", "must be 1 to 64 of A-Z a-z 0-9 . _ -");
    command.role = required_enum(fields, "role", &core::parse_role,
                                 "caseworker, supervisor, batch, analyst, auditor, admin");
    fields.refuse_unknown_fields();
    command.request_json = body.dump();
    return command;
}

revoke_user_command parse_revoke_user(const nlohmann::json& body, std::int64_t user_id) {
    json_fields(body, "").refuse_unknown_fields();
    return revoke_user_command{user_id, request_with(body, {{"user_id", user_id}})};
}

std::variant<start_accrual_command, job_in_place_command> parse_start_job(const nlohmann::json& body) {
    json_fields fields(body, "");
    const job_in_place_kind kind = required_enum(fields, "kind", &parse_job_in_place_kind,
                                                 "accrue, disburse, close_day, court_outcomes, scheduled_tick");
    const bool in_place = fields.optional_boolean("in_place", kind != job_in_place_kind::accrue);
    if (!in_place && kind != job_in_place_kind::accrue) throw field_error("in_place", "must be true: only accrue runs in the background");
    if (!in_place) {
        const core::civil_date through = fields.required_date("through");
        fields.refuse_unknown_fields();
        const nlohmann::json request = {{"kind", "accrue"}, {"through", core::format_iso_date(through)}};
        return start_accrual_command{through, request.dump()};
    }
    job_in_place_command command;
    command.kind = kind;
    // The tick runs on the business date, as the scheduler's does; every other job names its date.
    if (kind != job_in_place_kind::scheduled_tick) command.through = fields.required_date("through");
    if (kind == job_in_place_kind::court_outcomes) {
        command.seed = static_cast<std::uint64_t>(fields.required_integer("seed", 0, std::int64_t{1} << 53));
    }
    fields.refuse_unknown_fields();
    return command;
}

set_business_date_command parse_set_business_date(const nlohmann::json& body) {
    json_fields fields(body, "");
    const core::civil_date target = fields.required_date("business_date");
    fields.refuse_unknown_fields();
    const nlohmann::json request = {{"business_date", core::format_iso_date(target)}};
    return set_business_date_command{target, request.dump()};
}

}  // namespace cms::services
