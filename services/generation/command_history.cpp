#include "services/generation/command_history.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/common/splitmix64.hpp"
#include "persistence/read_pool.hpp"
#include "persistence/store.hpp"
#include "persistence/writer.hpp"
#include "services/batch/batch_job_lock.hpp"
#include "services/batch/batch_scheduler.hpp"
#include "services/batch/job_runner.hpp"
#include "services/cases/case_service.hpp"
#include "services/clock/business_clock.hpp"
#include "services/clock/clock_commands.hpp"
#include "services/generation/caseload_generator.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/wire/circumstance_parsing.hpp"
#include "services/wire/command_parsing.hpp"

namespace cms::services {

namespace {

using nlohmann::json;

/// The history's one stream of draws.
using draws = core::splitmix64;

constexpr std::array<const char*, 10> first_names = {"Alex", "Sam", "Jo", "Chris", "Pat",
                                                     "Robin", "Ash", "Casey", "Jordan", "Taylor"};
constexpr std::array<const char*, 10> surnames = {"Ashworth", "Bell", "Carter", "Dale", "Evans",
                                                  "Frost", "Gray", "Hale", "Irving", "Jones"};
constexpr std::array<const char*, 3> caseworkers = {"caseworker.amy", "caseworker.ben", "caseworker.cal"};
/// Who moves the simulated clock: a batch user, as POST /v1/clock requires.
constexpr const char* clock_actor = "batch.clock";
constexpr std::array<const char*, 4> frequencies = {"weekly", "fortnightly", "four_weekly", "monthly"};
constexpr std::array<const char*, 4> methods = {"standing_order", "direct_debit", "debit_card", "bank_transfer"};
/// Shared care below the equal-care band (core/calculation/README.md), so every case has an amount.
constexpr std::array<std::int64_t, 4> shared_care_nights = {52, 104, 130, 156};

/// One case as the generator follows it; a second case of a paying parent is paid with the first's.
struct followed_case {
    std::int64_t number = 0;  ///< 1-based, in keys
    std::int64_t open_day = 0;
    std::optional<std::size_t> first_case_of_parent;  ///< set on a paying parent's second case
    std::optional<std::int64_t> income_change_day;
    std::int64_t case_id = 0;
    std::int64_t paying_parent = 0;
    std::int64_t gross_weekly_income_pence = 0;
    std::int64_t weekly_amount_pence = 0;
    const char* frequency = "monthly";
    core::civil_date first_due;
    std::int64_t instalments_seen = 0;
    core::civil_date pay_on;  ///< the day the next instalment's payment (or its absence) is drawn
    bool has_second_case = false;
    std::size_t second_case = 0;
};

struct planned_reversal {
    std::int64_t payment_id = 0;
    std::string case_key;
};

class history_maker {
public:
    history_maker(persistence::store& store, const command_history_options& options)
        : options_(options), random_{core::splitmix64{options.seed}}, store_(store), clock_(options.start),
          writer_(store.open_write_connection(), persistence::writer_limits{}), jobs_lock_(store.location()),
          readers_(store, 1), cases_(writer_, readers_, clock_) {
        // As cms serve does before any job of its own: rows a dead process left running are marked.
        jobs_lock_.mark_interrupted_jobs(writer_transactions(writer_));
        jobs_.emplace(jobs_lock_, writer_transactions(writer_), &store_, load_collection_fees(std::nullopt),
                      accrual_job_function{}, cases_.calculation_rates());
    }

    ~history_maker() { writer_.stop(); }
    history_maker(const history_maker&) = delete;
    history_maker& operator=(const history_maker&) = delete;

