#include "core/access/authorisation.hpp"

namespace cms::core {

namespace {

/// One row per role: the families it may use beyond the public ones. Kept as a switch so the
/// compiler (-Wswitch) points at this table when a role or family is added.
bool grants(role held, access_family family) {
    switch (held) {
        case role::caseworker:
            return family == access_family::case_read || family == access_family::case_write ||
                   family == access_family::payment_write || family == access_family::calculation;
        case role::supervisor:
            return grants(role::caseworker, family) || family == access_family::approval;
        case role::batch:
            return family == access_family::job_run;
        case role::analyst:
            // Reports are aggregate; case reads carry names and dates of birth, so not here.
            return family == access_family::report_read || family == access_family::calculation;
        case role::auditor:
            return family == access_family::case_read || family == access_family::report_read ||
                   family == access_family::calculation || family == access_family::audit_read;
        case role::admin:
            return family == access_family::user_admin;
    }
    return false;
}

}  // namespace

std::string_view role_name(role held) {
    switch (held) {
        case role::caseworker: return "caseworker";
        case role::supervisor: return "supervisor";
        case role::batch: return "batch";
        case role::analyst: return "analyst";
        case role::auditor: return "auditor";
        case role::admin: return "admin";
    }
    return "unknown";
}

std::optional<role> parse_role(std::string_view name) {
    for (const role candidate : all_roles) {
        if (role_name(candidate) == name) return candidate;
    }
    return std::nullopt;
}

std::string_view access_family_name(access_family family) {
    switch (family) {
        case access_family::public_health: return "public_health";
        case access_family::case_read: return "case_read";
        case access_family::case_write: return "case_write";
        case access_family::payment_write: return "payment_write";
        case access_family::calculation: return "calculation";
        case access_family::job_run: return "job_run";
        case access_family::report_read: return "report_read";
        case access_family::approval: return "approval";
        case access_family::audit_read: return "audit_read";
        case access_family::user_admin: return "user_admin";
    }
    return "unknown";
}

bool is_public(access_family family) { return family == access_family::public_health; }

bool role_may_use(role held, access_family family) { return is_public(family) || grants(held, family); }

approval_decision may_approve(role approver_role, std::string_view approver_name,
                              std::string_view requester_name) {
    if (!grants(approver_role, access_family::approval)) return approval_decision::role_may_not_approve;
    if (requester_name.empty()) return approval_decision::unknown_requester;
    if (approver_name == requester_name) return approval_decision::self_approval;
    return approval_decision::allowed;
}

bool is_valid_user_name(std::string_view name) {
    if (name.empty() || name.size() > user_name_bytes_max) return false;
    for (const char c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                             c == '.' || c == '_' || c == '-';
        if (!allowed) return false;
    }
    return true;
}

}  // namespace cms::core
