#pragma once
/// Where the server's business date comes from. Core never reads a clock; services ask this.
#include <atomic>

#include "core/common/civil_date.hpp"

namespace cms::services {

class business_clock {
public:
    virtual ~business_clock() = default;
    virtual core::civil_date today() const = 0;
};

/// Production: today's date in UTC. (The service is in Great Britain; between midnight UTC and
/// midnight BST the date lags by an hour in summer. Acceptable until the scheduler closes days.)
class system_business_clock final : public business_clock {
public:
    core::civil_date today() const override;
};

/// Simulation and tests: a date that moves only when told to.
class simulated_business_clock final : public business_clock {
public:
    explicit simulated_business_clock(core::civil_date start);
    core::civil_date today() const override;
    void set(core::civil_date day);

private:
    std::atomic<int> days_since_epoch_;
};

}  // namespace cms::services
