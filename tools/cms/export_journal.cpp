// `cms export-journal`: a database's command journal written as a scenario file
// (services/replay/journal_export.hpp), to standard output or a file, with what was left out
// said on standard error.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "persistence/sqlite/sqlite_store.hpp"
#include "services/replay/journal_export.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const export_journal_help =
    "usage: cms export-journal --db PATH [--out FILE] [--jobs MODE] [--name NAME]\n"
    "\n"
    "Writes the command journal of the database at PATH as a scenario (schemas/scenario.schema.json)\n"
    "that 'cms replay' replays on an empty database: every journaled command in journal order,\n"
    "on its business date, with its idempotency key and actor, its request as the step's body\n"
    "and the ids of its URL as step fields; a command that was not answered 2xx carries its\n"
    "status as expect_status. What a step created is named after its kind and original id\n"
    "(\"as\": \"case_3\"), and later steps refer to it by that name. A journaled accrual\n"
    "(POST /v1/jobs) is a run_job step; clock moves are carried by the dates. Entries no\n"
    "scenario step expresses (users, the system's end of a child's qualification) are left out\n"
    "and counted on standard error. Reads only; safe while the server runs (one consistent\n"
    "snapshot). A database filled by 'cms generate' is refused: its cases were not made by\n"
    "commands.\n"
    "Exit status: 0 when written, 1 when the journal cannot be exported (the reason on\n"
    "standard error), 2 for bad options.\n"
    "  --out FILE     write the scenario to FILE (replaced) instead of standard output\n"
    "  --jobs MODE    how the replay runs the scheduler's jobs: daily (the default), a tick\n"
    "                 for each day between steps as on a server (\"jobs\": \"daily\"), and when a\n"
    "                 clock move took the journal past its last command, a last run_job step on\n"
    "                 that date; as_written, only journaled accruals (\"jobs\": \"as_written\").\n"
    "                 The journal does not say when the scheduler ran: daily reproduces a history\n"
    "                 whose scheduler ran each day before that day's commands\n"
    "  --name NAME    the scenario's name (default: 'journal of ' and the database's file name)\n";

namespace {

void write_file(const std::string& path, const std::string& text) {
    // Written beside the target and renamed, so a failed write never leaves half a scenario.
    const std::string partial = path + ".partial";
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file.write(text.data(), static_cast<std::streamsize>(text.size()));
        file.close();
        if (!file) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);
            throw std::runtime_error("cannot write " + path);
        }
    }
    std::filesystem::rename(partial, path);
}

void report(const services::journal_export& exported) {
    std::fprintf(stderr,
                 "cms export-journal: %zu journal entries: %zu command steps (%zu expecting a refusal), %zu job "
                 "steps, %zu clock moves carried by the dates\n",
                 exported.entries_read, exported.command_steps, exported.refused_steps, exported.job_steps,
                 exported.clock_moves);
    if (!exported.left_out.empty()) {
        std::size_t total = 0;
        std::string listed;
        for (const auto& [type, count] : exported.left_out) {
            total += count;
            listed += (listed.empty() ? "" : ", ") + type + " " + std::to_string(count);
        }
        std::fprintf(stderr,
                     "cms export-journal: left out %zu entries no scenario step expresses (%s); the replay "
                     "does not do what they did\n",
                     total, listed.c_str());
    }
    if (exported.references_by_id > 0) {
        std::fprintf(stderr,
                     "cms export-journal: %zu references kept as ids (a payment split off a paying parent's "
                     "payment or made by a deduction, an action the daily close proposed): they hold when the "
                     "replay starts on an empty database\n",
                     exported.references_by_id);
    }
}

}  // namespace

int run_export_journal(const arguments& args) {
    const services::cli_arguments options(args, {"db", "out", "name", "jobs"}, {});
    const std::string path = options.required("db");
    const auto out = options.value("out");
    if (out && out->empty()) throw services::usage_error("option --out needs a file");
    // Opening read-only would create nothing, but SQLite opens a missing file lazily; say so.
    if (!std::filesystem::exists(path)) {
        std::fprintf(stderr, "cms export-journal: no database at %s\n", path.c_str());
        return 1;
    }
    services::journal_export_options exporting;
    const std::string jobs = options.value("jobs").value_or("daily");
    if (jobs != "daily" && jobs != "as_written") throw services::usage_error("option --jobs must be daily or as_written");
    exporting.jobs = jobs == "daily" ? services::scenario_jobs::daily : services::scenario_jobs::as_written;
    exporting.scenario_name =
        options.value("name").value_or("journal of " + std::filesystem::path(path).filename().string());
    const auto store = persistence::open_sqlite_store(path);
    const auto connection = store->open_read_connection();
    connection->begin_snapshot();
    services::journal_export exported;
    try {
        exported = services::export_journal(connection->view(), exporting);
    } catch (const services::journal_export_error& refused) {
        connection->end_snapshot();
        std::fprintf(stderr, "cms export-journal: %s: %s\n", path.c_str(), refused.what());
        return 1;
    }
    connection->end_snapshot();
    if (out) {
        write_file(*out, exported.scenario_text);
    } else {
        std::fwrite(exported.scenario_text.data(), 1, exported.scenario_text.size(), stdout);
        std::fflush(stdout);
    }
    report(exported);
    return 0;
}

}  // namespace cms::tools
