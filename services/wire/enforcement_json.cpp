#include "services/wire/enforcement_json.hpp"

#include <limits>

#include "services/wire/command_parsing.hpp"
#include "services/wire/json_fields.hpp"
#include "services/wire/json_text.hpp"

namespace cms::services {

namespace {

constexpr std::size_t name_bytes_max = 200;
constexpr std::size_t note_bytes_max = 500;
constexpr std::int64_t earnings_pence_max = 100'000'000;  // £1m a pay period
constexpr std::int64_t balance_pence_max = 100'000'000'000;  // £1bn in one account
constexpr std::int64_t penalty_pence_max = 10'000'000;        // £100,000: far above any statutory fine
constexpr std::int64_t action_id_max = std::numeric_limits<std::int64_t>::max();
const char* const step_names =
    "deduction_from_earnings_order, regular_deduction_order, lump_sum_deduction_order, liability_order, "
    "enforcement_agents, charging_order, order_for_sale, driving_licence_disqualification, "
    "passport_disqualification, committal";
const char* const frequency_names = "weekly, fortnightly, four_weekly, monthly";

std::string optional_note(json_fields& fields) { return fields.optional_text("note", note_bytes_max).value_or(""); }

void put_date(nlohmann::json& object, const char* name, const std::optional<core::civil_date>& day) {
    if (day) object[name] = core::format_iso_date(*day);
}

}  // namespace

apply_enforcement_command parse_apply_enforcement(const nlohmann::json& body, core::case_id for_case) {
    json_fields fields(body, "");
    apply_enforcement_command command;
    command.for_case = for_case;
    command.step = required_enum(fields, "step", &core::parse_enforcement_step, step_names);
    if (const nlohmann::json* employer = fields.optional_object("employer")) {
        json_fields employer_fields(*employer, fields.path_of("employer"));
        core::employer_details details;
        details.name = employer_fields.required_text("name", name_bytes_max);
        details.net_earnings_per_period =
            core::money::from_pence(employer_fields.required_integer("net_earnings_pence", 0, earnings_pence_max));
        details.pay_frequency =
            required_enum(employer_fields, "pay_frequency", &core::parse_payment_frequency, frequency_names);
        if (employer_fields.has("first_pay_day")) details.first_pay_day = employer_fields.required_date("first_pay_day");
        employer_fields.refuse_unknown_fields();
        command.employer = std::move(details);
    }
    if (const nlohmann::json* account = fields.optional_object("bank_account")) {
        json_fields account_fields(*account, fields.path_of("bank_account"));
        command.bank_account_reference = account_fields.required_text("reference", name_bytes_max);
        command.bank_deduction_frequency =
            optional_enum(account_fields, "frequency", &core::parse_payment_frequency, "weekly, monthly")
                .value_or(core::payment_frequency::monthly);
        if (command.bank_deduction_frequency != core::payment_frequency::weekly &&
            command.bank_deduction_frequency != core::payment_frequency::monthly) {
            throw field_error(account_fields.path_of("frequency"), "must be one of weekly, monthly");
        }
        account_fields.refuse_unknown_fields();
    }
    command.deduction_inappropriate = fields.optional_text("deduction_inappropriate", note_bytes_max).value_or("");
    command.note = optional_note(fields);
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}});
    return command;
}

enforcement_event_command parse_enforcement_event(const nlohmann::json& body, core::case_id for_case,
                                                  std::int64_t action_id) {
    json_fields fields(body, "");
    enforcement_event_command command;
    command.for_case = for_case;
    command.action_id = action_id;
    const char* const events = "apply, grant, refuse, activate, succeed, fail, withdraw, expire";
    command.outcome.event = required_enum(fields, "event", &core::parse_action_event, events);
    if (command.outcome.event == core::action_event::propose) {
        throw field_error(fields.path_of("event"), std::string("must be one of ") + events);
    }
    if (fields.has("on")) {
        command.outcome.on = fields.required_date("on");
        command.dated_by_request = true;
    }
    command.outcome.finding =
        optional_enum(fields, "court_finding", &core::parse_court_finding, "wilful_refusal, culpable_neglect");
    if (fields.has("until")) command.outcome.until = fields.required_date("until");
    command.note = optional_note(fields);
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}, {"action_id", action_id}});
    return command;
}

warning_notice_command parse_warning_notice(const nlohmann::json& body, core::case_id for_case) {
    json_fields fields(body, "");
    warning_notice_command command;
    command.for_case = for_case;
    command.note = optional_note(fields);
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}});
    return command;
}

switch_service_command parse_switch_service(const nlohmann::json& body, core::case_id for_case) {
    json_fields fields(body, "");
    switch_service_command command;
    command.for_case = for_case;
    command.to = required_enum(fields, "to", &core::parse_service_type, "collect_and_pay, direct_pay");
    command.reason = required_enum(fields, "reason", &core::parse_service_switch_reason,
                                   "missed_payment_reported, paying_parent_asked, both_parents_agree");
    command.effective_date = fields.required_date("effective_date");
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}});
    return command;
}

