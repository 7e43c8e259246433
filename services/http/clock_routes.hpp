#pragma once
/// POST /v1/clock {"business_date": "YYYY-MM-DD"} with an Idempotency-Key: moves a simulated
/// business date forward (the batch role drives simulations this way; the scheduler then runs
/// what falls due), as the journaled command services/clock/clock_commands.hpp describes.
#include "persistence/writer.hpp"
#include "services/http/api_router.hpp"
#include "services/clock/business_clock.hpp"

namespace cms::services {

/// `simulated` is null when the server runs on the system clock.
void add_clock_routes(api_router& router, persistence::writer& writer, const business_clock& clock,
                      simulated_business_clock* simulated);

}  // namespace cms::services
