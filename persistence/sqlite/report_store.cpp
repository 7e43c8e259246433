#include "persistence/sqlite/report_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "persistence/sqlite/column_reading.hpp"

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

std::vector<action_with_events> actions_with_events(database_ref database, std::int64_t after_action_id, std::int64_t limit) {
    std::vector<action_with_events> actions;
    {
        cached_statement query(database, "SELECT id, case_id, step FROM enforcement_actions WHERE id > ? ORDER BY id LIMIT ?");
        query.bind(1, after_action_id);
        query.bind(2, limit);
        while (query.executeStep()) {
            action_with_events action;
            action.action_id = query.getColumn(0).getInt64();
            action.for_case = core::case_id{query.getColumn(1).getInt64()};
            action.facts.step = enum_column(query.getColumn(2), &core::parse_enforcement_step);
            actions.push_back(std::move(action));
        }
    }
    if (actions.empty()) return actions;
    // The page's events in one range read, by action and order, merged into the actions read.
    cached_statement query(database,
                           "SELECT action_id, event, status_after, on_date FROM enforcement_action_events"
                           " WHERE action_id BETWEEN ? AND ? ORDER BY action_id, event_index");
    query.bind(1, actions.front().action_id);
    query.bind(2, actions.back().action_id);
    auto action = actions.begin();
    while (query.executeStep()) {
        const std::int64_t action_id = query.getColumn(0).getInt64();
        while (action != actions.end() && action->action_id < action_id) ++action;
        if (action == actions.end() || action->action_id != action_id) continue;
        action->facts.events.push_back({enum_column(query.getColumn(1), &core::parse_action_event),
                                        enum_column(query.getColumn(2), &core::parse_action_status),
                                        date_column(query.getColumn(3))});
    }
    return actions;
}

std::vector<latest_payment_of_case> latest_payments_of_cases(database_ref database, std::int64_t first_id, std::int64_t last_id,
                                                             core::civil_date through) {
    cached_statement query(database,
                           "SELECT case_id, method, received_on, id FROM ("
                           "  SELECT case_id, method, received_on, id, ROW_NUMBER() OVER ("
                           "    PARTITION BY case_id ORDER BY received_on DESC, id DESC) AS latest"
                           "  FROM payments WHERE case_id BETWEEN ?1 AND ?2 AND received_on <= ?3)"
                           " WHERE latest = 1 ORDER BY case_id");
    query.bind(1, first_id);
    query.bind(2, last_id);
    query.bind(3, core::format_iso_date(through));
    std::vector<latest_payment_of_case> payments;
    while (query.executeStep()) {
        payments.push_back({core::case_id{query.getColumn(0).getInt64()},
                            enum_column(query.getColumn(1), &core::parse_payment_method), date_column(query.getColumn(2)),
                            core::payment_id{query.getColumn(3).getInt64()}});
    }
    return payments;
}

std::vector<case_coverage_row> case_coverage_of_cases(database_ref database, std::int64_t first_id, std::int64_t last_id,
                                                      core::civil_date on) {
    std::vector<case_coverage_row> cases;
    {
        // Every slot's terms carry the case's service, so the latest term of any slot names it.
        cached_statement query(database,
                               "SELECT c.id, c.opened_on, cl.effective_date,"
                               " (SELECT s.service_type FROM liability_segments s WHERE s.case_id = c.id"
                               "   AND s.effective_from <= ?3 ORDER BY s.effective_from DESC LIMIT 1)"
                               " FROM cases c LEFT JOIN case_closures cl ON cl.case_id = c.id"
                               " WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id");
        query.bind(1, first_id);
        query.bind(2, last_id);
        query.bind(3, core::format_iso_date(on));
        while (query.executeStep()) {
            case_coverage_row row;
            row.for_case = core::case_id{query.getColumn(0).getInt64()};
            row.facts.opened_on = date_column(query.getColumn(1));
            row.facts.closed_from = optional_date_column(query.getColumn(2));
            if (!query.getColumn(3).isNull()) row.facts.service_on_date = enum_column(query.getColumn(3), &core::parse_service_type);
            cases.push_back(std::move(row));
        }
    }
    cached_statement query(database,
                           "SELECT ch.case_id, q.ends_on FROM case_children ch LEFT JOIN qualification_ends q"
                           "   ON q.case_id = ch.case_id AND q.child_number = ch.child_number"
                           " WHERE ch.case_id BETWEEN ? AND ? ORDER BY ch.case_id, ch.child_number");
    query.bind(1, first_id);
    query.bind(2, last_id);
    auto row = cases.begin();
    while (query.executeStep()) {
        const std::int64_t case_id = query.getColumn(0).getInt64();
        while (row != cases.end() && row->for_case.value < case_id) ++row;
        if (row == cases.end() || row->for_case.value != case_id) continue;
        row->facts.children_stop_qualifying_on.push_back(optional_date_column(query.getColumn(1)));
    }
    return cases;
}

}  // namespace cms::persistence::sqlite
