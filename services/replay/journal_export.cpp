#include "services/replay/journal_export.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>
#include <vector>

#include "services/replay/scenario.hpp"
#include "services/replay/scenario_names.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

namespace {

using ordered_json = nlohmann::ordered_json;

/// The journal's command types that a scenario step expresses under another name; the rest of
/// the scenario vocabulary is journaled under its own name (services/*/ submit calls).
std::optional<scenario_command> scenario_command_of(const std::string& command_type) {
    if (command_type == "approve_arrears_request") return scenario_command::approve_request;
    if (command_type == "reject_arrears_request") return scenario_command::reject_request;
    return parse_scenario_command(command_type);
}

/// Request fields that say which URL was posted to and are neither a body field nor an id
/// (command_parsing.cpp, request_with): the step's command already says them.
std::vector<const char*> route_fields_of(scenario_command command) {
    if (command == scenario_command::request_write_off || command == scenario_command::request_part_payment) {
        return {"kind"};
    }
    if (is_approval_command(command)) return {"decision"};
    return {};
}

/// The step field each URL id of `command` goes to.
std::vector<id_or_name_field> url_fields_of(scenario_command command) {
    std::vector<id_or_name_field> fields;
    if (is_case_command(command)) fields.push_back(case_field);
    if (is_payment_command(command)) fields.push_back(payment_field);
    if (is_parent_command(command)) fields.push_back(paying_parent_field);
    if (is_action_command(command)) fields.push_back(action_field);
    if (is_approval_command(command)) fields.push_back(request_field);
    return fields;
}

class exporter {
public:
    exporter(const journal_export_options& options, journal_export& result) : options_(options), result_(result) {}

    void add(const persistence::audit_entry& entry) {
        ++result_.entries_read;
        if (entry.command_type == "generate_caseload") {
            throw journal_export_error(
                "journal entry " + std::to_string(entry.id) + " (" + entry.idempotency_key +
                ") is a synthetic caseload that cms generate wrote straight to the store, not by commands: its "
                "cases cannot be replayed, so this journal cannot be exported as a scenario");
        }
        const auto on = core::parse_iso_date(entry.business_date);
        if (!on) throw journal_export_error("journal entry " + std::to_string(entry.id) + " has no valid business date");
        reach(*on);
        if (entry.command_type == "set_business_date") {
            ++result_.clock_moves;
            const auto moved = nlohmann::json::parse(entry.request_json, nullptr, false);
            if (moved.is_object() && moved.contains("business_date") && moved["business_date"].is_string()) {
                if (const auto to = core::parse_iso_date(moved["business_date"].get<std::string>())) reach(*to);
            }
            return;
        }
        if (entry.command_type == "start_job" && entry.status_code / 100 == 2) {
            const auto request = nlohmann::json::parse(entry.request_json, nullptr, false);
            if (request.is_object() && request.value("kind", "") == "accrue" && request.contains("through") &&
                request["through"].is_string()) {
                add_job(*on, "accrue", request["through"].get<std::string>());
                return;
            }
        }
        const auto command = scenario_command_of(entry.command_type);
        if (!command) {
            ++result_.left_out[entry.command_type];
            return;
        }
        add_command(entry, *on, *command);
    }

    /// The steps; on the daily schedule, one more when the journal's clock went past its last
    /// step, so the schedule runs the ticks of the days up to the date it reached.
    std::vector<ordered_json> take_steps() {
        if (options_.jobs == scenario_jobs::daily && reached_ && !steps_.empty() &&
            steps_.back()["on"].get<std::string>() < core::format_iso_date(*reached_)) {
            add_job(*reached_, "close_day", core::format_iso_date(core::add_days(*reached_, -1)));
        }
        return std::move(steps_);
    }

private:
    /// The latest business date the journal has reached, by a command or a clock move.
    void reach(core::civil_date day) {
        if (!reached_ || *reached_ < day) reached_ = day;
    }

    void add_job(core::civil_date on, const char* job, const std::string& through) {
        ordered_json step;
        step["on"] = core::format_iso_date(on);
        step["run_job"] = job;
        step["through"] = through;
        steps_.push_back(std::move(step));
        ++result_.job_steps;
    }

    /// The name an earlier step gave the thing `id` names, or the id itself, counted.
    void refer(ordered_json& object, const char* name_field, const char* id_field, named_kind kind, const ordered_json& id) {
        if (id.is_number_integer()) {
            const auto found = names_.find({kind, id.get<std::int64_t>()});
            if (found != names_.end()) {
                object[name_field] = found->second;
                return;
            }
        }
        object[id_field] = id;
        ++result_.references_by_id;
    }

