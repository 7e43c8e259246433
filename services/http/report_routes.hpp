#pragma once
/// Reports for analysts and auditors (access family report_read): aggregates only, no names.
///   GET /v1/reports/caseload?as_of=YYYY-MM-DD   cases by service type and status, payments
///       received, write-off and part-payment requests and what was written off, and the last
///       month the accrual batch posted; as of the business date when as_of is absent.
///   GET /v1/reports/compliance?quarter=YYYY-Qn (or ?as_of=YYYY-MM-DD: the last quarter ended by
///       then)   Collect and Pay compliance in a quarter (services/reports/compliance_report.hpp):
///       paying parents due to pay, and how many paid nothing, up to 90% and over 90% of the
///       maintenance due; by default the last quarter ended by the business date. A quarter not
///       yet ended is refused (400): its figures are not known.
///   GET /v1/reports/arrears-by-area?as_of=YYYY-MM-DD   cases in arrears on the date by the paying
///       parent's local authority (ranked by total, named from schemas/reference/) and by nation:
///       the maintenance owed to receiving parents and the fees and charges owed to the state
///       (services/reports/arrears_report.hpp).
///   GET /v1/reports/arrears-by-quarter?from=YYYY-Qn&to=YYYY-Qn   total arrears at the end of each
///       quarter, maintenance owed to receiving parents and fees and charges owed to the state; by
///       default the four quarters ended by the business date; at most arrears_quarters_max.
///   GET /v1/reports/enforcement?quarter=YYYY-Qn (or ?as_of=)   actions taken, outcomes recorded
///       and orders in force at the end, by ladder step (services/reports/enforcement_report.hpp).
///   GET /v1/reports/nil-payers-by-method?quarter=YYYY-Qn (or ?as_of=)   the payment methods of
///       the Collect and Pay paying parents who paid nothing, beside all those due to pay.
///   GET /v1/reports/write-offs?quarter=YYYY-Qn (or ?from=&to=)   approved write-offs by reason.
///   GET /v1/reports/service-types?as_of=YYYY-MM-DD   arrangements and children covered by
///       service type, and Collect and Pay arrangements paying in the last quarter ended.
///   GET /v1/reports/unpaid-since-start?as_of=YYYY-MM-DD   Collect and Pay maintenance due since
///       the service began and the share unpaid.
/// Each answers JSON, or with ?format=html one self-contained HTML page of tables and bar charts
/// (services/reports/report_html.hpp).
#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "persistence/read_pool.hpp"
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"
#include "services/reports/arrears_report.hpp"
#include "services/reports/compliance_report.hpp"

namespace cms::services {

/// The body of GET /v1/reports/compliance, which `cms report compliance` prints too.
nlohmann::json compliance_report_body(const compliance_report& report);

/// The body of GET /v1/reports/arrears-by-area, which `cms report arrears-by-area` prints too.
nlohmann::json arrears_report_body(const arrears_report& report);

/// The body of GET /v1/reports/arrears-by-quarter, which `cms report arrears-by-quarter` prints too.
nlohmann::json arrears_by_quarter_body(const std::vector<arrears_at_quarter_end>& quarters);

/// The quarters a request for arrears by quarter asks for: `from_text` and `to_text` as given (or
/// nothing), the latest to default to the last quarter ended by `business_date`, `from` to three
/// before `to`. Throws field_error naming the parameter for a malformed quarter, `from` after
/// `to`, more than arrears_quarters_max, or a `to` not ended by `business_date`.
std::pair<core::reporting_quarter, core::reporting_quarter> requested_quarters(const std::optional<std::string>& from_text,
                                                                               const std::optional<std::string>& to_text,
                                                                               core::civil_date business_date);

/// The quarters a write-offs request asks for: one `quarter_text` (from and to both), or as
/// requested_quarters; a quarter with from or to is a field_error on "quarter".
std::pair<core::reporting_quarter, core::reporting_quarter> requested_write_off_quarters(
    const std::optional<std::string>& quarter_text, const std::optional<std::string>& from_text,
    const std::optional<std::string>& to_text, core::civil_date business_date);

/// `fees` and `buckets` are those the case routes read positions with; they must outlive the router.
void add_report_routes(api_router& router, persistence::read_pool& readers, const business_clock& clock,
                       std::span<const core::collection_fee_row> fees, std::span<const core::ageing_bucket> buckets);

}  // namespace cms::services
