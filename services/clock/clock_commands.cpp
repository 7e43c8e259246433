#include "services/clock/clock_commands.hpp"

#include <memory>
#include <optional>

#include "services/commands/command_refusal.hpp"
#include "services/commands/command_submission.hpp"
#include "services/wire/answers.hpp"

namespace cms::services {

void set_business_date(persistence::writer& writer, const business_clock& clock, simulated_business_clock* simulated,
                       set_business_date_command command, const command_context& context, outcome_callback done) {
    if (simulated == nullptr) {
        return done(refusal{refusal_kind::real_clock,
                            "this server runs on today's date; start it with --business-date to simulate", {}});
    }
    const core::civil_date target = command.business_date;
    // The date before this command moved it, kept until the commit is known.
    auto moved_from = std::make_shared<std::optional<core::civil_date>>();
    submit_command(
        writer, clock.today(), "set_business_date", std::move(command.request_json), context,
        [simulated, target, moved_from](persistence::unit_of_work&, core::command_id) {
            const core::civil_date today = simulated->today();
            if (target < today) {
                detail::refuse(refusal{refusal_kind::clock_backwards,
                                       "business_date must not be before " + core::format_iso_date(today),
                                       "business_date"});
            }
            *moved_from = today;
            simulated->set(target);
            return answer{answer_kind::ok, business_date_answer(target)};
        },
        [simulated, target, moved_from, done = std::move(done)](command_outcome outcome) {
            // Not committed: put the date back, unless a later command has moved it since.
            const refusal* refused = refusal_of(outcome);
            const bool not_recorded = refused != nullptr && (refused->kind == refusal_kind::internal ||
                                                             refused->kind == refusal_kind::overloaded);
            if (not_recorded && moved_from->has_value() && simulated->today() == target) {
                simulated->set(**moved_from);
            }
            done(std::move(outcome));
        });
}

}  // namespace cms::services
