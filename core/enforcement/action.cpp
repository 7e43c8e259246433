#include "core/enforcement/action.hpp"

#include <algorithm>
#include <string>

#include "core/common/enum_names.hpp"

namespace cms::core {

namespace {

constexpr enum_name_table<action_status, 9> status_names{{
    {action_status::proposed, "proposed"},
    {action_status::applied_for, "applied_for"},
    {action_status::granted, "granted"},
    {action_status::refused, "refused"},
    {action_status::active, "active"},
    {action_status::succeeded, "succeeded"},
    {action_status::failed, "failed"},
    {action_status::withdrawn, "withdrawn"},
    {action_status::expired, "expired"},
}};

constexpr enum_name_table<action_event, 9> event_names{{
    {action_event::apply, "apply"},
    {action_event::grant, "grant"},
    {action_event::refuse, "refuse"},
    {action_event::activate, "activate"},
    {action_event::succeed, "succeed"},
    {action_event::fail, "fail"},
    {action_event::withdraw, "withdraw"},
    {action_event::expire, "expire"},
    {action_event::propose, "propose"},
}};

constexpr enum_name_table<court_finding, 2> finding_names{{
    {court_finding::wilful_refusal, "wilful_refusal"},
    {court_finding::culpable_neglect, "culpable_neglect"},
}};

rejection refused_step(std::string_view precondition, const std::string& why) {
    return rejection{rejection_code::conflicting_state, "step", "precondition " + std::string(precondition) + ": " + why};
}

rejection refused_event(const std::string& why) {
    return rejection{rejection_code::conflicting_state, "event", why};
}

bool contains(const std::vector<enforcement_step>& steps, enforcement_step step) {
    return std::find(steps.begin(), steps.end(), step) != steps.end();
}

std::string names_of(const std::vector<enforcement_step>& steps) {
    std::string out;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (i > 0) out += i + 1 == steps.size() ? " or " : ", ";
        out += to_string(steps[i]);
    }
    return out;
}

bool liability_order_exists(std::span<const enforcement_action_state> history) {
    return std::any_of(history.begin(), history.end(), [](const enforcement_action_state& action) {
        return action.step == enforcement_step::liability_order &&
               (in_force(action.status) || action.status == action_status::succeeded ||
                action.status == action_status::failed);
    });
}

bool deduction_failed(std::span<const enforcement_action_state> history) {
    return std::any_of(history.begin(), history.end(), [](const enforcement_action_state& action) {
        const bool deduction = action.step == enforcement_step::deduction_from_earnings_order ||
                               action.step == enforcement_step::regular_deduction_order;
        return deduction && (action.status == action_status::failed || action.status == action_status::expired);
    });
}

std::optional<rejection> failed_precondition(ladder_precondition precondition, const step_application& application,
                                             const enforcement_case_facts& facts) {
    const std::string_view name = to_string(precondition);
    switch (precondition) {
        case ladder_precondition::collect_and_pay:
            if (!facts.collect_and_pay) return refused_step(name, "enforcement powers apply only to Collect and Pay cases");
            break;
        case ladder_precondition::arrears:
            if (facts.maintenance_arrears.pence() <= 0) return refused_step(name, "the paying parent has no maintenance arrears");
            break;
        case ladder_precondition::employer_known:
            if (!application.employer_named) return refused_step(name, "the application must name the employer and the net earnings");
            break;
        case ladder_precondition::bank_account_known:
            if (!application.bank_account_named) return refused_step(name, "the application must name the bank account");
            break;
        case ladder_precondition::deduction_inappropriate_or_ineffective:
            if (!application.deduction_inappropriate_reason_given && !deduction_failed(facts.history)) {
                return refused_step(name, "a deduction order must have failed first, or the application must say why "
                                          "deductions are inappropriate (deduction_inappropriate)");
            }
            break;
        case ladder_precondition::liability_order_granted:
            if (!liability_order_exists(facts.history)) return refused_step(name, "no liability order has been granted on this case");
            break;
    }
    return std::nullopt;
}

std::optional<rejection> in_force_conflict(const ladder_step_rule& rule, std::int64_t action_id,
                                           std::span<const enforcement_action_state> history) {
    for (const enforcement_action_state& other : history) {
        if (other.action_id != action_id && in_force(other.status) && contains(rule.never_with, other.step)) {
            return rejection{rejection_code::conflicting_state, "step",
                             "precondition never_with: " + std::string(to_string(rule.step)) + " cannot be in force with " +
                                 std::string(to_string(other.step)) + " (action " + std::to_string(other.action_id) + ")"};
        }
    }
    return std::nullopt;
}

std::optional<rejection> check_until(const ladder_step_rule& rule, const action_outcome& outcome) {
    if (!outcome.until) return std::nullopt;
    if (!(outcome.on < *outcome.until)) return rejection{rejection_code::invalid_field, "until", "must be after the event's date"};
    if (rule.duration_days_max > 0 && days_between(outcome.on, *outcome.until) > rule.duration_days_max) {
        return rejection{rejection_code::invalid_field, "until",
                         "may be at most " + std::to_string(rule.duration_days_max) + " days after the event's date, " +
                             format_iso_date(add_days(outcome.on, rule.duration_days_max))};
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(action_status status) { return name_in(status_names, status); }
std::optional<action_status> parse_action_status(std::string_view text) { return value_named(status_names, text); }
std::string_view to_string(action_event event) { return name_in(event_names, event); }
std::optional<action_event> parse_action_event(std::string_view text) { return value_named(event_names, text); }
std::string_view to_string(court_finding finding) { return name_in(finding_names, finding); }
std::optional<court_finding> parse_court_finding(std::string_view text) { return value_named(finding_names, text); }

bool is_final(action_status status) {
    return status == action_status::refused || status == action_status::succeeded || status == action_status::failed ||
           status == action_status::withdrawn || status == action_status::expired;
}

bool in_force(action_status status) { return status == action_status::granted || status == action_status::active; }

std::optional<rejection> check_step_allowed(const enforcement_ladder& ladder, const step_application& application,
                                            const enforcement_case_facts& facts) {
    const ladder_step_rule* rule = ladder.rule_on(application.step, application.on);
    if (!rule) {
        return rejection{rejection_code::conflicting_state, "step",
                         std::string(to_string(application.step)) + " is not available on " +
                             format_iso_date(application.on) + " (no rule of the enforcement ladder is in force for it)"};
    }
    for (const ladder_precondition precondition : rule->preconditions) {
        if (auto failed = failed_precondition(precondition, application, facts)) return failed;
    }
    if (facts.arrears_agreement_kept_since) {
        return refused_step("no_arrears_agreement_kept",
                            "the arrears agreement made on " + format_iso_date(*facts.arrears_agreement_kept_since) +
                                " is being kept; a further step waits until it is broken");
    }
    if (!rule->after_one_of.empty()) {
        const bool tried = std::any_of(facts.history.begin(), facts.history.end(), [&](const enforcement_action_state& action) {
            return action.applied_on && contains(rule->after_one_of, action.step);
        });
        if (!tried) return refused_step("after_one_of", names_of(rule->after_one_of) + " must be tried first");
    }
    if (auto conflict = in_force_conflict(*rule, 0, facts.history)) return conflict;
    if (rule->court) {
        for (const enforcement_action_state& action : facts.history) {
            if (action.step == application.step &&
                (action.status == action_status::applied_for || in_force(action.status))) {
                return refused_step("not_already_before_the_court",
                                    "action " + std::to_string(action.action_id) + " is already " +
                                        std::string(to_string(action.status)));
            }
        }
    }
    std::optional<civil_date> latest;
    for (const enforcement_action_state& action : facts.history) {
        if (action.applied_on && (!latest || *latest < *action.applied_on)) latest = action.applied_on;
    }
    if (latest && days_between(*latest, application.on) < rule->min_days_after_previous) {
        return refused_step("min_days_after_previous",
                            "not before " + format_iso_date(add_days(*latest, rule->min_days_after_previous)) + ", " +
                                std::to_string(rule->min_days_after_previous) + " days after the last step");
    }
    return std::nullopt;
}

action_status status_when_applied(const ladder_step_rule& rule) {
    return rule.court ? action_status::applied_for : action_status::active;
}

std::variant<action_status, rejection> apply_outcome(const enforcement_action_state& action,
                                                    const ladder_step_rule& rule, const action_outcome& outcome,
                                                    std::span<const enforcement_action_state> history) {
    const std::string now = std::string(to_string(action.status));
    if (is_final(action.status)) return refused_event("the action is " + now + ": nothing more can happen to it");
    if (action.applied_on && outcome.on < *action.applied_on) {
        return rejection{rejection_code::invalid_field, "on", "must not be before the action was applied for"};
    }
    const auto cannot = [&] {
        return refused_event(std::string(to_string(outcome.event)) + " cannot happen to an action that is " + now);
    };
    switch (outcome.event) {
        case action_event::apply:
            if (action.status != action_status::proposed) return cannot();
            return status_when_applied(rule);
        case action_event::grant:
            if (action.status != action_status::applied_for) return cannot();
            if (rule.needs_court_finding && !outcome.finding) {
                return rejection{rejection_code::invalid_field, "court_finding",
                                 "the court must find wilful_refusal or culpable_neglect before making this order"};
            }
            if (auto bad = check_until(rule, outcome)) return *bad;
            if (auto conflict = in_force_conflict(rule, action.action_id, history)) return *conflict;
            return action_status::granted;
        case action_event::refuse:
            if (action.status != action_status::applied_for) return cannot();
            return action_status::refused;
        case action_event::activate:
            if (action.status != action_status::granted) return cannot();
            if (auto bad = check_until(rule, outcome)) return *bad;
            if (auto conflict = in_force_conflict(rule, action.action_id, history)) return *conflict;
            return action_status::active;
        case action_event::succeed:
        case action_event::fail:
        case action_event::expire:
            if (!in_force(action.status)) return cannot();
            return outcome.event == action_event::succeed ? action_status::succeeded
                   : outcome.event == action_event::fail  ? action_status::failed
                                                          : action_status::expired;
        case action_event::withdraw:
            return action_status::withdrawn;
        case action_event::propose:
            return cannot();  // only the daily close creates a proposal
    }
    return cannot();
}

bool makes_the_order(const ladder_step_rule& rule, action_event event) {
    return rule.court ? event == action_event::grant : event == action_event::apply;
}

enforcement_charge_decision charge_for(const ladder_step_rule& rule, std::int64_t action_id,
                                       std::span<const enforcement_action_state> history) {
    if (rule.charge.is_zero()) return {};
    for (const enforcement_action_state& other : history) {
        if (other.action_id != action_id && other.step == rule.step && in_force(other.status)) {
            return {money{}, "a further or replacement order of a step already in force (Fees Regulations 2014 reg 12)"};
        }
    }
    return {rule.charge, std::nullopt};
}

}  // namespace cms::core
