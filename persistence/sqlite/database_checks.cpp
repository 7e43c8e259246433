#include "persistence/sqlite/database_checks.hpp"

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <algorithm>

#include "core/ledger/ledger_balances.hpp"
#include "persistence/sqlite/ledger_replay_checks.hpp"
#include "persistence/sqlite/ledger_store.hpp"
#include "persistence/sqlite/migrations.hpp"

namespace cms::persistence::sqlite {

namespace {

/// SQLite stops its structural check after this many problems; past it the count is "at least".
constexpr int structural_problems_counted_max = 10'000;

/// Problem lines `cms check` prints for a damaged file: enough to name the damage, few enough to read.
constexpr std::size_t integrity_problems_shown_max = 5;

/// Adds one result row of the structural check to `damage`. A row may hold several problems a
/// line each, under a "*** in database main ***" heading that names no problem.
void add_problem_lines(const std::string& row, std::size_t problems_shown_max, store_damage& damage) {
    std::size_t start = 0;
    while (start <= row.size()) {
        const std::size_t end = std::min(row.find('\n', start), row.size());
        const std::string line = row.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line.rfind("*** ", 0) == 0) continue;
        ++damage.problems_count;
        if (damage.first_problems.size() < problems_shown_max) damage.first_problems.push_back(line);
    }
}

/// A check written as one query that returns a description of the first violating row.
database_check query_check(std::string name, std::string description, std::string sql) {
    return {std::move(name), std::move(description),
            [sql = std::move(sql)](SQLite::Database& database) -> std::optional<std::string> {
                SQLite::Statement query(database, sql);
                if (!query.executeStep()) return std::nullopt;
                return query.getColumn(0).getString();
            }};
}

/// Rows of `table` created by a command must name a journal entry of one of `command_types` (or
/// of generate_caseload: `cms generate` writes a synthetic caseload under one journal entry).
database_check rows_name_their_command(const std::string& table, const std::vector<std::string>& command_types) {
    std::string listed;
    std::string quoted;
    for (const auto& type : command_types) {
        listed += (listed.empty() ? "" : " or ") + type;
        quoted += "'" + type + "', ";
    }
    return query_check(
        table + "_name_" + command_types.front() + "_commands",
        "every " + table + " row names an existing journal entry of type " + listed,
        "SELECT '" + table + " row ' || t.id || ' names journal entry ' || t.command_id ||"
        " CASE WHEN j.id IS NULL THEN ', which does not exist' ELSE ' of type ' || j.command_type END"
        " FROM " + table + " t LEFT JOIN command_journal j ON j.id = t.command_id"
        " WHERE j.id IS NULL OR j.command_type NOT IN (" + quoted + "'generate_caseload') LIMIT 1");
}

/// An accepted (2xx) command of `command_type` wrote exactly one row in `table`: nothing an
/// acknowledged client relies on is missing and nothing is doubled.
database_check accepted_commands_wrote_one_row(const std::string& command_type, const std::string& table) {
    return query_check(
        "accepted_" + command_type + "_wrote_one_" + table + "_row",
        "every accepted " + command_type + " command created exactly one " + table + " row",
        "SELECT 'journal entry ' || j.id || ' (' || j.idempotency_key || ') created ' ||"
        " (SELECT COUNT(*) FROM " + table + " t WHERE t.command_id = j.id) || ' " + table + " rows'"
        " FROM command_journal j JOIN command_outcomes o ON o.command_id = j.id"
        " WHERE j.command_type = '" + command_type + "' AND o.status_code BETWEEN 200 AND 299"
        " AND (SELECT COUNT(*) FROM " + table + " t WHERE t.command_id = j.id) <> 1 LIMIT 1");
}

std::vector<database_check> build_checks() {
    std::vector<database_check> checks;
    checks.push_back({"integrity", "PRAGMA integrity_check reports ok",
                      [](SQLite::Database& database) -> std::optional<std::string> {
                          const auto damage =
                              structural_damage(database, "integrity_check", integrity_problems_shown_max);
                          if (!damage) return std::nullopt;
                          return "the file is damaged: " + describe_damage(*damage);
                      }});
    checks.push_back({"schema_version_known", "the schema is one this program knows",
                      [](SQLite::Database& database) -> std::optional<std::string> {
                          const auto& known = embedded_migrations();
                          const int recorded =
                              database.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt();
                          if (recorded == 0) return "no migrations recorded: not a cms database";
                          if (!known.empty() && recorded > known.back().version) {
                              return "schema version " + std::to_string(recorded) + " is newer than this program";
                          }
                          return std::nullopt;
                      }});
    checks.push_back(query_check("foreign_keys", "PRAGMA foreign_key_check finds no dangling reference",
                                 "SELECT 'table ' || \"table\" || ' row ' || COALESCE(rowid, '?') || ' refers to a missing ' ||"
                                 " parent FROM pragma_foreign_key_check LIMIT 1"));
    checks.push_back(query_check("journal_entries_have_one_outcome",
                                 "every journal entry has exactly one recorded outcome",
                                 "SELECT 'journal entry ' || j.id || ' (' || j.idempotency_key || ') has no outcome'"
                                 " FROM command_journal j LEFT JOIN command_outcomes o ON o.command_id = j.id"
                                 " WHERE o.command_id IS NULL LIMIT 1"));
    checks.push_back(rows_name_their_command("parents", {"register_parent"}));
    checks.push_back(rows_name_their_command("cases", {"open_case"}));
    // simulate_payments: a day's chunk of the payments `cms simulate-caseload` makes from the
    // generated payer profiles (services/simulation/caseload_simulation.hpp).
    checks.push_back(rows_name_their_command(
        "payments", {"record_payment", "record_parent_payment", "record_deduction", "simulate_payments"}));
    checks.push_back(rows_name_their_command("penalties", {"impose_penalty"}));
    checks.push_back(rows_name_their_command("arrears_agreements", {"make_arrears_agreement"}));
    // A payer profile is what `cms generate` drew for a case it wrote, under its one journal entry.
    checks.push_back(query_check(
        "payer_profiles_name_generate_caseload_commands",
        "every payer profile names an existing journal entry of type generate_caseload",
        "SELECT 'payer profile of case ' || t.case_id || ' names journal entry ' || t.command_id ||"
        " CASE WHEN j.id IS NULL THEN ', which does not exist' ELSE ' of type ' || j.command_type END"
        " FROM payer_profiles t LEFT JOIN command_journal j ON j.id = t.command_id"
        " WHERE j.id IS NULL OR j.command_type <> 'generate_caseload' LIMIT 1"));
    // A deduction that took money is exactly one payment of that amount, on its order's case, by
    // the same command.
    checks.push_back(query_check(
        "deductions_are_their_payments",
        "every deduction that took money names a payment of that amount on its order's case, made by its command",
        "SELECT 'the deduction of action ' || d.action_id || ' on ' || d.on_date || ' took ' || d.taken_pence ||"
        " 'p but ' || CASE WHEN p.id IS NULL THEN 'names no payment' ELSE 'payment ' || p.id || ' is ' ||"
        " p.amount_pence || 'p on case ' || p.case_id END"
        " FROM enforcement_deductions d JOIN enforcement_actions a ON a.id = d.action_id"
        " LEFT JOIN payments p ON p.id = d.payment_id"
        " WHERE d.taken_pence > 0 AND (p.id IS NULL OR p.amount_pence <> d.taken_pence OR p.case_id <> a.case_id"
        "  OR p.command_id <> d.command_id) LIMIT 1"));
    checks.push_back(accepted_commands_wrote_one_row("register_parent", "parents"));
    checks.push_back(accepted_commands_wrote_one_row("open_case", "cases"));
    checks.push_back(accepted_commands_wrote_one_row("record_payment", "payments"));
    // A paying parent's one payment is split between their cases: the parts are the whole of it.
    checks.push_back(query_check(
        "accepted_record_parent_payment_parts_add_up",
        "the payments an accepted record_parent_payment command created add up to its amount",
        "SELECT 'journal entry ' || j.id || ' (' || j.idempotency_key || ') took '"
        " || json_extract(j.request_json, '$.amount_pence') || 'p but its payments add up to '"
        " || (SELECT COALESCE(SUM(t.amount_pence), 0) FROM payments t WHERE t.command_id = j.id) || 'p'"
        " FROM command_journal j JOIN command_outcomes o ON o.command_id = j.id"
        " WHERE j.command_type = 'record_parent_payment' AND o.status_code BETWEEN 200 AND 299"
        " AND (SELECT COALESCE(SUM(t.amount_pence), 0) FROM payments t WHERE t.command_id = j.id)"
        "  <> json_extract(j.request_json, '$.amount_pence') LIMIT 1"));
    checks.push_back(query_check("postings_name_their_command",
                                 "every posting caused by a command names an existing journal entry",
                                 "SELECT 'posting of case ' || p.case_id || ' names journal entry ' || p.cause_ref ||"
                                 " ', which does not exist' FROM ledger_postings p"
                                 " LEFT JOIN command_journal j ON j.id = p.cause_ref"
                                 " WHERE p.cause_kind = 1 AND j.id IS NULL LIMIT 1"));
    checks.push_back(query_check("payments_posted_once",
                                 "every payment has exactly one ledger posting, caused by its command",
                                 "SELECT 'payment ' || pay.id || ' has ' || (SELECT COUNT(*) FROM ledger_postings p"
                                 " WHERE p.case_id = pay.case_id AND p.cause_kind = 1 AND p.cause_ref = pay.command_id)"
                                 " || ' postings' FROM payments pay WHERE (SELECT COUNT(*) FROM ledger_postings p"
                                 " WHERE p.case_id = pay.case_id AND p.cause_kind = 1 AND p.cause_ref = pay.command_id) <> 1"
                                 " LIMIT 1"));
    checks.push_back(query_check("part_payments_write_off_nothing_on_approval",
                                 "approving a part payment writes nothing off: its remainder waits for the payment",
                                 "SELECT 'part payment ' || r.id || ' wrote off ' || d.written_off_pence || 'p on approval'"
                                 " FROM arrears_requests r JOIN arrears_decisions d ON d.request_id = r.id"
                                 " WHERE r.kind = 'part_payment' AND d.written_off_pence <> 0 LIMIT 1"));
    const auto replayed = [](replay_rule rule) {
        return [rule](SQLite::Database& database) { return ledger_replay_violation(database, rule); };
    };
    checks.push_back({"ledger_replays_within_limits",
                      "every posting decodes into valid legs and replaying them keeps every balance within its limits",
                      replayed(replay_rule::within_limits)});
    checks.push_back({"credit_holders_listed", "every case whose ledger ends holding credit is in cases_holding_credit",
                      replayed(replay_rule::credit_holders_listed)});
    checks.push_back({"write_offs_match_their_records",
                      "the write-off legs of each command are exactly what its approved write-off or settled part "
                      "payment records",
                      replayed(replay_rule::write_offs_match_their_records)});
    checks.push_back({"receiving_parent_fee_only_on_collect_and_pay",
                      "no receiving-parent fee is taken on a day the case was on Direct Pay",
                      replayed(replay_rule::receiving_parent_fee_only_on_collect_and_pay)});
    checks.push_back({"collection_holders_listed",
                      "every case whose ledger ends holding money for a receiving parent is in "
                      "cases_holding_collections, so the next pay-out passes it on",
                      replayed(replay_rule::collection_holders_listed)});
    checks.push_back({"disbursements_match_payouts",
                      "each pay-out posting's legs are exactly what its disbursement rows record, and every "
                      "disbursement row has its posting",
                      replayed(replay_rule::disbursements_match_payouts)});
    checks.push_back({"charges_and_penalties_match_their_records",
                      "each case's enforcement charge legs add up to the charges its actions record, and its penalty "
                      "legs to its penalties",
                      replayed(replay_rule::charges_and_penalties_match_their_records)});
    return checks;
}

}  // namespace

