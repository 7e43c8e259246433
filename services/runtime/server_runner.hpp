#pragma once
/// `cms serve`: wires the writer, readers, clock, services and HTTP server, then serves.
#include <cstdint>
#include <optional>
#include <string>

#include "core/common/civil_date.hpp"
#include "services/http/http_server.hpp"

namespace cms::services {

struct server_options {
    std::string database_path;
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    /// When set, the business date is simulated and starts here; otherwise today's UTC date.
    std::optional<core::civil_date> business_date;
    /// Policy tables are read from here (calculation_rates.json) instead of the built-in ones.
    std::optional<std::string> policy_dir;
    /// Loads the small demo caseload (idempotently: a restart adds nothing twice).
    bool demo_caseload = false;
    /// Creates one user per role ("demo-<role>") with a fresh token each start and prints
    /// "demo token for ROLE: TOKEN" lines before the "listening on" line. Demo use only.
    bool demo_users = false;
    std::size_t http_threads_count = 1;
    /// Seconds between the batch scheduler's ticks; 0 turns the scheduler off.
    std::int64_t scheduler_interval_seconds = 60;
    std::size_t read_connections_count = 4;
    http_limits limits;
    /// A listener serving GET /health only, so the health check is answered while the public
    /// connections are full (http_server.hpp); none unless asked for.
    std::optional<admin_listener> admin;
};

/// Serves until SIGINT/SIGTERM, then drains the writer. Returns the process exit code.
/// Prints one line "cms: listening on http://HOST:PORT" to standard output once ready.
int run_server(const server_options& options);

}  // namespace cms::services
