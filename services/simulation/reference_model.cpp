// The reference model (reference_model.hpp), written from the rules, not from production code.
// The rules and their public sources:
//   - Rate bands, Child Support Act 1991 Sch 1 paras 2-4 and SI 2012/2677 reg 43-44
//     (https://www.gov.uk/how-child-maintenance-is-worked-out): nil below £7 a week; flat £7 from
//     £7 to £100; reduced £7 + T% of income over £100 below £200 (T by children 1/2/3+: 17%, 25%,
//     31% with no relevant other children, less with them); basic 12/16/19% from £200 to £800;
//     basic plus 9/12/15% of income over £800, income capped at £3,000; for the basic rates income
//     is first cut by 11/14/16% for 1/2/3+ relevant other children (Sch 1 para 2(3)).
//   - Equal split per child, remainder pennies to the first children; shared care per child
//     (Sch 1 para 7): 52-103 nights 1/7 off, 104-155 2/7, 156-174 3/7, 175+ 1/2 and £7 more; the
//     total after shared care not below the £7 floor (then the floor, split again). The flat rate
//     for income of £7-£100 ignores shared care. Every rounding half up to the penny where a rate
//     or fraction is applied (the project's stated reading of SI 2012/2677 reg 6).
//   - A nil-rate reason (a student, say) is nil; a prescribed benefit is the flat rate, nil when a
//     child stays 52 nights or more (Sch 1 paras 4-5 and 8, SI 2012/2677 regs 44-45).
//   - A change of income is acted on when it moves income by 25% or more (SI 2012/2677 reg 23),
//     any change at an annual review (regs 19-20); a change of shared care when a child's nights
//     move to another band. Either takes effect from its date with the other circumstances kept.
//   - Maintenance accrues by the day at weekly / 7, and on Collect and Pay the paying parent's
//     collection fee of 20% of each day's maintenance (SI 2014/612 reg 7); figures are rounded
//     half up once, cumulatively from the start of the liability, so periods add up.
//   - The payment plan (GOV.UK "Manage your child maintenance case"): weekly, fortnightly,
//     four-weekly or monthly (same day each month, clamped to the month's end); each instalment
//     asks for what accrued from the previous due date to the day before its own, the first from
//     the case's start.
//   - The monthly accrual charges each month on its last day. A payment settles what is charged,
//     maintenance first then the fee, and the rest waits as credit, applied the same way when the
//     next month is charged. These and the rest are this service's documented policy, not law
//     (core/payments/README.md, read as a specification): a payment sits in the ledger at its
//     received date and settles no more than each account's lowest balance from there to the end;
//     a reversal undoes the payment's own settlements, takes its left credit back from the credit
//     held and, for what of it was applied since, from the fee and then maintenance settled, and
//     the credit then held is applied again.
//   - Arrears on a date: what fell due before it, per account, less what is settled, never below
//     nil, less the credit held.
#include "services/simulation/reference_model.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <stdexcept>

