#pragma once
/// Scenario files: a named list of dated steps that testers and analysts replay on a simulated
/// business clock (schemas/scenario.schema.json documents the format).
///
/// A command step carries the same body as its HTTP request and is read by the same per-command
/// parser (command_parsing.hpp, circumstance_parsing.hpp), so a scenario speaks the API's one
/// vocabulary and a bad body is refused when the file is read, before anything is written.
/// Errors are field_error naming the full path, e.g. "steps[3].body.amount_pence".
///
/// The parser (scenario_parsing.cpp, with scenario_names.cpp for the names a file gives) needs no
/// database, so the fuzz target compiles it alone;
/// the runner (scenario_runner.cpp) replays a parsed scenario through the services.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "services/commands/commands.hpp"

namespace cms::services {

/// A year of one family is a few kilobytes and 20-odd steps; a generated caseload exported from
/// the journal (`cms export-journal`, the replay benchmark) is about 21 steps and 250 bytes a
/// step. These bound what a file may ask of the replay: about a thousand case-years. The bound
/// on steps is also the parser's: the JSON library's parse with a callback (our strict reader,
/// wire/json_text.cpp) scans the enclosing array after every element it keeps, so a file's parse
/// grows with the square of its steps: 0.3 s at 25,000 steps, 26 s at 200,000 (and minutes under
/// the sanitizers). A larger limit needs a SAX reader of our own first.
inline constexpr std::size_t scenario_bytes_max = 8 * 1024 * 1024;
inline constexpr std::size_t scenario_steps_max = 25'000;
inline constexpr std::size_t scenario_name_bytes_max = 200;
/// The rule a scenario exercises and its public source, for the reader.
inline constexpr std::size_t scenario_description_bytes_max = 2'000;
/// The Idempotency-Key header's rule (api_router.cpp): 1 to 128 visible ASCII characters.
inline constexpr std::size_t scenario_key_bytes_max = 128;
/// A step's actor: a user name as the audit trail records it.
inline constexpr std::size_t scenario_actor_bytes_max = 64;

enum class scenario_command {
    register_parent,
    open_case,
    record_payment,
    record_income,
    record_shared_care,
    reverse_payment,
    record_parent_payment,
    close_case,                ///< POST /v1/cases/{id}/closure
    apply_enforcement,         ///< POST /v1/cases/{id}/enforcement-actions
    record_enforcement_event,  ///< POST /v1/cases/{id}/enforcement-actions/{action_id}/events
    record_warning_notice,     ///< POST /v1/cases/{id}/warning-notices
    switch_service,            ///< POST /v1/cases/{id}/service-type
    make_arrears_agreement,    ///< POST /v1/cases/{id}/arrears-agreements
    record_deduction,          ///< POST /v1/cases/{id}/enforcement-actions/{action_id}/deductions
    impose_penalty,            ///< POST /v1/cases/{id}/penalties
    request_write_off,         ///< POST /v1/cases/{id}/write-offs
    request_part_payment,      ///< POST /v1/cases/{id}/part-payments
    approve_request,           ///< POST /v1/approvals/{id}/approve (as a supervisor)
    reject_request,            ///< POST /v1/approvals/{id}/reject (as a supervisor)
};
const char* to_string(scenario_command command);
std::optional<scenario_command> parse_scenario_command(std::string_view text);
/// True for the commands sent to one case (POST /v1/cases/{id}/...): their step names case_id.
bool is_case_command(scenario_command command);
/// True for the commands sent to one payment (POST /v1/payments/{id}/...): their step names payment_id.
bool is_payment_command(scenario_command command);
/// True for approve_request and reject_request: their step names request_id.
bool is_approval_command(scenario_command command);
/// True for the commands sent to one paying parent (POST /v1/parents/{id}/...): their step names
/// paying_parent_id.
bool is_parent_command(scenario_command command);
/// True for the commands sent to one enforcement action (.../enforcement-actions/{action_id}/...):
/// record_enforcement_event and record_deduction; their step names action_id.
bool is_action_command(scenario_command command);

/// What a step's name (its "as") stands for: the kind of thing its command created. A later step
/// gives the name where it would give that thing's id, so a tester writes "sam", not a database id.
enum class named_kind { parent, case_file, payment, action, request };
const char* to_string(named_kind kind);  ///< "parent", "case", "payment", "action", "request"

/// A field given by name instead of id; the replay puts in the id the name stands for.
struct name_reference {
    std::string id_field;  ///< the id form it stands for: "case_id", or "body.paying_parent_id" in the body
    std::string name;
};

/// A command's body as its parser read it (services/wire/command_parsing.hpp).
using scenario_command_value = std::variant<register_parent_command, open_case_command, record_payment_command,
                                            income_change_command, shared_care_change_command, reverse_payment_command,
                                            record_parent_payment_command, close_case_command,
                                            apply_enforcement_command,
                                            enforcement_event_command, warning_notice_command, switch_service_command,
                                            arrears_agreement_command, deduction_command, penalty_command,
                                            arrears_request_command, arrears_decision_command>;

/// A command, as if POSTed with `key` as its Idempotency-Key.
struct command_step {
    scenario_command command = scenario_command::register_parent;
    std::string key;
    std::optional<core::case_id> for_case;  ///< the {id} of the URL, for case commands
    std::optional<core::payment_id> payment;  ///< the {id} of the URL, for payment commands
    std::optional<core::parent_id> paying_parent;  ///< the {id} of the URL, for parent commands
    std::optional<std::int64_t> action_id;  ///< the {action_id} of the URL: record_enforcement_event, record_deduction
    std::optional<std::int64_t> request_id; ///< the {id} of the URL, for approve_request and reject_request
    /// Who sends it (journaled and audited as the actor), when not the replay's own actor: a
    /// second person approves what a first requested (four eyes).
    std::optional<std::string> actor;
    scenario_command_value value;           ///< the body, read by the command's own parser
    /// The status the step must answer; absent means any 2xx (accepted or repeated).
    std::optional<int> expect_status;
    /// Text the refusal's detail must contain ("precondition employer_known"): which rule refused.
    std::optional<std::string> expect_detail;
    /// The refusal's problem type, as the API's problem body names it without its
    /// "urn:cms:problem:" prefix ("invalid-field", "conflicting-state"), and the field it names.
    std::optional<std::string> expect_problem_type;
    std::optional<std::string> expect_field;
    /// The name later steps give to what this command creates (scenario_names.hpp).
    std::optional<std::string> as;
    /// Fields given by name. Their ids are unknown until the replay, so `value` and the ids above
    /// were read with a placeholder id, and the replay reads `body_json` again with the real ones.
    std::vector<name_reference> names;
    std::string body_json;  ///< the body as the file gives it, names and all
};

/// The batch jobs a scenario runs where it says so.
enum class scenario_job {
    accrue,    ///< the monthly accrual, as POST /v1/jobs {"kind": "accrue", "through": ...}
    disburse,  ///< the pay-out of one date, as `cms run-job disburse --through ...`
    close_day, ///< the daily close of every day not yet closed, as `cms run-job close-day --through ...`
    /// Simulated court decisions (court_simulation.hpp): each application whose court's lead time
    /// has passed by `through` is decided by a draw from the seed.
    court_outcomes,
};

struct job_step {
    scenario_job job = scenario_job::accrue;
    core::civil_date through;
    std::uint64_t seed = 0;  ///< court_outcomes only
};

/// Figures of GET /v1/cases/{id}/balance (and the weekly amount in force) an expect step may
/// check, in the order they are reported. Each is a whole number; only those given are checked.
/// Then four account balances: paid out to the receiving parents, recoverable from them (paid out,
/// then taken back by a reversal), collected for them and not yet paid out, and enforcement
/// charges charged and not yet paid. The last three count the case's enforcement: instalments the
/// daily close found missed, steps proposed and waiting, and actions granted or active; and the
/// case's arrears agreements that are active, and that were broken; and financial penalties
/// imposed (the penalties_due balance); and the employer_deduction_missed notices on the case.
inline constexpr std::array<std::string_view, 21> expectation_figure_names = {
    "weekly_amount_pence",       "due_pence",           "due_today_pence",      "paid_pence",
    "credit_pence",              "ledger_balance_pence", "arrears_pence",
    "maintenance_arrears_pence", "state_arrears_pence", "days_overdue",
    "paid_out_pence",            "recoverable_pence",   "held_for_receiving_parents_pence",
    "enforcement_charges_due_pence", "missed_payments", "proposed_actions", "actions_in_force",
    "active_arrears_agreements", "broken_arrears_agreements", "penalties_due_pence",
    "employer_deduction_notices"};

struct expected_figure {
    std::string name;  ///< one of expectation_figure_names
    std::int64_t value = 0;
};

/// A line the case's statement must hold: a ledger leg of this date, code and amount.
struct expected_statement_line {
    core::civil_date business_date;
    std::string code;  ///< a transfer code as the statement names it ("maintenance_accrued")
    std::int64_t amount_pence = 0;
};

/// The status an enforcement action of the case must have on the step's date.
struct expected_action_status {
    std::int64_t action_id = 0;               ///< a placeholder when action_name is given
    std::optional<std::string> action_name;   ///< the action by the name an earlier step gave it
    std::string status;                       ///< "active", "granted", ... (core/enforcement/action.hpp)
};

/// A pay-out the case must have made: one receiving parent paid this amount on this date.
struct expected_disbursement {
    core::civil_date paid_on;
    std::int64_t amount_pence = 0;
};

struct expectation_step {
    core::case_id for_case;  ///< a placeholder when case_name is given
    std::optional<std::string> case_name;  ///< the case by the name an earlier step gave it
    core::civil_date as_of;  ///< the step's date unless the file says otherwise
    std::vector<expected_figure> figures;
    std::optional<expected_statement_line> statement_line;
    std::optional<expected_action_status> action_status;
    std::optional<expected_disbursement> disbursement;
};

struct scenario_step {
    std::size_t index = 0;  ///< position in the file's "steps", for messages
    core::civil_date on;    ///< the business date the step runs on
    std::variant<command_step, job_step, expectation_step> action;
};

/// When a scenario's batch jobs run.
enum class scenario_jobs {
    /// As in production: between one step's date and the next the clock moves one day at a
    /// time and each day runs what the server's scheduler runs on a tick (run_scheduled_jobs:
    /// the month-end accrual, the daily close, the pay-out), so a tester writes only the
    /// commands and what to expect. run_job steps still run where they stand.
    daily,
    /// Only where a run_job step says: for a scenario about what one job does.
    as_written,
};

/// A row of a dated policy table in force from a date on (scenario_policy.hpp applies it).
struct policy_override {
    std::string table;  ///< "collection_fees", ... (overridable_policy_tables)
    core::civil_date effective_from;
    std::string row_json;  ///< the row's fields other than its dates, as the table's file gives them
};
/// Enough for a reform or two in one history.
inline constexpr std::size_t scenario_policy_overrides_max = 20;

struct scenario {
    std::string name;
    std::string description;
    scenario_jobs jobs = scenario_jobs::daily;
    std::vector<policy_override> policy;  ///< in file order; a later one on the same table applies after

