#include "services/replay/scenario_names.hpp"

#include <array>
#include <limits>

#include <nlohmann/json.hpp>

#include "services/wire/circumstance_parsing.hpp"
#include "services/wire/command_parsing.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

constexpr std::int64_t id_max = std::numeric_limits<std::int64_t>::max();
/// Stands for a name's id while the file is read: any valid id checks the body the same way.
constexpr std::int64_t placeholder_id = 1;

constexpr std::string_view body_prefix = "body.";

std::string step_path(std::size_t index) { return "steps[" + std::to_string(index) + "]"; }

void check_name(const std::string& name, const std::string& path) {
    bool valid = !name.empty() && name.size() <= scenario_ref_name_bytes_max;
    for (const char c : name) {
        valid = valid && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                          c == '.' || c == '-');
    }
    if (!valid) {
        throw field_error(path, "must be a name of 1 to " + std::to_string(scenario_ref_name_bytes_max) +
                                    " characters A-Z a-z 0-9 _ . -");
    }
}

/// A name used at `path` must be one an earlier step gave, to a thing of the kind the field takes.
void check_reference(const std::string& name, named_kind kind, const given_names& names, const std::string& path) {
    check_name(name, path);
    const auto found = names.find(name);
    if (found == names.end()) throw field_error(path, "no earlier step is named \"" + name + "\"");
    if (found->second.kind != kind) {
        throw field_error(path, "\"" + name + "\" (" + step_path(found->second.step_index) + ".as) names a " +
                                    to_string(found->second.kind) + ", not a " + to_string(kind));
    }
}

// The parser's field names are relative to the body, so a refusal is re-thrown under the body's
// path ("steps[3].body.amount_pence"). An id the step does not use is never read: 1 stands for it.
scenario_command_value read_command_body(const command_step& step, const nlohmann::json& body,
                                         const std::string& body_path) {
    const core::case_limits limits{};
    const scenario_command command = step.command;
    const core::case_id for_case = step.for_case.value_or(core::case_id{1});
    const core::payment_id payment = step.payment.value_or(core::payment_id{1});
    const core::parent_id paying_parent = step.paying_parent.value_or(core::parent_id{1});
    const std::int64_t action_id = step.action_id.value_or(1);
    const std::int64_t request_id = step.request_id.value_or(1);
    try {
        switch (command) {
            case scenario_command::register_parent: return parse_register_parent(body, limits);
            case scenario_command::open_case: return parse_open_case_command(body, limits);
            case scenario_command::record_payment: return parse_record_payment(body, for_case, limits);
            case scenario_command::record_income: return parse_income_change(body, for_case);
            case scenario_command::record_shared_care:
                return parse_shared_care_change(body, for_case, limits.children_count_max);
            case scenario_command::reverse_payment: return parse_reverse_payment(body, payment);
            case scenario_command::record_parent_payment: return parse_record_parent_payment(body, paying_parent, limits);
            case scenario_command::close_case: return parse_close_case(body, for_case);
            case scenario_command::apply_enforcement: return parse_apply_enforcement(body, for_case);
            case scenario_command::record_enforcement_event: return parse_enforcement_event(body, for_case, action_id);
            case scenario_command::record_warning_notice: return parse_warning_notice(body, for_case);
            case scenario_command::switch_service: return parse_switch_service(body, for_case);
            case scenario_command::make_arrears_agreement: return parse_arrears_agreement(body, for_case);
            case scenario_command::record_deduction: return parse_deduction(body, for_case, action_id);
            case scenario_command::impose_penalty: return parse_penalty(body, for_case);
            case scenario_command::request_write_off:
                return parse_arrears_request(body, for_case, core::approval_kind::write_off);
            case scenario_command::request_part_payment:
                return parse_arrears_request(body, for_case, core::approval_kind::part_payment);
            case scenario_command::approve_request: return parse_arrears_decision(body, request_id, true);
            case scenario_command::reject_request: return parse_arrears_decision(body, request_id, false);
        }
        throw field_error(body_path, "names no command");
    } catch (const field_error& refused) {
        throw field_error(refused.field().empty() ? body_path : body_path + "." + refused.field(), refused.what());
    }
}

}  // namespace

const char* to_string(named_kind kind) {
    switch (kind) {
        case named_kind::parent: return "parent";
        case named_kind::case_file: return "case";
        case named_kind::payment: return "payment";
        case named_kind::action: return "action";
        case named_kind::request: return "request";
    }
    return "unknown";
}

std::optional<named_kind> kind_created_by(scenario_command command) {
    switch (command) {
        case scenario_command::register_parent: return named_kind::parent;
        case scenario_command::open_case: return named_kind::case_file;
        case scenario_command::record_payment: return named_kind::payment;
        case scenario_command::apply_enforcement: return named_kind::action;
        case scenario_command::request_write_off:
        case scenario_command::request_part_payment: return named_kind::request;
        default: return std::nullopt;
    }
}

std::optional<std::int64_t> id_created_in(const std::string& answer_json) {
    const nlohmann::json body = nlohmann::json::parse(answer_json, nullptr, false);
    if (!body.is_object()) return std::nullopt;
    std::optional<std::int64_t> id;
    if (body.contains("id") && body["id"].is_number_integer()) id = body["id"].get<std::int64_t>();
    // An enforcement action's answer is its history, whose own id is action_id.
    if (body.contains("action_id") && body["action_id"].is_number_integer()) id = body["action_id"].get<std::int64_t>();
    return id;
}

