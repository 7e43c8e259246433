#include "services/runtime/server_runner.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>

#include "persistence/sqlite/sqlite_store.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/writer.hpp"
#include "services/http/access_control.hpp"
#include "services/http/api_router.hpp"
#include "services/http/api_routes.hpp"
#include "services/cases/case_service.hpp"
#include "services/generation/demo_caseload.hpp"
#include "services/access/demo_users.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/http/ledger_routes.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/batch/batch_job_lock.hpp"
#include "services/batch/batch_scheduler.hpp"
#include "services/batch/job_runner.hpp"
#include "services/runtime/damaged_store.hpp"

namespace cms::services {

int run_server(const server_options& options) {
    std::unique_ptr<business_clock> clock;
    simulated_business_clock* simulated = nullptr;
    if (options.business_date) {
        auto simulated_clock = std::make_unique<simulated_business_clock>(*options.business_date);
        simulated = simulated_clock.get();
        clock = std::move(simulated_clock);
    } else {
        clock = std::make_unique<system_business_clock>();
    }
    // Policy first: a malformed or overlapping table stops the start (policy_load_error names the
    // file, row and problem) before the database is created or migrated.
    std::vector<core::calculation_rates> calculation_rates =
        load_calculation_rates(options.policy_dir ? std::optional<std::filesystem::path>(*options.policy_dir)
                                                  : std::nullopt);
    spdlog::info("calculation policy: {} row(s) from {}", calculation_rates.size(),
                 options.policy_dir ? *options.policy_dir : std::string("the built-in tables"));
    const std::optional<std::filesystem::path> policy_dir =
        options.policy_dir ? std::optional<std::filesystem::path>(*options.policy_dir) : std::nullopt;
    std::vector<core::collection_fee_row> collection_fees = load_collection_fees(policy_dir);
    ageing_table ageing = load_arrears_ageing(policy_dir);
    const std::unique_ptr<persistence::store> store = persistence::open_sqlite_store(options.database_path);
    // Before anything migrates or writes the file: a damaged database is not served, and the
    // scheduler posts nothing into it.
    refuse_damaged_store(*store);
    // The writer opens (and migrates) the database before any reader, so readers see the schema.
    persistence::writer writer(store->open_write_connection(), persistence::writer_limits{});
    // Before any job can start here (the scheduler's first tick, POST /v1/jobs): job rows a dead
    // process left running are marked interrupted, and a second process that runs jobs on this
    // database is refused (batch_job_lock.hpp).
    const batch_job_lock jobs_lock(options.database_path);
    jobs_lock.mark_interrupted_jobs(writer_transactions(writer));
    persistence::read_pool readers(*store, options.read_connections_count);
    case_service cases(writer, readers, *clock, {}, std::move(calculation_rates), collection_fees,
                       load_payment_apportionment(policy_dir));
    if (options.demo_caseload) {
        const std::size_t families = load_demo_caseload(cases);
        spdlog::info("demo caseload ready: {} cases", families);
    }
    if (options.demo_users) {
        // Printed before the "listening on" line so a script reads them first; demo use only.
        for (const auto& user : create_demo_users(writer)) {
            std::printf("demo token for %s: %s\n", std::string(core::role_name(user.role)).c_str(),
                        user.token.c_str());
        }
    }
    api_router router;
    const access_control access(readers);
    use_access_control(router, access);
    const std::vector<core::missed_payment_policy> missed_payment_policy = load_missed_payment_policy(policy_dir);
    job_runner jobs(jobs_lock, writer_transactions(writer), store.get(), collection_fees, {}, cases.calculation_rates(),
                    missed_payment_policy);
    const api_routes routes(router, {writer, readers, *clock, simulated, cases, jobs, collection_fees, std::move(ageing),
                                     load_enforcement_ladder(policy_dir), missed_payment_policy,
                                     load_penalty_rules(policy_dir)});
    // The scheduler posts each month's accrual once the business date has passed its end.
    std::optional<batch_scheduler> scheduler;
    if (options.scheduler_interval_seconds > 0) {
        scheduler.emplace(*clock, jobs, std::chrono::seconds(options.scheduler_interval_seconds));
    }
    http_server server(options.host, options.port, options.limits, router, options.admin);
    const std::string admin_text = options.admin ? ", admin listener http://" + options.admin->host + ":" +
                                                       std::to_string(*server.admin_port()) + "/health"
                                                 : std::string();
    std::printf("cms: listening on http://%s:%u (database %s, business date %s%s)\n", options.host.c_str(),
                static_cast<unsigned>(server.bound_port()), options.database_path.c_str(),
                core::format_iso_date(clock->today()).c_str(), admin_text.c_str());
    std::fflush(stdout);
    // Each committed group's answers reach the event loop in one hand-off (writer.hpp).
    writer.deliver_completions_through([&server](std::function<void()> answers) { server.post(std::move(answers)); });
    server.run(options.http_threads_count);
    writer.deliver_completions_through({});  // the loop has stopped: what is still queued completes here
    scheduler.reset();  // stop ticking before the writer stops
    writer.stop();
    spdlog::info("stopped; {} write groups committed", writer.groups_committed());
    return 0;
}

}  // namespace cms::services
