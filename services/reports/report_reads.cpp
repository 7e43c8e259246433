#include "services/reports/report_reads.hpp"

namespace cms::services {

persistence::caseload_summary read_caseload_summary(persistence::read_pool& readers, core::civil_date as_of) {
    auto session = readers.borrow();
    return session->reports().summarise_caseload(as_of);
}

std::vector<persistence::audit_entry> read_audit_entries(persistence::read_pool& readers,
                                                         const persistence::audit_filter& filter) {
    auto session = readers.borrow();
    return session->audit().list_audit_entries(filter);
}

}  // namespace cms::services
