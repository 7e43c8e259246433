#include "services/http/ledger_routes.hpp"

#include "services/batch/job_commands.hpp"
#include "services/http/command_route.hpp"
#include "services/http/json_fields.hpp"
#include "services/ledger/ledger_service.hpp"

namespace cms::services {

namespace {

api_response json_response(int status, const nlohmann::json& body) {
    return json_answer(status, body);
}

nlohmann::json job_view(const persistence::job_record& job, const std::vector<persistence::case_failure>& failures) {
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& failure : failures) {
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

void add_ledger_routes(api_router& router, ledger_route_context& context) {
    router.add({"GET", "/v1/cases/{id}/balance", access_family::case_read,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::case_id id{route.path_ids[0]};
                    const core::civil_date as_of = query_as_of(route.query, context.clock.today());
                    auto session = context.readers.borrow(persistence::read_consistency::snapshot);
                    if (!session->cases().find_case(id)) {
                        return respond(problem_response(404, "not-found", "Not found", "no case with this id", "case_id"));
                    }
                    respond(json_response(200, balance_view(*session, id, as_of, context.fees, context.ageing.buckets)));
                }, {"as_of"}});
    router.add({"GET", "/v1/cases/{id}/statement", access_family::case_read,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    const core::case_id id{route.path_ids[0]};
                    statement_page_request page;
                    page.to = query_date(route.query, "to").value_or(context.clock.today());
                    page.from = query_date(route.query, "from").value_or(core::add_days(page.to, -365));
                    if (page.from > page.to) throw field_error("from", "must not be after to");
                    page.page = query_integer(route.query, "page", 1, 1'000'000, 1);
                    page.page_size = query_integer(route.query, "page_size", 1, statement_page_size_max, 100);
                    auto session = context.readers.borrow(persistence::read_consistency::snapshot);
                    if (!session->cases().find_case(id)) {
                        return respond(problem_response(404, "not-found", "Not found", "no case with this id", "case_id"));
                    }
                    respond(json_response(200, statement_view(session->ledger(), id, page)));
                }, {"from", "to", "page", "page_size"}});
    router.add({"POST", "/v1/jobs", access_family::job_run,
                [&context](const api_request& request, const route_context& route, const response_callback& respond) {
                    run_command(request, route, respond, [&](const nlohmann::json& body, const command_context& command) {
                        json_fields fields(body, "");
                        if (fields.required_string("kind", 32) != "accrue") throw field_error("kind", "must be accrue");
                        const core::civil_date through = fields.required_date("through");
                        fields.refuse_unknown_fields();
                        respond(to_api_response(
                            start_accrual_command(context.jobs, context.readers, context.clock.today(), through, command)));
                    });
                }});
    router.add({"GET", "/v1/jobs/{id}", access_family::job_run,
                [&context](const api_request&, const route_context& route, const response_callback& respond) {
                    auto session = context.readers.borrow();
                    const auto job = session->jobs().find_job(route.path_ids[0]);
                    if (!job) return respond(problem_response(404, "not-found", "Not found", "no job with this id", "job_id"));
                    respond(json_response(200, job_view(*job, session->jobs().failures_of_job(job->id, job_failures_shown_max))));
                }});
}

}  // namespace cms::services
