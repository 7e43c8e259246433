#include "services/reports/write_offs_report.hpp"

#include <vector>

namespace cms::services {

namespace {

constexpr std::int64_t requests_page_size = 500;

}  // namespace

write_offs_report read_write_offs_report(persistence::read_pool& readers, core::reporting_quarter from,
                                         core::reporting_quarter to) {
    write_offs_report report;
    report.from = from;
    report.to = to;
    std::vector<core::approved_write_off_fact> write_offs;
    std::vector<core::part_payment_remainder_fact> remainders;
    auto session = readers.borrow(persistence::read_consistency::snapshot);
    for (std::int64_t after = 0;;) {
        const auto page = session->arrears_requests().list_arrears_requests(false, after, requests_page_size);
        for (const persistence::arrears_request_row& row : page) {
            ++report.requests_read;
            if (!row.decision || !row.decision->approved) continue;
            if (row.request.kind == core::approval_kind::write_off && row.request.reason) {
                write_offs.push_back({*row.request.reason, row.decision->decided_on, row.decision->written_off});
            } else if (row.request.kind == core::approval_kind::part_payment && row.settlement) {
                remainders.push_back({row.settlement->settled_on, row.settlement->written_off});
            }
        }
        if (static_cast<std::int64_t>(page.size()) < requests_page_size) break;
        after = page.back().id;
    }
    report.summary = core::summarise_write_offs(write_offs, remainders, from.first_day(), to.last_day());
    return report;
}

}  // namespace cms::services
