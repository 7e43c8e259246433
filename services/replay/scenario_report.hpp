#pragma once
/// `cms replay --report FILE`: what each replayed scenario left in its database, as the API shows
/// it. For every case, the bodies of GET /v1/cases/{id}/balance, /statement,
/// /enforcement-actions and /disbursements, rendered in-process by the routes' own functions
/// (services/http/), so a report taken over HTTP from a live server on the same database and
/// business date can be compared with it byte for byte.
///
/// JSON is kept as text here: outside services/http/ and services/wire/ a service header names no
/// JSON type (tools/check_layers, services_speak_domain).
#include <string>
#include <string_view>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/ledger/collection_fee_policy.hpp"

namespace cms::services {

/// The "cases" of one scenario's report entry, as JSON text: an array of
/// {"case_id", "balance", "statement", "enforcement", "disbursements"} for each of `cases` (the
/// ones the scenario's steps created: replay_result::cases_created, so several scenarios into one
/// database or one server each report their own) in the database at `database_path`, in order, each body as its route answers it on
/// `business_date` with no query parameters (the routes' defaults: the balance as of the business
/// date, the statement's year to it, page 1 of 100, the first 100 disbursement rows). A case
/// whose read is refused carries the refusal's problem body, as the route would answer.
/// Opens the database itself: call it after the replay has let go of it. The balances are those
/// of the collection fees the scenario replayed under (policy_of(scenario).collection_fees).
std::string read_case_reports(const std::string& database_path, core::civil_date business_date,
                              const std::vector<core::collection_fee_row>& fees, const std::vector<core::case_id>& cases);

/// The query each of the four routes is read with over HTTP for a report on `business_date`
/// (http_replay.cpp): the routes' defaults on that date spelled out, so a server whose clock has
/// moved on since answers what it would have answered then. "balance?as_of=D", ...
std::vector<std::string> case_report_targets(core::case_id id, core::civil_date business_date);

/// One case's report entry from the four bodies, in case_report_targets' order, as JSON text.
std::string case_report_entry(core::case_id id, const std::vector<std::string>& bodies);

struct scenario_report_entry {
    std::string file;  ///< as given on the command line
    std::string name;  ///< the scenario's "name"
    bool passed = false;
    std::string cases_json;  ///< read_case_reports' text
};

/// A statement line's cause names the journal entry of the command that posted it ("command:22").
/// Journal ids count every entry of a database, on a server its users and clock moves too, so the
/// same scenario's commands have other ids there than in process. The report numbers them
/// instead, per scenario, in the order it first shows them: "command:1" is the first command
/// whose posting it lists. `cases_json` is read_case_reports' text; the same text is returned
/// with the causes renumbered.
inline constexpr std::string_view command_cause_prefix = "command:";
std::string with_commands_numbered(const std::string& cases_json);

/// {"scenarios": [{"file", "name", "passed", "cases"}, ...]} pretty-printed (two spaces) with a
/// final newline: the same replay gives the same bytes.
std::string scenario_report_text(const std::vector<scenario_report_entry>& entries);

}  // namespace cms::services
