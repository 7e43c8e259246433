#include "services/simulation/caseload_simulation.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>

#include "core/cases/case_rules.hpp"
#include "core/payments/schedule.hpp"
#include "persistence/case_terms_batch.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/writer.hpp"
#include "services/batch/batch_job_lock.hpp"
#include "services/batch/batch_scheduler.hpp"
#include "services/batch/job_runner.hpp"
#include "services/clock/business_clock.hpp"
#include "services/clock/clock_commands.hpp"
#include "services/generation/stored_payer_profile.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/payments/payment_intake.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"

namespace cms::services {

namespace {

/// Who the simulation's commands are journaled as: a batch user, as POST /v1/clock requires.
constexpr const char* simulation_actor = "batch.simulation";
/// Children's qualification ends read at most for one day (a day has a caseload's births of one
/// day sixteen years before, a few hundred in a million cases).
constexpr std::int64_t qualification_ends_per_day_max = 1'000'000;

/// The key of the journaled clock move to `day`.
std::string clock_key(core::civil_date day) { return "sim-clock-" + core::format_iso_date(day); }

/// `options.from`; else the day after the last closed day (or the one after, see below); else the day the earliest followed
/// case's liability starts, so every case is lived from its opening.
core::civil_date first_day_of(persistence::read_pool& readers, const caseload_simulation_options& options,
                              const followed_caseload& followed) {
    if (options.from) return *options.from;
    auto session = readers.borrow();
    if (const auto last_closed = session->enforcement().last_closed_day()) {
        // A day's close runs on the next day, after its clock move: a run stopped between the two
        // moved the clock one day past the day after the last closed one. It resumes on the last
        // day it moved to, lived again from its start (every step of a day is keyed or idempotent),
        // so nothing of a later day is acted on under an earlier date.
        const core::civil_date moved_past = core::add_days(*last_closed, 2);
        if (session->journal().find_command_by_key(clock_key(moved_past))) return moved_past;
        return core::add_days(*last_closed, 1);
    }
    std::optional<core::civil_date> earliest;
    for (const followed_case& followed_one : followed.cases()) {
        if (!followed_one.paid_by_simulation()) continue;
        if (!earliest || followed_one.accrual_start < *earliest) earliest = followed_one.accrual_start;
    }
    if (!earliest) {
        throw std::invalid_argument("no day of this database was ever closed and it has no generated Collect and Pay "
                                    "case to follow: give the first day to simulate (--from)");
    }
    return *earliest;
}

class caseload_simulator {
public:
    caseload_simulator(persistence::store& store, const caseload_simulation_options& options, followed_caseload followed,
                       std::vector<core::collection_fee_row> fees, core::civil_date first_day)
        : options_(options), followed_(std::move(followed)), store_(store), first_day_(first_day), clock_(first_day),
          writer_(store.open_write_connection(), persistence::writer_limits{}), jobs_lock_(store.location()),
          // Moving the fee table keeps its elements where they are: the terms' spans still point at them.
          readers_(store, 1), fees_(std::move(fees)) {
        // As cms serve does before any job of its own: rows a dead process left running are marked.
        jobs_lock_.mark_interrupted_jobs(writer_transactions(writer_));
        jobs_.emplace(jobs_lock_, writer_transactions(writer_), &store_, fees_, accrual_job_function{},
                      embedded_calculation_rates());
        enforcement_.emplace(writer_, readers_, clock_, options.seed, options.deduction_order_fails_bp, fees_);
        events_.emplace(writer_, readers_, clock_, options.seed, options.events, fees_);
        result_.first_day = first_day;
    }

    ~caseload_simulator() { writer_.stop(); }
    caseload_simulator(const caseload_simulator&) = delete;
    caseload_simulator& operator=(const caseload_simulator&) = delete;

    caseload_simulation_result run() {
        result_.cases_followed = followed_.collect_and_pay_at_load();
        // A run that goes on from an earlier one finds the orders that one made still in force,
        // and the write-offs it asked for still waiting.
        enforcement_->load_open_actions([this](core::case_id id) { return payer_of(id).profile != nullptr; });
        events_->load_pending_write_offs();
        for (core::civil_date day = first_day_; day <= options_.through; day = core::add_days(day, 1)) {
            if (day != first_day_) move_clock(day);
            const std::vector<core::case_id> ending = qualification_ending(day);
            run_jobs(day);
            refresh(ending);
            enforcement_->decide_applications(day);
            enforcement_->act_on_proposals(day, [this](core::case_id id) { return payer_of(id); });
            pay(day);
            live_events(day);
            ++result_.days;
        }
        result_.enforcement = enforcement_->counts();
        result_.events = events_->counts();
        result_.commits = static_cast<std::int64_t>(writer_.groups_committed());
        return result_;
    }

private:
    simulated_payer payer_of(core::case_id id) const {
        const followed_case* found = followed_.find(id);
        if (!found || !found->paid_by_simulation()) return {};
        return {&found->profile, found->schedule.frequency};
    }

