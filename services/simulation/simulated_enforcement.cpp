#include "services/simulation/simulated_enforcement.hpp"

#include <optional>

#include "core/common/splitmix64.hpp"
#include "core/enforcement/deductions.hpp"
#include "services/enforcement/court_simulation.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"

namespace cms::services {

namespace {

/// Journaled and audited as the simulated caseworker.
constexpr const char* caseworker_actor = "caseworker.simulation";
constexpr std::int64_t proposals_page_cases = 1'000;
/// Actions read at a time when a run starts.
constexpr std::int64_t actions_page_size = 10'000;

bool is_deduction_order(core::enforcement_step step) {
    return step == core::enforcement_step::deduction_from_earnings_order ||
           step == core::enforcement_step::regular_deduction_order;
}

}  // namespace

simulated_enforcement::simulated_enforcement(persistence::writer& writer, persistence::read_pool& readers,
                                             const business_clock& clock, std::uint64_t seed,
                                             std::int64_t deduction_order_fails_bp,
                                             std::vector<core::collection_fee_row> collection_fees)
    : readers_(readers), clock_(clock), seed_(seed), deduction_order_fails_bp_(deduction_order_fails_bp),
      enforcement_(writer, readers, clock, load_enforcement_ladder(std::nullopt), std::move(collection_fees)),
      court_outcomes_(load_court_outcomes(std::nullopt)) {}

bool simulated_enforcement::run(const std::string& key, const std::function<void(outcome_callback)>& submit) {
    const command_outcome outcome = wait_for_outcome(submit);
    if (const refusal* refused = refusal_of(outcome)) {
        if (counts_.refused++ == 0) counts_.first_refusal = key + ": " + refused->field + ": " + refused->detail;
        return false;
    }
    return true;
}

void simulated_enforcement::refresh(core::case_id case_id) {
    auto session = readers_.borrow();
    std::vector<order_in_force> open;
    for (const auto& action : session->enforcement().enforcement_actions_of_case(case_id)) {
        if (core::is_final(action.status) || action.status == core::action_status::proposed) continue;
        open.push_back({action.action_id, action.step, action.status});
    }
    if (open.empty()) actions_.erase(case_id.value);
    else actions_[case_id.value] = std::move(open);
}

void simulated_enforcement::load_open_actions(const std::function<bool(core::case_id)>& followed) {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    for (std::int64_t after = 0;;) {
        const auto actions = session->reports().actions_with_events(after, actions_page_size);
        if (actions.empty()) break;
        after = actions.back().action_id;
        for (const persistence::action_with_events& action : actions) {
            if (action.facts.events.empty() || !followed(action.for_case)) continue;
            // What its latest event left it in is its status.
            const core::action_status status = action.facts.events.back().status_after;
            if (core::is_final(status) || status == core::action_status::proposed) continue;
            actions_[action.for_case.value].push_back({action.action_id, action.facts.step, status});
        }
    }
}

void simulated_enforcement::act_on_proposals(core::civil_date day,
                                             const std::function<simulated_payer(core::case_id)>& payer_of) {
    std::vector<std::pair<core::case_id, persistence::enforcement_action_row>> proposals;
    {
        auto session = readers_.borrow(persistence::read_consistency::snapshot);
        for (std::int64_t after = 0;;) {
            const auto cases = session->enforcement().cases_with_proposals(after, proposals_page_cases);
            if (cases.empty()) break;
            after = cases.back().value;
            for (const core::case_id case_id : cases) {
                if (!payer_of(case_id).profile) continue;
                for (const auto& action : session->enforcement().enforcement_actions_of_case(case_id)) {
                    if (action.status == core::action_status::proposed) proposals.emplace_back(case_id, action);
                }
            }
        }
    }
    for (const auto& [case_id, proposal] : proposals) {
        const simulated_payer payer = payer_of(case_id);
        const payer_profile& profile = *payer.profile;
        const std::string name = "sim-c" + std::to_string(case_id.value) + "-a" + std::to_string(proposal.action_id);
        enforcement_event_command withdraw;
        withdraw.for_case = case_id;
        withdraw.action_id = proposal.action_id;
        withdraw.outcome = {core::action_event::withdraw, day, std::nullopt, std::nullopt};
        withdraw.note = "replaced by the step the paying parent's circumstances allow";
        withdraw.request_json = "{\"event\":\"withdraw\"}";
        if (!run(name + "-withdraw", [&](outcome_callback done) {
                enforcement_.record_event(withdraw, {name + "-withdraw", caseworker_actor}, std::move(done));
            })) {
            continue;
        }
        apply_enforcement_command apply;
        apply.for_case = case_id;
        apply.step = proposal.step;
        if (proposal.step == core::enforcement_step::deduction_from_earnings_order) {
            if (profile.employed) {
                apply.employer = core::employer_details{"Employer of case " + std::to_string(case_id.value),
                                                        core::per_pay_period(profile.net_weekly_earnings, payer.pay_frequency),
                                                        payer.pay_frequency, std::nullopt};
            } else if (profile.has_bank_account) {
                apply.step = core::enforcement_step::regular_deduction_order;
                apply.bank_account_reference = "SIM-" + std::to_string(case_id.value);
            } else {
                apply.step = core::enforcement_step::liability_order;
            }
        }
        if (apply.step == core::enforcement_step::liability_order && !profile.employed && !profile.has_bank_account) {
            apply.deduction_inappropriate = "no employer or account is known";
        }
        apply.note = "applied by the simulation for proposal " + std::to_string(proposal.action_id);
        apply.request_json = "{\"step\":\"" + std::string(core::to_string(apply.step)) + "\"}";
        if (run(name + "-apply", [&](outcome_callback done) {
                enforcement_.apply_step(apply, {name + "-apply", caseworker_actor}, std::move(done));
            })) {
            ++counts_.applied;
        }
        refresh(case_id);
    }
}

void simulated_enforcement::decide_applications(core::civil_date day) {
    court_simulation_options options;
    options.through = day;
    options.seed = seed_;
    const court_simulation_result decided = simulate_court_decisions(enforcement_, readers_, court_outcomes_, options);
    counts_.court_granted += decided.granted;
    counts_.court_refused += decided.refused;
    if (decided.granted + decided.refused == 0) return;
    std::vector<core::case_id> waiting;
    for (const auto& [case_id, open] : actions_) {
        for (const order_in_force& action : open) {
            if (action.status == core::action_status::applied_for) waiting.push_back(core::case_id{case_id});
        }
    }
    for (const core::case_id case_id : waiting) refresh(case_id);
}

bool simulated_enforcement::in_force(core::case_id case_id) const {
    const auto found = actions_.find(case_id.value);
    if (found == actions_.end()) return false;
    for (const order_in_force& action : found->second) {
        if (core::in_force(action.status)) return true;
    }
    return false;
}

bool simulated_enforcement::deducting(core::case_id case_id) const {
    const auto found = actions_.find(case_id.value);
    if (found == actions_.end()) return false;
    for (const order_in_force& action : found->second) {
        if (action.status == core::action_status::active && is_deduction_order(action.step)) return true;
    }
    return false;
}

void simulated_enforcement::take_deduction(core::case_id case_id, core::civil_date day, const simulated_payer& payer) {
    const auto found = actions_.find(case_id.value);
    if (found == actions_.end()) return;
    for (const order_in_force& action : found->second) {
        if (action.status != core::action_status::active || !is_deduction_order(action.step)) continue;
        // One draw per (seed, action, day): a rerun of the day draws the same.
        core::splitmix64 draw{seed_ ^ (static_cast<std::uint64_t>(action.action_id) << 20) ^
                              static_cast<std::uint64_t>(date::sys_days(day).time_since_epoch().count() + (1LL << 40))};
        if (draw.below(10'000) < deduction_order_fails_bp_) {
            const std::string key = "sim-a" + std::to_string(action.action_id) + "-fail";
            enforcement_event_command failed;
            failed.for_case = case_id;
            failed.action_id = action.action_id;
            failed.outcome = {core::action_event::fail, day, std::nullopt, std::nullopt};
            failed.note = "nothing to deduct: the employer or bank has nothing to take";
            failed.request_json = "{\"event\":\"fail\"}";
            if (run(key, [&](outcome_callback done) {
                    enforcement_.record_event(failed, {key, caseworker_actor}, std::move(done));
                })) {
                ++counts_.orders_failed;
            }
            refresh(case_id);
            return;
        }
        deduction_command deduction;
        deduction.for_case = case_id;
        deduction.action_id = action.action_id;
        deduction.on = day;
        if (action.step == core::enforcement_step::deduction_from_earnings_order) {
            deduction.net_earnings = core::per_pay_period(payer.profile->net_weekly_earnings, payer.pay_frequency);
        } else {
            deduction.account_balance = core::money::from_pence(simulated_account_balance_pence);
        }
        const std::string key = "sim-a" + std::to_string(action.action_id) + "-" + core::format_iso_date(day);
        deduction.reference = key;
        deduction.request_json = "{\"on\":\"" + core::format_iso_date(day) + "\"}";
        if (run(key, [&](outcome_callback done) {
                enforcement_.record_deduction(deduction, {key, caseworker_actor}, std::move(done));
            })) {
            ++counts_.deductions;
        }
        return;
    }
}

}  // namespace cms::services
