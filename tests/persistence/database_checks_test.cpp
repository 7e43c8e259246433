// `cms check`'s invariants. Method: a migrated database with one consistent command of each
// kind passes; then each test breaks one invariant the way a bug or a torn write would (with
// foreign keys off, as a buggy writer or another tool could) and expects that check to name it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "persistence/sqlite/backup.hpp"
#include "persistence/sqlite/connection.hpp"
#include "persistence/sqlite/database_checks.hpp"
#include "support/test_support.hpp"

#include <filesystem>
#include <set>

using namespace cms::persistence::sqlite;

namespace {

struct consistent_database {
    cms::testing::temporary_directory directory;
    std::string path = directory.file("cms.db");

    consistent_database() {
        migrate_database(path);
        SQLite::Database database(path, SQLite::OPEN_READWRITE);
        database.exec(R"sql(
            INSERT INTO command_journal(id, idempotency_key, command_type, actor, business_date,
                                        request_json, recorded_at_utc) VALUES
              (1, 'k1', 'register_parent', 'sam', '2025-01-15', '{}', '2025-01-15T10:00:00.000Z'),
              (2, 'k2', 'register_parent', 'sam', '2025-01-15', '{}', '2025-01-15T10:00:00.000Z'),
              (3, 'k3', 'open_case', 'sam', '2025-01-15', '{}', '2025-01-15T10:00:00.000Z'),
              (4, 'k4', 'record_payment', 'sam', '2025-01-15', '{}', '2025-01-15T10:00:00.000Z'),
              (5, 'k5', 'record_payment', 'sam', '2025-01-15', '{}', '2025-01-15T10:00:00.000Z');
            INSERT INTO command_outcomes(command_id, status_code, response_json) VALUES (1, 201, '{}'), (2, 201, '{}'), (3, 201, '{}'),
                                                (4, 201, '{}'), (5, 404, '{}');
            INSERT INTO parents(id, role, full_name, date_of_birth, local_authority_code, command_id) VALUES (1, 'paying', 'A', '1985-01-01', 'E06000059', 1),
                                       (2, 'receiving', 'B', '1986-01-01', 'E06000059', 2);
            INSERT INTO cases(id, paying_parent_id, receiving_parent_id, service_type, weekly_amount_pence,
                              opened_on, status, command_id) VALUES (1, 1, 2, 'collect_and_pay', 1950, '2025-01-15', 'open', 3);
            INSERT INTO payments(id, case_id, amount_pence, received_on, method, reference, command_id) VALUES (1, 1, 1950, '2025-01-15', 'standing_order', 'SO', 4);
            -- The payment's posting: one leg, cash_received (4) <- payments_unallocated (5),
            -- code payment_received (4), 1950p = 0x079E little-endian.
            INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs)
                VALUES (1, 1, 4, '2025-01-15', X'04000500040000009E07000000000000');
            -- Nothing is charged yet, so the payment waits as credit and the case is listed.
            INSERT INTO cases_holding_credit(case_id) VALUES (1);
            INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from, weekly_amount_pence,
                                           service_type, command_id) VALUES (1, 0, '2025-01-15', 1950, 'collect_and_pay', 3);
        )sql");
    }

    std::optional<cms::persistence::check_failure> check() {
        SQLite::Database database(path, SQLite::OPEN_READONLY);
        return run_database_checks(database);
    }

    void tamper(const std::string& sql) {
        SQLite::Database database(path, SQLite::OPEN_READWRITE);
        database.exec("PRAGMA foreign_keys=OFF");
        database.exec(sql);
    }
};

}  // namespace

TEST_CASE("a consistent database passes every check; each check has a unique name") {
    consistent_database db;
    CHECK_FALSE(db.check());
    std::set<std::string> names;
    for (const auto& check : database_checks()) CHECK(names.insert(check.name).second);
    CHECK(names.size() >= 10);
}

TEST_CASE("a journal entry without an outcome is reported") {
    consistent_database db;
    db.tamper("DELETE FROM command_outcomes WHERE command_id = 5");
    const auto failure = db.check();
    REQUIRE(failure);
    CHECK(failure->check_name == "journal_entries_have_one_outcome");
    CHECK(failure->violation.find("k5") != std::string::npos);
}

TEST_CASE("a row naming a journal entry of the wrong command type is reported") {
    consistent_database db;
    db.tamper("UPDATE payments SET command_id = 3");
    const auto failure = db.check();
    REQUIRE(failure);
    CHECK(failure->check_name == "payments_name_record_payment_commands");
}