std::optional<std::int64_t> read_id_or_name(json_fields& fields, const id_or_name_field& field,
                                            const given_names& names, std::vector<name_reference>& references) {
    const bool by_id = fields.has(field.id_field);
    const bool by_name = fields.has(field.name_field);
    if (by_id && by_name) {
        throw field_error(fields.path_of(field.name_field),
                          std::string("must not be given with ") + field.id_field + ": give the id or the name, not both");
    }
    if (by_id) return fields.required_integer(field.id_field, 1, id_max);
    if (!by_name) return std::nullopt;
    const std::string path = fields.path_of(field.name_field);
    const std::string name = fields.required_string(field.name_field, scenario_ref_name_bytes_max);
    check_reference(name, field.kind, names, path);
    references.push_back({field.id_field, name});
    return placeholder_id;
}

void refuse_unused_field(json_fields& fields, const id_or_name_field& field, scenario_command command) {
    for (const char* given : {field.id_field, field.name_field}) {
        if (fields.has(given)) throw field_error(fields.path_of(given), std::string("is not used by ") + to_string(command));
    }
}

void read_step_body(command_step& step, const given_names& names, const std::string& body_path) {
    const scenario_command command = step.command;
    const nlohmann::json body = nlohmann::json::parse(step.body_json);
    nlohmann::json checked = body;
    for (const body_name_field& field : body_name_fields) {
        if (field.command != command || !body.contains(field.name_field) || body[field.name_field].is_null()) continue;
        const std::string path = body_path + "." + field.name_field;
        if (body.contains(field.id_field)) {
            throw field_error(path, std::string("must not be given with ") + field.id_field +
                                        ": give the id or the name, not both");
        }
        const nlohmann::json& value = body[field.name_field];
        if (!value.is_string()) throw field_error(path, "must be a string (the name an earlier step gave)");
        const std::string name = value.get<std::string>();
        check_reference(name, field.kind, names, path);
        step.names.push_back({std::string(body_prefix) + field.id_field, name});
        checked.erase(field.name_field);
        checked[field.id_field] = placeholder_id;
    }
    step.value = read_command_body(step, checked, body_path);
}

void give_name(json_fields& fields, scenario_command command, std::size_t index, given_names& names,
               std::optional<std::string>& as) {
    if (!fields.has("as")) return;
    const std::string path = fields.path_of("as");
    const std::string name = fields.required_string("as", scenario_ref_name_bytes_max);
    const std::optional<named_kind> kind = kind_created_by(command);
    if (!kind) {
        throw field_error(path, std::string("is not used by ") + to_string(command) +
                                    ": it creates nothing a later step can name");
    }
    check_name(name, path);
    const auto [found, inserted] = names.emplace(name, given_name{index, *kind});
    if (!inserted) {
        throw field_error(path, "repeats the name \"" + name + "\" given by " + step_path(found->second.step_index) +
                                    ".as; names must be unique");
    }
    as = name;
}

std::variant<command_step, std::string> with_created_ids(const command_step& step, const created_names& created) {
    if (step.names.empty()) return step;
    command_step resolved = step;
    nlohmann::json body = nlohmann::json::parse(step.body_json);
    for (const name_reference& reference : step.names) {
        const auto id = created_id(reference.name, created);
        if (const auto* why = std::get_if<std::string>(&id)) return *why;
        const std::int64_t value = std::get<std::int64_t>(id);
        const std::string& field = reference.id_field;
        if (field == case_field.id_field) resolved.for_case = core::case_id{value};
        if (field == payment_field.id_field) resolved.payment = core::payment_id{value};
        if (field == paying_parent_field.id_field) resolved.paying_parent = core::parent_id{value};
        if (field == action_field.id_field) resolved.action_id = value;
        if (field == request_field.id_field) resolved.request_id = value;
        if (field.starts_with(body_prefix)) {
            const std::string id_field = field.substr(body_prefix.size());
            body.erase(id_field.substr(0, id_field.size() - std::string_view("_id").size()));
            body[id_field] = value;
        }
    }
    resolved.body_json = body.dump();  // with the ids, as a server is sent it
    try {
        resolved.value = read_command_body(resolved, body, "body");
    } catch (const field_error& refused) {
        return describe_scenario_error(refused.field(), refused.what());
    }
    return resolved;
}

std::variant<std::int64_t, std::string> created_id(const std::string& name, const created_names& created) {
    const auto found = created.find(name);
    // The file was read with every name given before its use, so only a replay that skipped
    // steps could get here; it is reported, not assumed away.
    if (found == created.end()) return name + " was not created: no step replayed so far is named so";
    const std::string step = "step " + std::to_string(found->second.step_index);
    if (!found->second.accepted) return name + " was not created: " + step + " was refused";
    if (!found->second.id) return name + " was not created: " + step + " answered no id";
    return *found->second.id;
}

std::variant<core::case_id, std::string> case_expected(const expectation_step& step, const created_names& created) {
    if (!step.case_name) return step.for_case;
    const auto id = created_id(*step.case_name, created);
    if (const auto* why = std::get_if<std::string>(&id)) return *why;
    return core::case_id{std::get<std::int64_t>(id)};
}

}  // namespace cms::services