namespace cms::services {

namespace {

using nlohmann::json;
using core::civil_date;

/// The flat rate and the floor after shared care: £7 a week (SI 2013/1654).
constexpr std::int64_t flat_pence = 700;

/// The shared-care band of a number of nights a year: 0 below 52, then 52-103, 104-155, 156-174
/// and 175 or more (Sch 1 para 7).
int shared_care_band(std::int64_t nights) {
    if (nights >= 175) return 4;
    if (nights >= 156) return 3;
    if (nights >= 104) return 2;
    return nights >= 52 ? 1 : 0;
}

std::int64_t half_up_divide(std::int64_t numerator, std::int64_t denominator) {
    return (2 * numerator + denominator) / (2 * denominator);  // numerator >= 0, denominator > 0
}

civil_date date_of(const json& text) {
    const auto parsed = core::parse_iso_date(text.get<std::string>());
    if (!parsed) throw std::invalid_argument("bad date " + text.dump());
    return *parsed;
}

std::int64_t day_number(civil_date day) { return date::sys_days{day}.time_since_epoch().count(); }
civil_date from_day_number(std::int64_t number) { return civil_date{date::sys_days{date::days{static_cast<int>(number)}}}; }

bool is_month_end(civil_date day) { return from_day_number(day_number(day) + 1).day() == date::day{1}; }

/// The monthly due date `months` after `first`, on `first`'s day of the month or the month's last day.
civil_date monthly_due(civil_date first, std::int64_t months) {
    const date::year_month month = date::year_month{first.year(), first.month()} + date::months{static_cast<int>(months)};
    const date::day last = date::year_month_day_last{month.year(), date::month_day_last{month.month()}}.day();
    return civil_date{month.year(), month.month(), std::min(first.day(), last)};
}

struct fee_rate_change {
    std::int64_t from_day = 0;
    std::int64_t paying_parent_fee_bp = 0;
};

struct payment_record {
    std::int64_t amount = 0;
    std::int64_t to_maintenance = 0;
    std::int64_t to_fee = 0;
    std::int64_t to_credit = 0;  ///< what it left as credit when it was recorded
    bool reversed = false;
};

/// A change of what is charged and unsettled, at its place in the ledger (by date, then as recorded).
struct ledger_entry {
    std::int64_t day = 0;
    std::int64_t maintenance = 0;
    std::int64_t fee = 0;
};

/// One case as the model follows it.
struct modelled_case {
    std::int64_t start_day = 0;
    std::int64_t income_pence = 0;
    std::int64_t relevant_other_children = 0;
    bool nil_rate_status = false;   ///< a nil-rate reason (a student, say): nil whatever the income
    bool flat_rate_benefit = false;  ///< a prescribed benefit: the flat rate whatever the income
    std::vector<std::int64_t> nights;
    std::string frequency;
    civil_date first_due;
    /// Weekly amount from a day on: (day, pence), ascending.
    std::vector<std::pair<std::int64_t, std::int64_t>> weekly_from;
    /// Exact sums from the start through start_day + i: weekly pence over days, and weekly pence
    /// times the fee rate; rebuilt when the weekly amount changes.
    std::vector<std::int64_t> weekly_days_through, fee_weighted_through;
    std::int64_t charged_maintenance = 0, charged_fee = 0;
    std::int64_t settled_maintenance = 0, settled_fee = 0;
    std::int64_t credit = 0, cash = 0;
    std::map<std::string, payment_record> payments;  ///< by the payment step's name
    std::vector<ledger_entry> ledger;
};

class model {
public:
    explicit model(const json& scenario) {
        fees_.push_back({day_number(civil_date{date::year{2014} / date::August / 11}), 2000});
        if (scenario.contains("policy")) {
            for (const json& override_row : scenario.at("policy")) {
                if (override_row.at("table") != "collection_fees") {
                    throw std::invalid_argument("the model knows no policy table " + override_row.at("table").dump());
                }
                fees_.push_back({day_number(date_of(override_row.at("effective_from"))),
                                 override_row.at("row").at("paying_parent_fee_bp").get<std::int64_t>()});
            }
        }
        std::stable_sort(fees_.begin(), fees_.end(), [](const auto& a, const auto& b) { return a.from_day < b.from_day; });
    }

    model_run run(const json& steps) {
        model_run result;
        if (steps.empty()) return result;
        std::int64_t today = day_number(date_of(steps.front().at("on")));
        std::size_t next = 0;
        const std::int64_t last = day_number(date_of(steps.back().at("on")));
        horizon_day_ = last;
        for (; today <= last; ++today) {
            // The day's tick: a month ending today is charged before the day's commands.
            if (is_month_end(from_day_number(today))) {
                for (auto& [name, followed] : cases_) charge_through(followed, today);
            }
            for (; next < steps.size() && day_number(date_of(steps[next].at("on"))) == today; ++next) {
                apply(steps[next], today);
            }
            for (auto& [name, followed] : cases_) result.cases[name][from_day_number(today)] = figures_of(followed, today);
        }
        return result;
    }

private:
    std::int64_t fee_bp_on(std::int64_t day) const {
        std::int64_t bp = 0;
        for (const fee_rate_change& change : fees_) {
            if (change.from_day <= day) bp = change.paying_parent_fee_bp;
        }
        return bp;
    }

