// cms simulate's check and reduction (simulation.hpp). The model's figures become expect steps
// the replay runs at the end of every day (replay_options::expectations_at_day_end), so a
// disagreement is reported by the same comparison `cms replay` makes, and the reduced file ends
// with the same kind of step.
#include "services/simulation/simulation.hpp"

#include <nlohmann/json.hpp>
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/common/splitmix64.hpp"
#include "services/replay/scenario.hpp"
#include "services/simulation/reference_model.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

namespace {

using nlohmann::json;

/// A private directory of throwaway databases, removed with everything in it.
class scratch_directory {
public:
    scratch_directory() {
        std::string pattern = (std::filesystem::temp_directory_path() / "cms-simulate-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
        directory_ = pattern;
    }
    ~scratch_directory() {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
    scratch_directory(const scratch_directory&) = delete;
    scratch_directory& operator=(const scratch_directory&) = delete;
    /// A path no earlier call gave.
    std::string next_database() { return (directory_ / ("replay-" + std::to_string(++count_) + ".db")).string(); }

private:
    std::filesystem::path directory_;
    std::size_t count_ = 0;
};

/// What a failure is about, so a reduced candidate can be asked whether it fails the same way.
std::string signature_of(const simulation_disagreement& found) {
    return found.case_name + " " + (found.refused_step_key.empty() ? found.figure : "step " + found.refused_step_key);
}

/// The case a command step is about: the one it names, or the one its own name belongs to.
std::string case_of(const command_step& command) {
    for (const name_reference& reference : command.names) {
        if (reference.id_field == "case_id") return reference.name;
    }
    const std::string name = command.as.value_or(command.key);
    return name.substr(0, name.find('-'));
}

struct checked {
    simulation_result result;
    bool valid = true;  ///< false when the text is not a scenario the parser and the model accept
    std::string why_invalid;
};

/// Days after which the replay restarts its writer and store: about one in fifteen, from a
/// stream of their own, so adding them left every seed's history as it was.
std::set<core::civil_date> draw_restart_days(const simulation_options& options) {
    core::splitmix64 draws{options.seed ^ 0x9E3779B97F4A7C15ULL};
    std::set<core::civil_date> days;
    for (std::int64_t day = 0; day < options.days; ++day) {
        if (draws.below(15) == 0) days.insert(core::add_days(options.start, day));
    }
    return days;
}

checked check_against_model(const std::string& text, scratch_directory& scratch,
                            const std::set<core::civil_date>& restart_days = {}) {
    checked outcome;
    scenario played;
    model_run modelled;
    try {
        played = parse_scenario(text);
        modelled = run_reference_model(text);
    } catch (const field_error& refused) {  // a name no earlier step gave, a limit of the format
        outcome.valid = false;
        outcome.why_invalid = refused.field().empty() ? std::string("the file ") + refused.what()
                                                      : describe_scenario_error(refused.field(), refused.what());
        return outcome;
    } catch (const std::exception& refused) {  // the model's refusal
        outcome.valid = false;
        outcome.why_invalid = refused.what();
        return outcome;
    }
    for (const scenario_step& step : played.steps) {
        if (const auto* command = std::get_if<command_step>(&step.action)) {
            ++outcome.result.commands;
            ++outcome.result.commands_by_kind[to_string(command->command)];
        }
    }
    // Which case and day each day-end expect step stands for, in the order the replay runs them.
    std::vector<std::pair<std::string, core::civil_date>> asked;
    replay_options options;
    options.synced_commits = false;
    options.stop_at_first_failure = true;
    if (!restart_days.empty()) {
        options.restart_after_day = [&restart_days](core::civil_date day) { return restart_days.count(day) > 0; };
    }
    options.expectations_at_day_end = [&](core::civil_date day) {
        ++outcome.result.days_checked;
        std::vector<expectation_step> steps;
        for (const auto& [name, days] : modelled.cases) {
            const auto figures = days.find(day);
            if (figures == days.end()) continue;
            expectation_step expected;
            expected.case_name = name;
            expected.as_of = day;
            for (const auto& [figure, value] : named_figures(figures->second)) expected.figures.push_back({figure, value});
            steps.push_back(std::move(expected));
            asked.emplace_back(name, day);
        }
        return steps;
    };
    const replay_result replayed = replay_scenario(played, scratch.next_database(), options);
    outcome.result.comparisons = static_cast<std::int64_t>(replayed.figures.size());
    outcome.result.restarts = static_cast<std::int64_t>(replayed.restarts);
    for (const step_result& step : replayed.steps) {
        if (step.passed) continue;
        simulation_disagreement found;
        found.day = step.on;
        const bool day_end = step.index >= played.steps.size();
        const auto* file_expectation =
            day_end ? nullptr : std::get_if<expectation_step>(&played.steps[step.index].action);
        if (day_end || (file_expectation != nullptr && file_expectation->case_name)) {
            found.case_name = day_end ? asked.at(step.index - played.steps.size()).first : *file_expectation->case_name;
            for (const figure_result& figure : replayed.figures) {
                if (figure.step_index != step.index || figure.passed()) continue;
                found.figure = figure.name;
                found.production = figure.actual;
                found.model = figure.expected;
                break;
            }
        } else if (const auto* command = std::get_if<command_step>(&played.steps[step.index].action)) {
            found.case_name = case_of(*command);
            found.refused_step_key = command->key;
            found.detail = step.action + " answered " + std::to_string(step.status) + ": " + step.detail;
        } else {
            found.detail = "step " + std::to_string(step.index) + " (" + step.action + ") failed: " + step.detail;
        }
        outcome.result.disagreement = found;
        return outcome;
    }
    for (const scheduled_job_result& job : replayed.scheduled_jobs) {
        if (job.passed) continue;
        simulation_disagreement found;
        found.day = job.on;
        found.detail = "daily " + job.job + " failed: " + job.detail;
        outcome.result.disagreement = found;
        return outcome;
    }
    return outcome;
}

bool belongs_to(const json& step, const std::string& case_name) {
    for (const char* field : {"as", "case", "payment"}) {
        if (!step.contains(field)) continue;
        const std::string name = step.at(field).get<std::string>();
        if (name == case_name || name.rfind(case_name + "-", 0) == 0) return true;
    }
    return false;
}

/// The scenario with these steps, ended by an expect step of the model's figures for the case
/// on the day (when the model can run it).
std::string with_final_expectation(const json& original, const std::vector<json>& steps, const simulation_disagreement& found) {
    json scenario = original;
    scenario["steps"] = json::array();
    for (const json& step : steps) scenario["steps"].push_back(step);
    if (found.case_name.empty()) return scenario_file_text(scenario.dump());
    json expect = {{"case", found.case_name}};
    try {
        const json placeholder = {{"on", core::format_iso_date(found.day)}, {"expect", expect}};
        scenario["steps"].push_back(placeholder);
        const model_run again = run_reference_model(scenario.dump());  // the model through the failing day
        const auto& days = again.cases.at(found.case_name);
        const auto figures = days.find(found.day);
        if (figures == days.end()) return {};
        for (const auto& [figure, value] : named_figures(figures->second)) expect[figure] = value;
    } catch (const std::exception&) {
        return {};
    }
    scenario["steps"].back()["expect"] = expect;
    return scenario_file_text(scenario.dump());
}

/// Delta debugging (Zeller's ddmin, complements only): the fewest steps that still fail the same way.
std::vector<json> reduce_steps(std::vector<json> steps, const json& original, const simulation_disagreement& found,
                               scratch_directory& scratch, const std::set<core::civil_date>& restart_days,
                               std::size_t& replays) {
    const std::string wanted = signature_of(found);
    const auto still_fails = [&](const std::vector<json>& candidate) {
        const std::string text = with_final_expectation(original, candidate, found);
        if (text.empty()) return false;
        ++replays;
        const checked outcome = check_against_model(text, scratch, restart_days);
        if (!outcome.valid || !outcome.result.disagreement) return false;
        const simulation_disagreement& again = *outcome.result.disagreement;
        // A figure of a case the candidate no longer opens is not the same failure.
        return (again.production || !again.refused_step_key.empty()) && signature_of(again) == wanted;
    };
    std::size_t chunks = 2;
    while (steps.size() >= 2) {
        const std::size_t chunk = (steps.size() + chunks - 1) / chunks;
        bool reduced = false;
        for (std::size_t from = 0; from < steps.size(); from += chunk) {
            std::vector<json> candidate(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(from));
            candidate.insert(candidate.end(), steps.begin() + static_cast<std::ptrdiff_t>(std::min(steps.size(), from + chunk)),
                             steps.end());
            if (candidate.empty() || !still_fails(candidate)) continue;
            steps = std::move(candidate);
            chunks = std::max<std::size_t>(chunks - 1, 2);
            reduced = true;
            break;
        }
        if (reduced) continue;
        if (chunks >= steps.size()) break;
        chunks = std::min(steps.size(), chunks * 2);
    }
    return steps;
}

}  // namespace

std::string simulation_scenario_with_expectations(const simulation_options& options) {
    json scenario = json::parse(generate_simulation_scenario(options));
    const model_run modelled = run_reference_model(scenario.dump());
    const std::string last_day = scenario.at("steps").back().at("on").get<std::string>();
    for (const auto& [name, days] : modelled.cases) {
        json expect = {{"case", name}};
        for (const auto& [figure, value] : named_figures(days.rbegin()->second)) expect[figure] = value;
        scenario["steps"].push_back(json{{"on", last_day}, {"expect", expect}});
    }
    return scenario_file_text(scenario.dump());
}

simulation_result check_scenario_against_model(const std::string& scenario_text) {
    scratch_directory scratch;
    checked outcome = check_against_model(scenario_text, scratch);
    if (!outcome.valid) throw std::invalid_argument("the scenario is not one the model covers: " + outcome.why_invalid);
    return outcome.result;
}

simulation_result run_simulation(const simulation_options& options) {
    const std::string text = generate_simulation_scenario(options);
    scratch_directory scratch;
    const std::set<core::civil_date> restart_days = draw_restart_days(options);
    checked outcome = check_against_model(text, scratch, restart_days);
    // Too many cases over too many days for one scenario file (scenario_steps_max,
    // scenario_bytes_max) is the caller's choice; anything else is the generator's bug.
    if (!outcome.valid) throw std::invalid_argument("the generated history is not a scenario the replay and the model accept: " + outcome.why_invalid);
    simulation_result result = std::move(outcome.result);
    json original = json::parse(text);
    result.generated_steps = original.at("steps").size();
    if (!result.disagreement) return result;
    const simulation_disagreement& found = *result.disagreement;
    original["scenario"] = original.at("scenario").get<std::string>() + ", reduced: " + signature_of(found) + " on " +
                           core::format_iso_date(found.day);
    original["description"] = "Production and the reference model (services/simulation/) disagree: " +
                              (found.figure.empty() ? found.detail
                                                    : found.figure + " production " +
                                                          (found.production ? std::to_string(*found.production) : "none") +
                                                          ", model " + std::to_string(found.model)) +
                              ". The last step holds the model's figures.";
    // Only the failing case's steps, and none after the day it failed.
    std::vector<json> steps;
    for (const json& step : original.at("steps")) {
        const auto on = core::parse_iso_date(step.at("on").get<std::string>());
        if (found.day < *on) break;
        if (found.case_name.empty() || belongs_to(step, found.case_name)) steps.push_back(step);
    }
    if (!found.case_name.empty() && (found.production || !found.refused_step_key.empty())) {
        steps = reduce_steps(std::move(steps), original, found, scratch, restart_days, result.reduction_replays);
    }
    result.reduced_scenario = with_final_expectation(original, steps, found);
    if (result.reduced_scenario.empty()) {
        json scenario = original;
        scenario["steps"] = steps;
        result.reduced_scenario = scenario_file_text(scenario.dump());
    }
    result.reduced_steps = json::parse(result.reduced_scenario).at("steps").size();
    return result;
}

}  // namespace cms::services
