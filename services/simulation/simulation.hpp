#pragma once
/// `cms simulate`: a seeded random history of Collect and Pay families written as a scenario
/// (services/replay/scenario.hpp), replayed through the real services with the server's daily
/// jobs, and checked at the end of every simulated day against the reference model
/// (reference_model.hpp) written separately from the production code. On the first disagreement
/// the scenario is reduced (the failing case's steps, then delta debugging) to the shortest one
/// that still disagrees on the same figure of the same case, ended with an expect step of the
/// model's figures: a file `cms replay` fails on, side by side.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/common/civil_date.hpp"

namespace cms::services {

inline constexpr std::int64_t simulation_cases_max = 1'000;
inline constexpr std::int64_t simulation_days_max = 1'000;

struct simulation_options {
    std::uint64_t seed = 1;
    std::int64_t cases_count = 5;
    std::int64_t days = 90;  ///< simulated days, `start` the first; cases open in the first third
    core::civil_date start{date::year{2025} / date::January / 6};
};

/// The first thing production and the model did not agree on.
struct simulation_disagreement {
    core::civil_date day;
    std::string case_name;  ///< the open_case step's name ("c3"); empty for a failed job
    /// A figure: "due_pence", with production's value (none: production has no such case) and
    /// the model's.
    std::string figure;
    std::optional<std::int64_t> production;
    std::int64_t model = 0;
    /// Or a command production refused, which the model accepts: its key, and what production said.
    std::string refused_step_key;
    std::string detail;  ///< the refusal, or the failed job
};

struct simulation_result {
    std::int64_t commands = 0;     ///< command steps in the generated scenario
    std::map<std::string, std::int64_t> commands_by_kind;  ///< "record_payment" -> count
    std::int64_t comparisons = 0;  ///< figures compared with the model
    std::int64_t days_checked = 0;
    /// Restarts of the replay's writer and store (replay_options::restart_after_day), about one
    /// day in fifteen; the reduction keeps them on the same dates.
    std::int64_t restarts = 0;
    std::optional<simulation_disagreement> disagreement;
    /// Set on a disagreement: the reduced scenario (JSON text) and its size.
    std::string reduced_scenario;
    std::size_t reduced_steps = 0;
    std::size_t generated_steps = 0;
    std::size_t reduction_replays = 0;
};

/// The generated history as a scenario file's text. Throws std::invalid_argument for options out
/// of bounds.
std::string generate_simulation_scenario(const simulation_options& options);

/// The generated history ended by an expect step per case with the model's figures on its last
/// day: a file `cms replay` passes when production agrees (`cms simulate --scenario-out`, and the
/// crash drill that kills such a replay and runs it again: tests/simulation/crash_replay.sh).
std::string simulation_scenario_with_expectations(const simulation_options& options);

/// A scenario's JSON laid out as a file: its fields, then one step a line.
std::string scenario_file_text(const std::string& scenario_json);

/// The scenario's replay checked day by day against the model; reduces on a disagreement.
/// Temporary databases live in a private directory under the system's temporary directory.
/// Throws std::invalid_argument for options out of bounds, or a history too large for one
/// scenario file (services/replay/scenario.hpp: 5,000 steps, 1 MiB; about 70 cases a year).
simulation_result run_simulation(const simulation_options& options);

/// The replay of one scenario text against the model, without reduction (the reducer's test).
simulation_result check_scenario_against_model(const std::string& scenario_text);

}  // namespace cms::services
