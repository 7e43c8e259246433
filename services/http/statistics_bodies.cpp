#include "services/http/statistics_bodies.hpp"

#include <string>

namespace cms::services {

namespace {

nlohmann::json quarter_fields(core::reporting_quarter quarter) {
    return {{"quarter", core::format_reporting_quarter(quarter)},
            {"from", core::format_iso_date(quarter.first_day())},
            {"to", core::format_iso_date(quarter.last_day())}};
}

nlohmann::json step_row(const core::enforcement_step_activity& row) {
    nlohmann::json body = {{"taken", row.taken}};
    for (std::size_t index = 0; index < row.outcomes.size(); ++index) {
        body[std::string(core::enforcement_outcome_names[index])] = row.outcomes[index];
    }
    body["in_force_at_end"] = row.in_force_at_end;
    return body;
}

nlohmann::json written_off(const core::write_off_count& row) {
    return {{"count", row.count}, {"maintenance_pence", row.maintenance.pence()}};
}

nlohmann::json coverage(const char* service, const core::service_type_coverage& row) {
    return {{"service_type", service}, {"arrangements", row.arrangements}, {"children", row.children}};
}

}  // namespace

nlohmann::json count_and_share(std::int64_t count, std::int64_t of) {
    return {{"count", count}, {"share_basis_points", core::share_basis_points(count, of).value}};
}

nlohmann::json enforcement_report_body(const enforcement_report& report) {
    nlohmann::json body = quarter_fields(report.quarter);
    nlohmann::json steps = nlohmann::json::array();
    for (const core::enforcement_step_activity& row : report.summary.steps) {
        nlohmann::json line = {{"step", core::to_string(row.step)}};
        line.update(step_row(row));
        steps.push_back(std::move(line));
    }
    body["actions_read"] = report.actions_read;
    body["steps"] = std::move(steps);
    body["all"] = step_row(report.summary.all);
    return body;
}

nlohmann::json nil_payers_report_body(const nil_payers_report& report) {
    const core::nil_payer_methods_summary& summary = report.summary;
    nlohmann::json body = quarter_fields(report.quarter);
    nlohmann::json methods = nlohmann::json::array();
    for (const core::method_count& row : summary.methods) {
        methods.push_back({{"method", core::method_name(row.method)},
                           {"paid_nothing", row.paid_nothing},
                           {"paid_nothing_share_basis_points", core::share_basis_points(row.paid_nothing, summary.paid_nothing).value},
                           {"due_to_pay", row.due_to_pay},
                           {"due_to_pay_share_basis_points", core::share_basis_points(row.due_to_pay, summary.due_to_pay).value}});
    }
    body["cases_read"] = report.cases_read;
    body["paying_parents_due"] = summary.due_to_pay;
    body["paid_nothing"] = count_and_share(summary.paid_nothing, summary.due_to_pay);
    body["methods"] = std::move(methods);
    return body;
}

nlohmann::json write_offs_report_body(const write_offs_report& report) {
    const core::write_offs_summary& summary = report.summary;
    nlohmann::json reasons = nlohmann::json::array();
    for (std::size_t index = 0; index < core::write_off_reasons.size(); ++index) {
        nlohmann::json row = written_off(summary.by_reason[index]);
        row["reason"] = core::to_string(core::write_off_reasons[index]);
        reasons.push_back(std::move(row));
    }
    return {{"from_quarter", core::format_reporting_quarter(report.from)},
            {"to_quarter", core::format_reporting_quarter(report.to)},
            {"from", core::format_iso_date(report.from.first_day())},
            {"to", core::format_iso_date(report.to.last_day())},
            {"requests_read", report.requests_read},
            {"reasons", std::move(reasons)},
            {"approved_write_offs", written_off(summary.approved_write_offs)},
            {"part_payment_remainders", written_off(summary.part_payment_remainders)}};
}

nlohmann::json service_types_report_body(const service_types_report& report) {
    const core::service_types_summary& summary = report.summary;
    const core::arrangements_paying& paying = report.paying;
    nlohmann::json quarter = quarter_fields(report.quarter);
    quarter["arrangements_due"] = paying.due_to_pay;
    quarter["paid_some"] = count_and_share(paying.paid_some, paying.due_to_pay);
    quarter["paid_nothing"] = count_and_share(paying.paid_nothing, paying.due_to_pay);
    return {{"as_of", core::format_iso_date(report.as_of)},
            {"cases_read", report.cases_read},
            {"service_types",
             nlohmann::json::array({coverage("direct_pay", summary.direct_pay), coverage("collect_and_pay", summary.collect_and_pay)})},
            {"all", {{"arrangements", summary.all.arrangements}, {"children", summary.all.children}}},
            {"collect_and_pay_paying", std::move(quarter)}};
}

nlohmann::json unpaid_report_body(const unpaid_report& report) {
    const core::unpaid_since_start& figures = report.figures;
    return {{"as_of", core::format_iso_date(report.as_of)},
            {"cases_read", report.cases_read},
            {"maintenance_due_pence", figures.due.pence()},
            {"maintenance_paid_pence", figures.paid.pence()},
            {"unpaid_pence", figures.unpaid.pence()},
            {"still_owed_pence", figures.still_owed.pence()},
            {"written_off_pence", figures.written_off.pence()},
            {"unpaid_share_basis_points", figures.unpaid_share.value}};
}

}  // namespace cms::services
