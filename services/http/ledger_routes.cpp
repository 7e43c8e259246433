#include "services/http/ledger_routes.hpp"

#include <spdlog/spdlog.h>

#include "services/batch/job_commands.hpp"
#include "services/batch/job_status.hpp"
#include "services/http/command_route.hpp"
#include "services/http/ledger_views.hpp"
#include "services/ledger/ledger_reads.hpp"
#include "services/wire/command_parsing.hpp"

namespace cms::services {

namespace {

nlohmann::json job_view(const job_details& details) {
    const persistence::job_record& job = details.job;
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& failure : details.failures) {
        failed.push_back({{"case_id", failure.case_id}, {"period", failure.period}, {"reason", failure.reason}});
    }
    return {{"id", job.id},
            {"kind", job.kind},
            {"through", job.through_date},
            {"status", job.status},
            {"cases_processed", job.cases_processed},
            {"postings_written", job.postings_written},
            {"cases_failed", job.cases_failed},
            {"started_at_utc", job.started_at_utc},
            {"finished_at_utc", job.finished_at_utc.empty() ? nlohmann::json(nullptr) : nlohmann::json(job.finished_at_utc)},
            {"detail", job.detail},
            {"failures", std::move(failed)}};
}

constexpr std::size_t job_failures_shown_max = 100;

/// The answer of a job run in place: what it did, in the words a replay step prints.
api_response run_in_place(ledger_route_context& context, const job_in_place_command& command,
                          core::civil_date today, const std::string& actor) {
    const jobs_in_place_context& jobs = *context.in_place;
    if (command.kind == job_in_place_kind::scheduled_tick) {
        nlohmann::json ran = nlohmann::json::array();
        for (const scheduled_job_run& run : run_daily_tick(context.jobs, jobs.in_transaction, today)) {
            const job_in_place_result described = describe_scheduled_job(run.result);
            ran.push_back({{"job", run.job},
                           {"through", core::format_iso_date(run.through)},
                           {"job_id", run.result.job_id ? nlohmann::json(*run.result.job_id) : nlohmann::json(nullptr)},
                           {"passed", described.passed},
                           {"detail", described.detail}});
        }
        return json_answer(200, {{"kind", "scheduled_tick"}, {"business_date", core::format_iso_date(today)}, {"jobs", ran}});
    }
    job_in_place_result done;
    const bool ran = context.jobs.run_claimed(
        [&] { done = run_job_in_place(jobs, command.kind, *command.through, command.seed, actor); });
    // A background accrual (POST /v1/jobs without in_place) is running: one job at a time.
    if (!ran) return to_api_response(refusal{refusal_kind::job_running, "a job is running: ask again once it has ended", ""});
    return json_answer(200, {{"kind", to_string(command.kind)},
                             {"through", core::format_iso_date(*command.through)},
                             {"passed", done.passed},
                             {"detail", done.detail}});
}

/// POST /v1/jobs {"in_place": true}: checked here, run on the job thread.
void start_in_place(ledger_route_context& context, const job_in_place_command& command, const std::string& actor,
                    const response_callback& respond) {
    if (!context.in_place) {
        throw field_error("in_place", "runs only on a server with a simulated clock (cms serve --clock simulated)");
    }
    const core::civil_date today = context.clock.today();
    // As a scenario's run_job steps: a day is closed and paid out once it has ended.
    const bool day_ended = command.kind == job_in_place_kind::disburse || command.kind == job_in_place_kind::close_day;
    if (command.through && (day_ended ? !(*command.through < today) : today < *command.through)) {
        throw field_error("through", day_ended ? "must be before the business date" : "must not be after the business date");
    }
    const bool started = context.in_place_thread.start(
        [&context, command, today, actor] {
            try {
                return run_in_place(context, command, today, actor);
            } catch (const std::exception& error) {
                spdlog::error("job {} run in place failed: {}", to_string(command.kind), error.what());
                return to_api_response(refusal{refusal_kind::internal, "the job stopped; see the server's log", ""});
            }
        },
        respond);
    if (!started) respond(to_api_response(refusal{refusal_kind::job_running, "a job runs in place: ask again once it has ended", ""}));
}

}  // namespace

in_place_job_thread::~in_place_job_thread() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) thread_.join();
}

bool in_place_job_thread::start(std::function<api_response()> job, response_callback respond) {
    std::lock_guard lock(mutex_);
    if (busy_.exchange(true)) return false;
    if (thread_.joinable()) thread_.join();  // the last job's thread, which has sent its answer or is sending it
    try {
        thread_ = std::thread([this, job = std::move(job), respond = std::move(respond)] {
            api_response answer = job();
            busy_.store(false);
            respond(std::move(answer));
        });
    } catch (...) {
        busy_.store(false);
        throw;
    }
    return true;
}

statement_page_request statement_request_of(const std::string& query, core::civil_date business_date) {
    statement_page_request page;
    page.to = query_date(query, "to").value_or(business_date);
    page.from = query_date(query, "from").value_or(core::add_days(page.to, -365));
    if (page.from > page.to) throw field_error("from", "must not be after to");
    page.page = query_integer(query, "page", 1, 1'000'000, 1);
    page.page_size = query_integer(query, "page_size", 1, statement_page_size_max, 100);
    return page;
}

void add_ledger_routes(api_router& router, ledger_route_context& context) {
    router.add({"GET", "/v1/cases/{id}/balance", access_family::case_read,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::case_id id{route.path_ids[0]};
                    const core::civil_date as_of = query_as_of(route.query, context.clock.today());
                    const auto& buckets = context.ageing.buckets;
                    respond(render_query(read_balance(context.readers, id, as_of, context.fees, buckets),
                                         [&buckets](const case_balance& shown) { return balance_view(shown, buckets); }));
                }, {"as_of"}});
    router.add({"GET", "/v1/cases/{id}/statement", access_family::case_read,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::case_id id{route.path_ids[0]};
                    const statement_page_request page = statement_request_of(route.query, context.clock.today());
                    respond(render_query(read_statement(context.readers, id, page), statement_view));
                }, {"from", "to", "page", "page_size"}});
    router.add({"POST", "/v1/jobs", access_family::job_run,
                [&context](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& command) {
                        const auto parsed = parse_start_job(body);
                        if (const auto* in_place = std::get_if<job_in_place_command>(&parsed)) {
                            // Not journaled under its key: rerun, a job finds nothing left to do
                            // and says so, as the scheduler's runs do (they are not journaled either).
                            return start_in_place(context, *in_place, route.actor, respond);
                        }
                        respond(to_api_response(start_accrual(context.jobs, context.readers, context.clock.today(),
                                                              std::get<start_accrual_command>(parsed), command)));
                    });
                }});
    router.add({"GET", "/v1/jobs/{id}", access_family::job_run,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(render_query(read_job(context.readers, route.path_ids[0], job_failures_shown_max), job_view));
                }});
}

}  // namespace cms::services
