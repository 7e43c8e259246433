#include "services/http/ledger_routes.hpp"

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

}  // namespace

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
                        respond(to_api_response(start_accrual(context.jobs, context.readers, context.clock.today(),
                                                              parse_start_job(body), command)));
                    });
                }});
    router.add({"GET", "/v1/jobs/{id}", access_family::job_run,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    respond(render_query(read_job(context.readers, route.path_ids[0], job_failures_shown_max), job_view));
                }});
}

}  // namespace cms::services
