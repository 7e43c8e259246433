#pragma once
/// What a command or a query answers, in the service's own terms: an accepted answer, or a
/// named refusal carrying the field it is about. Only services/http/ turns these into status
/// codes and problem bodies, so the same outcome reads the same through the API, in a replayed
/// scenario and in the demo loader.
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/common/rejection.hpp"

namespace cms::services {

/// Why a command or query was not carried out. Each is one kind of problem a client can act on.
enum class refusal_kind {
    invalid_request,      ///< a parameter of the request itself (a path or query value, a job's date)
    invalid_field,        ///< a field of the command breaks a rule of core
    not_found,            ///< the command or query names a record that does not exist
    conflicting_state,    ///< the records exist but their state forbids the command
    key_reused,           ///< the Idempotency-Key was used before: by another user, for another command or values
    job_running,          ///< one batch job runs at a time
    real_clock,           ///< the business date moves only on a server that simulates it
    clock_backwards,      ///< a simulated business date never goes back
    four_eyes,            ///< an approval four eyes forbid (one's own request, no known approver)
    role_may_not_decide,  ///< the acting role may not decide write-offs or part payments
    overloaded,           ///< the writer's queue is full: nothing recorded, retry with the same key
    job_not_started,      ///< the job could not be recorded or started
    internal,             ///< a fault, logged; nothing was recorded, retry with the same key
};

/// The refusal's stable name, the problem type a client reads ("invalid-field" in the API's
/// "urn:cms:problem:invalid-field"; a scenario's expect_problem_type).
const char* problem_type_of(refusal_kind kind);
/// The refusal kind a problem type names; nothing for an unknown name.
std::optional<refusal_kind> parse_problem_type(std::string_view type);
/// Every problem type, comma-separated, for a message that lists them.
std::string problem_type_names();

struct refusal {
    refusal_kind kind = refusal_kind::internal;
    std::string detail;  ///< one sentence in our words, naming the field where there is one
    std::string field;   ///< the offending field as the client named it, or empty
};

/// A core rejection as a refusal: "amount_pence" + "must be positive" becomes the detail
/// "amount_pence must be positive" on field "amount_pence".
refusal refusal_from(const core::rejection& rejected);

/// How an accepted command or query was answered.
enum class answer_kind {
    ok,        ///< done, or read
    created,   ///< a new record
    accepted,  ///< started and going on (a batch job)
};

/// An accepted answer: its kind and its body, JSON text written by services/wire/. A command's
/// answer is recorded in the journal as these bytes, and a repeat of its key gets them back.
struct answer {
    answer_kind kind = answer_kind::ok;
    std::string body_json;
};

using command_outcome = std::variant<answer, refusal>;

inline const refusal* refusal_of(const command_outcome& outcome) { return std::get_if<refusal>(&outcome); }

/// A query's answer: the typed value, or why there is none.
template <typename Value>
using query_result = std::variant<Value, refusal>;

}  // namespace cms::services