    /// The cases whose children stop qualifying on or before `day` and have not been dealt with:
    /// the day's jobs supersede or close them, and they are read again after.
    std::vector<core::case_id> qualification_ending(core::civil_date day) {
        std::vector<core::case_id> ending;
        for (const auto& end : readers_.borrow()->cases().waiting_qualification_ends(day, std::nullopt,
                                                                                     qualification_ends_per_day_max)) {
            if (ending.empty() || ending.back() != end.for_case) ending.push_back(end.for_case);
        }
        return ending;
    }

    void refresh(const std::vector<core::case_id>& changed) {
        if (changed.empty()) return;
        auto session = readers_.borrow(persistence::read_consistency::snapshot);
        for (const core::case_id id : changed) followed_.refresh(*session, id);
    }

    /// The write-offs whose notice has run, then closures, moves and write-offs
    /// (simulated_case_events.hpp), case by case in id order.
    void live_events(core::civil_date day) {
        events_->decide_write_offs(day);
        const auto& cases = followed_.cases();
        for (std::size_t i = 0; i < cases.size(); ++i) {
            if (cases[i].open && events_->act_on(cases[i], day)) refresh({cases[i].id});
        }
    }

    void move_clock(core::civil_date day) {
        const std::string iso = core::format_iso_date(day);
        std::promise<command_outcome> answered;
        auto future = answered.get_future();
        set_business_date(writer_, clock_, &clock_, {day, nlohmann::json{{"business_date", iso}}.dump()},
                          {clock_key(day), simulation_actor},
                          [&answered](command_outcome outcome) { answered.set_value(std::move(outcome)); });
        const command_outcome outcome = future.get();
        if (const refusal* refused = refusal_of(outcome)) {
            throw std::runtime_error("the simulated clock could not move to " + iso + ": " + refused->detail);
        }
    }

    void run_jobs(core::civil_date day) {
        for (const scheduled_job_run& ran : run_scheduled_jobs(*jobs_, day)) {
            if (ran.result.started() && ran.result.problem.empty()) continue;
            if (result_.scheduled_jobs_failed++ == 0) {
                result_.first_job_failure =
                    std::string(ran.job) + " through " + core::format_iso_date(ran.through) + " on " +
                    core::format_iso_date(day) + ": " +
                    (ran.result.refusal ? std::string(job_start_refusal_name(*ran.result.refusal)) : ran.result.problem);
            }
        }
    }

    /// The payment a followed case makes on `day`, if any.
    std::optional<core::new_payment> payment_on(const followed_case& followed, core::civil_date day,
                                                bool enforcement_in_force) const {
        const core::civil_date due_on = followed.profile.behaviour == payer_behaviour::pays_late
                                            ? core::add_days(day, -followed.profile.days_late)
                                            : day;
        if (due_on < followed.schedule.first_due_date || due_on < followed.collected_from) return std::nullopt;
        if (core::count_due_dates(followed.schedule, due_on, due_on) == 0) return std::nullopt;
        const core::instalment_terms terms{followed.schedule, followed.accrual_start, {}};
        std::array<core::instalment, 1> due{};
        const auto found = core::instalments_between(terms, followed.terms(), due_on, due_on, due);
        if (found.status != core::instalment_status::ok || found.count != 1) return std::nullopt;
        const auto paid = payment_for_instalment(followed.profile, due[0].index, due_on, due[0].total,
                                                   enforcement_in_force);
        if (!paid || paid->received_on != day) return std::nullopt;
        return core::new_payment{followed.id, paid->amount, day, followed.profile.method,
                                 "sim-c" + std::to_string(followed.id.value) + "-i" + std::to_string(due[0].index)};
    }

