#include "services/simulation/calibration.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "core/statistics/compliance.hpp"
#include "persistence/sqlite/sqlite_store.hpp"
#include "services/generation/caseload_parameters.hpp"
#include "services/reports/compliance_report.hpp"
#include "services/reports/service_types_report.hpp"
#include "services/reports/unpaid_report.hpp"

namespace cms::services {

namespace {

constexpr std::array<std::pair<calibration_measure, std::string_view>, 7> measure_names = {{
    {calibration_measure::compliance_paid_nothing, "compliance.paid_nothing"},
    {calibration_measure::compliance_paid_up_to_90_percent, "compliance.paid_up_to_90_percent"},
    {calibration_measure::compliance_paid_over_90_percent, "compliance.paid_over_90_percent"},
    {calibration_measure::compliance_paid_share_of_due, "compliance.paid_share_of_due"},
    {calibration_measure::service_types_collect_and_pay_children, "service_types.collect_and_pay_children"},
    {calibration_measure::service_types_collect_and_pay_arrangements, "service_types.collect_and_pay_arrangements"},
    {calibration_measure::unpaid_since_start_unpaid_share, "unpaid_since_start.unpaid_share"},
}};

std::optional<calibration_measure> parse_measure(std::string_view text) {
    for (const auto& [measure, name] : measure_names) {
        if (name == text) return measure;
    }
    return std::nullopt;
}

[[noreturn]] void refuse(const std::string& where, const std::string& why) {
    throw std::invalid_argument("calibration targets: " + where + ": " + why);
}

std::string text_field(const nlohmann::json& object, const char* name, const std::string& where) {
    const auto found = object.find(name);
    if (found == object.end() || !found->is_string() || found->get<std::string>().empty()) {
        refuse(where, std::string(name) + " must be a non-empty string");
    }
    return found->get<std::string>();
}

std::int64_t basis_points_field(const nlohmann::json& object, const char* name, std::int64_t minimum,
                                const std::string& where) {
    const auto found = object.find(name);
    if (found == object.end() || !found->is_number_integer()) refuse(where, std::string(name) + " must be an integer");
    const auto value = found->get<std::int64_t>();
    if (value < minimum || value > 10'000) {
        refuse(where, std::string(name) + " must be " + std::to_string(minimum) + " to 10000 basis points");
    }
    return value;
}

void only_fields(const nlohmann::json& object, std::initializer_list<std::string_view> allowed, const std::string& where) {
    for (const auto& [key, value] : object.items()) {
        bool known = false;
        for (const std::string_view name : allowed) known = known || key == name;
        if (!known) refuse(where, "unknown field " + key);
    }
}

}  // namespace

std::string_view to_string(calibration_measure measure) {
    for (const auto& [value, name] : measure_names) {
        if (value == measure) return name;
    }
    return "unknown";
}

calibration_targets parse_calibration_targets(std::string_view json_text) {
    const nlohmann::json document = nlohmann::json::parse(json_text, nullptr, false);
    if (document.is_discarded() || !document.is_object()) refuse("the file", "is not a JSON object");
    only_fields(document, {"$schema", "comment", "table", "targets", "unavailable"}, "the file");
    if (document.value("table", "") != "calibration_targets") refuse("the file", "table must be calibration_targets");
    const auto targets = document.find("targets");
    if (targets == document.end() || !targets->is_array() || targets->empty()) refuse("the file", "targets must be a non-empty array");
    calibration_targets registry;
    std::set<std::string> ids;
    for (std::size_t index = 0; index < targets->size(); ++index) {
        const nlohmann::json& row = (*targets)[index];
        std::string where = "targets[" + std::to_string(index) + "]";
        if (!row.is_object()) refuse(where, "must be an object");
        only_fields(row, {"id", "description", "period", "measure", "published_bp", "tolerance_bp", "used_in_fitting",
                          "source", "working"},
                    where);
        calibration_target target;
        target.id = text_field(row, "id", where);
        where += " (" + target.id + ")";
        if (!ids.insert(target.id).second) refuse(where, "id is used twice");
        target.description = text_field(row, "description", where);
        target.period = text_field(row, "period", where);
        const auto measure = parse_measure(text_field(row, "measure", where));
        if (!measure) refuse(where, "measure is not one the calibration knows");
        target.measure = *measure;
        target.published_bp = basis_points_field(row, "published_bp", 0, where);
        target.tolerance_bp = basis_points_field(row, "tolerance_bp", 1, where);
        const auto fitted = row.find("used_in_fitting");
        if (fitted == row.end() || !fitted->is_boolean()) refuse(where, "used_in_fitting must be true or false");
        target.used_in_fitting = fitted->get<bool>();
        target.source = text_field(row, "source", where);
        registry.targets.push_back(std::move(target));
    }
    if (const auto unavailable = document.find("unavailable"); unavailable != document.end()) {
        if (!unavailable->is_array()) refuse("unavailable", "must be an array");
        for (std::size_t index = 0; index < unavailable->size(); ++index) {
            const nlohmann::json& row = (*unavailable)[index];
            const std::string where = "unavailable[" + std::to_string(index) + "]";
            if (!row.is_object()) refuse(where, "must be an object");
            only_fields(row, {"id", "description", "source", "why"}, where);
            registry.unavailable.push_back({text_field(row, "id", where), text_field(row, "why", where)});
        }
    }
    return registry;
}

const calibration_targets& embedded_calibration_targets() {
    static const calibration_targets registry = [] {
        for (const embedded_policy_file& file : embedded_calibration_files()) {
            if (file.file_name == "targets.json") return parse_calibration_targets(file.json_text);
        }
        throw std::logic_error("schemas/calibration/targets.json was not compiled in");
    }();
    return registry;
}

std::vector<calibration_result> measure_calibration_targets(persistence::read_pool& readers, core::civil_date as_of,
                                                            const calibration_targets& registry) {
    // Each report is read once, and only when a target needs it.
    std::optional<compliance_report> compliance;
    std::optional<service_types_report> service_types;
    std::optional<unpaid_report> unpaid;
    std::vector<calibration_result> results;
    for (const calibration_target& target : registry.targets) {
        std::int64_t simulated = 0;
        switch (target.measure) {
            case calibration_measure::compliance_paid_nothing:
            case calibration_measure::compliance_paid_up_to_90_percent:
            case calibration_measure::compliance_paid_over_90_percent:
            case calibration_measure::compliance_paid_share_of_due: {
                if (!compliance) compliance = read_compliance_report(readers, last_quarter_ended_by(as_of));
                const core::compliance_summary& summary = compliance->summary;
                const std::int64_t part =
                    target.measure == calibration_measure::compliance_paid_nothing            ? summary.paid_nothing
                    : target.measure == calibration_measure::compliance_paid_up_to_90_percent ? summary.paid_up_to_90_percent
                                                                                              : summary.paid_over_90_percent;
                simulated = target.measure == calibration_measure::compliance_paid_share_of_due
                                ? core::share_basis_points(summary.maintenance_paid.pence(), summary.maintenance_due.pence()).value
                                : core::share_basis_points(part, summary.paying_parents_due).value;
                break;
            }
            case calibration_measure::service_types_collect_and_pay_children:
            case calibration_measure::service_types_collect_and_pay_arrangements: {
                if (!service_types) service_types = read_service_types_report(readers, as_of);
                const core::service_types_summary& summary = service_types->summary;
                const bool children = target.measure == calibration_measure::service_types_collect_and_pay_children;
                const std::int64_t collect = children ? summary.collect_and_pay.children : summary.collect_and_pay.arrangements;
                const std::int64_t direct = children ? summary.direct_pay.children : summary.direct_pay.arrangements;
                simulated = core::share_basis_points(collect, collect + direct).value;
                break;
            }
            case calibration_measure::unpaid_since_start_unpaid_share:
                if (!unpaid) unpaid = read_unpaid_report(readers, as_of);
                simulated = unpaid->figures.unpaid_share.value;
                break;
        }
        calibration_result result{target, simulated, std::llabs(simulated - target.published_bp), 0, false};
        result.relative_error_bp =
            target.published_bp == 0 ? 0 : core::share_basis_points(result.difference_bp, target.published_bp).value;
        result.within_tolerance = result.difference_bp <= target.tolerance_bp;
        results.push_back(std::move(result));
    }
    return results;
}

calibration_run run_calibration(const calibration_run_options& options, const calibration_targets& registry) {
    if (std::filesystem::exists(options.database_path)) {
        throw std::invalid_argument(options.database_path + " exists: a calibration makes its own caseload");
    }
    const auto store = persistence::open_sqlite_store(options.database_path, persistence::system_wall_clock(),
                                                      persistence::commit_durability::unsynced);
    calibration_run run;
    {
        const auto connection = store->open_write_connection();
        run.generated = generate_caseload(*connection, options.caseload, {});
    }
    caseload_simulation_options simulating;
    simulating.through = options.through;
    simulating.seed = options.court_seed;
    use_parameters(simulating, parameters_or_embedded(options.caseload.parameters));
    run.simulated = simulate_caseload(*store, simulating);
    persistence::read_pool readers(*store, 1);
    run.results = measure_calibration_targets(readers, options.through, registry);
    return run;
}

}  // namespace cms::services
