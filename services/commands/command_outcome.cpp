#include "services/commands/command_outcome.hpp"

#include <array>

namespace cms::services {

refusal refusal_from(const core::rejection& rejected) {
    refusal_kind kind = refusal_kind::invalid_field;
    switch (rejected.code) {
        case core::rejection_code::invalid_field: kind = refusal_kind::invalid_field; break;
        case core::rejection_code::not_found: kind = refusal_kind::not_found; break;
        case core::rejection_code::conflicting_state: kind = refusal_kind::conflicting_state; break;
    }
    return refusal{kind, rejected.field + " " + rejected.detail, rejected.field};
}

namespace {

struct problem_type_name {
    refusal_kind kind;
    const char* type;
};
constexpr std::array<problem_type_name, 13> problem_types{{
    {refusal_kind::invalid_request, "invalid-request"},
    {refusal_kind::invalid_field, "invalid-field"},
    {refusal_kind::not_found, "not-found"},
    {refusal_kind::conflicting_state, "conflicting-state"},
    {refusal_kind::key_reused, "idempotency-key-reused"},
    {refusal_kind::job_running, "job-running"},
    {refusal_kind::real_clock, "real-clock"},
    {refusal_kind::clock_backwards, "clock-backwards"},
    {refusal_kind::four_eyes, "four-eyes"},
    {refusal_kind::role_may_not_decide, "forbidden"},
    {refusal_kind::overloaded, "overloaded"},
    {refusal_kind::job_not_started, "job-not-started"},
    {refusal_kind::internal, "internal"},
}};

}  // namespace

const char* problem_type_of(refusal_kind kind) {
    for (const problem_type_name& entry : problem_types) {
        if (entry.kind == kind) return entry.type;
    }
    return "internal";
}

std::optional<refusal_kind> parse_problem_type(std::string_view type) {
    for (const problem_type_name& entry : problem_types) {
        if (type == entry.type) return entry.kind;
    }
    return std::nullopt;
}

std::string problem_type_names() {
    std::string names;
    for (const problem_type_name& entry : problem_types) names += (names.empty() ? "" : ", ") + std::string(entry.type);
    return names;
}

}  // namespace cms::services