    /// The weekly amount at this income under the case's status (SI 2012/2677 regs 44-45 and
    /// Sch 1 paras 4-5 and 8): a nil-rate reason is nil; a prescribed benefit the flat rate,
    /// nothing for a receiving parent with a child staying 52 nights or more (one receiving
    /// parent here: the whole case); otherwise the income's band.
    static std::int64_t weekly_amount_of(const modelled_case& followed, std::int64_t income) {
        if (followed.nil_rate_status) return 0;
        if (followed.flat_rate_benefit) {
            const bool shared = std::any_of(followed.nights.begin(), followed.nights.end(),
                                            [](std::int64_t nights) { return nights >= 52; });
            return shared ? 0 : flat_pence;
        }
        return model_weekly_amount_pence(income, followed.relevant_other_children, followed.nights);
    }

    static std::int64_t weekly_on(const modelled_case& followed, std::int64_t day) {
        std::int64_t weekly = 0;
        for (const auto& [from, pence] : followed.weekly_from) {
            if (from <= day) weekly = pence;
        }
        return weekly;
    }

    void rebuild_sums(modelled_case& followed) const {
        followed.weekly_days_through.clear();
        followed.fee_weighted_through.clear();
        std::int64_t weekly_days = 0, fee_weighted = 0;
        for (std::int64_t day = followed.start_day; day <= horizon_day_; ++day) {
            const std::int64_t weekly = weekly_on(followed, day);
            weekly_days += weekly;
            fee_weighted += weekly * fee_bp_on(day);
            followed.weekly_days_through.push_back(weekly_days);
            followed.fee_weighted_through.push_back(fee_weighted);
        }
    }

