// The random history cms simulate replays (simulation.hpp, generate_simulation_scenario): K
// families over D days as scenario steps, drawn from one SplitMix64 stream in a fixed order, so
// a seed always gives the same file. Every name a step gives starts with its case's name ("c3",
// "c3-pp", "c3-pay2"), so the reducer keeps one case's steps by prefix. Rare events come at a
// raised rate: same-day and backdated payments, reversals after the pay-out, incomes changed
// within and beyond the 25% tolerance (some at an annual review, which has none), shared care
// changed within and across bands, closures from a day inside a month (payments go on: the
// arrears stay collectable), and a collection-fee change in the middle of a month.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/common/splitmix64.hpp"
#include "services/simulation/reference_model.hpp"
#include "services/simulation/simulation.hpp"

namespace cms::services {

namespace {

using nlohmann::json;

/// The history's one stream of draws.
using draws = core::splitmix64;

constexpr std::array<const char*, 4> frequencies = {"weekly", "fortnightly", "four_weekly", "monthly"};
constexpr std::array<const char*, 4> methods = {"standing_order", "direct_debit", "debit_card", "bank_transfer"};
/// Below the equal-care band, all five reducing bands.
constexpr std::array<std::int64_t, 5> shared_care_nights = {52, 104, 130, 156, 175};

/// A step and where it sorts within its day: openings, then changes, payments, reversals.
struct planned_step {
    std::int64_t day = 0;
    int phase = 0;
    json step;
};

class history {
public:
    explicit history(const simulation_options& options) : options_(options), random_{core::splitmix64{options.seed}} {}

    std::string make() {
        json scenario = {{"scenario", "cms simulate --seed " + std::to_string(options_.seed) + " --cases " +
                                          std::to_string(options_.cases_count) + " --days " + std::to_string(options_.days)},
                         {"description", "A generated history (services/simulation/); its figures are the reference model's."},
                         {"jobs", "daily"}};
        if (random_.percent(40)) {
            // A fee change on a day inside a month, so one month is charged at two rates.
            core::civil_date from = date_at(random_.between(15, std::max<std::int64_t>(16, options_.days - 5)));
            if (from.day() == date::day{1}) from = core::add_days(from, 1);
            const std::int64_t paying_bp = random_.percent(50) ? 200 : 1000;
            scenario["policy"] = json::array({{{"table", "collection_fees"},
                                               {"effective_from", core::format_iso_date(from)},
                                               {"row", {{"paying_parent_fee_bp", paying_bp}, {"receiving_parent_fee_bp", 200}}}}});
        }
        for (std::int64_t number = 1; number <= options_.cases_count; ++number) plan_case(number);
        std::stable_sort(planned_.begin(), planned_.end(), [](const planned_step& a, const planned_step& b) {
            return a.day != b.day ? a.day < b.day : a.phase < b.phase;
        });
        json steps = json::array();
        for (planned_step& planned : planned_) {
            planned.step["on"] = core::format_iso_date(date_at(planned.day));
            steps.push_back(std::move(planned.step));
        }
        scenario["steps"] = std::move(steps);
        return scenario_file_text(scenario.dump());
    }

private:
    core::civil_date date_at(std::int64_t day) const { return core::add_days(options_.start, day); }
    std::string key(const std::string& what) const { return "s" + std::to_string(options_.seed) + "-" + what; }

    void add(std::int64_t day, int phase, json step) { planned_.push_back({day, phase, std::move(step)}); }

    std::int64_t draw_income_pence() {
        const std::int64_t roll = random_.below(100);
        if (roll < 8) return random_.between(5'000, 10'000);     // the flat rate
        if (roll < 25) return random_.between(10'001, 19'999);   // the reduced rate
        if (roll < 90) return random_.between(20'000, 80'000);   // the basic rate
        return random_.between(80'001, 350'000);                 // basic plus, and past the £3,000 cap
    }

    json parent(const std::string& name, const char* role) {
        return {{"command", "register_parent"}, {"key", key(name)}, {"as", name},
                {"body", {{"role", role}, {"full_name", std::string(role) + " " + name},
                          {"date_of_birth", "1985-05-" + std::to_string(10 + random_.below(18))},
                          {"local_authority_code", "E06000043"}}}};
    }

