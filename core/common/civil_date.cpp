#include "core/common/civil_date.hpp"

#include <charconv>

namespace cms::core {

namespace {

std::optional<unsigned> parse_digits(std::string_view text) {
    unsigned value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<civil_date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto year = parse_digits(text.substr(0, 4));
    const auto month = parse_digits(text.substr(5, 2));
    const auto day = parse_digits(text.substr(8, 2));
    if (!year || !month || !day || *year < 1900) return std::nullopt;
    const civil_date parsed{date::year{static_cast<int>(*year)}, date::month{*month},
                            date::day{*day}};
    if (!parsed.ok()) return std::nullopt;
    return parsed;
}

std::string format_iso_date(civil_date day) {
    char buffer[11];
    const int year = static_cast<int>(day.year());
    const unsigned month = static_cast<unsigned>(day.month());
    const unsigned dom = static_cast<unsigned>(day.day());
    buffer[0] = static_cast<char>('0' + year / 1000 % 10);
    buffer[1] = static_cast<char>('0' + year / 100 % 10);
    buffer[2] = static_cast<char>('0' + year / 10 % 10);
    buffer[3] = static_cast<char>('0' + year % 10);
    buffer[4] = '-';
    buffer[5] = static_cast<char>('0' + month / 10);
    buffer[6] = static_cast<char>('0' + month % 10);
    buffer[7] = '-';
    buffer[8] = static_cast<char>('0' + dom / 10);
    buffer[9] = static_cast<char>('0' + dom % 10);
    buffer[10] = '\0';
    return std::string(buffer, 10);
}

civil_date day_of_month_clamped(date::year_month month, unsigned anchor_day) {
    const date::day last = date::year_month_day_last{month.year(), date::month_day_last{month.month()}}.day();
    const date::day wanted{anchor_day};
    return civil_date{month.year(), month.month(), wanted < last ? wanted : last};
}

civil_date add_months_clamped(civil_date day, int months) {
    const date::year_month shifted =
        date::year_month{day.year(), day.month()} + date::months{months};
    return day_of_month_clamped(shifted, static_cast<unsigned>(day.day()));
}

civil_date add_days(civil_date day, std::int64_t days) {
    return civil_date{date::sys_days{day} + date::days{days}};
}

std::int64_t days_between(civil_date from, civil_date to) {
    return (date::sys_days{to} - date::sys_days{from}).count();
}

int age_in_years(civil_date born, civil_date on) {
    int years = static_cast<int>(on.year()) - static_cast<int>(born.year());
    const auto birthday_month = static_cast<unsigned>(born.month());
    const auto birthday_day = static_cast<unsigned>(born.day());
    const auto on_month = static_cast<unsigned>(on.month());
    const auto on_day = static_cast<unsigned>(on.day());
    if (on_month < birthday_month || (on_month == birthday_month && on_day < birthday_day)) {
        --years;
    }
    return years;
}

}  // namespace cms::core