deduction_command parse_deduction(const nlohmann::json& body, core::case_id for_case, std::int64_t action_id) {
    json_fields fields(body, "");
    deduction_command command;
    command.for_case = for_case;
    command.action_id = action_id;
    if (fields.has("on")) command.on = fields.required_date("on");
    if (fields.has("net_earnings_pence")) {
        command.net_earnings = core::money::from_pence(fields.required_integer("net_earnings_pence", 0, earnings_pence_max));
    }
    if (fields.has("account_balance_pence")) {
        command.account_balance =
            core::money::from_pence(fields.required_integer("account_balance_pence", 0, balance_pence_max));
    }
    command.reference = fields.optional_text("reference", name_bytes_max).value_or("");
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}, {"action_id", action_id}});
    return command;
}

penalty_command parse_penalty(const nlohmann::json& body, core::case_id for_case) {
    json_fields fields(body, "");
    penalty_command command;
    command.for_case = for_case;
    command.kind = required_enum(fields, "kind", &core::parse_penalty_kind,
                                 "information_offence, employer_information_offence, employer_missed_deduction, "
                                 "late_payment");
    if (fields.has("amount_pence")) {
        command.amount = core::money::from_pence(fields.required_integer("amount_pence", 1, penalty_pence_max));
    }
    if (fields.has("imposed_on")) command.imposed_on = fields.required_date("imposed_on");
    if (fields.has("action_id")) command.action_id = fields.required_integer("action_id", 1, action_id_max);
    command.note = optional_note(fields);
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}});
    return command;
}

arrears_agreement_command parse_arrears_agreement(const nlohmann::json& body, core::case_id for_case) {
    json_fields fields(body, "");
    arrears_agreement_command command;
    command.for_case = for_case;
    command.net_income_per_period =
        core::money::from_pence(fields.required_integer("net_income_per_period_pence", 1, earnings_pence_max));
    if (fields.has("arrears_instalment_pence")) {
        command.arrears_instalment =
            core::money::from_pence(fields.required_integer("arrears_instalment_pence", 1, earnings_pence_max));
    }
    command.note = optional_note(fields);
    fields.refuse_unknown_fields();
    command.request_json = request_with(body, {{"case_id", for_case.value}});
    return command;
}

std::string case_notice_answer(const persistence::case_notice_row& notice) {
    return write_json_text({{"case_id", notice.for_case.value},
                            {"on", core::format_iso_date(notice.on)},
                            {"kind", core::to_string(notice.kind)},
                            {"detail", notice.detail}});
}

std::string service_switch_answer(core::case_id for_case, core::service_type to, core::service_switch_reason reason,
                                  core::civil_date effective_date) {
    return write_json_text({{"case_id", for_case.value},
                            {"service_type", core::to_string(to)},
                            {"reason", core::to_string(reason)},
                            {"effective_date", core::format_iso_date(effective_date)}});
}

nlohmann::json enforcement_deduction_json(const persistence::enforcement_deduction_row& row) {
    nlohmann::json out = {{"on", core::format_iso_date(row.on)},
                          {"basis_pence", row.basis.pence()},
                          {"wanted_pence", row.wanted.pence()},
                          {"taken_pence", row.taken.pence()},
                          {"outcome", core::to_string(row.outcome)}};
    if (row.payment) out["payment_id"] = row.payment->value;
    return out;
}

std::string enforcement_deduction_answer(const persistence::enforcement_action_row& action,
                                         const persistence::enforcement_deduction_row& row) {
    nlohmann::json out = enforcement_deduction_json(row);
    out["action_id"] = action.action_id;
    out["case_id"] = action.for_case.value;
    out["step"] = core::to_string(action.step);
    return write_json_text(out);
}

nlohmann::json penalty_json(const persistence::penalty_row& row) {
    nlohmann::json out = {{"penalty_id", row.penalty_id},
                          {"case_id", row.for_case.value},
                          {"kind", core::to_string(row.kind)},
                          {"payer", core::to_string(row.payer)},
                          {"amount_pence", row.amount.pence()},
                          {"imposed_on", core::format_iso_date(row.imposed_on)},
                          {"note", row.note}};
    if (row.action_id) out["action_id"] = *row.action_id;
    if (!row.employer_name.empty()) out["employer_name"] = row.employer_name;
    return out;
}

std::string penalty_answer(const persistence::penalty_row& row) { return write_json_text(penalty_json(row)); }

