#pragma once
/// Moving a simulated business date is a command like any other: it takes an Idempotency-Key,
/// is journaled with who moved the clock and to which date (the audit trail shows it), and a
/// repeat of the key answers what it answered the first time without moving the clock again.
#include "core/common/civil_date.hpp"
#include "persistence/writer.hpp"
#include "services/cases/case_service.hpp"
#include "services/runtime/business_clock.hpp"

namespace cms::services {

/// Command "set_business_date": 200 {"business_date"}; 422 for a date before today's (history
/// written under a date must not be re-dated); 409 on a server that runs on the real date
/// (`simulated` null). The date moves inside the writer, so the commands after it in the same
/// group are checked against the moved date; if the group's commit then fails, the date is put
/// back and the answer is the writer's 500 (safe to retry with the same key).
void set_business_date(persistence::writer& writer, const business_clock& clock, simulated_business_clock* simulated,
                       core::civil_date target, const command_context& context, outcome_callback done);

}  // namespace cms::services
