// The schema's CHECK constraints are checked in place, and migration 23 (which rewrote those that
// listed values with IN) kept every row and every refusal.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

#include "persistence/sqlite/connection.hpp"
#include "persistence/sqlite/migrations.hpp"
#include "support/test_support.hpp"

using namespace cms::persistence::sqlite;

namespace {

/// The table's columns, comma-separated, as the database has them now.
std::string column_list(const SQLite::Database& database, const std::string& table) {
    SQLite::Statement columns(database, "SELECT name FROM pragma_table_info(?) ORDER BY cid");
    columns.bind(1, table);
    std::string list;
    while (columns.executeStep()) list += (list.empty() ? "" : ", ") + columns.getColumn(0).getString();
    return list;
}

/// Every row of a table, `columns` of it as text, in key order: what a rebuild must keep. (A later
/// migration may add a column; the rows are compared on the columns they had.)
std::string table_rows(const SQLite::Database& database, const std::string& table, const std::string& columns) {
    SQLite::Statement rows(database, "SELECT " + columns + " FROM " + table + " ORDER BY 1, 2, 3");
    std::string text;
    while (rows.executeStep()) {
        for (int column = 0; column < rows.getColumnCount(); ++column) text += rows.getColumn(column).getString() + "|";
        text += "\n";
    }
    return text;
}

const std::vector<std::string> rebuilt_tables = {
    "ledger_postings", "case_notices", "enforcement_actions", "enforcement_action_events", "payment_schedules",
    "calculations", "arrears_agreements", "enforcement_deductions", "penalties", "payment_reversals",
    "case_closures", "jobs", "users"};

/// A database as migration 22 left it, holding a generated case, a posting, a job, a notice, an
/// enforcement action and its event.
void create_version_22_with_rows(const std::string& path) {
    SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    database.exec("PRAGMA foreign_keys=ON");
    recorded_schema_version(database);  // creates schema_migrations
    for (const auto& step : embedded_migrations()) {
        if (step.version > 22) continue;
        database.exec(step.sql);
        SQLite::Statement record(database, "INSERT INTO schema_migrations(version, name, applied_at_utc)"
                                           " VALUES (?, ?, '2025-01-01T00:00:00.000Z')");
        record.bind(1, step.version);
        record.bind(2, step.name);
        record.exec();
    }
    database.exec("INSERT INTO command_journal(id, idempotency_key, command_type, actor, business_date, request_json,"
                  " recorded_at_utc) VALUES (1, 'k1', 'generate_caseload', 'tester', '2025-01-01', '{}', 'x')");
    // The rows cms generate wrote for a case at that version (its inserter now writes tables a
    // version-22 database does not have).
    database.exec("INSERT INTO parents(id, role, full_name, date_of_birth, local_authority_code, command_id) VALUES"
                  " (1, 'paying', 'Paying Parent', '1985-03-01', 'E09000001', 1),"
                  " (2, 'receiving', 'Receiving Parent', '1987-06-01', 'E09000001', 1)");
    database.exec("INSERT INTO cases(id, paying_parent_id, receiving_parent_id, service_type, weekly_amount_pence,"
                  " opened_on, status, command_id) VALUES (1, 1, 2, 'collect_and_pay', 5000, '2025-01-01', 'open', 1)");
    database.exec("INSERT INTO case_children(case_id, child_number, full_name, date_of_birth) VALUES"
                  " (1, 1, 'Child', '2015-09-01')");
    database.exec("INSERT INTO qualification_ends(case_id, child_number, ends_on) VALUES (1, 1, '2031-09-01')");
    database.exec("INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from, weekly_amount_pence,"
                  " service_type, command_id) VALUES (1, 0, '2025-01-01', 5000, 'collect_and_pay', 1)");
    database.exec("INSERT INTO payment_schedules(case_id, effective_from, frequency, first_due_date, anchor_day,"
                  " command_id) VALUES (1, '2025-01-01', 'monthly', '2025-02-01', 1, 1)");
    const std::vector<std::uint8_t> legs(32, 1);
    SQLite::Statement posting(database, "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs)"
                                        " VALUES (1, 0, 1, '2025-01-31', ?)");
    posting.bind(1, legs.data(), static_cast<int>(legs.size()));
    posting.exec();
    database.exec("INSERT INTO jobs(id, kind, through_date, status, started_at_utc) VALUES"
                  " (5, 'close_day', '2025-02-08', 'succeeded', 'x')");
    database.exec("INSERT INTO case_notices(case_id, on_date, kind, detail, job_id) VALUES"
                  " (1, '2025-02-08', 'arrears_notice', 'owes 50.00', 5)");
    database.exec("INSERT INTO enforcement_actions(id, case_id, step, status, created_on, status_on, job_id) VALUES"
                  " (3, 1, 'liability_order', 'proposed', '2025-02-15', '2025-02-15', 5)");
    database.exec("INSERT INTO enforcement_action_events(action_id, event_index, event, status_after, on_date, job_id)"
                  " VALUES (3, 0, 'propose', 'proposed', '2025-02-15', 5)");
}

}  // namespace

