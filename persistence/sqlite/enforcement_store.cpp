#include "persistence/sqlite/enforcement_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

#include "persistence/sqlite/column_reading.hpp"

namespace cms::persistence::sqlite {

namespace {

const std::string action_columns =
    "SELECT id, case_id, step, status, created_on, applied_on, status_on, until, employer_name, net_earnings_pence,"
    " pay_frequency, deduction_pence, deduction_capped, bank_account_reference, deduction_inappropriate,"
    " charge_pence, charge_waiver, note, command_id, job_id, bank_deduction_frequency, first_pay_day"
    " FROM enforcement_actions";

enforcement_action_row action_from(const cached_statement& row) {
    enforcement_action_row action;
    action.action_id = row.getColumn(0).getInt64();
    action.for_case = core::case_id{row.getColumn(1).getInt64()};
    action.step = enum_column(row.getColumn(2), &core::parse_enforcement_step);
    action.status = enum_column(row.getColumn(3), &core::parse_action_status);
    action.created_on = date_column(row.getColumn(4));
    action.applied_on = optional_date_column(row.getColumn(5));
    action.status_on = date_column(row.getColumn(6));
    action.until = optional_date_column(row.getColumn(7));
    if (!row.getColumn(8).isNull()) {
        action.employer = core::employer_details{row.getColumn(8).getString(),
                                           core::money::from_pence(row.getColumn(9).getInt64()),
                                           enum_column(row.getColumn(10), &core::parse_payment_frequency),
                                           optional_date_column(row.getColumn(21))};
    }
    if (!row.getColumn(11).isNull()) action.deduction_per_period = core::money::from_pence(row.getColumn(11).getInt64());
    action.deduction_capped = row.getColumn(12).getInt() != 0;
    action.bank_account_reference = row.getColumn(13).getString();
    action.deduction_inappropriate = row.getColumn(14).getString();
    action.charge = core::money::from_pence(row.getColumn(15).getInt64());
    action.charge_waiver = row.getColumn(16).getString();
    action.note = row.getColumn(17).getString();
    if (!row.getColumn(18).isNull()) action.created_by = core::command_id{row.getColumn(18).getInt64()};
    if (!row.getColumn(19).isNull()) action.created_by_job = row.getColumn(19).getInt64();
    if (!row.getColumn(20).isNull()) {
        action.bank_deduction_frequency = enum_column(row.getColumn(20), &core::parse_payment_frequency);
    }
    return action;
}

template <typename Statement>
void bind_optional_id(Statement& statement, int index, const std::optional<std::int64_t>& id) {
    if (id) statement.bind(index, *id); else statement.bind(index);
}

template <typename Statement>
void bind_optional_date(Statement& statement, int index, const std::optional<core::civil_date>& day) {
    if (day) statement.bind(index, core::format_iso_date(*day)); else statement.bind(index);
}

missed_payment_row missed_payment_from(const cached_statement& row) {
    return {core::case_id{row.getColumn(0).getInt64()}, date_column(row.getColumn(1)), date_column(row.getColumn(2)),
            core::money::from_pence(row.getColumn(3).getInt64()), row.getColumn(4).getInt64()};
}

std::vector<case_schedule_row> schedules_from(cached_statement& query) {
    std::vector<case_schedule_row> rows;
    while (query.executeStep()) {
        case_schedule_row row;
        row.for_case = core::case_id{query.getColumn(0).getInt64()};
        row.schedule.frequency = enum_column(query.getColumn(1), &core::parse_payment_frequency);
        row.schedule.first_due_date = date_column(query.getColumn(2));
        row.schedule.anchor_day = static_cast<unsigned>(query.getColumn(3).getInt());
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

std::vector<enforcement_action_row> enforcement_actions_of_case(database_ref database, core::case_id for_case) {
    cached_statement query(database, action_columns + " WHERE case_id = ? ORDER BY id");
    query.bind(1, for_case.value);
    std::vector<enforcement_action_row> actions;
    while (query.executeStep()) actions.push_back(action_from(query));
    return actions;
}

std::optional<enforcement_action_row> find_enforcement_action(database_ref database, std::int64_t action_id) {
    cached_statement query(database, action_columns + " WHERE id = ?");
    query.bind(1, action_id);
    if (!query.executeStep()) return std::nullopt;
    return action_from(query);
}

std::vector<enforcement_event_row> enforcement_events(database_ref database, std::int64_t action_id) {
    cached_statement query(database,
                           "SELECT event_index, event, status_after, on_date, court_finding, until, note, command_id, job_id"
                           " FROM enforcement_action_events WHERE action_id = ? ORDER BY event_index");
    query.bind(1, action_id);
    std::vector<enforcement_event_row> events;
    while (query.executeStep()) {
        enforcement_event_row event;
        event.action_id = action_id;
        event.event_index = query.getColumn(0).getInt64();
        event.event = enum_column(query.getColumn(1), &core::parse_action_event);
        event.status_after = enum_column(query.getColumn(2), &core::parse_action_status);
        event.on = date_column(query.getColumn(3));
        if (!query.getColumn(4).isNull()) event.finding = enum_column(query.getColumn(4), &core::parse_court_finding);
        event.until = optional_date_column(query.getColumn(5));
        event.note = query.getColumn(6).getString();
        if (!query.getColumn(7).isNull()) event.recorded_by = core::command_id{query.getColumn(7).getInt64()};
        if (!query.getColumn(8).isNull()) event.recorded_by_job = query.getColumn(8).getInt64();
        events.push_back(std::move(event));
    }
    return events;
}

std::int64_t insert_enforcement_action(database_ref database, const enforcement_action_row& row) {
    cached_statement insert(database,
                            "INSERT INTO enforcement_actions(case_id, step, status, created_on, applied_on, status_on, until,"
                            " employer_name, net_earnings_pence, pay_frequency, deduction_pence, deduction_capped,"
                            " bank_account_reference, deduction_inappropriate, charge_pence, charge_waiver, note, command_id,"
                            " job_id, bank_deduction_frequency, first_pay_day)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.for_case.value);
    insert.bind(2, std::string(core::to_string(row.step)));
    insert.bind(3, std::string(core::to_string(row.status)));
    insert.bind(4, core::format_iso_date(row.created_on));
    bind_optional_date(insert, 5, row.applied_on);
    insert.bind(6, core::format_iso_date(row.status_on));
    bind_optional_date(insert, 7, row.until);
    if (row.employer) {
        insert.bind(8, row.employer->name);
        insert.bind(9, row.employer->net_earnings_per_period.pence());
        insert.bind(10, std::string(core::to_string(row.employer->pay_frequency)));
    } else {
        insert.bind(8);
        insert.bind(9);
        insert.bind(10);
    }
    if (row.deduction_per_period) insert.bind(11, row.deduction_per_period->pence()); else insert.bind(11);
    insert.bind(12, row.deduction_capped ? 1 : 0);
    insert.bind(13, row.bank_account_reference);
    insert.bind(14, row.deduction_inappropriate);
    insert.bind(15, row.charge.pence());
    insert.bind(16, row.charge_waiver);
    insert.bind(17, row.note);
    bind_optional_id(insert, 18, row.created_by ? std::optional(row.created_by->value) : std::nullopt);
    bind_optional_id(insert, 19, row.created_by_job);
    if (row.bank_deduction_frequency) {
        insert.bind(20, std::string(core::to_string(*row.bank_deduction_frequency)));
    } else {
        insert.bind(20);
    }
    bind_optional_date(insert, 21, row.employer ? row.employer->first_pay_day : std::nullopt);
    insert.exec();
    return database.getLastInsertRowid();
}

void update_enforcement_action(database_ref database, const enforcement_action_row& row) {
    cached_statement update(database,
                            "UPDATE enforcement_actions SET status = ?, applied_on = ?, status_on = ?, until = ?,"
                            " charge_pence = ?, charge_waiver = ? WHERE id = ?");
    update.bind(1, std::string(core::to_string(row.status)));
    bind_optional_date(update, 2, row.applied_on);
    update.bind(3, core::format_iso_date(row.status_on));
    bind_optional_date(update, 4, row.until);
    update.bind(5, row.charge.pence());
    update.bind(6, row.charge_waiver);
    update.bind(7, row.action_id);
    if (update.exec() != 1) throw std::runtime_error("enforcement action " + std::to_string(row.action_id) + " does not exist");
}

void insert_enforcement_event(database_ref database, const enforcement_event_row& row) {
    cached_statement insert(database,
                            "INSERT INTO enforcement_action_events(action_id, event_index, event, status_after, on_date,"
                            " court_finding, until, note, command_id, job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.action_id);
    insert.bind(2, row.event_index);
    insert.bind(3, std::string(core::to_string(row.event)));
    insert.bind(4, std::string(core::to_string(row.status_after)));
    insert.bind(5, core::format_iso_date(row.on));
    if (row.finding) insert.bind(6, std::string(core::to_string(*row.finding))); else insert.bind(6);
    bind_optional_date(insert, 7, row.until);
    insert.bind(8, row.note);
    bind_optional_id(insert, 9, row.recorded_by ? std::optional(row.recorded_by->value) : std::nullopt);
    bind_optional_id(insert, 10, row.recorded_by_job);
    insert.exec();
}

std::vector<missed_payment_row> missed_payments_of_case(database_ref database, core::case_id for_case) {
    cached_statement query(database,
                           "SELECT case_id, due_date, detected_on, arrears_pence, job_id FROM missed_payments"
                           " WHERE case_id = ? ORDER BY due_date");
    query.bind(1, for_case.value);
    std::vector<missed_payment_row> rows;
    while (query.executeStep()) rows.push_back(missed_payment_from(query));
    return rows;
}

std::vector<case_notice_row> case_notices_of_case(database_ref database, core::case_id for_case) {
    cached_statement query(database,
                           "SELECT on_date, kind, detail, job_id, command_id FROM case_notices WHERE case_id = ?"
                           " ORDER BY on_date, kind");
    query.bind(1, for_case.value);
    std::vector<case_notice_row> rows;
    while (query.executeStep()) {
        case_notice_row row{for_case, date_column(query.getColumn(0)), enum_column(query.getColumn(1), &core::parse_case_notice),
                            query.getColumn(2).getString(), std::nullopt, std::nullopt};
        if (!query.getColumn(3).isNull()) row.job_id = query.getColumn(3).getInt64();
        if (!query.getColumn(4).isNull()) row.recorded_by = core::command_id{query.getColumn(4).getInt64()};
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<case_schedule_row> collect_and_pay_schedules(database_ref database, std::int64_t after_id, std::int64_t limit,
                                                         core::civil_date on) {
    // The schedule in force on `on`: the latest row from on or before it.
    cached_statement query(database,
                           "SELECT c.id, s.frequency, s.first_due_date, s.anchor_day FROM cases c"
                           " JOIN payment_schedules s ON s.case_id = c.id AND s.effective_from ="
                           "  (SELECT MAX(effective_from) FROM payment_schedules WHERE case_id = c.id AND effective_from <= ?)"
                           " WHERE c.id > ? AND c.status = 'open' AND c.service_type = 'collect_and_pay'"
                           " ORDER BY c.id LIMIT ?");
    query.bind(1, core::format_iso_date(on));
    query.bind(2, after_id);
    query.bind(3, limit);
    return schedules_from(query);
}

std::vector<case_schedule_row> collect_and_pay_schedules_due_on(database_ref database, std::int64_t after_id,
                                                                std::int64_t limit, core::civil_date on, core::civil_date due) {
    // Driven by payment_schedules in case order, so the cheap test on the anchor day prunes most
    // rows before the test that the row is the one in force (no later row from on or before `on`).
    cached_statement query(database,
                           "SELECT s.case_id, s.frequency, s.first_due_date, s.anchor_day FROM payment_schedules s"
                           " JOIN cases c ON c.id = s.case_id"
                           " WHERE s.case_id > ? AND s.effective_from <= ? AND s.first_due_date <= ?"
                           "  AND CASE s.frequency"
                           "   WHEN 'monthly' THEN s.anchor_day = ? OR (? AND s.anchor_day > ?)"
                           "   ELSE CAST(julianday(?) - julianday(s.first_due_date) AS INTEGER) %"
                           "        CASE s.frequency WHEN 'weekly' THEN 7 WHEN 'fortnightly' THEN 14 ELSE 28 END = 0 END"
                           "  AND NOT EXISTS (SELECT 1 FROM payment_schedules later WHERE later.case_id = s.case_id"
                           "   AND later.effective_from > s.effective_from AND later.effective_from <= ?)"
                           "  AND c.status = 'open' AND c.service_type = 'collect_and_pay'"
                           " ORDER BY s.case_id LIMIT ?");
    const std::string on_text = core::format_iso_date(on);
    const std::string due_text = core::format_iso_date(due);
    const auto due_day = static_cast<int>(static_cast<unsigned>(due.day()));
    const bool month_end = due == core::civil_date{date::year_month_day_last{due.year(), date::month_day_last{due.month()}}};
    query.bind(1, after_id);
    query.bind(2, on_text);
    query.bind(3, due_text);
    query.bind(4, due_day);
    query.bind(5, month_end ? 1 : 0);
    query.bind(6, due_day);
    query.bind(7, due_text);
    query.bind(8, on_text);
    query.bind(9, limit);
    return schedules_from(query);
}

std::vector<missed_payment_row> missed_payments_detected_on(database_ref database, core::civil_date detected_on,
                                                            std::int64_t after_id, std::int64_t limit) {
    cached_statement query(database,
                           "SELECT case_id, due_date, detected_on, arrears_pence, job_id FROM missed_payments"
                           " WHERE detected_on = ? AND case_id > ? ORDER BY case_id, due_date LIMIT ?");
    query.bind(1, core::format_iso_date(detected_on));
    query.bind(2, after_id);
    query.bind(3, limit);
    std::vector<missed_payment_row> rows;
    while (query.executeStep()) rows.push_back(missed_payment_from(query));
    return rows;
}

std::vector<core::case_id> cases_with_proposals(database_ref database, std::int64_t after_id, std::int64_t limit) {
    cached_statement query(database,
                           "SELECT DISTINCT case_id FROM enforcement_actions WHERE status = 'proposed' AND case_id > ?"
                           " ORDER BY case_id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, limit);
    std::vector<core::case_id> cases;
    while (query.executeStep()) cases.push_back(core::case_id{query.getColumn(0).getInt64()});
    return cases;
}

std::optional<core::civil_date> last_missed_due_date(database_ref database, core::case_id for_case) {
    cached_statement query(database, "SELECT MAX(due_date) FROM missed_payments WHERE case_id = ?");
    query.bind(1, for_case.value);
    if (!query.executeStep()) return std::nullopt;
    return optional_date_column(query.getColumn(0));
}

std::optional<core::civil_date> last_closed_day(database_ref database) {
    cached_statement query(database, "SELECT MAX(closed_day) FROM closed_days");
    if (!query.executeStep()) return std::nullopt;
    return optional_date_column(query.getColumn(0));
}

bool insert_missed_payment(database_ref database, const missed_payment_row& row) {
    cached_statement insert(database,
                            "INSERT INTO missed_payments(case_id, due_date, detected_on, arrears_pence, job_id)"
                            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.bind(1, row.for_case.value);
    insert.bind(2, core::format_iso_date(row.due_date));
    insert.bind(3, core::format_iso_date(row.detected_on));
    insert.bind(4, row.arrears.pence());
    insert.bind(5, row.job_id);
    return insert.exec() == 1;
}

bool insert_case_notice(database_ref database, const case_notice_row& row) {
    cached_statement insert(database,
                            "INSERT INTO case_notices(case_id, on_date, kind, detail, job_id, command_id) VALUES (?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT DO NOTHING");
    insert.bind(1, row.for_case.value);
    insert.bind(2, core::format_iso_date(row.on));
    insert.bind(3, std::string(core::to_string(row.kind)));
    insert.bind(4, row.detail);
    bind_optional_id(insert, 5, row.job_id);
    bind_optional_id(insert, 6, row.recorded_by ? std::optional(row.recorded_by->value) : std::nullopt);
    return insert.exec() == 1;
}

bool insert_enforcement_deduction(database_ref database, const enforcement_deduction_row& row) {
    cached_statement insert(database,
                            "INSERT INTO enforcement_deductions(action_id, on_date, basis_pence, wanted_pence, taken_pence,"
                            " outcome, payment_id, command_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
    insert.bind(1, row.action_id);
    insert.bind(2, core::format_iso_date(row.on));
    insert.bind(3, row.basis.pence());
    insert.bind(4, row.wanted.pence());
    insert.bind(5, row.taken.pence());
    insert.bind(6, std::string(core::to_string(row.outcome)));
    bind_optional_id(insert, 7, row.payment ? std::optional(row.payment->value) : std::nullopt);
    insert.bind(8, row.recorded_by.value);
    return insert.exec() == 1;
}

std::vector<enforcement_deduction_row> enforcement_deductions(database_ref database, std::int64_t action_id) {
    cached_statement query(database,
                           "SELECT on_date, basis_pence, wanted_pence, taken_pence, outcome, payment_id, command_id"
                           " FROM enforcement_deductions WHERE action_id = ? ORDER BY on_date");
    query.bind(1, action_id);
    std::vector<enforcement_deduction_row> rows;
    while (query.executeStep()) {
        enforcement_deduction_row row;
        row.action_id = action_id;
        row.on = date_column(query.getColumn(0));
        row.basis = core::money::from_pence(query.getColumn(1).getInt64());
        row.wanted = core::money::from_pence(query.getColumn(2).getInt64());
        row.taken = core::money::from_pence(query.getColumn(3).getInt64());
        row.outcome = enum_column(query.getColumn(4), &core::parse_deduction_outcome);
        if (!query.getColumn(5).isNull()) row.payment = core::payment_id{query.getColumn(5).getInt64()};
        row.recorded_by = core::command_id{query.getColumn(6).getInt64()};
        rows.push_back(row);
    }
    return rows;
}

std::vector<enforcement_action_row> actions_before_a_court(database_ref database, std::int64_t after_id,
                                                          std::int64_t limit) {
    cached_statement query(database, action_columns + " WHERE id > ? AND status = 'applied_for' ORDER BY id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, limit);
    std::vector<enforcement_action_row> actions;
    while (query.executeStep()) actions.push_back(action_from(query));
    return actions;
}

std::vector<enforcement_action_row> earnings_orders_in_force_during(database_ref database, core::civil_date from,
                                                                   core::civil_date to, std::int64_t after_id,
                                                                   std::int64_t limit) {
    // Once a month over the orders alone; an order's status_on is the day it ended once it is no
    // longer active (a deduction order is never applied for: it is made active on the day).
    cached_statement query(database, action_columns +
                                         " WHERE id > ? AND step = 'deduction_from_earnings_order'"
                                         " AND applied_on IS NOT NULL AND applied_on <= ?"
                                         " AND (status = 'active' OR status_on >= ?) ORDER BY id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, core::format_iso_date(to));
    query.bind(3, core::format_iso_date(from));
    query.bind(4, limit);
    std::vector<enforcement_action_row> actions;
    while (query.executeStep()) actions.push_back(action_from(query));
    return actions;
}

void mark_day_closed(database_ref database, core::civil_date day, std::int64_t job_id) {
    cached_statement insert(database,
                            "INSERT INTO closed_days(closed_day, job_id, completed_at_utc) VALUES (?, ?, cms_now_utc())"
                            " ON CONFLICT DO NOTHING");
    insert.bind(1, core::format_iso_date(day));
    insert.bind(2, job_id);
    insert.exec();
}

}  // namespace cms::persistence::sqlite