    void plan_case(std::int64_t number) {
        const std::string name = "c" + std::to_string(number);
        std::int64_t open_day = number == 1 ? 0 : random_.below(std::max<std::int64_t>(1, options_.days / 3));
        // A month's last day is charged before that day's commands: a case opened then would
        // start inside a charged month.
        if (core::add_days(date_at(open_day), 1).day() == date::day{1}) ++open_day;
        if (open_day >= options_.days) return;
        add(open_day, 0, parent(name + "-pp", "paying"));
        add(open_day, 0, parent(name + "-rp", "receiving"));
        std::int64_t income = draw_income_pence();
        const std::int64_t relevant_other_children = random_.percent(20) ? random_.between(1, 4) : 0;
        json children = json::array();
        std::vector<std::int64_t> nights;
        const std::int64_t children_count = random_.between(1, 3);
        for (std::int64_t child = 0; child < children_count; ++child) {
            json details = {{"full_name", name + " child " + std::to_string(child + 1)},
                            {"date_of_birth", core::format_iso_date(core::add_days(date_at(open_day), -(400 + random_.below(2000))))}};
            nights.push_back(random_.percent(25) ? random_.pick(shared_care_nights) : 0);
            if (nights.back() > 0 || random_.percent(10)) details["shared_care_nights"] = nights.back();
            children.push_back(std::move(details));
        }
        json circumstances = {{"gross_weekly_income_pence", income}, {"relevant_other_children", relevant_other_children}};
        const std::int64_t status = random_.below(100);
        if (status < 4) circumstances["nil_rate_reason"] = "student";               // nil whatever the income
        else if (status < 10) circumstances["benefit"] = "flat_rate_benefit";       // £7, or nil with shared care
        const std::string frequency = random_.pick(frequencies);
        const core::civil_date first_due = core::add_days(date_at(open_day), random_.between(3, 14));
        add(open_day, 0,
            {{"command", "open_case"}, {"key", key(name)}, {"as", name},
             {"body", {{"paying_parent", name + "-pp"}, {"receiving_parent", name + "-rp"}, {"service_type", "collect_and_pay"},
                       {"paying_parent_circumstances", std::move(circumstances)},
                       {"children", std::move(children)},
                       {"payment_schedule", {{"frequency", frequency}, {"first_due_date", core::format_iso_date(first_due)}}}}}});
        std::int64_t weekly = model_weekly_amount_pence(income, relevant_other_children, nights);
        std::optional<std::int64_t> income_day;
        const bool closes = random_.percent(12);
        if (closes) {
            // Closed from a day inside a month not yet charged (a closure may not reach back into
            // a charged month, nor before a change of terms: such a case has no income change).
            std::int64_t day = open_day + 5 + random_.below(options_.days);
            // A month's last day is charged before that day's commands: close the day after.
            if (core::add_days(date_at(day), 1).day() == date::day{1}) ++day;
            if (day < options_.days) {
                const core::civil_date today = date_at(day);
                const std::int64_t since_month_start = static_cast<std::int64_t>(static_cast<unsigned>(today.day())) - 1;
                const std::int64_t back = random_.below(since_month_start + 1);
                const std::int64_t effective = std::max(open_day + 1, day - back);
                add(day, 1, {{"command", "close_case"}, {"key", key(name + "-closure")}, {"case", name},
                             {"body", {{"reason", "receiving_parent_asked"},
                                       {"effective_date", core::format_iso_date(date_at(effective))}}}});
            }
        } else if (random_.percent(30)) {
            const std::int64_t day = open_day + 10 + random_.below(options_.days);
            if (day < options_.days) {
                income_day = day;
                // Mostly beyond the 25% tolerance, sometimes within it (not acted on).
                const std::int64_t percent = random_.percent(20)   ? random_.between(85, 115)
                                             : random_.percent(50) ? random_.between(40, 70)
                                                                   : random_.between(130, 180);
                income = std::max<std::int64_t>(income * percent / 100, 5'000);
                json body = {{"effective_date", core::format_iso_date(date_at(day + random_.between(1, 14)))},
                             {"gross_weekly_income_pence", income}};
                if (random_.percent(20)) body["annual_review"] = true;  // no 25% tolerance
                add(day, 1, {{"command", "record_income"}, {"key", key(name + "-income")}, {"case", name}, {"body", std::move(body)}});
            }
        } else if (random_.percent(20)) {
            // A change of shared care: some children's nights, into another band or within theirs.
            const std::int64_t day = open_day + 10 + random_.below(options_.days);
            if (day < options_.days) {
                json changed = json::array();
                for (std::size_t child = 0; child < nights.size(); ++child) {
                    if (child > 0 && random_.percent(50)) continue;
                    // Below the equal-care band (183 nights), which the model does not cover.
                    const std::int64_t stays =
                        random_.percent(30) ? 0 : std::min<std::int64_t>(random_.pick(shared_care_nights) + random_.below(10), 182);
                    changed.push_back({{"child_number", child + 1}, {"shared_care_nights", stays}});
                }
                add(day, 1, {{"command", "record_shared_care"}, {"key", key(name + "-shared-care")}, {"case", name},
                             {"body", {{"effective_date", core::format_iso_date(date_at(day + random_.between(1, 14)))},
                                       {"children", std::move(changed)}}}});
            }
        }
        const std::int64_t period_days = frequency == std::string("weekly")        ? 7
                                         : frequency == std::string("fortnightly") ? 14
                                                                                   : 28;
        for (std::int64_t instalment = 0;; ++instalment) {
            const core::civil_date due = frequency == std::string("monthly")
                                             ? core::add_months_clamped(first_due, static_cast<int>(instalment))
                                             : core::add_days(first_due, instalment * period_days);
            const std::int64_t pay_day = std::max(core::days_between(options_.start, due) + random_.between(-1, 3), open_day + 1);
            if (pay_day >= options_.days) break;
            if (income_day && pay_day > *income_day) weekly = model_weekly_amount_pence(income, relevant_other_children, nights);
            // The instalment with its 20% fee, as near as the paying parent would know it.
            const std::int64_t expected = std::max<std::int64_t>(weekly * (frequency == std::string("monthly") ? 30 : period_days) * 6 / 35, 100);
            const std::int64_t roll = random_.below(100);
            if (roll < 10) continue;  // missed
            std::int64_t amount = expected;
            if (roll < 30) amount = expected * random_.between(30, 95) / 100;         // short
            else if (roll < 42) amount = expected * random_.between(105, 250) / 100;  // over
            std::int64_t received = pay_day;
            if (random_.percent(12)) received = std::max(open_day, pay_day - random_.between(1, 6));  // backdated
            const std::string payment = name + "-pay" + std::to_string(instalment + 1);
            add(pay_day, 2, {{"command", "record_payment"}, {"key", key(payment)}, {"case", name}, {"as", payment},
                             {"body", {{"amount_pence", std::max<std::int64_t>(amount, 1)},
                                       {"received_on", core::format_iso_date(date_at(received))},
                                       {"method", random_.pick(methods)}, {"reference", key(payment)}}}});
            if (random_.percent(10)) {
                // Mostly after the next day's pay-out passed it on.
                const std::int64_t reversal_day = pay_day + random_.between(0, 20);
                if (reversal_day < options_.days) {
                    add(reversal_day, 3, {{"command", "reverse_payment"}, {"key", key(payment + "-reversal")}, {"payment", payment},
                                          {"body", {{"reason", random_.percent(80) ? "bounced_direct_debit" : "duplicate"},
                                                    {"note", "simulated"}}}});
                }
            }
        }
    }

    const simulation_options& options_;
    draws random_;
    std::vector<planned_step> planned_;
};

}  // namespace

std::string scenario_file_text(const std::string& scenario_json) {
    const json scenario = json::parse(scenario_json);
    std::string text = "{";
    for (const auto& [field, value] : scenario.items()) {
        if (field == "steps") continue;
        text += json(field).dump() + ": " + value.dump() + ",\n ";
    }
    text += "\"steps\": [";
    const json& steps = scenario.at("steps");
    for (std::size_t index = 0; index < steps.size(); ++index) {
        text += (index == 0 ? "\n  " : ",\n  ") + steps[index].dump();
    }
    return text + "\n ]}\n";
}

std::string generate_simulation_scenario(const simulation_options& options) {
    if (options.cases_count < 1 || options.cases_count > simulation_cases_max) {
        throw std::invalid_argument("--cases must be 1 to " + std::to_string(simulation_cases_max));
    }
    if (options.days < 2 || options.days > simulation_days_max) {
        throw std::invalid_argument("--days must be 2 to " + std::to_string(simulation_days_max));
    }
    history made(options);
    return made.make();
}

}  // namespace cms::services
