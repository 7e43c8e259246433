#include "persistence/sqlite/case_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

#include "core/cases/qualification.hpp"
#include "persistence/sqlite/column_reading.hpp"

namespace cms::persistence::sqlite {


core::parent_id insert_parent(database_ref database, const core::new_parent& parent,
                              core::command_id cause) {
    cached_statement insert(database,
                             "INSERT INTO parents(role, full_name, date_of_birth, local_authority_code,"
                             " command_id) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, core::to_string(parent.role));
    insert.bind(2, parent.full_name);
    insert.bind(3, core::format_iso_date(parent.date_of_birth));
    insert.bind(4, parent.local_authority_code);
    insert.bind(5, cause.value);
    insert.exec();
    return core::parent_id{database.getLastInsertRowid()};
}

std::optional<core::parent_record> find_parent(database_ref database, core::parent_id id) {
    cached_statement query(database,
                            "SELECT role, full_name, date_of_birth, local_authority_code"
                            " FROM parents WHERE id = ?");
    query.bind(1, id.value);
    if (!query.executeStep()) return std::nullopt;
    core::parent_record record;
    record.id = id;
    record.details.role = enum_column(query.getColumn(0), &core::parse_parent_role);
    record.details.full_name = query.getColumn(1).getString();
    record.details.date_of_birth = date_column(query.getColumn(2));
    record.details.local_authority_code = query.getColumn(3).getString();
    return record;
}

void append_liability_terms(database_ref database, core::case_id for_case, int receiving_parent_slot,
                            core::civil_date effective_from, std::optional<core::money> weekly_amount,
                            std::optional<core::service_type> service, core::command_id cause) {
    // A term not given is carried forward from the row in force the day before (or, for a new
    // case, must be given: the NOT NULL constraints refuse a first row without both).
    cached_statement insert(
        database,
        "INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from, weekly_amount_pence,"
        " service_type, command_id)"
        " SELECT ?1, ?2, ?3, COALESCE(?4, previous.weekly_amount_pence), COALESCE(?5, previous.service_type), ?6"
        " FROM (SELECT 1) LEFT JOIN (SELECT weekly_amount_pence, service_type FROM liability_segments"
        "   WHERE case_id = ?1 AND receiving_parent_slot = ?2 AND effective_from < ?3"
        "   ORDER BY effective_from DESC LIMIT 1) AS previous");
    insert.bind(1, for_case.value);
    insert.bind(2, receiving_parent_slot);
    insert.bind(3, core::format_iso_date(effective_from));
    if (weekly_amount) insert.bind(4, weekly_amount->pence()); else insert.bind(4);
    if (service) insert.bind(5, core::to_string(*service)); else insert.bind(5);
    insert.bind(6, cause.value);
    insert.exec();
}

core::case_id insert_case(database_ref database, const core::new_case& opened,
                          core::civil_date opened_on, core::command_id cause) {
    cached_statement insert(database,
                             "INSERT INTO cases(paying_parent_id, receiving_parent_id, service_type,"
                             " weekly_amount_pence, opened_on, status, command_id)"
                             " VALUES (?, ?, ?, ?, ?, 'open', ?)");
    insert.bind(1, opened.paying_parent.value);
    insert.bind(2, opened.receiving_parent.value);
    insert.bind(3, core::to_string(opened.service));
    insert.bind(4, opened.weekly_amount.pence());
    insert.bind(5, core::format_iso_date(opened_on));
    insert.bind(6, cause.value);
    insert.exec();
    const core::case_id id{database.getLastInsertRowid()};
    const std::string opened_text = core::format_iso_date(opened_on);

    // The accrual batch reads the terms history, not the case row: one receiving parent per case
    // (slot 0) until the calculation apportions between several.
    append_liability_terms(database, id, 0, opened_on, opened.weekly_amount, opened.service, cause);
    const core::civil_date first_due =
        opened.first_due_date.value_or(core::default_first_due_date(opened.frequency, opened_on));
    cached_statement schedule(database,
                               "INSERT INTO payment_schedules(case_id, effective_from, frequency, first_due_date,"
                               " anchor_day, command_id) VALUES (?, ?, ?, ?, ?, ?)");
    schedule.bind(1, id.value);
    schedule.bind(2, opened_text);
    schedule.bind(3, core::to_string(opened.frequency));
    schedule.bind(4, core::format_iso_date(first_due));
    schedule.bind(5, opened.frequency == core::payment_frequency::monthly
                         ? static_cast<int>(static_cast<unsigned>(first_due.day()))
                         : 0);
    schedule.bind(6, cause.value);
    schedule.exec();

    cached_statement insert_child(database,
                                   "INSERT INTO case_children(case_id, child_number, full_name,"
                                   " date_of_birth, full_time_education) VALUES (?, ?, ?, ?, ?)");
    for (std::size_t i = 0; i < opened.children.size(); ++i) {
        const core::child_details& child = opened.children[i];
        insert_child.bind(1, id.value);
        insert_child.bind(2, static_cast<int64_t>(i + 1));
        insert_child.bind(3, child.full_name);
        insert_child.bind(4, core::format_iso_date(child.date_of_birth));
        insert_child.bind(5, child.full_time_non_advanced_education ? 1 : 0);
        insert_child.exec();
        insert_child.reset();
        insert_qualification_end(database, {id, static_cast<int>(i + 1),
                                            core::stops_qualifying_on(child.date_of_birth,
                                                                      child.full_time_non_advanced_education)});
    }
    return id;
}

std::optional<core::case_record> find_case(database_ref database, core::case_id id) {
    cached_statement query(database,
                            "SELECT paying_parent_id, receiving_parent_id, service_type,"
                            " weekly_amount_pence, opened_on FROM cases WHERE id = ?");
    query.bind(1, id.value);
    if (!query.executeStep()) return std::nullopt;
    core::case_record record;
    record.id = id;
    record.details.paying_parent = core::parent_id{query.getColumn(0).getInt64()};
    record.details.receiving_parent = core::parent_id{query.getColumn(1).getInt64()};
    record.details.service = enum_column(query.getColumn(2), &core::parse_service_type);
    record.details.weekly_amount = core::money::from_pence(query.getColumn(3).getInt64());
    record.opened_on = date_column(query.getColumn(4));

    if (const auto schedule = find_payment_schedule(database, id)) {
        record.details.frequency = schedule->frequency;
        record.details.first_due_date = schedule->first_due_date;
    }

    cached_statement children(database,
                               "SELECT full_name, date_of_birth, full_time_education FROM case_children"
                               " WHERE case_id = ? ORDER BY child_number");
    children.bind(1, id.value);
    while (children.executeStep()) {
        record.details.children.push_back(core::child_details{children.getColumn(0).getString(),
                                                              date_column(children.getColumn(1)),
                                                              children.getColumn(2).getInt() == 1});
    }
    return record;
}

std::optional<core::civil_date> find_case_opened_on(database_ref database, core::case_id id) {
    cached_statement query(database, "SELECT opened_on FROM cases WHERE id = ?");
    query.bind(1, id.value);
    if (!query.executeStep()) return std::nullopt;
    return date_column(query.getColumn(0));
}

std::optional<core::payment_schedule> find_payment_schedule(database_ref database, core::case_id id) {
    cached_statement query(database,
                            "SELECT frequency, first_due_date, anchor_day FROM payment_schedules WHERE case_id = ?"
                            " ORDER BY effective_from DESC LIMIT 1");
    query.bind(1, id.value);
    if (!query.executeStep()) return std::nullopt;
    core::payment_schedule schedule;
    schedule.frequency = enum_column(query.getColumn(0), &core::parse_payment_frequency);
    schedule.first_due_date = date_column(query.getColumn(1));
    schedule.anchor_day = static_cast<unsigned>(query.getColumn(2).getInt());
    return schedule;
}

core::payment_id insert_payment(database_ref database, const core::new_payment& payment,
                                core::command_id cause) {
    cached_statement insert(database,
                             "INSERT INTO payments(case_id, amount_pence, received_on, method,"
                             " reference, command_id) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, payment.for_case.value);
    insert.bind(2, payment.amount.pence());
    insert.bind(3, core::format_iso_date(payment.received_on));
    insert.bind(4, core::to_string(payment.method));
    insert.bind(5, payment.reference);
    insert.bind(6, cause.value);
    insert.exec();
    return core::payment_id{database.getLastInsertRowid()};
}

namespace {

/// Payments with their reversal date, if any: what list_payments and find_payment select.
const char* const payment_columns =
    "SELECT p.id, p.case_id, p.amount_pence, p.received_on, p.method, p.reference, p.command_id, r.reversed_on"
    " FROM payments p LEFT JOIN payment_reversals r ON r.payment_id = p.id";

payment_row read_payment(cached_statement& query) {
    payment_row row;
    row.id = core::payment_id{query.getColumn(0).getInt64()};
    row.details.for_case = core::case_id{query.getColumn(1).getInt64()};
    row.details.amount = core::money::from_pence(query.getColumn(2).getInt64());
    row.details.received_on = date_column(query.getColumn(3));
    row.details.method = enum_column(query.getColumn(4), &core::parse_payment_method);
    row.details.reference = query.getColumn(5).getString();
    row.recorded_by = core::command_id{query.getColumn(6).getInt64()};
    if (!query.getColumn(7).isNull()) row.reversed_on = date_column(query.getColumn(7));
    return row;
}

}  // namespace

std::vector<payment_row> list_payments(database_ref database, core::case_id id) {
    cached_statement query(database, std::string(payment_columns) + " WHERE p.case_id = ? ORDER BY p.received_on, p.id");
    query.bind(1, id.value);
    std::vector<payment_row> rows;
    while (query.executeStep()) rows.push_back(read_payment(query));
    return rows;
}

std::vector<payment_row> list_payments_page(database_ref database, core::case_id id, std::int64_t after_id,
                                            std::int64_t limit) {
    cached_statement query(database,
                            std::string(payment_columns) + " WHERE p.case_id = ? AND p.id > ? ORDER BY p.id LIMIT ?");
    query.bind(1, id.value);
    query.bind(2, after_id);
    query.bind(3, limit);
    std::vector<payment_row> rows;
    while (query.executeStep()) rows.push_back(read_payment(query));
    return rows;
}

namespace {

case_summary read_case_summary(cached_statement& query) {
    case_summary row;
    row.id = core::case_id{query.getColumn(0).getInt64()};
    row.paying_parent = core::parent_id{query.getColumn(1).getInt64()};
    row.receiving_parent = core::parent_id{query.getColumn(2).getInt64()};
    row.service = enum_column(query.getColumn(3), &core::parse_service_type);
    row.status = query.getColumn(4).getString();
    row.opened_on = date_column(query.getColumn(5));
    return row;
}

}  // namespace

std::vector<case_summary> cases_of_paying_parent(database_ref database, core::parent_id paying) {
    cached_statement query(database,
                            "SELECT id, paying_parent_id, receiving_parent_id, service_type, status, opened_on FROM cases"
                            " WHERE paying_parent_id = ? ORDER BY id");
    query.bind(1, paying.value);
    std::vector<case_summary> rows;
    while (query.executeStep()) rows.push_back(read_case_summary(query));
    return rows;
}

std::vector<case_summary> list_cases(database_ref database, const case_filter& filter, std::int64_t after_id,
                                     std::int64_t limit) {
    // Each condition is bound whether used or not, so one statement text serves every filter.
    cached_statement query(database,
                            "SELECT id, paying_parent_id, receiving_parent_id, service_type, status, opened_on FROM cases"
                            " WHERE id > ?1 AND (?2 IS NULL OR status = ?2) AND (?3 IS NULL OR service_type = ?3)"
                            " AND (?4 IS NULL OR paying_parent_id = ?4 OR receiving_parent_id = ?4)"
                            " ORDER BY id LIMIT ?5");
    query.bind(1, after_id);
    if (filter.status) query.bind(2, *filter.status); else query.bind(2);
    if (filter.service) query.bind(3, std::string(core::to_string(*filter.service))); else query.bind(3);
    if (filter.parent) query.bind(4, filter.parent->value); else query.bind(4);
    query.bind(5, limit);
    std::vector<case_summary> rows;
    while (query.executeStep()) rows.push_back(read_case_summary(query));
    return rows;
}

std::optional<payment_row> find_payment(database_ref database, core::payment_id id) {
    cached_statement query(database, std::string(payment_columns) + " WHERE p.id = ?");
    query.bind(1, id.value);
    if (!query.executeStep()) return std::nullopt;
    return read_payment(query);
}

std::optional<case_closure_row> find_case_closure(database_ref database, core::case_id id) {
    cached_statement query(database, "SELECT reason, effective_date, command_id FROM case_closures WHERE case_id = ?");
    query.bind(1, id.value);
    if (!query.executeStep()) return std::nullopt;
    return case_closure_row{id, enum_column(query.getColumn(0), &core::parse_closure_reason),
                            date_column(query.getColumn(1)), core::command_id{query.getColumn(2).getInt64()}};
}

void close_case(database_ref database, const case_closure_row& closure) {
    cached_statement insert(database,
                             "INSERT INTO case_closures(case_id, reason, effective_date, command_id) VALUES (?, ?, ?, ?)");
    insert.bind(1, closure.for_case.value);
    insert.bind(2, std::string(core::to_string(closure.reason)));
    insert.bind(3, core::format_iso_date(closure.effective_date));
    insert.bind(4, closure.closed_by.value);
    insert.exec();
    cached_statement status(database, "UPDATE cases SET status = 'closed' WHERE id = ?");
    status.bind(1, closure.for_case.value);
    status.exec();
}

void set_case_service(database_ref database, core::case_id for_case, core::service_type service) {
    cached_statement update(database, "UPDATE cases SET service_type = ? WHERE id = ?");
    update.bind(1, core::to_string(service));
    update.bind(2, for_case.value);
    update.exec();
}

std::int64_t highest_case_id(database_ref database) {
    return database.database().execAndGet("SELECT COALESCE(MAX(id), 0) FROM cases").getInt64();
}

void insert_qualification_end(database_ref database, const qualification_end& ending) {
    cached_statement insert(database,
                             "INSERT INTO qualification_ends(case_id, child_number, ends_on) VALUES (?, ?, ?)");
    insert.bind(1, ending.for_case.value);
    insert.bind(2, ending.child_number);
    insert.bind(3, core::format_iso_date(ending.ends_on));
    insert.exec();
}

std::vector<qualification_end> waiting_qualification_ends(database_ref database, core::civil_date through,
                                                          std::optional<core::case_id> only_case, std::int64_t limit) {
    cached_statement query(database,
                            "SELECT case_id, child_number, ends_on FROM qualification_ends"
                            " WHERE outcome IS NULL AND ends_on <= ? AND (? = 0 OR case_id = ?)"
                            " ORDER BY ends_on, case_id, child_number LIMIT ?");
    query.bind(1, core::format_iso_date(through));
    query.bind(2, only_case ? 1 : 0);
    query.bind(3, only_case ? only_case->value : 0);
    query.bind(4, limit);
    std::vector<qualification_end> waiting;
    while (query.executeStep()) {
        waiting.push_back({core::case_id{query.getColumn(0).getInt64()}, query.getColumn(1).getInt(),
                           date_column(query.getColumn(2))});
    }
    return waiting;
}

void record_qualification_end(database_ref database, const qualification_end& ended, const std::string& outcome,
                              std::optional<core::command_id> done_by) {
    cached_statement update(database,
                             "UPDATE qualification_ends SET outcome = ?, command_id = ?"
                             " WHERE case_id = ? AND child_number = ? AND outcome IS NULL");
    update.bind(1, outcome);
    if (done_by) {
        update.bind(2, done_by->value);
    } else {
        update.bind(2);  // NULL: nothing was done
    }
    update.bind(3, ended.for_case.value);
    update.bind(4, ended.child_number);
    if (update.exec() != 1) throw std::runtime_error("no waiting qualification end to record");
}

}  // namespace cms::persistence::sqlite