    command_history_result make() {
        plan_cases();
        for (std::int64_t day = 0; day < options_.days; ++day) {
            today_ = core::add_days(options_.start, day);
            if (day > 0) {
                const std::string what = "clock-" + core::format_iso_date(today_);
                run(what, [&](outcome_callback done) {
                    set_business_date(writer_, clock_, &clock_,
                                      parse_set_business_date({{"business_date", core::format_iso_date(today_)}}),
                                      context(key(what), clock_actor), std::move(done));
                });
            }
            for (const scheduled_job_run& ran : run_scheduled_jobs(*jobs_, today_)) {
                if (ran.result.started() && ran.result.problem.empty()) continue;
                if (result_.scheduled_jobs_failed++ == 0) {
                    result_.first_job_failure = std::string(ran.job) + " through " + core::format_iso_date(ran.through) +
                                                " on " + core::format_iso_date(today_) + ": " +
                                                (ran.result.refusal ? std::string(job_start_refusal_name(*ran.result.refusal))
                                                                    : ran.result.problem);
                }
            }
            for (followed_case& followed : cases_followed_) {
                if (followed.open_day == day) open(followed);
            }
            for (followed_case& followed : cases_followed_) {
                if (followed.case_id == 0 || followed.income_change_day != day) continue;
                // Not before the parent's second case opens: that opening recalculates this case
                // from its day, which must not come before a change already made (the rule of
                // core/calculation/supersession).
                const followed_case* second = followed.has_second_case ? &cases_followed_[followed.second_case] : nullptr;
                if (second != nullptr && second->open_day > day) {
                    followed.income_change_day = second->open_day;
                    continue;
                }
                change_income(followed);
            }
            for (followed_case& followed : cases_followed_) {
                if (followed.case_id != 0 && !followed.first_case_of_parent && followed.pay_on == today_) pay(followed);
            }
            const auto due = reversals_.find(day);
            if (due != reversals_.end()) {
                for (const planned_reversal& reversal : due->second) reverse(reversal);
            }
        }
        result_.last_day = today_;
        return result_;
    }

private:
    static command_context context(const std::string& key, const std::string& actor) { return {key, actor}; }

    std::string key(const std::string& what) const { return "g" + std::to_string(options_.seed) + "-" + what; }

    std::string caseworker() { return random_.pick(caseworkers); }

    /// Sends one command and waits for its answer: the answer's body, or nothing when refused.
    std::optional<json> run(const std::string& what, const std::function<void(outcome_callback)>& submit) {
        std::promise<command_outcome> answered;
        auto future = answered.get_future();
        submit([&answered](command_outcome outcome) { answered.set_value(std::move(outcome)); });
        const command_outcome outcome = future.get();
        if (const refusal* refused = refusal_of(outcome)) {
            if (result_.commands_refused++ == 0) result_.first_refusal = key(what) + ": " + refused->detail;
            return std::nullopt;
        }
        ++result_.commands_accepted;
        return json::parse(std::get<answer>(outcome).body_json);
    }

    /// Every case's opening day, a paying parent's second case and income changes, drawn before
    /// the first day so the plan does not depend on what the service answers.
    void plan_cases() {
        const std::int64_t opening_days = std::max<std::int64_t>(1, options_.days / 3);
        for (std::int64_t number = 1; number <= options_.cases_count; ++number) {
            followed_case followed;
            followed.number = number;
            followed.open_day = number == 1 ? 0 : random_.below(opening_days);
            if (!cases_followed_.empty() && random_.percent(12)) {
                const auto earlier = static_cast<std::size_t>(random_.below(static_cast<std::int64_t>(cases_followed_.size())));
                followed_case& first = cases_followed_[earlier];
                std::int64_t open_day = std::max(followed.open_day, first.open_day + 1 + random_.below(20));
                // A second case recalculates the first from its opening day, which a month's last
                // day cannot be once the scheduler has charged that month (it does so that day).
                const core::civil_date opened_on = core::add_days(options_.start, open_day);
                if (last_month_end_on_or_before(opened_on) == opened_on) ++open_day;
                if (!first.first_case_of_parent && !first.has_second_case && open_day < options_.days) {
                    first.has_second_case = true;
                    first.second_case = cases_followed_.size();
                    followed.first_case_of_parent = earlier;
                    followed.open_day = open_day;
                }
            }
            // A paying parent's income changes through their first case (it recalculates both).
            if (!followed.first_case_of_parent && random_.percent(25)) {
                followed.income_change_day = followed.open_day + 10 + random_.below(options_.days);
            }
            cases_followed_.push_back(followed);
        }
    }

    std::int64_t register_parent(const char* role, std::int64_t born_years_before, const std::string& what) {
        const json body = {{"role", role},
                           {"full_name", std::string(random_.pick(first_names)) + " " + random_.pick(surnames)},
                           {"date_of_birth", core::format_iso_date(core::add_days(
                                                 today_, -(born_years_before * 365 + random_.below(365 * 15))))},
                           {"local_authority_code", random_.pick(generated_area_codes)}};
        const std::string actor = caseworker();
        const auto answered = run(what, [&](outcome_callback done) {
            cases_.register_parent(parse_register_parent(body, cases_.limits()), context(key(what), actor), std::move(done));
        });
        return answered ? answered->at("id").get<std::int64_t>() : 0;
    }

