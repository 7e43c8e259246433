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
#include <stdexcept>
#include <vector>

#include "services/replay/scenario.hpp"
#include "services/simulation/reference_model.hpp"

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
    return found.case_name.empty() ? found.figure : found.case_name + " " + found.figure;
}

struct checked {
    simulation_result result;
    bool valid = true;  ///< false when the text is not a scenario the parser and the model accept
};

checked check_against_model(const std::string& text, scratch_directory& scratch) {
    checked outcome;
    scenario played;
    model_run modelled;
    try {
        played = parse_scenario(text);
        modelled = run_reference_model(text);
    } catch (const std::exception&) {  // a field_error, the model's refusal, a name no earlier step gave
        outcome.valid = false;
        return outcome;
    }
    for (const scenario_step& step : played.steps) {
        outcome.result.commands += std::holds_alternative<command_step>(step.action) ? 1 : 0;
    }
    // Which case and day each day-end expect step stands for, in the order the replay runs them.
    std::vector<std::pair<std::string, core::civil_date>> asked;
    replay_options options;
    options.synced_commits = false;
    options.stop_at_first_failure = true;
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
        } else {
            const auto* command = std::get_if<command_step>(&played.steps[step.index].action);
            found.figure = "step " + (command ? command->key : std::to_string(step.index)) + " (" + step.action +
                           "): " + std::to_string(step.status) + " " + step.detail;
        }
        outcome.result.disagreement = found;
        return outcome;
    }
    for (const scheduled_job_result& job : replayed.scheduled_jobs) {
        if (job.passed) continue;
        outcome.result.disagreement = simulation_disagreement{job.on, "", "daily " + job.job + " failed: " + job.detail, {}, 0};
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
    if (found.case_name.empty()) return scenario.dump(1);
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
    return scenario.dump(1);
}

/// Delta debugging (Zeller's ddmin, complements only): the fewest steps that still fail the same way.
std::vector<json> reduce_steps(std::vector<json> steps, const json& original, const simulation_disagreement& found,
                               scratch_directory& scratch, std::size_t& replays) {
    const std::string wanted = signature_of(found);
    const auto still_fails = [&](const std::vector<json>& candidate) {
        const std::string text = with_final_expectation(original, candidate, found);
        if (text.empty()) return false;
        ++replays;
        const checked outcome = check_against_model(text, scratch);
        return outcome.valid && outcome.result.disagreement && outcome.result.disagreement->production &&
               signature_of(*outcome.result.disagreement) == wanted;
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

simulation_result check_scenario_against_model(const std::string& scenario_text) {
    scratch_directory scratch;
    checked outcome = check_against_model(scenario_text, scratch);
    if (!outcome.valid) throw std::invalid_argument("the scenario is not one the model covers");
    return outcome.result;
}

simulation_result run_simulation(const simulation_options& options) {
    const std::string text = generate_simulation_scenario(options);
    scratch_directory scratch;
    checked outcome = check_against_model(text, scratch);
    if (!outcome.valid) throw std::logic_error("the generated scenario is not one the parser and the model accept");
    simulation_result result = std::move(outcome.result);
    const json original = json::parse(text);
    result.generated_steps = original.at("steps").size();
    if (!result.disagreement) return result;
    const simulation_disagreement& found = *result.disagreement;
    // Only the failing case's steps, and none after the day it failed.
    std::vector<json> steps;
    for (const json& step : original.at("steps")) {
        const auto on = core::parse_iso_date(step.at("on").get<std::string>());
        if (found.day < *on) break;
        if (found.case_name.empty() || belongs_to(step, found.case_name)) steps.push_back(step);
    }
    if (!found.case_name.empty() && found.production) {
        steps = reduce_steps(std::move(steps), original, found, scratch, result.reduction_replays);
    }
    result.reduced_scenario = with_final_expectation(original, steps, found);
    if (result.reduced_scenario.empty()) {
        json scenario = original;
        scenario["steps"] = steps;
        result.reduced_scenario = scenario.dump(1);
    }
    result.reduced_steps = json::parse(result.reduced_scenario).at("steps").size();
    return result;
}

}  // namespace cms::services