    std::vector<scenario_step> steps;
};

/// Reads a whole scenario file. Throws field_error naming the first bad field by its path
/// ("" for the file itself: too large, or not JSON).
scenario parse_scenario(std::string_view text);

/// "steps[3].body.amount_pence: must be at least 1" (just the detail when the field is "").
std::string describe_scenario_error(const std::string& field, const std::string& detail);

// ---- Replay (scenario_runner.cpp) ----

struct replay_options {
    std::string actor = "replay";  ///< journaled as the actor of every command
    /// False only for a database thrown away after the replay (persistence::commit_durability):
    /// its commits then skip the fsync that was nearly all of a daily replay's time.
    bool synced_commits = true;
    /// A check at the end of every simulated day (cms simulate's reference model,
    /// services/simulation/): the expect steps it returns for a day run as if the file had them,
    /// after the day's last step and before the next day's jobs. Their results follow the file's
    /// steps in replay_result, numbered from the file's step count on.
    std::function<std::vector<expectation_step>(core::civil_date day)> expectations_at_day_end;
    /// Stop at the first failed step, expectation or scheduled job (cms simulate).
    bool stop_at_first_failure = false;
    /// Days after whose end (and day-end check) the replay restarts: its writer stopped and the
    /// database closed, then opened again from the file, as a restarted server opens it (cms
    /// simulate; in process only). A file cannot ask for this: a scenario holds what users send.
    std::function<bool(core::civil_date day)> restart_after_day;
};

/// What one step did.
struct step_result {
    std::size_t index = 0;
    core::civil_date on;
    std::string action;  ///< the command name, "run_job accrue" or "expect"
    int status = 0;      ///< the command's HTTP-style status; 200 for a job or an expectation
    bool passed = true;  ///< the status was the expected one, the job succeeded, every figure matched
    std::optional<std::int64_t> created_id;  ///< the id an accepted command created
    std::string detail;  ///< a refusal's field and detail, a job's counts, or failed figures
    std::string problem_type;  ///< a refused command's problem type ("invalid-field"), for the report
    std::string field;         ///< the field a refusal names, if any
};

struct figure_result {
    std::size_t step_index = 0;
    std::string name;
    std::int64_t expected = 0;
    std::optional<std::int64_t> actual;  ///< nothing when the case has no such figure (no schedule)
    bool passed() const { return actual == expected; }
};

/// A job the daily schedule ran between steps (scenario_jobs::daily).
struct scheduled_job_result {
    core::civil_date on;       ///< the simulated day whose tick ran it
    std::string job;           ///< "accrue", "close_day" or "disburse"
    core::civil_date through;
    bool passed = true;        ///< started, succeeded, and posted every case
    std::string detail;        ///< the job's id, or why it did not start or did not succeed
};

struct replay_result {
    std::vector<step_result> steps;
    std::vector<figure_result> figures;
    std::vector<scheduled_job_result> scheduled_jobs;
    /// The cases the scenario's own open_case steps created (or, rerun, were answered with), in id
    /// order: what its report lists, whatever else the database or server holds.
    std::vector<core::case_id> cases_created;
    std::size_t restarts = 0;  ///< replay_options::restart_after_day
    std::size_t failed_steps_count() const;
    std::size_t failed_scheduled_jobs_count() const;
    bool all_passed() const { return failed_steps_count() == 0 && failed_scheduled_jobs_count() == 0; }
};

/// Replays every step against the database at `database_path` (created and migrated when
/// missing) through the services the HTTP API uses, with the business date set to each step's
/// date. Keys are idempotency keys, so replaying the same scenario again writes nothing more and
/// answers the same. Throws only when the database cannot be used.
replay_result replay_scenario(const scenario& played, const std::string& database_path,
                              const replay_options& options = {});

}  // namespace cms::services
