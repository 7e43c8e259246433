#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "services/clock/business_clock.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/runtime/server_runner.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const serve_help =
    "usage: cms serve --db PATH [--host H] [--port N] [--clock system|simulated] [--business-date YYYY-MM-DD]\n"
    "                 [--demo-caseload] [--demo-users] [--threads N] [--log-level LEVEL]\n"
    "                 [--idle-seconds N] [--request-read-seconds N] [--response-write-seconds N]\n"
    "                 [--connections-max N] [--requests-per-connection-max N]\n"
    "                 [--header-deadline-ms N] [--connections-per-address-max N]\n"
    "                 [--admin-port N] [--admin-host H]\n"
    "                 [--policy-dir DIR] [--scheduler-interval-seconds N]\n"
    "\n"
    "Serves the HTTP/JSON API on the SQLite database at PATH (created and migrated if\n"
    "needed) until SIGINT or SIGTERM. A damaged database (SQLite's quick check, run before\n"
    "anything else touches it) is refused with exit code 1, naming the first problems;\n"
    "'cms check --db PATH' reports the damage, and a copy from 'cms backup' replaces the file.\n"
    "  --host H               address to listen on (default 127.0.0.1)\n"
    "  --port N               port, 0 for any free port (default 8080)\n"
    "  --business-date D      simulate the business date, starting at D (default: today, UTC); the\n"
    "                         scheduler still runs on its own\n"
    "  --clock simulated      a simulated business date (from --business-date, or today) that moves\n"
    "                         only by POST /v1/clock, with no scheduler: the batch role runs the\n"
    "                         jobs by POST /v1/jobs {\"in_place\": true} (what cms replay --against\n"
    "                         drives); --clock system (the default) is today's UTC date\n"
    "  --demo-caseload        load a few demo families (again on restart: nothing is added twice)\n"
    "  --demo-users           make one user per role (demo-ROLE) with a fresh token each start\n"
    "                         and print 'demo token for ROLE: TOKEN' lines (demo use only)\n"
    "  --threads N            HTTP threads (default 1)\n"
    "  --idle-seconds N           time a kept-alive connection may wait for its next request (default 60)\n"
    "  --request-read-seconds N   time to receive a whole request from its first byte (default 30)\n"
    "  --response-write-seconds N time to send a response (default 30)\n"
    "  --connections-max N        open connections at most; more get 503 (default 1024)\n"
    "  --requests-per-connection-max N  requests on one connection (default 10000)\n"
    "  --header-deadline-ms N     time to receive a request's head from its first byte (default 10000)\n"
    "  --connections-per-address-max N  open connections from one client address; more get 503\n"
    "                         (default 64)\n"
    "  --admin-port N         also listen on N (0: any free port) for GET /health only, with its own\n"
    "                         connection limit, so health is answered while the others are full\n"
    "  --admin-host H         address of the admin listener (default 127.0.0.1)\n"
    "  --log-level LEVEL      trace, debug, info, warn, error (default info)\n"
    "  --scheduler-interval-seconds N  how often the batch scheduler posts months that have\n"
    "                         ended and closes the days before the business date (missed\n"
    "                         payments, escalation, pay-out) (default 60; 0 turns it off)\n"
    "  --policy-dir DIR       read the policy tables (the file names of schemas/policy/, e.g.\n"
    "                         calculation_rates.json) from DIR instead of the ones built into\n"
    "                         cms; a missing or malformed table stops the start\n";

int run_serve(const arguments& args) {
    const services::cli_arguments options(
        args,
        {"db", "host", "port", "business-date", "threads", "log-level", "request-read-seconds", "idle-seconds",
         "response-write-seconds", "connections-max", "requests-per-connection-max", "policy-dir",
         "scheduler-interval-seconds", "header-deadline-ms", "clock", "connections-per-address-max", "admin-port",
         "admin-host"},
        {"demo-caseload", "demo-users"});
    services::server_options server;
    server.database_path = options.required("db");
    server.host = options.value("host").value_or(server.host);
    server.port = static_cast<std::uint16_t>(options.integer("port", 0, 65'535).value_or(server.port));
    server.http_threads_count = static_cast<std::size_t>(options.integer("threads", 1, 64).value_or(1));
    server.demo_caseload = options.has("demo-caseload");
    server.demo_users = options.has("demo-users");
    server.policy_dir = options.value("policy-dir");
    server.scheduler_interval_seconds =
        options.integer("scheduler-interval-seconds", 0, 86'400).value_or(server.scheduler_interval_seconds);
    auto& limits = server.limits;
    limits.idle_seconds_max =
        std::chrono::seconds(options.integer("idle-seconds", 1, 3'600).value_or(limits.idle_seconds_max.count()));
    limits.request_read_seconds_max = std::chrono::seconds(
        options.integer("request-read-seconds", 1, 3'600).value_or(limits.request_read_seconds_max.count()));
    limits.response_write_seconds_max = std::chrono::seconds(
        options.integer("response-write-seconds", 1, 3'600).value_or(limits.response_write_seconds_max.count()));
    limits.connections_max = static_cast<std::size_t>(
        options.integer("connections-max", 1, 100'000).value_or(static_cast<std::int64_t>(limits.connections_max)));
    limits.requests_per_connection_max = static_cast<std::size_t>(
        options.integer("requests-per-connection-max", 1, 1'000'000)
            .value_or(static_cast<std::int64_t>(limits.requests_per_connection_max)));
    limits.header_deadline_ms = std::chrono::milliseconds(
        options.integer("header-deadline-ms", 100, 3'600'000).value_or(limits.header_deadline_ms.count()));
    limits.connections_per_address_max = static_cast<std::size_t>(
        options.integer("connections-per-address-max", 1, 100'000)
            .value_or(static_cast<std::int64_t>(limits.connections_per_address_max)));
    if (const auto admin_port = options.integer("admin-port", 0, 65'535)) {
        server.admin = services::admin_listener{options.value("admin-host").value_or("127.0.0.1"),
                                                static_cast<std::uint16_t>(*admin_port)};
    } else if (options.has("admin-host")) {
        throw services::usage_error("--admin-host needs --admin-port");
    }
    if (const auto day = options.value("business-date")) {
        server.business_date = core::parse_iso_date(*day);
        if (!server.business_date) throw services::usage_error("--business-date must be a real date YYYY-MM-DD");
    }
    const std::string clock = options.value("clock").value_or("system");
    if (clock != "system" && clock != "simulated") throw services::usage_error("--clock must be system or simulated");
    if (clock == "simulated") {
        if (options.has("scheduler-interval-seconds")) {
            throw services::usage_error("--clock simulated runs no scheduler: its jobs are POST /v1/jobs");
        }
        // Nothing moves on its own: the date by POST /v1/clock, the jobs by POST /v1/jobs.
        server.scheduler_interval_seconds = 0;
        if (!server.business_date) {
            server.business_date = services::system_business_clock().today();
        }
    } else if (options.has("clock") && options.has("business-date")) {
        throw services::usage_error("--business-date simulates the date: it does not go with --clock system");
    }
    const std::string level = options.value("log-level").value_or("info");
    const auto parsed_level = spdlog::level::from_str(level);
    if (parsed_level == spdlog::level::off && level != "off") {
        throw services::usage_error("--log-level must be trace, debug, info, warn, error or off");
    }
    // Logs go to standard error; standard output carries only the "listening on" line.
    spdlog::set_default_logger(spdlog::stderr_color_mt("cms"));
    spdlog::set_level(parsed_level);
    return services::run_server(server);
}

}  // namespace cms::tools