TEST_CASE("an accepted payment command whose payment row is missing is reported") {
    consistent_database db;
    db.tamper("DELETE FROM payments");
    const auto failure = db.check();
    REQUIRE(failure);
    CHECK(failure->check_name == "accepted_record_payment_wrote_one_payments_row");
    CHECK(failure->violation.find("k4") != std::string::npos);
}

TEST_CASE("a dangling foreign key is reported before the journal rules") {
    consistent_database db;
    db.tamper("UPDATE payments SET case_id = 99");
    const auto failure = db.check();
    REQUIRE(failure);
    CHECK(failure->check_name == "foreign_keys");
    CHECK(failure->violation.find("payments") != std::string::npos);
}

TEST_CASE("a file that is not a migrated cms database fails the schema check") {
    cms::testing::temporary_directory directory;
    const std::string path = directory.file("empty.db");
    {
        SQLite::Database database(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        database.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at_utc TEXT)");
    }
    SQLite::Database database(path, SQLite::OPEN_READONLY);
    const auto failure = run_database_checks(database);
    REQUIRE(failure);
    CHECK(failure->check_name == "schema_version_known");
}

TEST_CASE("a backup is a complete copy that passes the checks, and never overwrites a file") {
    consistent_database db;
    const std::string copy = db.directory.file("copy.db");
    backup_database(db.path, copy);
    SQLite::Database database(copy, SQLite::OPEN_READONLY);
    CHECK_FALSE(run_database_checks(database));
    CHECK(database.execAndGet("SELECT COUNT(*) FROM command_journal").getInt() == 5);
    CHECK(database.execAndGet("SELECT COUNT(*) FROM payments").getInt() == 1);
    CHECK_THROWS(backup_database(db.path, copy));
    CHECK_THROWS(backup_database(db.directory.file("missing.db"), db.directory.file("other.db")));
    CHECK_FALSE(std::filesystem::exists(db.directory.file("other.db")));
}

TEST_CASE("ledger checks: a payment without its posting, a posting without its command, a broken limit") {
    {
        consistent_database db;
        db.tamper("DELETE FROM ledger_postings");
        const auto failure = db.check();
        REQUIRE(failure);
        CHECK(failure->check_name == "payments_posted_once");
    }
    {
        consistent_database db;
        db.tamper("UPDATE ledger_postings SET cause_ref = 99");
        const auto failure = db.check();
        REQUIRE(failure);
        CHECK(failure->check_name == "postings_name_their_command");
    }
    {
        consistent_database db;
        // A second posting allocates 1950p to maintenance that was never accrued: payments_unallocated
        // (5) -> maintenance_due (1), code payment_allocated (5). maintenance_due would go negative.
        db.tamper("INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs)"
                  " VALUES (1, 1, 3, '2025-01-16', X'05000100050000009E07000000000000')");
        const auto failure = db.check();
        REQUIRE(failure);
        CHECK(failure->check_name == "ledger_replays_within_limits");
        CHECK(failure->violation.find("breaks a ledger limit") != std::string::npos);
    }
    {
        consistent_database db;
        db.tamper("UPDATE ledger_postings SET legs = X'04000500630000009E07000000000000'");  // code 99
        const auto failure = db.check();
        REQUIRE(failure);
        CHECK(failure->check_name == "ledger_replays_within_limits");
    }
}

