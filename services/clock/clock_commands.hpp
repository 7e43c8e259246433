#pragma once
/// Moving a simulated business date is a command like any other: it takes an Idempotency-Key,
/// is journaled with who moved the clock and to which date (the audit trail shows it), and a
/// repeat of the key answers what it answered the first time without moving the clock again.
#include "core/common/civil_date.hpp"
#include "persistence/writer.hpp"
#include "services/clock/business_clock.hpp"
#include "services/commands/commands.hpp"

namespace cms::services {

/// Command "set_business_date": ok {"business_date"}; clock_backwards for a date before today's
/// (history written under a date must not be re-dated); real_clock on a server that runs on the
/// real date (`simulated` null). The date moves inside the writer, so the commands after it in the same
/// group are checked against the moved date; if the group's commit then fails, the date is put
/// back and the answer is the writer's internal refusal (safe to retry with the same key).
void set_business_date(persistence::writer& writer, const business_clock& clock, simulated_business_clock* simulated,
                       set_business_date_command command, const command_context& context, outcome_callback done);

}  // namespace cms::services
