#include "services/simulation/simulated_case_events.hpp"

#include <nlohmann/json.hpp>

#include <array>

#include "core/arrears/write_off.hpp"
#include "services/ledger/ledger_service.hpp"
#include "services/policy/enforcement_policy_loader.hpp"
#include "services/wire/command_parsing.hpp"
#include "services/wire/enforcement_json.hpp"

namespace cms::services {

namespace {

/// Write-off requests read at a time when a run starts.
constexpr std::int64_t requests_page_size = 1'000;
/// A day's share of a yearly chance in basis points: the draw is below 365 x 10,000.
constexpr std::int64_t days_a_year = 365;

std::int64_t instalments_a_year(const core::payment_schedule& schedule) {
    switch (schedule.frequency) {
        case core::payment_frequency::weekly: return 52;
        case core::payment_frequency::fortnightly: return 26;
        case core::payment_frequency::four_weekly: return 13;
        case core::payment_frequency::monthly: return 12;
    }
    return 12;
}

std::string case_day(core::case_id for_case, core::civil_date day) {
    return "c" + std::to_string(for_case.value) + "-" + core::format_iso_date(day);
}

core::closure_reason closure_reason_of(closure_cause cause) {
    switch (cause) {
        case closure_cause::receiving_parent_asked: return core::closure_reason::receiving_parent_asked;
        case closure_cause::parents_live_together: return core::closure_reason::parents_live_together;
        case closure_cause::paying_parent_died:
        case closure_cause::receiving_parent_died: return core::closure_reason::parent_died;
    }
    return core::closure_reason::receiving_parent_asked;
}

/// Arrears of every kind (maintenance, fees, charges) on the case's position on `day`.
core::money total_arrears(persistence::read_view& view, core::case_id for_case, core::civil_date day,
                          std::span<const core::collection_fee_row> fees) {
    // Ageing does not matter here; one open bucket is a valid table that ages nothing apart.
    static constexpr std::array<core::ageing_bucket, 1> one_bucket{{{"1+", 1, std::nullopt}}};
    const core::case_position position = case_position_of(view, for_case, day, fees, one_bucket);
    return position.arrears ? position.arrears->total : core::money{};
}

/// Whether a warning notice was given before `day` and within the 12 months before it: the one a
/// move to Collect and Pay after a missed payment needs (SI 2014/1386 reg 6). A notice of `day`
/// itself is left out, so a day lived again after a stop (its notice already recorded) sends the
/// same notice again, found in the journal, rather than moving the case on the strength of it.
struct direct_pay_notices {
    bool warned_before = false;
    bool moved_today = false;  ///< onto Direct Pay: no other event today (simulated_case_events::act_on)
};
direct_pay_notices notices_of(persistence::read_view& view, core::case_id for_case, core::civil_date day) {
    const core::civil_date window_from = core::add_months_clamped(day, -12);
    direct_pay_notices found;
    for (const auto& notice : view.enforcement().case_notices_of_case(for_case)) {
        if (notice.kind == core::case_notice::direct_pay_warning && !(notice.on < window_from) && notice.on < day) {
            found.warned_before = true;
        }
        if (notice.kind == core::case_notice::service_switched && notice.on == day) found.moved_today = true;
    }
    return found;
}

}  // namespace

core::splitmix64 case_event_draw(std::uint64_t seed, case_event event, core::case_id for_case, core::civil_date day) {
    // Days from 1970 offset to stay positive, in the low 22 bits; the case above them; the event
    // in the top bits: distinct (event, case, day) give distinct states, and SplitMix64's mixing
    // makes their draws independent.
    const auto days = static_cast<std::uint64_t>(date::sys_days(day).time_since_epoch().count() + (1LL << 21));
    return core::splitmix64{seed ^ (static_cast<std::uint64_t>(event) << 58) ^
                            (static_cast<std::uint64_t>(for_case.value) << 22) ^ days};
}

bool happens_today(core::splitmix64& draw, std::int64_t per_year_bp) {
    return draw.below(days_a_year * shares_total_bp) < per_year_bp;
}

simulated_case_events::simulated_case_events(persistence::writer& writer, persistence::read_pool& readers,
                                             const business_clock& clock, std::uint64_t seed,
                                             case_event_parameters parameters,
                                             std::vector<core::collection_fee_row> collection_fees)
    : readers_(readers), seed_(seed), parameters_(std::move(parameters)), fees_(std::move(collection_fees)),
      cases_(writer, readers, clock, core::case_limits{}, embedded_calculation_rates(), fees_),
      enforcement_(writer, readers, clock, load_enforcement_ladder(std::nullopt), fees_) {}

std::optional<std::string> simulated_case_events::run(const std::string& key,
                                                      const std::function<void(outcome_callback)>& submit) {
    const command_outcome outcome = wait_for_outcome(submit);
    if (const refusal* refused = refusal_of(outcome)) {
        if (counts_.refused++ == 0) counts_.first_refusal = key + ": " + refused->field + ": " + refused->detail;
        return std::nullopt;
    }
    return std::get<answer>(outcome).body_json;
}

void simulated_case_events::load_pending_write_offs() {
    auto session = readers_.borrow(persistence::read_consistency::snapshot);
    for (std::int64_t after = 0;;) {
        const auto page = session->arrears_requests().list_arrears_requests(true, after, requests_page_size);
        if (page.empty()) break;
        after = page.back().id;
        for (const persistence::arrears_request_row& row : page) {
            if (row.request.kind != core::approval_kind::write_off || row.requested_by != simulated_caseworker) continue;
            waiting_[row.id] = {row.id, row.for_case, row.request.amount, row.requested_on, row.approvable_from};
            cases_waiting_.insert(row.for_case.value);
        }
    }
}

bool simulated_case_events::act_on(const followed_case& followed, core::civil_date day) {
    // A case that moved today has no other event today: one run stops at the move, and a run
    // that lives the day again after a stop finds it already moved.
    const bool collect_and_pay = followed.paid_by_simulation();
    if (!followed.open || (collect_and_pay && followed.service_since == day)) return false;
    // On Collect and Pay a case closes on one of its due dates, after the day's payment: the
    // instalment then paid covers the days up to the closure, so nothing it owed falls due after
    // it (the simulation pays no more once a case is closed). So its chance is drawn on those
    // days only, the yearly chance spread over its instalments.
    if (parameters_.closure_per_year_bp > 0) {
        const std::int64_t closure_days =
            !collect_and_pay ? days_a_year
                             : (core::count_due_dates(followed.schedule, day, day) > 0 ? instalments_a_year(followed.schedule) : 0);
        auto draw = case_event_draw(seed_, case_event::closure, followed.id, day);
        if (closure_days > 0 && draw.below(closure_days * shares_total_bp) < parameters_.closure_per_year_bp &&
            close(followed, draw_share(parameters_.closure_causes, draw), day)) {
            return true;
        }
    }
    return followed.service == core::service_type::collect_and_pay ? on_collect_and_pay(followed, day)
                                                                   : on_direct_pay(followed, day);
}

bool simulated_case_events::close(const followed_case& followed, closure_cause cause, core::civil_date day) {
    const bool may_write_off =
        followed.service == core::service_type::collect_and_pay && !cases_waiting_.contains(followed.id.value);
    core::money owed;
    {
        auto session = readers_.borrow();
        if (closure_refusal(*session, followed.id, day, day)) return false;
        if (may_write_off) owed = arrears_owed(*session, followed.id, 0, day, fees_);
    }
    if (owed > core::money{}) {
        // Asked for before the closure, so a run stopped between the two finds the request
        // waiting, and closes, as one run does.
        const core::write_off_policy policy;
        if (!(day < policy.small_balance_from) && owed < policy.small_balance_max) {
            request_write_off(followed.id, core::write_off_reason::small_balance_case_ended, owed, day);
        } else if (cause == closure_cause::paying_parent_died) {
            request_write_off(followed.id, core::write_off_reason::paying_parent_died_nothing_recoverable, owed, day);
        } else if (cause == closure_cause::receiving_parent_died) {
            request_write_off(followed.id, core::write_off_reason::receiving_parent_died, owed, day);
        }
    }
    const std::string key = "sim-close-" + case_day(followed.id, day);
    const nlohmann::json body = {{"reason", core::to_string(closure_reason_of(cause))},
                                 {"effective_date", core::format_iso_date(day)}};
    close_case_command command = parse_close_case(body, followed.id);
    if (!run(key, [&](outcome_callback done) {
            cases_.close_case(std::move(command), {key, simulated_caseworker}, std::move(done));
        })) {
        return false;
    }
    ++counts_.closures;
    return true;
}

bool simulated_case_events::on_collect_and_pay(const followed_case& followed, core::civil_date day) {
    if (parameters_.write_off_per_year_bp > 0 && !cases_waiting_.contains(followed.id.value)) {
        auto draw = case_event_draw(seed_, case_event::write_off, followed.id, day);
        if (happens_today(draw, parameters_.write_off_per_year_bp)) {
            const core::write_off_reason reason = draw_share(parameters_.write_off_reasons, draw);
            const core::money owed = arrears_owed(*readers_.borrow(), followed.id, 0, day, fees_);
            if (owed > core::money{}) request_write_off(followed.id, reason, owed, day);
        }
    }
    if (parameters_.to_direct_pay_per_year_bp > 0) {
        auto draw = case_event_draw(seed_, case_event::to_direct_pay, followed.id, day);
        const core::civil_date paying_since = std::max(followed.schedule.first_due_date, followed.collected_from);
        if (happens_today(draw, parameters_.to_direct_pay_per_year_bp) &&
            !(day < core::add_days(paying_since, parameters_.to_direct_pay_paying_days_min)) &&
            total_arrears(*readers_.borrow(), followed.id, day, fees_).is_zero()) {
            return switch_service(followed.id, core::service_type::direct_pay, core::service_switch_reason::both_parents_agree,
                                  day);
        }
    }
    return false;
}

bool simulated_case_events::on_direct_pay(const followed_case& followed, core::civil_date day) {
    if (parameters_.non_payment_reported_per_year_bp <= 0) return false;
    auto draw = case_event_draw(seed_, case_event::non_payment_reported, followed.id, day);
    if (!happens_today(draw, parameters_.non_payment_reported_per_year_bp)) return false;
    direct_pay_notices notices;
    {
        auto session = readers_.borrow();
        const auto schedule = session->cases().find_payment_schedule(followed.id);
        if (!schedule) return false;
        const std::int64_t fallen_due = core::count_due_dates(*schedule, schedule->first_due_date, day);
        if (fallen_due == 0) return false;
        // What the profile would pay of the latest instalment, were it asked for through the
        // service: in full (on time or late), there is nothing to report.
        const core::money asked = core::money::from_pence(10'000);
        const auto paid = payment_for_instalment(followed.profile, fallen_due - 1, day, asked, false);
        if (paid && paid->amount == asked) return false;
        notices = notices_of(*session, followed.id, day);
    }
    if (notices.moved_today) return false;
    if (notices.warned_before) {
        return switch_service(followed.id, core::service_type::collect_and_pay,
                              core::service_switch_reason::missed_payment_reported, day);
    }
    const std::string key = "sim-warn-" + case_day(followed.id, day);
    warning_notice_command command =
        parse_warning_notice({{"note", "the receiving parent reported a missed payment"}}, followed.id);
    if (run(key, [&](outcome_callback done) {
            enforcement_.record_warning_notice(std::move(command), {key, simulated_caseworker}, std::move(done));
        })) {
        ++counts_.warning_notices;
    }
    return false;
}

bool simulated_case_events::switch_service(core::case_id for_case, core::service_type to,
                                           core::service_switch_reason reason, core::civil_date day) {
    const bool to_collect = to == core::service_type::collect_and_pay;
    const std::string key = std::string(to_collect ? "sim-collect-" : "sim-direct-pay-") + case_day(for_case, day);
    const nlohmann::json body = {{"to", core::to_string(to)},
                                 {"reason", core::to_string(reason)},
                                 {"effective_date", core::format_iso_date(day)}};
    switch_service_command command = parse_switch_service(body, for_case);
    if (service_switch_refusal(*readers_.borrow(), command, day, fees_)) return false;
    if (!run(key, [&](outcome_callback done) {
            enforcement_.switch_service(std::move(command), {key, simulated_caseworker}, std::move(done));
        })) {
        return false;
    }
    ++(to_collect ? counts_.to_collect_and_pay : counts_.to_direct_pay);
    return true;
}

void simulated_case_events::request_write_off(core::case_id for_case, core::write_off_reason reason, core::money amount,
                                              core::civil_date day) {
    const std::string key = "sim-write-off-" + case_day(for_case, day);
    const nlohmann::json body = {{"amount_pence", amount.pence()}, {"reason", core::to_string(reason)}};
    arrears_request_command command = parse_arrears_request(body, for_case, core::approval_kind::write_off);
    const auto answered = run(key, [&](outcome_callback done) {
        cases_.request_arrears_action(std::move(command), {key, simulated_caseworker}, std::move(done));
    });
    if (!answered) return;
    const nlohmann::json request = nlohmann::json::parse(*answered);
    const std::int64_t id = request.at("id").get<std::int64_t>();
    waiting_[id] = {id, for_case, amount, day, *core::parse_iso_date(request.at("approvable_from").get<std::string>())};
    cases_waiting_.insert(for_case.value);
    ++counts_.write_offs_requested;
}

void simulated_case_events::decide_write_offs(core::civil_date day) {
    std::vector<waiting_write_off> due;
    for (const auto& [id, waiting] : waiting_) {
        if (waiting.requested_on < day && !(day < waiting.approvable_from)) due.push_back(waiting);
    }
    for (const waiting_write_off& waiting : due) {
        // The parent may have paid some of the arrears during the notice: a write-off of more than
        // is owed is not approved, so the supervisor rejects it.
        const bool approve = !(arrears_owed(*readers_.borrow(), waiting.for_case, 0, day, fees_) < waiting.amount);
        const std::string key = "sim-decide-w" + std::to_string(waiting.request_id);
        const nlohmann::json body = {
            {"note", approve ? "the notice has run and no representations were made"
                             : "the arrears were paid down during the notice: less is owed than the request"}};
        arrears_decision_command command = parse_arrears_decision(body, waiting.request_id, approve);
        if (run(key, [&](outcome_callback done) {
                cases_.decide_arrears_request(std::move(command), core::role::supervisor, {key, simulated_supervisor},
                                              std::move(done));
            })) {
            if (approve) {
                ++counts_.write_offs_approved;
                counts_.written_off_pence += waiting.amount.pence();
            } else {
                ++counts_.write_offs_rejected;
            }
        }
        waiting_.erase(waiting.request_id);
        cases_waiting_.erase(waiting.for_case.value);
    }
}

}  // namespace cms::services