std::optional<store_damage> structural_damage(SQLite::Database& database, const std::string& pragma,
                                              std::size_t problems_shown_max) {
    store_damage damage;
    try {
        SQLite::Statement query(database,
                                "PRAGMA " + pragma + "(" + std::to_string(structural_problems_counted_max) + ")");
        while (query.executeStep()) {
            const std::string row = query.getColumn(0).getString();
            if (row != "ok") add_problem_lines(row, problems_shown_max, damage);
        }
    } catch (const SQLite::Exception& error) {
        // A header or page so broken that SQLite cannot even walk the file.
        const int code = error.getErrorCode() & 0xff;
        if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB) throw;
        add_problem_lines(error.what(), problems_shown_max, damage);
    }
    if (damage.problems_count == 0) return std::nullopt;
    damage.count_is_lower_bound =
        damage.problems_count >= static_cast<std::size_t>(structural_problems_counted_max);
    return damage;
}

const std::vector<database_check>& database_checks() {
    static const std::vector<database_check> checks = build_checks();
    return checks;
}

std::optional<check_failure> run_database_checks(SQLite::Database& database) {
    const replay_sharing one_replay;  // the replay checks share one pass over the ledger
    for (const database_check& check : database_checks()) {
        if (auto violation = check.first_violation(database)) return check_failure{check.name, *violation};
    }
    return std::nullopt;
}

}  // namespace cms::persistence::sqlite
