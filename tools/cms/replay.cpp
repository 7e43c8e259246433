// `cms replay`: replays scenario files on a simulated business clock (services/replay/scenario.hpp),
// one line per scenario and the detail of each failed step, and optionally a JSON report of the
// cases each left behind (services/replay/scenario_report.hpp).
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

#include "services/runtime/cli_arguments.hpp"
#include "services/wire/json_fields.hpp"
#include "services/replay/http_replay.hpp"
#include "services/replay/scenario.hpp"
#include "services/replay/scenario_policy.hpp"
#include "services/replay/scenario_report.hpp"
#include "subcommands.hpp"

namespace cms::tools {

// Declared extern first: main.cpp names it, and a namespace-scope const is otherwise internal.
extern const char* const replay_help;
const char* const replay_help =
    "usage: cms replay [--db PATH | --against http://HOST:PORT --tokens FILE] [--report FILE]\n"
    "                  [--verbose] FILE...\n"
    "\n"
    "Replays scenario files (schemas/scenario.schema.json): each step on its own business\n"
    "date, commands through the same services as the HTTP API (the step's key is the command's\n"
    "idempotency key, the actor is 'replay'), jobs, and expectations on a case's figures.\n"
    "Every file is read first; if any is invalid, nothing is replayed. Prints one line per\n"
    "scenario ('pass  FILE  (N steps, M figures)' or 'FAIL  FILE  (K of N steps failed)' with\n"
    "each failed step below it: a figure's expected and actual value side by side, a command's\n"
    "expected and actual status and its refusal), then 'cms replay: X of Y scenario(s) passed'.\n"
    "Replaying again on the same database writes nothing more.\n"
    "Exit status: 0 when every scenario passed, 1 when any failed, 2 for a bad scenario file\n"
    "('cms replay: FILE: FIELD: PROBLEM' on standard error for each) or bad options.\n"
    "  FILE...           the scenarios (JSON), replayed in the order given\n"
    "  --scenario FILE   one more scenario, replayed first (the older form of FILE)\n"
    "  --db PATH         replay every scenario into this database, in order (created when\n"
    "                    missing); by default each gets a fresh temporary database, removed\n"
    "                    afterwards\n"
    "  --against URL     send every step to the server at URL (http://HOST:PORT), a 'cms serve\n"
    "                    --clock simulated' started on or before the first file's first date,\n"
    "                    through its HTTP API only: commands as their actors, the clock and the\n"
    "                    jobs as the batch role; same lines, exit codes and report as in process;\n"
    "                    a file with a policy override is refused (exit 2): a server has one policy\n"
    "  --tokens FILE     with --against: {\"batch\": TOKEN, \"actors\": {\"replay\": TOKEN, ...}}, a\n"
    "                    token for the batch role and for each actor the steps send as\n"
    "  --report FILE     write JSON: for each scenario, each case its steps created with the\n"
    "                    bodies of GET /v1/cases/{id}/balance, /statement, /enforcement-actions\n"
    "                    and /disbursements (the routes' defaults, on the scenario's last date)\n"
    "  --verbose         also print every step: ok/FAIL, index, date, action, what happened\n";

namespace {

/// A fresh database in a private temporary directory, removed with it.
class temporary_database {
public:
    temporary_database() {
        std::string pattern = (std::filesystem::temp_directory_path() / "cms-replay-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a temporary directory");
        directory_ = pattern;
    }
    ~temporary_database() {
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }
    temporary_database(const temporary_database&) = delete;
    temporary_database& operator=(const temporary_database&) = delete;
    std::string path() const { return (directory_ / "replay.db").string(); }

private:
    std::filesystem::path directory_;
};

std::optional<std::string> read_scenario_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    std::string text;
    char buffer[4096];
    while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(file.gcount()));
        // Past the limit is enough for the parser to refuse the file by its size.
        if (text.size() > services::scenario_bytes_max) break;
    }
    if (file.bad()) return std::nullopt;
    return text;
}

std::string what_happened(const services::scenario_step& step, const services::step_result& result) {
    std::string text;
    if (const auto* command = std::get_if<services::command_step>(&step.action)) {
        text = "key " + command->key + ": " + std::to_string(result.status);
        if (result.created_id) text += ", id " + std::to_string(*result.created_id);
        if (!result.detail.empty()) text += ", " + result.detail;
        return text;
    }
    return result.detail;
}

/// A file read and parsed before anything runs.
struct loaded_scenario {
    std::string path;
    services::scenario played;
    services::replay_policy policy;  ///< the shipped tables with the scenario's overrides
};

/// Every file, or nothing: each bad one named on standard error.
std::optional<std::vector<loaded_scenario>> load_every_scenario(const std::vector<std::string>& paths) {
    std::vector<loaded_scenario> loaded;
    bool all_valid = true;
    for (const std::string& path : paths) {
        const auto text = read_scenario_file(path);
        if (!text) {
            std::fprintf(stderr, "cms replay: %s: cannot be read\n", path.c_str());
            all_valid = false;
            continue;
        }
        try {
            services::scenario parsed = services::parse_scenario(*text);
            services::replay_policy policy = services::policy_of(parsed);  // a bad override is a bad file
            loaded.push_back({path, std::move(parsed), std::move(policy)});
        } catch (const services::field_error& refused) {
            std::fprintf(stderr, "cms replay: %s: %s\n", path.c_str(),
                         services::describe_scenario_error(refused.field(), refused.what()).c_str());
            all_valid = false;
        }
    }
    if (!all_valid) return std::nullopt;
    return loaded;
}

