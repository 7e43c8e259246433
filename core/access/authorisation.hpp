#pragma once
/// Who may do what: the roles a user can hold, the families of access a route needs, and the
/// four-eyes rule for approvals. Pure data and functions so the same table answers the HTTP
/// layer, the CLI and the tests, and a change of policy is a change in one place.
#include <cstddef>
#include <optional>
#include <string_view>

namespace cms::core {

/// What a user is for. A user holds exactly one role.
enum class role {
    caseworker,  ///< cases, income, payments, enforcement requests
    supervisor,  ///< what a caseworker does, and approves write-offs and part payments
    batch,       ///< runs jobs and advances a simulated clock
    analyst,     ///< reports; reads nothing personal and writes nothing
    auditor,     ///< reads everything, including the audit trail; writes nothing
    admin,       ///< manages users; no case data
};

/// Which kind of access a route needs; each route in the API names one.
enum class access_family {
    public_health,  ///< no credentials needed
    case_read,
    case_write,
    payment_write,
    calculation,
    job_run,
    report_read,
    approval,
    audit_read,
    user_admin,
};

inline constexpr role all_roles[] = {role::caseworker, role::supervisor, role::batch,
                                     role::analyst,    role::auditor,    role::admin};
inline constexpr access_family all_access_families[] = {
    access_family::public_health, access_family::case_read,   access_family::case_write,
    access_family::payment_write, access_family::calculation, access_family::job_run,
    access_family::report_read,   access_family::approval,    access_family::audit_read,
    access_family::user_admin};

/// The lower-case name used in the database, the CLI and logs ("caseworker").
std::string_view role_name(role held);
std::optional<role> parse_role(std::string_view name);
std::string_view access_family_name(access_family family);

/// True when a family needs no credentials at all (health checks).
bool is_public(access_family family);

/// The role table: may a holder of `held` use routes of `family`? Public families are open to
/// every role too.
bool role_may_use(role held, access_family family);

/// Why an approval is refused, or that it is allowed.
enum class approval_decision {
    allowed,
    role_may_not_approve,  ///< the approver's role lacks the approval family
    self_approval,         ///< four eyes: nobody approves their own request
    unknown_requester,     ///< the request names no requester, so four eyes cannot be shown
};

/// The four-eyes rule for write-offs and part payments: the approver holds a role that may
/// approve and is a different, named user from the one who asked. Names compare exactly.
approval_decision may_approve(role approver_role, std::string_view approver_name,
                              std::string_view requester_name);

/// The longest user name, in bytes.
inline constexpr std::size_t user_name_bytes_max = 64;
/// A user name as the CLI, the API and the audit trail accept it: 1 to 64 of [A-Za-z0-9._-], so
/// it can sit in a URL query or a log line without escaping.
bool is_valid_user_name(std::string_view name);

}  // namespace cms::core
