#include "persistence/wall_clock.hpp"

#include <date/date.h>

namespace cms::persistence {

namespace {

class system_clock_source final : public wall_clock {
public:
    utc_instant now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    }
};

}  // namespace

const wall_clock& system_wall_clock() {
    static const system_clock_source clock;  // stateless: one instance serves every connection
    return clock;
}

std::string format_utc_instant(utc_instant at) {
    // Written digit by digit rather than with date::format: every journal row and job stamp
    // calls this on the writer thread, and the stream-based formatter cost about 3% of a
    // payment's writer time (issue #13's profile). Same text, years 0000-9999.
    const auto day = std::chrono::floor<date::days>(at);
    const date::year_month_day ymd{day};
    const auto in_day_ms = (at - day).count();
    const auto put = [](char* into, long long value, int digits) {
        for (int i = digits - 1; i >= 0; --i) {
            into[i] = static_cast<char>('0' + value % 10);
            value /= 10;
        }
    };
    char text[] = "0000-00-00T00:00:00.000Z";
    put(text, static_cast<int>(ymd.year()), 4);
    put(text + 5, static_cast<unsigned>(ymd.month()), 2);
    put(text + 8, static_cast<unsigned>(ymd.day()), 2);
    put(text + 11, in_day_ms / 3'600'000, 2);
    put(text + 14, in_day_ms / 60'000 % 60, 2);
    put(text + 17, in_day_ms / 1'000 % 60, 2);
    put(text + 20, in_day_ms % 1'000, 3);
    return std::string(text, sizeof text - 1);
}

}  // namespace cms::persistence
