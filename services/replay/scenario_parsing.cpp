#include <array>
#include <limits>
#include <map>

#include "core/enforcement/action.hpp"
#include "core/ledger/ledger.hpp"
#include "services/wire/json_fields.hpp"
#include "services/wire/json_text.hpp"
#include "services/replay/scenario.hpp"
#include "services/replay/scenario_names.hpp"

namespace cms::services {

namespace {

constexpr std::int64_t figure_max = std::numeric_limits<std::int64_t>::max();

/// Every command a step may send, by the name files give it: the one list to_string,
/// parse_scenario_command and the refusal of an unknown name read.
struct command_name {
    scenario_command command;
    const char* name;
};
constexpr std::array<command_name, 19> command_names_table{{
    {scenario_command::register_parent, "register_parent"},
    {scenario_command::open_case, "open_case"},
    {scenario_command::record_payment, "record_payment"},
    {scenario_command::record_income, "record_income"},
    {scenario_command::record_shared_care, "record_shared_care"},
    {scenario_command::reverse_payment, "reverse_payment"},
    {scenario_command::record_parent_payment, "record_parent_payment"},
    {scenario_command::close_case, "close_case"},
    {scenario_command::apply_enforcement, "apply_enforcement"},
    {scenario_command::record_enforcement_event, "record_enforcement_event"},
    {scenario_command::record_warning_notice, "record_warning_notice"},
    {scenario_command::switch_service, "switch_service"},
    {scenario_command::make_arrears_agreement, "make_arrears_agreement"},
    {scenario_command::record_deduction, "record_deduction"},
    {scenario_command::impose_penalty, "impose_penalty"},
    {scenario_command::request_write_off, "request_write_off"},
    {scenario_command::request_part_payment, "request_part_payment"},
    {scenario_command::approve_request, "approve_request"},
    {scenario_command::reject_request, "reject_request"},
}};

std::string command_names() {
    std::string names;
    for (const command_name& entry : command_names_table) names += (names.empty() ? "" : ", ") + std::string(entry.name);
    return names;
}

std::string step_path(std::size_t index) { return "steps[" + std::to_string(index) + "]"; }

bool visible_ascii(const std::string& text) {
    bool printable = !text.empty();
    for (const unsigned char c : text) printable = printable && c > 0x20 && c < 0x7f;
    return printable;
}

/// The same rule as the Idempotency-Key header, so a scenario key is one the API would take.
void check_key(const std::string& key, const std::string& path) {
    if (!visible_ascii(key)) {
        throw field_error(path, "must be 1 to " + std::to_string(scenario_key_bytes_max) +
                                    " visible ASCII characters (it is the command's idempotency key)");
    }
}

command_step read_command_step(json_fields& fields, std::size_t index, given_names& names) {
    command_step step;
    step.command = required_enum(fields, "command", &parse_scenario_command, command_names().c_str());
    step.key = fields.required_text("key", scenario_key_bytes_max);
    check_key(step.key, fields.path_of("key"));
    // Each id of the URL, by id or by name; a command that does not use one refuses it.
    const auto step_id = [&](const id_or_name_field& field, bool used) -> std::optional<std::int64_t> {
        if (!used) {
            refuse_unused_field(fields, field, step.command);
            return std::nullopt;
        }
        const std::optional<std::int64_t> id = read_id_or_name(fields, field, names, step.names);
        if (!id) throw field_error(fields.path_of(field.id_field), "is required");
        return id;
    };
    if (const auto id = step_id(case_field, is_case_command(step.command))) step.for_case = core::case_id{*id};
    if (const auto id = step_id(payment_field, is_payment_command(step.command))) step.payment = core::payment_id{*id};
    if (const auto id = step_id(paying_parent_field, is_parent_command(step.command))) {
        step.paying_parent = core::parent_id{*id};
    }
    step.action_id = step_id(action_field, is_action_command(step.command));
    step.request_id = step_id(request_field, is_approval_command(step.command));
    if (fields.has("actor")) {
        step.actor = fields.required_text("actor", scenario_actor_bytes_max);
        if (!visible_ascii(*step.actor)) {
            throw field_error(fields.path_of("actor"),
                              "must be 1 to " + std::to_string(scenario_actor_bytes_max) + " visible ASCII characters");
        }
    }
    if (fields.has("expect_detail")) step.expect_detail = fields.required_string("expect_detail", 200);
    if (fields.has("expect_problem_type")) {
        step.expect_problem_type = fields.required_string("expect_problem_type", 64);
        if (!parse_problem_type(*step.expect_problem_type)) {
            throw field_error(fields.path_of("expect_problem_type"), "must be one of " + problem_type_names());
        }
    }
    if (fields.has("expect_field")) step.expect_field = fields.required_text("expect_field", 200);
    if ((step.expect_problem_type || step.expect_field || step.expect_detail) && step.expect_status &&
        *step.expect_status / 100 == 2) {
        throw field_error(fields.path_of("expect_status"), "must be a refusal (4xx or 5xx) when the step expects a problem");
    }
    if (fields.has("expect_status")) {
        step.expect_status = static_cast<int>(fields.required_integer("expect_status", 200, 599));
    }
    const nlohmann::json* body = fields.optional_object("body");
    if (body == nullptr) throw field_error(fields.path_of("body"), "is required");
    const std::string body_path = fields.path_of("body");
    step.body_json = body->dump();
    read_step_body(step, names, body_path);
    give_name(fields, step.command, index, names, step.as);
    return step;
}

job_step read_job_step(json_fields& fields, core::civil_date on) {
    // POST /v1/jobs and `cms run-job` name them the same way.
    const std::string job = fields.required_string("run_job", 32);
    if (job != "accrue" && job != "disburse" && job != "close_day" && job != "court_outcomes") {
        throw field_error(fields.path_of("run_job"), "must be accrue, disburse, close_day or court_outcomes");
    }
    job_step step{job == "accrue"       ? scenario_job::accrue
                  : job == "disburse"   ? scenario_job::disburse
                  : job == "close_day"  ? scenario_job::close_day
                                        : scenario_job::court_outcomes,
                  fields.required_date("through"), 0};
    if (step.job == scenario_job::court_outcomes) {
        // A court decides on or before the business date: a decision is never dated ahead of it.
        if (step.through > on) {
            throw field_error(fields.path_of("through"), "must not be after the step's date " + core::format_iso_date(on));
        }
        step.seed = static_cast<std::uint64_t>(fields.required_integer("seed", 0, std::int64_t{1} << 53));
        return step;
    }
    if (step.job == scenario_job::accrue && step.through > on) {
        // As POST /v1/jobs: a job may not post a month the business date has not reached.
        throw field_error(fields.path_of("through"), "must not be after the step's date " + core::format_iso_date(on));
    }
    if (step.job != scenario_job::accrue && !(step.through < on)) {
        // As the scheduler: a day is paid out once it has closed, so everything dated it is in.
        throw field_error(fields.path_of("through"), "must be before the step's date " + core::format_iso_date(on));
    }
    return step;
}

/// The names core gives every value of a one-byte enum from `first` to `last`, for a refusal that
/// lists what is allowed without a second copy of the list to drift from core's.
template <typename Enum>
std::string names_between(Enum first, Enum last) {
    std::string names;
    for (auto value = static_cast<std::uint8_t>(first); value <= static_cast<std::uint8_t>(last); ++value) {
        names += (names.empty() ? "" : ", ") + std::string(core::to_string(static_cast<Enum>(value)));
    }
    return names;
}

/// The records an expectation may ask for beside the figures: a statement line, an enforcement
/// action's status, a pay-out.
void read_expected_records(json_fields& expect, expectation_step& step, const given_names& names) {
    if (const nlohmann::json* object = expect.optional_object("statement_line")) {
        json_fields line(*object, expect.path_of("statement_line"));
        expected_statement_line wanted;
        wanted.business_date = line.has("business_date") ? line.required_date("business_date") : step.as_of;
        wanted.code = line.required_string("code", 64);
        if (!core::parse_transfer_code(wanted.code)) {
            throw field_error(line.path_of("code"),
                              "must be one of " + names_between(core::transfer_code::maintenance_accrued,
                                                                core::transfer_code::penalty_imposed));
        }
        wanted.amount_pence = line.required_integer("amount_pence", 0, figure_max);
        line.refuse_unknown_fields();
        step.statement_line = wanted;
    }
    std::vector<name_reference> references;
    const std::optional<std::int64_t> action = read_id_or_name(expect, action_field, names, references);
    const bool status_given = expect.has("action_status");
    if (action.has_value() != status_given) {
        throw field_error(expect.path_of(status_given ? "action" : "action_status"),
                          "is required with " + std::string(status_given ? "action_status" : "action or action_id"));
    }
    if (action) {
        expected_action_status wanted;
        wanted.action_id = *action;
        if (!references.empty()) wanted.action_name = references.front().name;
        wanted.status = expect.required_string("action_status", 32);
        if (!core::parse_action_status(wanted.status)) {
            throw field_error(expect.path_of("action_status"),
                              "must be one of " + names_between(core::action_status::proposed, core::action_status::expired));
        }
        step.action_status = wanted;
    }
    if (const nlohmann::json* object = expect.optional_object("disbursement")) {
        json_fields paid(*object, expect.path_of("disbursement"));
        step.disbursement = expected_disbursement{paid.required_date("paid_on"),
                                                  paid.required_integer("amount_pence", 0, figure_max)};
        paid.refuse_unknown_fields();
    }
}

expectation_step read_expectation_step(json_fields& fields, core::civil_date on, const given_names& names) {
    const nlohmann::json* object = fields.optional_object("expect");
    json_fields expect(*object, fields.path_of("expect"));
    expectation_step step{};
    step.as_of = on;
    std::vector<name_reference> references;
    const std::optional<std::int64_t> id = read_id_or_name(expect, case_field, names, references);
    if (!id) throw field_error(expect.path_of("case_id"), "is required");
    step.for_case = core::case_id{*id};
    if (!references.empty()) step.case_name = references.front().name;
    if (expect.has("as_of")) step.as_of = expect.required_date("as_of");
    for (const std::string_view name : expectation_figure_names) {
        const std::string figure(name);
        if (expect.has(figure)) step.figures.push_back({figure, expect.required_integer(figure, 0, figure_max)});
    }
    read_expected_records(expect, step, names);
    expect.refuse_unknown_fields();
    if (step.figures.empty() && !step.statement_line && !step.action_status && !step.disbursement) {
        std::string figures;
        for (const std::string_view name : expectation_figure_names) {
            figures += (figures.empty() ? "" : ", ") + std::string(name);
        }
        throw field_error(fields.path_of("expect"),
                          "must give at least one of " + figures + ", statement_line, action_status, disbursement");
    }
    return step;
}

/// The overrides' shape; whether each row suits its table is for its loader (scenario_policy.cpp).
std::vector<policy_override> read_policy_overrides(const nlohmann::json& overrides) {
    std::vector<policy_override> read;
    for (std::size_t index = 0; index < overrides.size(); ++index) {
        const std::string path = "policy[" + std::to_string(index) + "]";
        if (!overrides[index].is_object()) throw field_error(path, "must be an object");
        json_fields fields(overrides[index], path);
        policy_override change;
        change.table = fields.required_string("table", 64);
        change.effective_from = fields.required_date("effective_from");
        const nlohmann::json* row = fields.optional_object("row");
        if (row == nullptr) throw field_error(fields.path_of("row"), "is required");
        for (const char* date : {"effective_from", "effective_to"}) {
            if (row->contains(date)) {
                throw field_error(fields.path_of("row") + "." + date,
                                  "must not be given: the override's effective_from starts the row and it runs on");
            }
        }
        change.row_json = row->dump();
        fields.refuse_unknown_fields();
        read.push_back(std::move(change));
    }
    return read;
}

scenario_step read_step(const nlohmann::json& object, std::size_t index, given_names& names) {
    json_fields fields(object, step_path(index));
    scenario_step step;
    step.index = index;
    step.on = fields.required_date("on");
    const bool is_command = fields.has("command");
    const bool is_job = fields.has("run_job");
    const bool is_expectation = fields.has("expect");
    if (is_command + is_job + is_expectation != 1) {
        throw field_error(step_path(index), "must have exactly one of command, run_job, expect");
    }
    if (is_command) {
        step.action = read_command_step(fields, index, names);
    } else if (is_job) {
        step.action = read_job_step(fields, step.on);
    } else {
        step.action = read_expectation_step(fields, step.on, names);
    }
    fields.refuse_unknown_fields();
    return step;
}

}  // namespace

const char* to_string(scenario_command command) {
    for (const command_name& entry : command_names_table) {
        if (entry.command == command) return entry.name;
    }
    return "unknown";
}

std::optional<scenario_command> parse_scenario_command(std::string_view text) {
    for (const command_name& entry : command_names_table) {
        if (text == entry.name) return entry.command;
    }
    return std::nullopt;
}

bool is_case_command(scenario_command command) {
    return command == scenario_command::record_payment || command == scenario_command::record_income ||
           command == scenario_command::record_shared_care || command == scenario_command::close_case ||
           command == scenario_command::apply_enforcement ||
           command == scenario_command::record_enforcement_event || command == scenario_command::record_warning_notice ||
           command == scenario_command::switch_service || command == scenario_command::make_arrears_agreement ||
           command == scenario_command::record_deduction || command == scenario_command::impose_penalty ||
           command == scenario_command::request_write_off || command == scenario_command::request_part_payment;
}

bool is_approval_command(scenario_command command) {
    return command == scenario_command::approve_request || command == scenario_command::reject_request;
}

bool is_payment_command(scenario_command command) { return command == scenario_command::reverse_payment; }

bool is_parent_command(scenario_command command) { return command == scenario_command::record_parent_payment; }

bool is_action_command(scenario_command command) {
    return command == scenario_command::record_enforcement_event || command == scenario_command::record_deduction;
}

std::string describe_scenario_error(const std::string& field, const std::string& detail) {
    return field.empty() ? detail : field + ": " + detail;
}

scenario parse_scenario(std::string_view text) {
    if (text.size() > scenario_bytes_max) {
        throw field_error("", "is larger than " + std::to_string(scenario_bytes_max) + " bytes (scenario_bytes_max)");
    }
    nlohmann::json document;
    try {
        document = parse_json_text(text);
    } catch (const json_text_error& refused) {
        throw field_error(refused.path(), refused.what());  // empty path: the file as a whole
    }
    json_fields fields(document, "");
    scenario parsed;
    (void)fields.optional_string("$schema", 1024, "");  // lets an editor find the schema
    parsed.name = fields.required_text("scenario", scenario_name_bytes_max);
    parsed.description = fields.optional_text("description", scenario_description_bytes_max).value_or("");
    const std::string jobs = fields.optional_string("jobs", 16, "daily");
    if (jobs != "daily" && jobs != "as_written") throw field_error(fields.path_of("jobs"), "must be daily or as_written");
    parsed.jobs = jobs == "daily" ? scenario_jobs::daily : scenario_jobs::as_written;
    if (fields.has("policy")) parsed.policy = read_policy_overrides(fields.required_array("policy", 1, scenario_policy_overrides_max));
    const nlohmann::json& steps = fields.required_array("steps", 1, scenario_steps_max);
    fields.refuse_unknown_fields();

    std::map<std::string, std::size_t> step_of_key;
    given_names names;
    for (std::size_t index = 0; index < steps.size(); ++index) {
        scenario_step step = read_step(steps[index], index, names);
        if (!parsed.steps.empty() && step.on < parsed.steps.back().on) {
            // The simulated clock only moves forward, as POST /v1/clock.
            throw field_error(step_path(index) + ".on", "is before the previous step's date " +
                                                            core::format_iso_date(parsed.steps.back().on) +
                                                            "; steps must be in date order");
        }
        if (const auto* command = std::get_if<command_step>(&step.action)) {
            const auto [found, inserted] = step_of_key.emplace(command->key, index);
            if (!inserted) {
                throw field_error(step_path(index) + ".key",
                                  "repeats the key of " + step_path(found->second) + "; keys must be unique");
            }
        }
        parsed.steps.push_back(std::move(step));
    }
    return parsed;
}

}  // namespace cms::services