TEST_CASE("no CHECK lists its values with IN: SQLite would build a table of them on every insert") {
    // An IN list of more than two constants is evaluated through an ephemeral b-tree built again
    // at each execution of the statement, about 2-3 microseconds per row (migration 23, which
    // found it doubling the accrual). Two values are compared in place, so they are allowed.
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    migrate_database(path);
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    SQLite::Statement schema(database, "SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL");
    const std::regex in_list(R"(\bIN\s*\(([^()]*)\))", std::regex::icase);
    int statements = 0;
    while (schema.executeStep()) {
        ++statements;
        const std::string name = schema.getColumn(0).getString();
        const std::string sql = schema.getColumn(1).getString();
        for (auto match = std::sregex_iterator(sql.begin(), sql.end(), in_list); match != std::sregex_iterator();
             ++match) {
            const std::string values = (*match)[1].str();
            const auto commas = std::count(values.begin(), values.end(), ',');
            INFO(name << ": IN (" << values << ")");
            CHECK(commas <= 1);
        }
    }
    CHECK(statements > 40);  // the scan saw the whole schema
}

TEST_CASE("migration 23 rebuilds the tables with in-place checks, keeping every row and every refusal") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("cms.db");
    create_version_22_with_rows(path);
    std::vector<std::string> columns_before;
    std::vector<std::string> rows_before;
    {
        const SQLite::Database database(path, SQLite::OPEN_READONLY);
        for (const auto& table : rebuilt_tables) {
            columns_before.push_back(column_list(database, table));
            rows_before.push_back(table_rows(database, table, columns_before.back()));
        }
    }

    SQLite::Database database = open_write_connection(path);  // applies 23 and any later migration
    CHECK(recorded_schema_version(database) >= 23);
    for (std::size_t i = 0; i < rebuilt_tables.size(); ++i) {
        INFO(rebuilt_tables[i]);
        CHECK(table_rows(database, rebuilt_tables[i], columns_before[i]) == rows_before[i]);
        CHECK(!database.tableExists(rebuilt_tables[i] + "_rebuilt"));
    }
    CHECK(database.execAndGet("SELECT COUNT(*) FROM pragma_foreign_key_check").getInt() == 0);
    // The indexes came back with their tables.
    CHECK(database.execAndGet("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name IN"
                              " ('ledger_postings_by_command', 'enforcement_actions_proposed')")
              .getInt() == 2);

    const std::vector<std::uint8_t> legs(16, 1);
    const auto post = [&](int cause_kind) {
        SQLite::Statement posting(database, "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date,"
                                            " legs) VALUES (1, ?, 9, '2025-02-28', ?)");
        posting.bind(1, cause_kind);
        posting.bind(2, legs.data(), static_cast<int>(legs.size()));
        posting.exec();
    };
    CHECK_THROWS_AS(post(3), SQLite::Exception);
    CHECK_THROWS_AS(post(-1), SQLite::Exception);
    post(2);
    CHECK_THROWS_AS(database.exec("INSERT INTO case_notices(case_id, on_date, kind, detail, job_id) VALUES"
                                  " (1, '2025-03-01', 'arrears_notic', 'x', 5)"),
                    SQLite::Exception);
    database.exec("INSERT INTO case_notices(case_id, on_date, kind, detail, job_id) VALUES"
                  " (1, '2025-03-01', 'arrears_agreement_completed', 'x', 5)");
    CHECK_THROWS_AS(database.exec("UPDATE enforcement_actions SET status = 'pending' WHERE id = 3"), SQLite::Exception);
    database.exec("UPDATE enforcement_actions SET status = 'expired' WHERE id = 3");
    // A NULL passes as it did under IN: a deduction order's pay frequency is only for earnings.
    CHECK_THROWS_AS(database.exec("UPDATE enforcement_actions SET employer_name = 'Acme', net_earnings_pence = 1,"
                                  " pay_frequency = 'daily' WHERE id = 3"),
                    SQLite::Exception);
    CHECK(database.execAndGet("SELECT pay_frequency IS NULL FROM enforcement_actions WHERE id = 3").getInt() == 1);
    CHECK_THROWS_AS(database.exec("UPDATE jobs SET status = 'lost' WHERE id = 5"), SQLite::Exception);
    CHECK_THROWS_AS(database.exec("UPDATE payment_schedules SET frequency = 'daily'"), SQLite::Exception);
    database.exec("UPDATE payment_schedules SET frequency = 'four_weekly'");
}
