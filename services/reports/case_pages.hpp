#pragma once
/// Paging through the whole caseload for a report: a page of cases at a time, in id order, so a
/// report reads the store in a few range reads a page rather than queries a case.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/ledger/ledger.hpp"
#include "persistence/unit_of_work.hpp"

namespace cms::services {

/// Cases read per query while paging through the caseload.
inline constexpr std::int64_t report_cases_page_size = 1'000;

/// Calls `visit_page` with each page of cases (every case, whatever its service or status), in id
/// order, until a short page.
void for_each_page_of_cases(persistence::read_view& session,
                            const std::function<void(std::span<const persistence::case_summary>)>& visit_page);

/// Calls `visit` for every case on Collect and Pay on `collect_and_pay_on` (the service of its
/// liability terms in force that day), with the legs of its postings dated in [from, to], in the
/// ledger's order: a range read of the cases' terms and one of their postings a page of cases.
/// Direct Pay cases accrue maintenance in the ledger too (so that their arrears are known if they
/// move), but the statistics count only what is due through Collect and Pay. Returns how many
/// cases were read, whatever their service.
std::int64_t for_each_collect_and_pay_case(
    persistence::read_view& session, core::civil_date from, core::civil_date to, core::civil_date collect_and_pay_on,
    const std::function<void(const persistence::case_summary&, std::span<const core::transfer>)>& visit);

}  // namespace cms::services