    void pay(core::civil_date day) {
        std::vector<core::new_payment> payments;
        for (const followed_case& followed : followed_.cases()) {
            if (!followed.paid_by_simulation()) continue;
            if (enforcement_->deducting(followed.id)) {
                if (core::count_due_dates(followed.schedule, day, day) > 0) {
                    enforcement_->take_deduction(followed.id, day, {&followed.profile, followed.schedule.frequency});
                }
                continue;
            }
            if (auto payment = payment_on(followed, day, enforcement_->in_force(followed.id))) {
                payments.push_back(std::move(*payment));
            }
        }
        simulated_day done{day, 0, 0};
        const auto chunk = static_cast<std::size_t>(std::max<std::int64_t>(1, options_.payments_per_command));
        for (std::size_t begin = 0, number = 1; begin < payments.size(); begin += chunk, ++number) {
            const std::size_t end = std::min(payments.size(), begin + chunk);
            record_payments(day, number, std::span(payments).subspan(begin, end - begin), done);
        }
        result_.payments += done.payments;
        result_.paid_pence += done.paid_pence;
        if (options_.on_day) options_.on_day(done);
    }

    /// One journaled command a chunk, keyed by day and number: a chunk found in the journal was
    /// recorded by an earlier run that stopped, and is not recorded again.
    void record_payments(core::civil_date day, std::size_t number, std::span<const core::new_payment> payments,
                         simulated_day& done) {
        const std::string iso = core::format_iso_date(day);
        const std::string key = "sim-pay-" + iso + "-" + std::to_string(number);
        const core::case_limits limits;
        writer_transactions(writer_)([&](persistence::unit_of_work& work) {
            if (work.journal().find_command_by_key(key)) return;
            const nlohmann::json request = {{"day", iso}, {"chunk", number}, {"payments", payments.size()}};
            const core::command_id cause =
                work.journal().append_command({key, "simulate_payments", simulation_actor, iso, request.dump()});
            std::int64_t recorded = 0;
            std::int64_t recorded_pence = 0;
            for (const core::new_payment& payment : payments) {
                const auto opened_on = work.cases().find_case_opened_on(payment.for_case);
                std::optional<core::rejection> refused;
                if (!opened_on) refused = core::rejection{core::rejection_code::not_found, "case_id", "does not exist"};
                else refused = core::check_new_payment(payment, *opened_on, day, limits);
                if (refused) {
                    if (result_.payments_refused++ == 0) result_.first_refusal = payment.reference + ": " + refused->detail;
                    continue;
                }
                take_in_payment(work, payment, cause, fees_);
                ++recorded;
                recorded_pence += payment.amount.pence();
            }
            const nlohmann::json outcome = {{"recorded", recorded}, {"paid_pence", recorded_pence}};
            work.journal().record_command_outcome(cause, 201, outcome.dump());
            done.payments += recorded;
            done.paid_pence += recorded_pence;
        });
    }

    const caseload_simulation_options& options_;
    followed_caseload followed_;
    persistence::store& store_;
    core::civil_date first_day_;
    simulated_business_clock clock_;
    persistence::writer writer_;
    batch_job_lock jobs_lock_;
    persistence::read_pool readers_;
    std::vector<core::collection_fee_row> fees_;
    std::optional<job_runner> jobs_;
    std::optional<simulated_enforcement> enforcement_;
    std::optional<simulated_case_events> events_;
    caseload_simulation_result result_;
};

}  // namespace

void use_parameters(caseload_simulation_options& options, const caseload_parameters& parameters) {
    options.deduction_order_fails_bp = parameters.deduction_order_fails_bp;
    options.events = parameters.events;
}

caseload_simulation_result simulate_caseload(persistence::store& store, const caseload_simulation_options& options,
                                             const payer_profile_page& profiles) {
    std::vector<core::collection_fee_row> fees =
        options.collection_fees.empty() ? load_collection_fees(std::nullopt) : options.collection_fees;
    std::optional<followed_caseload> loaded;
    core::civil_date first_day;
    {
        persistence::read_pool readers(store, 1);
        loaded.emplace(followed_caseload::load(readers, fees, options.through, profiles));
        first_day = first_day_of(readers, options, *loaded);
    }
    if (options.through < first_day) {
        throw std::invalid_argument("--through " + core::format_iso_date(options.through) + " is before the first day " +
                                    core::format_iso_date(first_day));
    }
    caseload_simulator simulator(store, options, std::move(*loaded), std::move(fees), first_day);
    return simulator.run();
}

caseload_simulation_result simulate_caseload(persistence::store& store, const caseload_simulation_options& options) {
    persistence::read_pool readers(store, 1);
    return simulate_caseload(store, options, [&readers](std::int64_t after_case_id, std::int64_t limit) {
        return list_payer_profiles(readers.borrow()->cases(), after_case_id, limit);
    });
}

}  // namespace cms::services