namespace {

/// January's accrual step for case 1 (cause_ref = job 1 x 1,000,000 + 202501) with `legs`:
/// 1000p of maintenance accrued (maintenance_due (1) <- owed_to_receiving_parent (6), code 1),
/// then whatever the test adds.
std::string january_posting(const std::string& more_legs) {
    return "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs) VALUES"
           " (1, 2, 1202501, '2025-01-31', X'0100060001000000E803000000000000" + more_legs + "')";
}
/// 40p of receiving-parent fee: owed_to_receiving_parent (6) -> fee_income (7), code 6.
const std::string receiving_parent_fee_leg = "06000700060000002800000000000000";
/// 100p written off: owed_to_receiving_parent (6) -> maintenance_due (1), code 9.
const std::string write_off_leg = "06000100090000006400000000000000";

/// The consistent database, tampered with `changes` in order: "check_name: violation" of the
/// first check that fails, or "none".
std::string first_failure_after(std::initializer_list<std::string> changes) {
    consistent_database db;
    for (const std::string& change : changes) db.tamper(change);
    const auto failure = db.check();
    return failure ? failure->check_name + ": " + failure->violation : "none";
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

namespace {

/// 1000p of credit allocated to January's maintenance: payments_unallocated (5) -> maintenance_due
/// (1), code payment_allocated (5). The case then holds 1000p for its receiving parent.
const std::string allocation_leg = "0500010005000000E803000000000000";
const std::string listed_as_holding = "INSERT INTO cases_holding_collections(case_id) VALUES (1)";
const std::string payout_job_row = "INSERT INTO jobs(id, kind, through_date, status, started_at_utc)"
                                   " VALUES (1, 'disburse', '2025-02-05', 'succeeded', '2025-02-06T00:00:00.000Z')";
/// The pay-out of 5 February 2025 (cause_kind 0, cause_ref = job 3 x 100,000,000 + 20250205) with
/// one leg: owed_to_receiving_parent (6) -> cash_paid_out (8), code paid_out (7), of `amount_hex`.
std::string payout_posting(const std::string& amount_hex) {
    return "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs) VALUES"
           " (1, 0, 320250205, '2025-02-05', X'0600080007000000" + amount_hex + "000000000000')";
}
std::string disbursement(int paid_pence) {
    return "INSERT INTO disbursements(case_id, paid_on, receiving_parent_slot, receiving_parent_id, paid_pence,"
           " recovered_pence, job_id) VALUES (1, '2025-02-05', 0, 2, " + std::to_string(paid_pence) + ", 0, 1)";
}

}  // namespace

TEST_CASE("money-model checks: credit not listed, a fee on Direct Pay, a write-off nobody approved") {
    // On Collect and Pay the receiving parent's fee on money collected is right.
    CHECK(first_failure_after({january_posting(allocation_leg + receiving_parent_fee_leg), listed_as_holding}) == "none");
    CHECK(starts_with(first_failure_after({"DELETE FROM cases_holding_credit"}), "credit_holders_listed: "));
    // The case moved to Direct Pay on 20 January (terms are appended, never changed).
    const std::string direct_pay_fee = first_failure_after(
        {"INSERT INTO liability_segments(case_id, receiving_parent_slot, effective_from, weekly_amount_pence,"
         " service_type, command_id) VALUES (1, 0, '2025-01-20', 1950, 'direct_pay', 3)",
         january_posting(allocation_leg + receiving_parent_fee_leg), listed_as_holding});
    CHECK(starts_with(direct_pay_fee, "receiving_parent_fee_only_on_collect_and_pay: "));
    CHECK(direct_pay_fee.find("2025-01-31") != std::string::npos);
    CHECK(starts_with(first_failure_after({january_posting(write_off_leg)}), "write_offs_match_their_records: "));
    // An approval that wrote a part payment's remainder off before any money came.
    CHECK(starts_with(first_failure_after(
                          {"INSERT INTO arrears_requests(id, case_id, kind, receiving_parent_slot, amount_pence,"
                           " consent_reference, requested_by, requested_on, approvable_from, command_id)"
                           " VALUES (1, 1, 'part_payment', 0, 500, 'letter', 'alice', '2025-01-15', '2025-02-14', 4)",
                           "INSERT INTO arrears_decisions(request_id, decision, decided_by, decided_on, note,"
                           " written_off_pence, command_id) VALUES (1, 'approved', 'bob', '2025-02-14', '', 300, 5)"}),
                      "part_payments_write_off_nothing_on_approval: "));
}

TEST_CASE("pay-out checks: money held but not listed, a pay-out its disbursement does not match, or overpaid") {
    // Holding 1000p for the receiving parent: listed, it passes; not listed, the pay-out would miss it.
    CHECK(first_failure_after({january_posting(allocation_leg), listed_as_holding}) == "none");
    CHECK(starts_with(first_failure_after({january_posting(allocation_leg)}), "collection_holders_listed: "));
    // Paid out in full (1000p = E803), with its disbursement row: passes, and no listing is needed.
    CHECK(first_failure_after({january_posting(allocation_leg), payout_job_row, payout_posting("E803"),
                               disbursement(1000)}) == "none");
    // The row says 999p, or is missing, or has no posting.
    CHECK(starts_with(first_failure_after({january_posting(allocation_leg), payout_job_row, payout_posting("E803"),
                                           disbursement(999)}),
                      "disbursements_match_payouts: "));
    CHECK(starts_with(first_failure_after({january_posting(allocation_leg), payout_job_row, payout_posting("E803")}),
                      "disbursements_match_payouts: "));
    CHECK(starts_with(first_failure_after({january_posting(allocation_leg), listed_as_holding, payout_job_row,
                                           disbursement(1000)}),
                      "disbursements_match_payouts: "));
    // 1001p (E903) paid out of 1000p collected breaks a ledger limit.
    CHECK(starts_with(first_failure_after({january_posting(allocation_leg), payout_job_row, payout_posting("E903"),
                                           disbursement(1001)}),
                      "ledger_replays_within_limits: "));
}

namespace {

/// Journal entry 6: a penalty command, accepted.
const std::string penalty_command = "INSERT INTO command_journal(id, idempotency_key, command_type, actor, business_date,"
                                    " request_json, recorded_at_utc) VALUES (6, 'k6', 'impose_penalty', 'sam',"
                                    " '2025-02-01', '{}', '2025-02-01T10:00:00.000Z');"
                                    " INSERT INTO command_outcomes(command_id, status_code, response_json)"
                                    " VALUES (6, 201, '{}')";
/// £500 imposed by command 6: penalties_due (10) <- penalty_income (11), code penalty_imposed
/// (16), 50000p = 0xC350.
const std::string penalty_posting = "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs)"
                                    " VALUES (1, 1, 6, '2025-02-01', X'0A000B001000000050C3000000000000')";
std::string penalty_row(int amount_pence) {
    return "INSERT INTO penalties(id, case_id, kind, payer, amount_pence, imposed_on, command_id) VALUES"
           " (1, 1, 'information_offence', 'paying_parent', " + std::to_string(amount_pence) + ", '2025-02-01', 6)";
}
/// A deduction order made with a £50 charge by command 4; its charge leg: enforcement_charges_due
/// (3) <- fee_income (7), code enforcement_charge (3), 5000p = 0x1388.
std::string charged_order(int charge_pence) {
    return "INSERT INTO enforcement_actions(id, case_id, step, status, created_on, status_on, charge_pence, command_id)"
           " VALUES (1, 1, 'regular_deduction_order', 'active', '2025-01-15', '2025-01-15', " +
           std::to_string(charge_pence) + ", 4)";
}
const std::string charge_posting = "INSERT INTO ledger_postings(case_id, cause_kind, cause_ref, business_date, legs)"
                                   " VALUES (1, 1, 3, '2025-01-15', X'03000700030000008813000000000000')";

}  // namespace

TEST_CASE("enforcement checks: charges and penalties posted as recorded, deductions that are their payments") {
    CHECK(first_failure_after({penalty_command, penalty_row(50'000), penalty_posting}) == "none");
    CHECK(starts_with(first_failure_after({penalty_command, penalty_row(40'000), penalty_posting}),
                      "charges_and_penalties_match_their_records: "));
    CHECK(starts_with(first_failure_after({penalty_command, penalty_row(50'000)}),
                      "charges_and_penalties_match_their_records: "));
    CHECK(starts_with(first_failure_after({penalty_command, penalty_posting}), "charges_and_penalties_match_their_records: "));
    // A penalty row whose command is missing.
    const std::string orphan = first_failure_after({penalty_row(50'000), penalty_posting});
    const bool named = starts_with(orphan, "foreign_keys: ") || starts_with(orphan, "postings_name_their_command: ") ||
                       starts_with(orphan, "penalties_name_impose_penalty_commands: ");
    CHECK_MESSAGE(named, orphan);
    CHECK(first_failure_after({charged_order(5'000), charge_posting}) == "none");
    CHECK(starts_with(first_failure_after({charged_order(5'000)}), "charges_and_penalties_match_their_records: "));
    CHECK(starts_with(first_failure_after({charged_order(0), charge_posting}), "charges_and_penalties_match_their_records: "));
    // Payment 1 (1950p, command 4) as a deduction of the order: it passes only as that payment.
    const std::string deduction = "INSERT INTO enforcement_deductions(action_id, on_date, basis_pence, wanted_pence,"
                                  " taken_pence, outcome, payment_id, command_id) VALUES (1, '2025-01-15', 10000, 1950, ";
    CHECK(first_failure_after({charged_order(5'000), charge_posting, deduction + "1950, 'taken', 1, 4)"}) == "none");
    CHECK(starts_with(first_failure_after({charged_order(5'000), charge_posting, deduction + "1950, 'taken', 1, 3)"}),
                      "deductions_are_their_payments: "));
}
