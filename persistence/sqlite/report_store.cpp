#include "persistence/sqlite/report_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace cms::persistence::sqlite {

caseload_summary summarise_caseload(database_ref database, core::civil_date as_of) {
    const std::string date = core::format_iso_date(as_of);
    caseload_summary summary;
    // Read-only connections may already be in a transaction; a deferred one is a snapshot either way.
    SQLite::Transaction snapshot(database.database(), SQLite::TransactionBehavior::DEFERRED);
    {
        cached_statement query(database, "SELECT service_type, status, COUNT(*) FROM cases WHERE opened_on <= ?"
                                          " GROUP BY service_type, status");
        query.bind(1, date);
        while (query.executeStep()) {
            summary.cases_by_service_and_status[query.getColumn(0).getString() + "/" + query.getColumn(1).getString()] =
                query.getColumn(2).getInt64();
        }
    }
    {
        cached_statement query(database, "SELECT COUNT(*), COALESCE(SUM(amount_pence), 0) FROM payments"
                                          " WHERE received_on <= ?");
        query.bind(1, date);
        query.executeStep();
        summary.payments_count = query.getColumn(0).getInt64();
        summary.payments_pence = query.getColumn(1).getInt64();
    }
    {
        cached_statement query(database,
                                "SELECT COALESCE(SUM(d.request_id IS NULL), 0), COALESCE(SUM(d.decision = 'approved'), 0),"
                                " COALESCE(SUM(CASE WHEN d.decision = 'approved' THEN d.written_off_pence END), 0)"
                                " FROM arrears_requests r LEFT JOIN arrears_decisions d"
                                "   ON d.request_id = r.id AND d.decided_on <= ?1"
                                " WHERE r.requested_on <= ?1");
        query.bind(1, date);
        query.executeStep();
        summary.arrears_requests_pending = query.getColumn(0).getInt64();
        summary.arrears_requests_approved = query.getColumn(1).getInt64();
        summary.written_off_pence = query.getColumn(2).getInt64();
    }
    {
        // A part payment writes its remainder off when the accepted amount arrives, not on approval.
        cached_statement query(database,
                                "SELECT COALESCE(SUM(written_off_pence), 0) FROM part_payment_settlements"
                                " WHERE settled_on <= ?");
        query.bind(1, date);
        query.executeStep();
        summary.written_off_pence += query.getColumn(0).getInt64();
    }
    summary.last_accrued_period = database.database().execAndGet("SELECT COALESCE(MAX(period), '') FROM accrual_periods").getString();
    snapshot.commit();
    return summary;
}

}  // namespace cms::persistence::sqlite
