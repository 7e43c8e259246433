#include "cms/services/server_runner.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>

#include "cms/persistence/connection.hpp"
#include "cms/persistence/read_pool.hpp"
#include "cms/persistence/writer.hpp"
#include "cms/services/api_router.hpp"
#include "cms/services/case_routes.hpp"
#include "cms/services/case_service.hpp"
#include "cms/services/demo_caseload.hpp"

namespace cms::services {

int run_server(const server_options& options) {
    std::unique_ptr<business_clock> clock;
    if (options.business_date) {
        clock = std::make_unique<simulated_business_clock>(*options.business_date);
    } else {
        clock = std::make_unique<system_business_clock>();
    }
    // The writer opens (and migrates) the database before any reader, so readers see the schema.
    persistence::writer writer(options.database_path, persistence::writer_limits{});
    persistence::read_pool readers(options.database_path, options.read_connections_count);
    case_service cases(writer, readers, *clock);
    if (options.demo_caseload) {
        const std::size_t families = load_demo_caseload(cases);
        spdlog::info("demo caseload ready: {} cases", families);
    }
    api_router router;
    add_health_route(router, *clock);
    add_case_routes(router, cases);
    http_server server(options.host, options.port, options.limits, router);
    std::printf("cms: listening on http://%s:%u (database %s, business date %s)\n", options.host.c_str(),
                static_cast<unsigned>(server.bound_port()), options.database_path.c_str(),
                core::format_iso_date(clock->today()).c_str());
    std::fflush(stdout);
    server.run(options.http_threads_count);
    writer.stop();
    spdlog::info("stopped; {} write groups committed", writer.groups_committed());
    return 0;
}

}  // namespace cms::services
