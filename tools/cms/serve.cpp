#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cms/services/cli_arguments.hpp"
#include "cms/services/server_runner.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const serve_help =
    "usage: cms serve --db PATH [--host H] [--port N] [--business-date YYYY-MM-DD]\n"
    "                 [--demo-caseload] [--threads N] [--log-level LEVEL]\n"
    "\n"
    "Serves the HTTP/JSON API on the SQLite database at PATH (created and migrated if\n"
    "needed) until SIGINT or SIGTERM.\n"
    "  --host H               address to listen on (default 127.0.0.1)\n"
    "  --port N               port, 0 for any free port (default 8080)\n"
    "  --business-date D      simulate the business date, starting at D (default: today, UTC)\n"
    "  --demo-caseload        load a few demo families (again on restart: nothing is added twice)\n"
    "  --threads N            HTTP threads (default 1)\n"
    "  --log-level LEVEL      trace, debug, info, warn, error (default info)\n";

int run_serve(const arguments& args) {
    const services::cli_arguments options(
        args, {"db", "host", "port", "business-date", "threads", "log-level"}, {"demo-caseload"});
    services::server_options server;
    server.database_path = options.required("db");
    server.host = options.value("host").value_or(server.host);
    server.port = static_cast<std::uint16_t>(options.integer("port", 0, 65'535).value_or(server.port));
    server.http_threads_count = static_cast<std::size_t>(options.integer("threads", 1, 64).value_or(1));
    server.demo_caseload = options.has("demo-caseload");
    if (const auto day = options.value("business-date")) {
        server.business_date = core::parse_iso_date(*day);
        if (!server.business_date) throw services::usage_error("--business-date must be a real date YYYY-MM-DD");
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