    /// Maintenance and fee accrued from the start through `through` (inclusive), rounded once.
    static std::pair<std::int64_t, std::int64_t> accrued_through(const modelled_case& followed, std::int64_t through) {
        if (through < followed.start_day) return {0, 0};
        const auto at = static_cast<std::size_t>(through - followed.start_day);
        return {half_up_divide(followed.weekly_days_through.at(at), 7),
                half_up_divide(followed.fee_weighted_through.at(at), 7 * 10'000)};
    }

    civil_date due_date(const modelled_case& followed, std::int64_t index) const {
        if (followed.frequency == "monthly") return monthly_due(followed.first_due, index);
        const std::int64_t step = followed.frequency == "weekly" ? 7 : followed.frequency == "fortnightly" ? 14 : 28;
        return from_day_number(day_number(followed.first_due) + index * step);
    }

    /// Settles from `money`, maintenance first, at most `room_maintenance` and `room_fee`, as one
    /// ledger entry at `at` dated `day`.
    static void settle(modelled_case& followed, std::int64_t& money, std::int64_t room_maintenance, std::int64_t room_fee,
                       std::size_t at, std::int64_t day, std::int64_t& to_maintenance, std::int64_t& to_fee) {
        to_maintenance = std::min(money, room_maintenance);
        money -= to_maintenance;
        to_fee = std::min(money, room_fee);
        money -= to_fee;
        followed.settled_maintenance += to_maintenance;
        followed.settled_fee += to_fee;
        followed.ledger.insert(followed.ledger.begin() + static_cast<std::ptrdiff_t>(at), {day, -to_maintenance, -to_fee});
    }

    /// The lowest unsettled balances from position `at` of the ledger to its end: what money
    /// placed there may settle without leaving a later point short.
    static std::pair<std::int64_t, std::int64_t> room_from(const modelled_case& followed, std::size_t at) {
        std::int64_t maintenance = 0, fee = 0;
        for (std::size_t index = 0; index < at; ++index) {
            maintenance += followed.ledger[index].maintenance;
            fee += followed.ledger[index].fee;
        }
        std::int64_t lowest_maintenance = maintenance, lowest_fee = fee;
        for (std::size_t index = at; index < followed.ledger.size(); ++index) {
            maintenance += followed.ledger[index].maintenance;
            fee += followed.ledger[index].fee;
            lowest_maintenance = std::min(lowest_maintenance, maintenance);
            lowest_fee = std::min(lowest_fee, fee);
        }
        return {lowest_maintenance, lowest_fee};
    }

    /// The credit held settles what is charged and unsettled, at the end of the ledger.
    static void apply_credit(modelled_case& followed, std::int64_t today) {
        if (followed.credit == 0) return;
        const auto [room_maintenance, room_fee] = room_from(followed, followed.ledger.size());
        std::int64_t left = followed.credit, to_maintenance = 0, to_fee = 0;
        settle(followed, left, room_maintenance, room_fee, followed.ledger.size(), today, to_maintenance, to_fee);
        followed.credit = left;
    }

    void charge_through(modelled_case& followed, std::int64_t through) {
        if (through < followed.start_day) return;
        const auto [maintenance, fee] = accrued_through(followed, through);
        followed.ledger.push_back({through, maintenance - followed.charged_maintenance, fee - followed.charged_fee});
        followed.charged_maintenance = maintenance;
        followed.charged_fee = fee;
        apply_credit(followed, through);
    }

    modelled_case& case_named(const json& step) {
        const auto found = cases_.find(step.at("case").get<std::string>());
        if (found == cases_.end()) throw std::invalid_argument("no modelled case " + step.at("case").dump());
        return found->second;
    }

    void apply(const json& step, std::int64_t today) {
        if (step.contains("expect")) return;
        const std::string command = step.at("command").get<std::string>();
        const json& body = step.at("body");
        if (command == "register_parent") return;
        if (command == "open_case") {
            if (body.at("service_type") != "collect_and_pay") throw std::invalid_argument("only Collect and Pay is modelled");
            modelled_case followed;
            followed.start_day = today;
            const json& circumstances = body.at("paying_parent_circumstances");
            followed.income_pence = circumstances.at("gross_weekly_income_pence").get<std::int64_t>();
            followed.relevant_other_children = circumstances.value("relevant_other_children", 0);
            followed.nil_rate_status = circumstances.contains("nil_rate_reason") && !circumstances.at("nil_rate_reason").is_null();
            followed.flat_rate_benefit = circumstances.value("benefit", "none") != "none";
            for (const json& child : body.at("children")) followed.nights.push_back(child.value("shared_care_nights", 0));
            followed.frequency = body.at("payment_schedule").at("frequency").get<std::string>();
            followed.first_due = date_of(body.at("payment_schedule").at("first_due_date"));
            followed.weekly_from.emplace_back(today, weekly_amount_of(followed, followed.income_pence));
            rebuild_sums(followed);
            cases_[step.at("as").get<std::string>()] = std::move(followed);
            return;
        }
        if (command == "record_payment") {
            modelled_case& followed = case_named(step);
            payment_record payment;
            payment.amount = body.at("amount_pence").get<std::int64_t>();
            followed.cash += payment.amount;
            // Its place: after every entry dated on or before the day it was received.
            const std::int64_t received = day_number(date_of(body.at("received_on")));
            std::size_t at = 0;
            while (at < followed.ledger.size() && followed.ledger[at].day <= received) ++at;
            const auto [room_maintenance, room_fee] = room_from(followed, at);
            std::int64_t left = payment.amount;
            settle(followed, left, room_maintenance, room_fee, at, received, payment.to_maintenance, payment.to_fee);
            payment.to_credit = left;
            followed.credit += left;
            const std::string name = step.at("as").get<std::string>();
            followed.payments[name] = payment;
            payment_case_[name] = step.at("case").get<std::string>();
            return;
        }
        if (command == "reverse_payment") {
            const std::string name = step.at("payment").get<std::string>();
            modelled_case& followed = cases_.at(payment_case_.at(name));
            payment_record& payment = followed.payments.at(name);
            if (payment.reversed) return;  // production refuses a second reversal
            payment.reversed = true;
            followed.cash -= payment.amount;
            std::int64_t back_maintenance = std::min(payment.to_maintenance, followed.settled_maintenance);
            std::int64_t back_fee = std::min(payment.to_fee, followed.settled_fee);
            // The rest of exactly its amount: its credit from the credit held, then (what of it
            // was applied since, or of its settlements an earlier reversal took back) from the fee
            // settled, then maintenance.
            std::int64_t rest = payment.amount - back_maintenance - back_fee;
            const std::int64_t from_credit = std::min({payment.to_credit, followed.credit, rest});
            followed.credit -= from_credit;
            rest -= from_credit;
            const std::int64_t more_fee = std::min(rest, followed.settled_fee - back_fee);
            back_fee += more_fee;
            rest -= more_fee;
            back_maintenance += std::min(rest, followed.settled_maintenance - back_maintenance);
            followed.settled_maintenance -= back_maintenance;
            followed.settled_fee -= back_fee;
            followed.ledger.push_back({today, back_maintenance, back_fee});
            apply_credit(followed, today);
            return;
        }
        if (command == "record_income") {
            modelled_case& followed = case_named(step);
            const std::int64_t income = body.at("gross_weekly_income_pence").get<std::int64_t>();
            // The 25% tolerance: a smaller move is not acted on, except at an annual review.
            const bool review = body.value("annual_review", false);
            if (!review && std::abs(income - followed.income_pence) * 4 < followed.income_pence) return;
            followed.income_pence = income;
            followed.weekly_from.emplace_back(day_number(date_of(body.at("effective_date"))),
                                              weekly_amount_of(followed, income));
            std::sort(followed.weekly_from.begin(), followed.weekly_from.end());
            rebuild_sums(followed);
            return;
        }
        if (command == "record_shared_care") {
            // Acted on only when a child's nights move to another band (only band changes need be
            // reported: Sch 1 para 7).
            modelled_case& followed = case_named(step);
            bool band_changed = false;
            for (const json& child : body.at("children")) {
                const auto number = child.at("child_number").get<std::size_t>();
                const std::int64_t stays = child.at("shared_care_nights").get<std::int64_t>();
                std::int64_t& recorded = followed.nights.at(number - 1);
                band_changed = band_changed || shared_care_band(stays) != shared_care_band(recorded);
                recorded = stays;
            }
            if (!band_changed) return;
            followed.weekly_from.emplace_back(day_number(date_of(body.at("effective_date"))),
                                              weekly_amount_of(followed, followed.income_pence));
            std::sort(followed.weekly_from.begin(), followed.weekly_from.end());
            rebuild_sums(followed);
            return;
        }
        if (command == "close_case") {
            // Liability stops from the effective date: nil from then on (Child Support Act 1991
            // Sch 1 para 16); the month is charged by the day, and arrears stay collectable.
            modelled_case& followed = case_named(step);
            followed.weekly_from.emplace_back(day_number(date_of(body.at("effective_date"))), 0);
            std::sort(followed.weekly_from.begin(), followed.weekly_from.end());
            rebuild_sums(followed);
            return;
        }
        throw std::invalid_argument("the model does not cover " + command);
    }

    model_figures figures_of(const modelled_case& followed, std::int64_t today) const {
        model_figures figures;
        figures.weekly_amount_pence = weekly_on(followed, today);
        figures.paid_pence = followed.cash;
        figures.credit_pence = followed.credit;
        figures.ledger_balance_pence = followed.charged_maintenance - followed.settled_maintenance +
                                       followed.charged_fee - followed.settled_fee;
        std::int64_t maintenance_due_before = 0, fee_due_before = 0;
        std::pair<std::int64_t, std::int64_t> accrued_before{0, 0};
        for (std::int64_t index = 0;; ++index) {
            const std::int64_t due = day_number(due_date(followed, index));
            if (due > today) break;
            const auto accrued = accrued_through(followed, due - 1);
            const std::int64_t maintenance = accrued.first - accrued_before.first;
            const std::int64_t fee = accrued.second - accrued_before.second;
            accrued_before = accrued;
            figures.due_pence += maintenance + fee;
            if (due == today) {
                figures.due_today_pence += maintenance + fee;
            } else {
                maintenance_due_before += maintenance;
                fee_due_before += fee;
            }
        }
        const std::int64_t unpaid = std::max<std::int64_t>(0, maintenance_due_before - followed.settled_maintenance) +
                                    std::max<std::int64_t>(0, fee_due_before - followed.settled_fee);
        figures.arrears_pence = unpaid - std::min(unpaid, followed.credit);
        return figures;
    }

    std::vector<fee_rate_change> fees_;
    std::map<std::string, modelled_case> cases_;
    std::map<std::string, std::string> payment_case_;  ///< payment name -> case name
    std::int64_t horizon_day_ = 0;  ///< the scenario's last day: no figure is needed beyond it
};

/// Reduced-rate percentages (basis points), by children 1/2/3+ and relevant other children 0/1/2/3+.
constexpr std::array<std::array<std::int64_t, 4>, 3> reduced_bp = {{{1700, 1410, 1320, 1240},
                                                                    {2500, 2120, 1990, 1890},
                                                                    {3100, 2640, 2490, 2380}}};
/// The cut in income for the basic rates, by relevant other children 1/2/3+ (Sch 1 para 2(3)).
constexpr std::array<std::int64_t, 3> other_children_cut_bp = {1100, 1400, 1600};
constexpr std::array<std::int64_t, 3> basic_bp = {1200, 1600, 1900};
constexpr std::array<std::int64_t, 3> basic_plus_bp = {900, 1200, 1500};

std::vector<std::int64_t> split_equally(std::int64_t total, std::size_t children) {
    const auto count = static_cast<std::int64_t>(children);
    std::vector<std::int64_t> shares(children, total / count);
    for (std::int64_t extra = 0; extra < total % count; ++extra) ++shares[static_cast<std::size_t>(extra)];
    return shares;
}

}  // namespace

std::int64_t model_weekly_amount_pence(std::int64_t gross_weekly_income_pence, std::int64_t relevant_other_children,
                                       const std::vector<std::int64_t>& nights) {
    if (nights.empty()) throw std::invalid_argument("a case has at least one child");
    const std::size_t band = std::min<std::size_t>(nights.size(), 3) - 1;
    const auto others = static_cast<std::size_t>(std::min<std::int64_t>(relevant_other_children, 3));
    const std::int64_t income = std::min<std::int64_t>(gross_weekly_income_pence, 300'000);
    if (income < 700) return 0;
    if (income <= 10'000) return flat_pence;  // shared care does not reduce the flat rate for income
    std::int64_t total = 0;
    if (income < 20'000) {
        // The reduced rate's table has the relevant other children built in.
        total = flat_pence + half_up_divide((income - 10'000) * reduced_bp[band][others], 10'000);
    } else {
        // The band is chosen on gross income; the rates apply to income cut for other children.
        const std::int64_t cut_income =
            others == 0 ? income : half_up_divide(income * (10'000 - other_children_cut_bp[others - 1]), 10'000);
        total = half_up_divide(std::min<std::int64_t>(cut_income, 80'000) * basic_bp[band], 10'000);
        if (cut_income > 80'000) total += half_up_divide((cut_income - 80'000) * basic_plus_bp[band], 10'000);
    }
    std::vector<std::int64_t> shares = split_equally(total, nights.size());
    std::int64_t after_care = 0;
    for (std::size_t child = 0; child < shares.size(); ++child) {
        // Off the child's share by band: nothing, 1/7, 2/7, 3/7, 1/2 and £7 more.
        constexpr std::array<std::int64_t, 5> numerators = {0, 1, 2, 3, 1};
        constexpr std::array<std::int64_t, 5> denominators = {7, 7, 7, 7, 2};
        constexpr std::array<std::int64_t, 5> further_pence = {0, 0, 0, 0, 700};
        const auto band_of_child = static_cast<std::size_t>(shared_care_band(nights[child]));
        const std::int64_t numerator = numerators[band_of_child], denominator = denominators[band_of_child];
        const std::int64_t further = further_pence[band_of_child];
        // What is left of the child's share, rounded: £35.60 at 110 nights is £35.60 x 5/7 = £25.43
        // (the fourth worked example of core/calculation/README.md).
        const std::int64_t reduced = half_up_divide(shares[child] * (denominator - numerator), denominator) - further;
        after_care += std::max<std::int64_t>(0, reduced);
    }
    return std::max(after_care, flat_pence);
}

std::vector<std::pair<std::string, std::int64_t>> named_figures(const model_figures& figures) {
    return {{"weekly_amount_pence", figures.weekly_amount_pence}, {"due_pence", figures.due_pence},
            {"due_today_pence", figures.due_today_pence},         {"paid_pence", figures.paid_pence},
            {"credit_pence", figures.credit_pence},               {"ledger_balance_pence", figures.ledger_balance_pence},
            {"arrears_pence", figures.arrears_pence}};
}

model_run run_reference_model(std::string_view scenario_text) {
    const json scenario = json::parse(scenario_text);
    if (scenario.value("jobs", "daily") != "daily") throw std::invalid_argument("the model runs daily jobs only");
    model modelled(scenario);
    return modelled.run(scenario.at("steps"));
}

}  // namespace cms::services