nlohmann::json arrears_agreement_json(const persistence::arrears_agreement_row& row) {
    nlohmann::json out = {{"agreement_id", row.agreement_id},
                          {"case_id", row.for_case.value},
                          {"made_on", core::format_iso_date(row.made_on)},
                          {"frequency", core::to_string(row.frequency)},
                          {"net_income_per_period_pence", row.net_income_per_period.pence()},
                          {"ongoing_per_instalment_pence", row.ongoing_per_instalment.pence()},
                          {"arrears_at_agreement_pence", row.arrears_at_agreement.pence()},
                          {"arrears_instalment_pence", row.arrears_instalment.pence()},
                          {"instalments", row.instalments},
                          {"status", core::to_string(row.status)},
                          {"status_on", core::format_iso_date(row.status_on)},
                          {"note", row.note}};
    if (row.ended_by_job) out["ended_by_job_id"] = *row.ended_by_job;
    return out;
}

std::string arrears_agreement_answer(const persistence::arrears_agreement_row& row,
                                     const core::arrears_agreement_terms& terms) {
    nlohmann::json out = arrears_agreement_json(row);
    out["clears_in_two_years_pence"] = terms.clears_in_two_years.pence();
    out["arrears_instalment_max_pence"] = terms.arrears_instalment_max.pence();
    out["within_two_years"] = terms.within_two_years;
    return write_json_text(out);
}

nlohmann::json enforcement_action_json(const persistence::enforcement_action_history& view) {
    const persistence::enforcement_action_row& row = view.action;
    nlohmann::json out = {{"action_id", row.action_id},
                          {"case_id", row.for_case.value},
                          {"step", core::to_string(row.step)},
                          {"status", core::to_string(row.status)},
                          {"created_on", core::format_iso_date(row.created_on)},
                          {"status_on", core::format_iso_date(row.status_on)},
                          {"charge_pence", row.charge.pence()},
                          {"note", row.note}};
    put_date(out, "applied_on", row.applied_on);
    put_date(out, "until", row.until);
    if (row.employer) {
        out["employer"] = {{"name", row.employer->name},
                           {"net_earnings_pence", row.employer->net_earnings_per_period.pence()},
                           {"pay_frequency", core::to_string(row.employer->pay_frequency)}};
        put_date(out["employer"], "first_pay_day", row.employer->first_pay_day);
    }
    if (row.deduction_per_period) {
        out["deduction_pence"] = row.deduction_per_period->pence();
        out["deduction_capped"] = row.deduction_capped;
    }
    if (!row.bank_account_reference.empty()) out["bank_account_reference"] = row.bank_account_reference;
    if (row.bank_deduction_frequency) out["bank_deduction_frequency"] = core::to_string(*row.bank_deduction_frequency);
    if (!row.deduction_inappropriate.empty()) out["deduction_inappropriate"] = row.deduction_inappropriate;
    if (!row.charge_waiver.empty()) out["charge_waiver"] = row.charge_waiver;
    if (row.created_by_job) out["proposed_by_job_id"] = *row.created_by_job;
    nlohmann::json events = nlohmann::json::array();
    for (const auto& event : view.events) {
        nlohmann::json item = {{"event", core::to_string(event.event)},
                               {"status", core::to_string(event.status_after)},
                               {"on", core::format_iso_date(event.on)},
                               {"note", event.note}};
        if (event.finding) item["court_finding"] = core::to_string(*event.finding);
        put_date(item, "until", event.until);
        events.push_back(std::move(item));
    }
    out["events"] = std::move(events);
    nlohmann::json deductions = nlohmann::json::array();
    for (const auto& deduction : view.deductions) deductions.push_back(enforcement_deduction_json(deduction));
    out["deductions"] = std::move(deductions);
    return out;
}

std::string enforcement_action_answer(const persistence::enforcement_action_history& view) {
    return write_json_text(enforcement_action_json(view));
}

nlohmann::json enforcement_action_list_json(const persistence::enforcement_action_list& list) {
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& view : list.actions) actions.push_back(enforcement_action_json(view));
    nlohmann::json missed = nlohmann::json::array();
    for (const auto& row : list.missed_payments) {
        missed.push_back({{"due_date", core::format_iso_date(row.due_date)},
                          {"detected_on", core::format_iso_date(row.detected_on)},
                          {"arrears_pence", row.arrears.pence()},
                          {"job_id", row.job_id}});
    }
    nlohmann::json notices = nlohmann::json::array();
    for (const auto& row : list.notices) {
        notices.push_back({{"on", core::format_iso_date(row.on)}, {"kind", core::to_string(row.kind)}, {"detail", row.detail}});
    }
    nlohmann::json agreements = nlohmann::json::array();
    for (const auto& row : list.arrears_agreements) agreements.push_back(arrears_agreement_json(row));
    nlohmann::json penalties = nlohmann::json::array();
    for (const auto& row : list.penalties) penalties.push_back(penalty_json(row));
    return {{"case_id", list.for_case.value},
            {"actions", std::move(actions)},
            {"arrears_agreements", std::move(agreements)},
            {"penalties", std::move(penalties)},
            {"missed_payments", std::move(missed)},
            {"notices", std::move(notices)}};
}

}  // namespace cms::services
