#include "persistence/sqlite/arrears_request_store.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace cms::persistence::sqlite {

namespace {

const char* const select_columns =
    "SELECT r.id, r.case_id, r.kind, r.receiving_parent_slot, r.amount_pence, r.reason, r.consent_reference,"
    " r.requested_by, r.requested_on, r.approvable_from, d.decision, d.decided_by, d.decided_on, d.note,"
    " d.written_off_pence, d.pay_by, d.remainder_pence,"
    " (SELECT COALESCE(SUM(p.amount_pence), 0) FROM part_payment_receipts p WHERE p.request_id = r.id),"
    " s.settled_on, s.written_off_pence"
    " FROM arrears_requests r LEFT JOIN arrears_decisions d ON d.request_id = r.id"
    " LEFT JOIN part_payment_settlements s ON s.request_id = r.id";

core::civil_date stored_date(const SQLite::Column& column) {
    const auto parsed = core::parse_iso_date(column.getString());
    if (!parsed) throw std::runtime_error("corrupt date in arrears_requests: " + column.getString());
    return *parsed;
}

arrears_request_row read_row(cached_statement& query) {
    arrears_request_row row;
    row.id = query.getColumn(0).getInt64();
    row.for_case = core::case_id{query.getColumn(1).getInt64()};
    const auto kind = core::parse_approval_kind(query.getColumn(2).getString());
    if (!kind) throw std::runtime_error("corrupt kind in arrears_requests: " + query.getColumn(2).getString());
    row.request.kind = *kind;
    row.request.receiving_parent_slot = static_cast<std::uint8_t>(query.getColumn(3).getInt());
    row.request.amount = core::money::from_pence(query.getColumn(4).getInt64());
    if (!query.getColumn(5).isNull()) row.request.reason = core::parse_write_off_reason(query.getColumn(5).getString());
    row.consent_reference = query.getColumn(6).isNull() ? "" : query.getColumn(6).getString();
    row.request.receiving_parent_consented = !query.getColumn(6).isNull();
    row.requested_by = query.getColumn(7).getString();
    row.requested_on = stored_date(query.getColumn(8));
    row.approvable_from = stored_date(query.getColumn(9));
    if (!query.getColumn(10).isNull()) {
        row.decision = arrears_decision_row{query.getColumn(10).getString() == "approved", query.getColumn(11).getString(),
                                            stored_date(query.getColumn(12)), query.getColumn(13).getString(),
                                            core::money::from_pence(query.getColumn(14).getInt64()), {}};
        if (!query.getColumn(15).isNull()) {
            row.decision->agreement = core::part_payment_agreement{
                row.decision->decided_on, stored_date(query.getColumn(15)), row.request.amount,
                core::money::from_pence(query.getColumn(16).getInt64())};
        }
    }
    row.received_towards = core::money::from_pence(query.getColumn(17).getInt64());
    if (!query.getColumn(18).isNull()) {
        row.settlement = part_payment_settlement_row{stored_date(query.getColumn(18)),
                                                     core::money::from_pence(query.getColumn(19).getInt64())};
    }
    return row;
}

}  // namespace

std::int64_t insert_arrears_request(database_ref database, const arrears_request_row& row, core::command_id cause) {
    cached_statement insert(database,
                             "INSERT INTO arrears_requests(case_id, kind, receiving_parent_slot, amount_pence, reason,"
                             " consent_reference, requested_by, requested_on, approvable_from, command_id)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, row.for_case.value);
    insert.bind(2, std::string(core::to_string(row.request.kind)));
    insert.bind(3, static_cast<int>(row.request.receiving_parent_slot));
    insert.bind(4, row.request.amount.pence());
    if (row.request.reason) insert.bind(5, std::string(core::to_string(*row.request.reason))); else insert.bind(5);
    if (row.request.kind == core::approval_kind::part_payment) insert.bind(6, row.consent_reference); else insert.bind(6);
    insert.bind(7, row.requested_by);
    insert.bind(8, core::format_iso_date(row.requested_on));
    insert.bind(9, core::format_iso_date(row.approvable_from));
    insert.bind(10, cause.value);
    insert.exec();
    return database.getLastInsertRowid();
}

void insert_arrears_decision(database_ref database, std::int64_t request_id, const arrears_decision_row& decision,
                             core::command_id cause) {
    cached_statement insert(database,
                             "INSERT INTO arrears_decisions(request_id, decision, decided_by, decided_on, note,"
                             " written_off_pence, command_id, pay_by, remainder_pence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, request_id);
    insert.bind(2, decision.approved ? "approved" : "rejected");
    insert.bind(3, decision.decided_by);
    insert.bind(4, core::format_iso_date(decision.decided_on));
    insert.bind(5, decision.note);
    insert.bind(6, decision.written_off.pence());
    insert.bind(7, cause.value);
    if (decision.agreement) {
        insert.bind(8, core::format_iso_date(decision.agreement->pay_by));
        insert.bind(9, decision.agreement->remainder.pence());
    } else {
        insert.bind(8);
        insert.bind(9);
    }
    insert.exec();
}

void insert_part_payment_receipt(database_ref database, std::int64_t request_id, core::command_id cause,
                                 core::civil_date received_on, core::money amount) {
    cached_statement insert(database,
                             "INSERT INTO part_payment_receipts(request_id, command_id, received_on, amount_pence)"
                             " VALUES (?, ?, ?, ?)");
    insert.bind(1, request_id);
    insert.bind(2, cause.value);
    insert.bind(3, core::format_iso_date(received_on));
    insert.bind(4, amount.pence());
    insert.exec();
}

void insert_part_payment_settlement(database_ref database, std::int64_t request_id, core::command_id cause,
                                    const part_payment_settlement_row& settlement) {
    cached_statement insert(database,
                             "INSERT INTO part_payment_settlements(request_id, command_id, settled_on, written_off_pence)"
                             " VALUES (?, ?, ?, ?)");
    insert.bind(1, request_id);
    insert.bind(2, cause.value);
    insert.bind(3, core::format_iso_date(settlement.settled_on));
    insert.bind(4, settlement.written_off.pence());
    insert.exec();
}

std::vector<arrears_request_row> open_part_payment_agreements(database_ref database, core::case_id for_case) {
    cached_statement query(database, std::string(select_columns) +
                                          " WHERE r.case_id = ? AND r.kind = 'part_payment' AND d.decision = 'approved'"
                                          " AND s.request_id IS NULL ORDER BY r.id");
    query.bind(1, for_case.value);
    std::vector<arrears_request_row> rows;
    while (query.executeStep()) rows.push_back(read_row(query));
    return rows;
}

std::optional<arrears_request_row> find_arrears_request(database_ref database, std::int64_t id) {
    cached_statement query(database, std::string(select_columns) + " WHERE r.id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return std::nullopt;
    return read_row(query);
}

std::vector<arrears_request_row> list_arrears_requests(database_ref database, bool pending_only,
                                                       std::int64_t after_id, std::int64_t limit) {
    cached_statement query(database, std::string(select_columns) + " WHERE r.id > ?" +
                                          (pending_only ? " AND d.request_id IS NULL" : "") + " ORDER BY r.id LIMIT ?");
    query.bind(1, after_id);
    query.bind(2, limit);
    std::vector<arrears_request_row> rows;
    while (query.executeStep()) rows.push_back(read_row(query));
    return rows;
}

}  // namespace cms::persistence::sqlite
