#pragma once
/// The instant that records are stamped with (journal entries, jobs, their failures and months,
/// users, migrations), injected rather than asked of the database: tests and simulation can
/// hold or move it, and no SQL depends on one engine's idea of "now".
///
/// A store is opened with its clock and every write connection it opens stamps rows with it (the
/// SQLite back end defines an SQL function, cms_now_utc(), on each write connection from it).
/// The business date (which day the service thinks it is) is a separate, domain clock in
/// services; this one is the real or simulated time at which something was recorded.
#include <chrono>
#include <string>

namespace cms::persistence {

using utc_instant = std::chrono::sys_time<std::chrono::milliseconds>;

class wall_clock {
public:
    virtual ~wall_clock() = default;
    virtual utc_instant now() const = 0;
};

/// The machine's clock (std::chrono::system_clock), for production.
const wall_clock& system_wall_clock();

/// A clock that says what it was last set to, for tests and simulation.
class fixed_wall_clock final : public wall_clock {
public:
    explicit fixed_wall_clock(utc_instant at) : at_(at) {}
    utc_instant now() const override { return at_; }
    void set(utc_instant at) { at_ = at; }

private:
    utc_instant at_;
};

/// "2026-12-04T01:18:18.123Z": ISO 8601 in UTC with milliseconds, the form every *_at_utc
/// column holds (and sorts by).
std::string format_utc_instant(utc_instant at);

}  // namespace cms::persistence
