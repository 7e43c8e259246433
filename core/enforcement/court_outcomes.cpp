#include "core/enforcement/court_outcomes.hpp"

#include <map>

namespace cms::core {

namespace {

/// SplitMix64's finaliser: a fixed, well-mixed function of its input (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014).
std::uint64_t mix(std::uint64_t value) {
    value += 0x9E3779B97F4A7C15ULL;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ULL;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBULL;
    return value ^ (value >> 31);
}

bool in_share_range(basis_points share) { return share.value >= 0 && share.value <= 10'000; }

}  // namespace

const court_outcome_row* court_outcome_on(std::span<const court_outcome_row> rows, enforcement_step step,
                                          civil_date day) {
    const court_outcome_row* found = nullptr;
    for (const court_outcome_row& row : rows) {
        if (row.step == step && !(day < row.effective_from) && (!found || found->effective_from < row.effective_from)) {
            found = &row;
        }
    }
    return found;
}

bool valid_court_outcome_rows(std::span<const court_outcome_row> rows) {
    std::map<enforcement_step, civil_date> latest;
    for (const court_outcome_row& row : rows) {
        if (!in_share_range(row.granted_share) || !in_share_range(row.wilful_refusal_share)) return false;
        const auto before = latest.find(row.step);
        if (before != latest.end() && !(before->second < row.effective_from)) return false;
        latest[row.step] = row.effective_from;
    }
    return true;
}

std::int64_t draw_basis_points(std::uint64_t seed, std::int64_t action_id, std::uint32_t draw) {
    const std::uint64_t mixed = mix(mix(seed) ^ mix(static_cast<std::uint64_t>(action_id) * 4 + draw));
    // The top 53 bits reduced modulo 10,000: 2^53 is not a multiple of 10,000, and the bias that
    // leaves (about 1 in 9 x 10^11) is far below the 1-in-10,000 step of a share.
    return static_cast<std::int64_t>((mixed >> 11) % 10'000);
}

civil_date decided_on(const ladder_step_rule& rule, civil_date applied_on) {
    return add_days(applied_on, rule.court_lead_days);
}

action_outcome draw_court_decision(const court_outcome_row& row, const ladder_step_rule& rule, civil_date applied_on,
                                   std::uint64_t seed, std::int64_t action_id) {
    action_outcome outcome;
    outcome.on = decided_on(rule, applied_on);
    const bool granted = draw_basis_points(seed, action_id, 0) < row.granted_share.value;
    outcome.event = granted ? action_event::grant : action_event::refuse;
    if (granted && rule.needs_court_finding) {
        outcome.finding = draw_basis_points(seed, action_id, 1) < row.wilful_refusal_share.value
                              ? court_finding::wilful_refusal
                              : court_finding::culpable_neglect;
        if (rule.duration_days_max > 0) outcome.until = add_days(outcome.on, rule.duration_days_max);
    }
    return outcome;
}

}  // namespace cms::core
