#include "services/runtime/clock_commands.hpp"

#include <memory>
#include <optional>

#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"

namespace cms::services {

void set_business_date(persistence::writer& writer, const business_clock& clock, simulated_business_clock* simulated,
                       core::civil_date target, const command_context& context, outcome_callback done) {
    if (simulated == nullptr) {
        return done(make_problem(409, "real-clock", "Real clock",
                                 "this server runs on today's date; start it with --business-date to simulate"));
    }
    // The date before this command moved it, kept until the commit is known.
    auto moved_from = std::make_shared<std::optional<core::civil_date>>();
    const nlohmann::json canonical = {{"business_date", core::format_iso_date(target)}};
    submit_command(
        writer, clock.today(), "set_business_date", canonical, context,
        [simulated, target, moved_from](persistence::unit_of_work&, core::command_id) {
            const core::civil_date today = simulated->today();
            if (target < today) {
                throw detail::refused_command{make_problem(422, "clock-backwards", "Clock cannot go back",
                                                           "business_date must not be before " +
                                                               core::format_iso_date(today),
                                                           "business_date")};
            }
            *moved_from = today;
            simulated->set(target);
            return command_outcome{200, {{"business_date", core::format_iso_date(target)}}};
        },
        [simulated, target, moved_from, done = std::move(done)](command_outcome outcome) {
            // Not committed: put the date back, unless a later command has moved it since.
            if (outcome.status >= 500 && moved_from->has_value() && simulated->today() == target) {
                simulated->set(**moved_from);
            }
            done(std::move(outcome));
        });
}

}  // namespace cms::services