/// A failed expectation's figures as a table, so expected and actual read side by side.
void print_failed_figures(const services::replay_result& result, std::size_t step_index) {
    std::vector<const services::figure_result*> failed;
    for (const auto& figure : result.figures) {
        if (figure.step_index == step_index && !figure.passed()) failed.push_back(&figure);
    }
    if (failed.empty()) return;
    int name_width = static_cast<int>(std::string_view("figure").size());
    int expected_width = static_cast<int>(std::string_view("expected").size());
    for (const auto* figure : failed) {
        name_width = std::max(name_width, static_cast<int>(figure->name.size()));
        expected_width = std::max(expected_width, static_cast<int>(std::to_string(figure->expected).size()));
    }
    std::printf("          %-*s  %-*s  %s\n", name_width, "figure", expected_width, "expected", "actual");
    for (const auto* figure : failed) {
        std::printf("          %-*s  %-*s  %s\n", name_width, figure->name.c_str(), expected_width,
                    std::to_string(figure->expected).c_str(),
                    figure->actual ? std::to_string(*figure->actual).c_str() : "none");
    }
}

/// What went wrong in one failed step, indented under its scenario's line.
void print_failed_step(const services::scenario_step& step, const services::step_result& result,
                       const services::replay_result& replayed) {
    std::printf("      step %zu  %s  %s\n", result.index, core::format_iso_date(result.on).c_str(),
                result.action.c_str());
    std::string detail = result.detail;
    const auto* command = std::get_if<services::command_step>(&step.action);
    if (command != nullptr) {
        const std::string expected = command->expect_status ? std::to_string(*command->expect_status) : "2xx";
        std::printf("          status  expected %s  actual %d\n", expected.c_str(), result.status);
        // The runner starts the detail with what the line above already says
        // ("expected status 422; ..."); the refusal after it is what is left to show.
        const std::string said = "expected status " + expected;
        if (detail.rfind(said, 0) == 0) detail.erase(0, std::min(detail.size(), said.size() + 2));
    }
    const bool figures_shown = std::get_if<services::expectation_step>(&step.action) != nullptr &&
                               std::any_of(replayed.figures.begin(), replayed.figures.end(),
                                           [&result](const services::figure_result& figure) {
                                               return figure.step_index == result.index;
                                           });
    if (figures_shown) {
        print_failed_figures(replayed, result.index);
    } else if (!detail.empty()) {
        std::printf("          %s\n", detail.c_str());  // the refusal, the job's failure, an unknown name
    }
}

/// The summary line of one scenario and, when it failed, each failed step.
/// A job the daily schedule ran, on the line format of a step (no step index: no step ran it).
void print_scheduled_job(const services::scheduled_job_result& job) {
    std::printf("%-4s %4s %s %-18s through %s%s%s\n", job.passed ? "ok" : "FAIL", "-", core::format_iso_date(job.on).c_str(),
                ("daily " + job.job).c_str(), core::format_iso_date(job.through).c_str(), job.detail.empty() ? "" : ": ",
                job.detail.c_str());
}

void print_scenario(const loaded_scenario& loaded, const services::replay_result& result, bool verbose) {
    if (verbose) {
        // The daily schedule's jobs where they ran: before the first step of their day or later.
        std::size_t next_job = 0;
        for (const auto& step : result.steps) {
            for (; next_job < result.scheduled_jobs.size() && !(step.on < result.scheduled_jobs[next_job].on); ++next_job) {
                print_scheduled_job(result.scheduled_jobs[next_job]);
            }
            std::printf("%-4s %4zu %s %-18s %s\n", step.passed ? "ok" : "FAIL", step.index,
                        core::format_iso_date(step.on).c_str(), step.action.c_str(),
                        what_happened(loaded.played.steps[step.index], step).c_str());
        }
    }
    if (result.all_passed()) {
        std::printf("pass  %s  (%zu steps, %zu figures, %zu scheduled jobs)\n", loaded.path.c_str(), result.steps.size(),
                    result.figures.size(), result.scheduled_jobs.size());
        return;
    }
    std::printf("FAIL  %s  (%zu of %zu steps failed, %zu of %zu scheduled jobs)\n", loaded.path.c_str(),
                result.failed_steps_count(), result.steps.size(), result.failed_scheduled_jobs_count(),
                result.scheduled_jobs.size());
    for (const auto& step : result.steps) {
        if (!step.passed) print_failed_step(loaded.played.steps[step.index], step, result);
    }
    for (const auto& job : result.scheduled_jobs) {
        if (!job.passed) print_scheduled_job(job);
    }
}

