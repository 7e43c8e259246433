#pragma once
/// POST /v1/clock {"business_date": "YYYY-MM-DD"}: moves a simulated business date forward (the
/// batch role drives simulations this way; the scheduler then runs what falls due). Refused on a
/// server that runs on the real date, and never backwards: history already written under a date
/// must not be re-dated.
#include "services/http/api_router.hpp"
#include "services/runtime/business_clock.hpp"

namespace cms::services {

/// `simulated` is null when the server runs on the system clock.
void add_clock_routes(api_router& router, const business_clock& clock, simulated_business_clock* simulated);

}  // namespace cms::services