    std::int64_t draw_income_pence() {
        const std::int64_t roll = random_.below(100);
        if (roll < 8) return random_.between(5'000, 9'999);       // the flat rate
        if (roll < 25) return random_.between(10'000, 19'999);    // the reduced rate
        if (roll < 90) return random_.between(20'000, 79'999);    // the basic rate
        return random_.between(80'000, 250'000);                  // basic plus, up to the £3,000 cap
    }

    void open(followed_case& followed) {
        const std::string case_key = "c" + std::to_string(followed.number);
        if (followed.first_case_of_parent) {
            const followed_case& first = cases_followed_[*followed.first_case_of_parent];
            if (first.case_id == 0) return;  // its opening was refused: no parent to open a second case for
            followed.paying_parent = first.paying_parent;
            followed.gross_weekly_income_pence = first.gross_weekly_income_pence;
            followed.frequency = first.frequency;
        } else {
            followed.paying_parent = register_parent("paying", 22, case_key + "-paying");
            followed.gross_weekly_income_pence = draw_income_pence();
            followed.frequency = random_.pick(frequencies);
        }
        const std::int64_t receiving = register_parent("receiving", 22, case_key + "-receiving");
        if (followed.paying_parent == 0 || receiving == 0) return;
        json children = json::array();
        const std::int64_t children_count = random_.between(1, 3);
        for (std::int64_t child = 0; child < children_count; ++child) {
            json details = {{"full_name", std::string(random_.pick(first_names)) + " " + random_.pick(surnames)},
                            {"date_of_birth", core::format_iso_date(core::add_days(today_, -(365 + random_.below(365 * 4))))}};
            if (random_.percent(20)) details["shared_care_nights"] = random_.pick(shared_care_nights);
            children.push_back(std::move(details));
        }
        followed.first_due = core::add_days(today_, random_.between(3, 14));
        const json body = {{"paying_parent_id", followed.paying_parent},
                           {"receiving_parent_id", receiving},
                           {"service_type", "collect_and_pay"},
                           {"paying_parent_circumstances", {{"gross_weekly_income_pence", followed.gross_weekly_income_pence}}},
                           {"children", std::move(children)},
                           {"payment_schedule",
                            {{"frequency", followed.frequency}, {"first_due_date", core::format_iso_date(followed.first_due)}}}};
        const std::string actor = caseworker();
        const auto answered = run(case_key, [&](outcome_callback done) {
            cases_.open_case(parse_open_case_command(body, cases_.limits()), context(key(case_key), actor), std::move(done));
        });
        if (!answered) return;
        ++result_.cases_opened;
        followed.case_id = answered->at("id").get<std::int64_t>();
        followed.weekly_amount_pence = answered->at("weekly_amount_pence").get<std::int64_t>();
        followed.pay_on = core::add_days(followed.first_due, random_.between(-1, 3));
        if (followed.pay_on < core::add_days(today_, 1)) followed.pay_on = core::add_days(today_, 1);
    }

    /// The n-th due date (0-based) of the case's schedule.
    static core::civil_date due_date(const followed_case& followed, std::int64_t instalment) {
        const std::string frequency = followed.frequency;
        if (frequency == "monthly") return core::add_months_clamped(followed.first_due, static_cast<int>(instalment));
        const std::int64_t days = frequency == "weekly" ? 7 : frequency == "fortnightly" ? 14 : 28;
        return core::add_days(followed.first_due, instalment * days);
    }

    static std::int64_t instalment_pence(const followed_case& followed, std::int64_t weekly_pence) {
        const std::string frequency = followed.frequency;
        if (frequency == "monthly") return weekly_pence * 52 / 12;
        return weekly_pence * (frequency == "weekly" ? 1 : frequency == "fortnightly" ? 2 : 4);
    }