void write_report(const std::string& path, const std::vector<services::scenario_report_entry>& entries) {
    const std::string text = services::scenario_report_text(entries);
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.close();
    if (!file) throw std::runtime_error("cannot write the report to " + path);
}

}  // namespace

namespace {

/// --against: the server and its tokens, or a usage error; each scenario checked against them.
struct against_server {
    services::server_address address;
    services::replay_tokens tokens;
};

std::optional<against_server> against_of(const services::cli_arguments& options) {
    const auto url = options.value("against");
    const auto tokens_path = options.value("tokens");
    if (!url) {
        if (tokens_path) throw services::usage_error("--tokens goes with --against");
        return std::nullopt;
    }
    if (options.value("db")) throw services::usage_error("--against replays into the server's database: no --db");
    const auto address = services::parse_server_url(*url);
    if (!address) throw services::usage_error("--against must be http://HOST:PORT");
    if (!tokens_path) throw services::usage_error("--against needs --tokens FILE");
    const auto text = read_scenario_file(*tokens_path);
    if (!text) throw services::usage_error("--tokens " + *tokens_path + ": cannot be read");
    try {
        return against_server{*address, services::parse_replay_tokens(*text)};
    } catch (const services::field_error& refused) {
        throw services::usage_error("--tokens " + *tokens_path + ": " +
                                    services::describe_scenario_error(refused.field(), refused.what()));
    }
}

/// What a server cannot honour, for each file (standard error); false when any.
bool fits_the_server(const std::vector<loaded_scenario>& loaded, const against_server& server) {
    bool all_fit = true;
    for (const loaded_scenario& scenario : loaded) {
        if (!scenario.played.policy.empty()) {
            std::fprintf(stderr, "cms replay: %s: policy: a server replays under its own policy tables, so a "
                                 "scenario with policy overrides cannot be replayed --against it\n", scenario.path.c_str());
            all_fit = false;
        }
        for (const std::string& actor : services::actors_of(scenario.played, services::replay_options{}.actor)) {
            if (server.tokens.actors.contains(actor)) continue;
            std::fprintf(stderr, "cms replay: %s: the tokens file has no token for actor %s\n", scenario.path.c_str(),
                         actor.c_str());
            all_fit = false;
        }
    }
    return all_fit;
}

}  // namespace

int run_replay(const arguments& args) {
    const services::cli_arguments options(args, {"scenario", "db", "report", "against", "tokens"}, {"verbose"},
                                          services::positional_arguments::allowed);
    std::vector<std::string> paths = options.positionals();
    if (auto named = options.value("scenario")) paths.insert(paths.begin(), *named);
    if (paths.empty()) throw services::usage_error("give at least one scenario FILE");
    const auto report_path = options.value("report");
    if (report_path && report_path->empty()) throw services::usage_error("option --report needs a file");
    const std::optional<against_server> against = against_of(options);

    const auto loaded = load_every_scenario(paths);
    if (!loaded) return 2;
    if (against && !fits_the_server(*loaded, *against)) return 2;

    // The scenario lines already say what each job did; the services' progress logs would bury them.
    spdlog::set_level(spdlog::level::warn);
    std::size_t passed_count = 0;
    std::vector<services::scenario_report_entry> report;
    std::optional<services::http_replay_backend> server;
    if (against) server.emplace(against->address, against->tokens);
    for (const loaded_scenario& scenario : *loaded) {
        std::optional<temporary_database> temporary;
        const std::string database_path = options.value("db").value_or("");
        std::string replayed_into;
        services::replay_result result;
        if (server) {
            try {
                result = services::replay_scenario(scenario.played, *server);
            } catch (const std::exception& stopped) {
                // The server, not a step: nothing after this can be trusted to match.
                std::fprintf(stderr, "cms replay: %s: against %s: %s\n", scenario.path.c_str(),
                             options.value("against")->c_str(), stopped.what());
                return 1;
            }
        } else {
            replayed_into = database_path.empty() ? temporary.emplace().path() : database_path;
            services::replay_options replaying;
            replaying.synced_commits = !database_path.empty();  // a temporary database is thrown away
            result = services::replay_scenario(scenario.played, replayed_into, replaying);
        }
        print_scenario(scenario, result, options.has("verbose"));
        passed_count += result.all_passed() ? 1 : 0;
        if (report_path) {
            // Read now, before the temporary database goes, on the date the scenario ended: what a
            // server on this database with its clock at that date would answer.
            std::string cases_json = "[]";
            if (!scenario.played.steps.empty()) {
                const core::civil_date last = scenario.played.steps.back().on;
                cases_json = server ? server->read_case_reports(last, result.cases_created)
                                    : services::read_case_reports(replayed_into, last, scenario.policy.collection_fees,
                                                                  result.cases_created);
            }
            report.push_back({scenario.path, scenario.played.name, result.all_passed(), std::move(cases_json)});
        }
    }
    if (report_path) write_report(*report_path, report);
    std::printf("cms replay: %zu of %zu scenario(s) passed\n", passed_count, loaded->size());
    return passed_count == loaded->size() ? 0 : 1;
}

}  // namespace cms::tools
