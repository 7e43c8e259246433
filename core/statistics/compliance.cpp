#include "core/statistics/compliance.hpp"

#include <charconv>

namespace cms::core {

civil_date reporting_quarter::first_day() const {
    return date::year{year} / date::month{static_cast<unsigned>(3 * (number - 1) + 1)} / date::day{1};
}

civil_date reporting_quarter::last_day() const {
    return date::year{year} / date::month{static_cast<unsigned>(3 * number)} / date::last;
}

std::optional<reporting_quarter> parse_reporting_quarter(std::string_view text) {
    if (text.size() != 7 || text[4] != '-' || text[5] != 'Q') return std::nullopt;
    int year = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + 4, year);
    if (error != std::errc{} || end != text.data() + 4 || year < 1900) return std::nullopt;
    const int number = text[6] - '0';
    if (number < 1 || number > 4) return std::nullopt;
    return reporting_quarter{year, number};
}

std::string format_reporting_quarter(reporting_quarter quarter) {
    return std::to_string(quarter.year) + "-Q" + std::to_string(quarter.number);
}

reporting_quarter quarter_containing(civil_date day) {
    const auto month = static_cast<int>(static_cast<unsigned>(day.month()));
    return {static_cast<int>(day.year()), (month - 1) / 3 + 1};
}

reporting_quarter next_quarter(reporting_quarter quarter) {
    return quarter.number == 4 ? reporting_quarter{quarter.year + 1, 1} : reporting_quarter{quarter.year, quarter.number + 1};
}

reporting_quarter previous_quarter(reporting_quarter quarter) {
    return quarter.number == 1 ? reporting_quarter{quarter.year - 1, 4} : reporting_quarter{quarter.year, quarter.number - 1};
}

std::int64_t quarters_from_to(reporting_quarter from, reporting_quarter to) {
    const std::int64_t count = (std::int64_t{to.year} * 4 + to.number) - (std::int64_t{from.year} * 4 + from.number) + 1;
    return count < 0 ? 0 : count;
}

maintenance_in_period maintenance_between(std::span<const transfer> transfers, civil_date from, civil_date to) {
    maintenance_in_period figures;
    for (const transfer& leg : transfers) {
        if (leg.business_date < from || to < leg.business_date) continue;
        if (leg.code == transfer_code::maintenance_accrued && leg.debit.kind == account_kind::maintenance_due) {
            figures.due += leg.amount;
        } else if (leg.code == transfer_code::payment_allocated && leg.credit.kind == account_kind::maintenance_due) {
            figures.paid += leg.amount;
        } else if (leg.code == transfer_code::allocation_reversed && leg.debit.kind == account_kind::maintenance_due) {
            figures.paid -= leg.amount;
        }
    }
    return figures;
}

const char* to_string(compliance_band band) {
    switch (band) {
        case compliance_band::paid_nothing: return "paid_nothing";
        case compliance_band::paid_up_to_90_percent: return "paid_up_to_90_percent";
        case compliance_band::paid_over_90_percent: return "paid_over_90_percent";
    }
    return "unknown";
}

std::optional<compliance_band> compliance_band_of(const maintenance_in_period& period) {
    if (period.due.pence() <= 0) return std::nullopt;
    if (period.paid.pence() <= 0) return compliance_band::paid_nothing;
    // Whole pence times ten stay far inside 64 bits for any sum of real maintenance.
    if (period.paid.pence() * 10 > period.due.pence() * 9) return compliance_band::paid_over_90_percent;
    return compliance_band::paid_up_to_90_percent;
}

void count_paying_parent(compliance_summary& summary, const maintenance_in_period& paying_parent) {
    const auto band = compliance_band_of(paying_parent);
    if (!band) return;
    ++summary.paying_parents_due;
    summary.maintenance_due += paying_parent.due;
    summary.maintenance_paid += paying_parent.paid;
    switch (*band) {
        case compliance_band::paid_nothing: ++summary.paid_nothing; break;
        case compliance_band::paid_up_to_90_percent: ++summary.paid_up_to_90_percent; break;
        case compliance_band::paid_over_90_percent: ++summary.paid_over_90_percent; break;
    }
}

basis_points share_basis_points(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return {};
    // Half up: add half the divisor before the integer division (both non-negative here).
    return {(part * 10'000 + whole / 2) / whole};
}

}  // namespace cms::core