    void add_command(const persistence::audit_entry& entry, core::civil_date on, scenario_command command) {
        ordered_json body = ordered_json::parse(entry.request_json, nullptr, false);
        if (!body.is_object()) {
            throw journal_export_error("journal entry " + std::to_string(entry.id) + " (" + entry.idempotency_key +
                                       ") has a request that is not a JSON object");
        }
        ordered_json step;
        step["on"] = core::format_iso_date(on);
        step["command"] = to_string(command);
        step["key"] = entry.idempotency_key;
        step["actor"] = entry.actor;
        for (const id_or_name_field& field : url_fields_of(command)) {
            if (!body.contains(field.id_field)) continue;
            refer(step, field.name_field, field.id_field, field.kind, body[field.id_field]);
            body.erase(field.id_field);
        }
        for (const char* field : route_fields_of(command)) body.erase(field);
        for (const body_name_field& field : body_name_fields) {
            if (field.command != command || !body.contains(field.id_field)) continue;
            ordered_json id = body[field.id_field];
            body.erase(field.id_field);
            refer(body, field.name_field, field.id_field, field.kind, id);
        }
        const bool accepted = entry.status_code / 100 == 2;
        if (accepted) {
            const auto kind = kind_created_by(command);
            const auto id = kind ? id_created_in(entry.response_json) : std::nullopt;
            if (id) {
                const std::string name = std::string(to_string(*kind)) + "_" + std::to_string(*id);
                names_[{*kind, *id}] = name;
                step["as"] = name;
            }
        } else {
            step["expect_status"] = entry.status_code;
            ++result_.refused_steps;
        }
        step["body"] = std::move(body);
        steps_.push_back(std::move(step));
        ++result_.command_steps;
    }

    const journal_export_options& options_;
    journal_export& result_;
    std::optional<core::civil_date> reached_;
    std::map<std::pair<named_kind, std::int64_t>, std::string> names_;
    std::vector<ordered_json> steps_;
};

std::string description_of(const journal_export& result, const journal_export_options& options) {
    std::string text = "Written by cms export-journal from " + std::to_string(result.entries_read) +
                       " journal entries, in journal order, each with its business date, key and actor; what a "
                       "step created is named after its kind and original id.";
    text += options.jobs == scenario_jobs::daily ? " The scheduler's jobs run each day, as on the server."
                                                 : " Only journaled accruals are job steps.";
    if (!result.left_out.empty()) {
        text += " Left out (no scenario step expresses them):";
        for (const auto& [type, count] : result.left_out) text += " " + type + " x" + std::to_string(count);
        text += ".";
    }
    // The limit is the parser's; a list of left-out types cannot reach it, but stay inside it anyway.
    if (text.size() > scenario_description_bytes_max) text.resize(scenario_description_bytes_max);
    return text;
}

/// One step a line, so a reader (and a diff) sees the history a line at a time.
std::string scenario_text_of(const std::string& name, const std::string& description, scenario_jobs jobs,
                             const std::vector<ordered_json>& steps) {
    std::string text = "{\n  \"scenario\": " + ordered_json(name).dump() + ",\n  \"description\": " +
                       ordered_json(description).dump() + ",\n  \"jobs\": \"" +
                       (jobs == scenario_jobs::daily ? "daily" : "as_written") + "\",\n  \"steps\": [\n";
    for (std::size_t index = 0; index < steps.size(); ++index) {
        text += "    " + steps[index].dump() + (index + 1 < steps.size() ? ",\n" : "\n");
    }
    return text + "  ]\n}\n";
}

}  // namespace

journal_export export_journal(persistence::read_view& view, const journal_export_options& options) {
    journal_export result;
    exporter steps(options, result);
    persistence::audit_filter page;
    page.entries_max = options.page_entries;
    for (;;) {
        const std::vector<persistence::audit_entry> entries = view.audit().list_audit_entries(page);
        for (const persistence::audit_entry& entry : entries) steps.add(entry);
        if (entries.size() < page.entries_max) break;
        page.after_id = entries.back().id;
    }
    const std::vector<ordered_json> written = steps.take_steps();
    if (result.command_steps == 0) {
        throw journal_export_error("the journal holds no command a scenario step expresses (" +
                                   std::to_string(result.entries_read) + " entries read)");
    }
    if (written.size() > scenario_steps_max) {
        throw journal_export_error("the journal makes " + std::to_string(written.size()) +
                                   " steps; a scenario holds at most " + std::to_string(scenario_steps_max));
    }
    result.scenario_text = scenario_text_of(options.scenario_name, description_of(result, options), options.jobs, written);
    if (result.scenario_text.size() > scenario_bytes_max) {
        throw journal_export_error("the scenario would be " + std::to_string(result.scenario_text.size()) +
                                   " bytes; a scenario file holds at most " + std::to_string(scenario_bytes_max));
    }
    // What is written must be what `cms replay` reads: a journal written by other means than the
    // service's commands (a key or actor outside the API's rules) is refused here, by field.
    try {
        (void)parse_scenario(result.scenario_text);
    } catch (const field_error& refused) {
        throw journal_export_error("the exported scenario does not read back: " +
                                   describe_scenario_error(refused.field(), refused.what()));
    }
    return result;
}

}  // namespace cms::services