    /// The instalment paid in full, short, over or not at all; a paying parent with two cases
    /// pays once for both (POST /v1/parents/{id}/payments), split by the apportionment policy.
    void pay(followed_case& followed) {
        std::int64_t weekly = followed.weekly_amount_pence;
        if (followed.has_second_case) weekly += cases_followed_[followed.second_case].weekly_amount_pence;
        const std::int64_t expected = std::max<std::int64_t>(instalment_pence(followed, weekly), 100);
        const std::int64_t roll = random_.below(100);
        std::optional<std::int64_t> amount;
        if (roll < 22) amount = expected * random_.between(30, 90) / 100;        // short
        else if (roll < 32) amount = expected * random_.between(110, 200) / 100;  // over
        else if (roll >= 42) amount = expected;                                   // in full; else missed
        const std::int64_t instalment = followed.instalments_seen++;
        followed.pay_on = core::add_days(due_date(followed, followed.instalments_seen), random_.between(-1, 3));
        if (followed.pay_on < core::add_days(today_, 1)) followed.pay_on = core::add_days(today_, 1);
        if (!amount) return;
        const core::civil_date opened = core::add_days(options_.start, followed.open_day);
        core::civil_date received = random_.percent(15) ? core::add_days(today_, -random_.between(1, 3)) : today_;
        if (received < opened) received = opened;
        const std::string what = "c" + std::to_string(followed.number) + "-pay" + std::to_string(instalment + 1);
        const json body = {{"amount_pence", std::max<std::int64_t>(*amount, 1)},
                           {"received_on", core::format_iso_date(received)},
                           {"method", random_.pick(methods)},
                           {"reference", "G" + std::to_string(options_.seed) + "-" + what}};
        const std::string actor = caseworker();
        std::optional<json> answered;
        if (followed.has_second_case && cases_followed_[followed.second_case].case_id != 0) {
            answered = run(what, [&](outcome_callback done) {
                cases_.record_parent_payment(
                    parse_record_parent_payment(body, core::parent_id{followed.paying_parent}, cases_.limits()),
                    context(key(what), actor), std::move(done));
            });
        } else {
            answered = run(what, [&](outcome_callback done) {
                cases_.record_payment(parse_record_payment(body, core::case_id{followed.case_id}, cases_.limits()),
                                      context(key(what), actor), std::move(done));
            });
        }
        if (!answered) return;
        ++result_.payments;
        // A split payment's shares are payments of their cases; the first share is the one taken back.
        const json& payment = answered->contains("payments") ? answered->at("payments").at(0) : *answered;
        if (random_.percent(7)) {
            const std::int64_t on_day = core::days_between(options_.start, today_) + random_.between(2, 9);
            reversals_[on_day].push_back({payment.at("id").get<std::int64_t>(), what});
        }
    }

    void reverse(const planned_reversal& reversal) {
        const std::string what = reversal.case_key + "-reversal";
        const json body = {{"reason", random_.percent(80) ? "bounced_direct_debit" : "duplicate"},
                           {"note", "the bank returned the payment"}};
        const std::string actor = caseworker();
        const auto answered = run(what, [&](outcome_callback done) {
            cases_.reverse_payment(parse_reverse_payment(body, core::payment_id{reversal.payment_id}),
                                   context(key(what), actor), std::move(done));
        });
        if (answered) ++result_.reversals;
    }

    /// Beyond the 25% tolerance either way, so the calculation is superseded from the date.
    void change_income(followed_case& followed) {
        const std::int64_t percent = random_.percent(50) ? random_.between(40, 70) : random_.between(130, 180);
        const std::int64_t income = std::max<std::int64_t>(followed.gross_weekly_income_pence * percent / 100, 1);
        const std::string what = "c" + std::to_string(followed.number) + "-income";
        const json body = {{"effective_date", core::format_iso_date(core::add_days(today_, random_.between(1, 14)))},
                           {"gross_weekly_income_pence", income}};
        const std::string actor = caseworker();
        const auto answered = run(what, [&](outcome_callback done) {
            cases_.record_income(parse_income_change(body, core::case_id{followed.case_id}), context(key(what), actor),
                                 std::move(done));
        });
        if (!answered) return;
        ++result_.income_changes;
        followed.gross_weekly_income_pence = income;
        followed.weekly_amount_pence = answered->at("weekly_amount_pence").get<std::int64_t>();
    }

    const command_history_options& options_;
    draws random_;
    persistence::store& store_;
    simulated_business_clock clock_;
    persistence::writer writer_;
    batch_job_lock jobs_lock_;
    persistence::read_pool readers_;
    case_service cases_;
    std::optional<job_runner> jobs_;  ///< made once the lock has marked what a dead process left running
    std::vector<followed_case> cases_followed_;
    std::map<std::int64_t, std::vector<planned_reversal>> reversals_;  ///< by day number
    core::civil_date today_;
    command_history_result result_;
};

}  // namespace

command_history_result generate_command_history(persistence::store& store, const command_history_options& options) {
    if (options.cases_count < 1 || options.cases_count > command_history_cases_max) {
        throw std::invalid_argument("cases_count must be 1 to " + std::to_string(command_history_cases_max));
    }
    if (options.days < 1 || options.days > command_history_days_max) {
        throw std::invalid_argument("days must be 1 to " + std::to_string(command_history_days_max));
    }
    history_maker maker(store, options);
    return maker.make();
}

}  // namespace cms::services
