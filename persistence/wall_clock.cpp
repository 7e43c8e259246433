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

std::string format_utc_instant(utc_instant at) { return date::format("%Y-%m-%dT%H:%M:%SZ", at); }

}  // namespace cms::persistence
