#include "services/generation/caseload_generator.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <random>
#include <stdexcept>
#include <string>

#include "core/cases/case_records.hpp"

namespace cms::services {

namespace {

// Weekly amounts drawn from a spread that resembles the real mix: many flat-rate £7 cases and a
// long tail of basic-rate amounts (the rate bands of core/calculation/README.md). Pence.
std::int64_t draw_weekly_amount_pence(std::mt19937_64& random) {
    const std::uint64_t roll = random() % 100;
    if (roll < 25) return 700;
    if (roll < 35) return 700 + static_cast<std::int64_t>(random() % 1'700);  // reduced rate
    return 2'400 + static_cast<std::int64_t>(random() % 17'600);             // basic rate, £24..£200
}

}  // namespace

caseload_result generate_caseload(persistence::write_connection& connection, const caseload_options& options,
                                  const std::function<void(std::int64_t)>& on_progress) {
    if (options.cases_count < 1) throw std::invalid_argument("cases_count must be at least 1");
    std::mt19937_64 random(options.seed);
    caseload_result result;
    core::command_id command;
    persistence::in_transaction(connection, [&](persistence::unit_of_work& work) {
        // One journal entry names the whole generated caseload; its key makes the run's identity
        // visible and refuses an accidental second run with the same seed and size.
        const std::string key = "generate:" + std::to_string(options.seed) + ":" + std::to_string(options.cases_count) +
                                ":" + std::to_string(work.cases().highest_case_id());
        const nlohmann::json request = {{"cases", options.cases_count}, {"seed", options.seed}};
        command = work.journal().append_command(
            {key, "generate_caseload", "generator", core::format_iso_date(options.opened_by), request.dump()});
        work.journal().record_command_outcome(command, 201, request.dump());
    });
    std::int64_t written = 0;
    while (written < options.cases_count) {
        const std::int64_t chunk_end = std::min(options.cases_count, written + options.chunk_cases);
        persistence::in_transaction(connection, [&](persistence::unit_of_work& work) {
            for (; written < chunk_end; ++written) {
                const std::string number = std::to_string(written + 1);
                persistence::generated_case generated;
                generated.local_authority_code = generated_area_codes[random() % generated_area_codes.size()];
                generated.opened_on = core::add_days(
                    options.opened_by,
                    -static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(options.opened_span_days)));
                generated.paying_born = core::add_days(
                    generated.opened_on, -(20 * 365 + static_cast<std::int64_t>(random() % (25 * 365))));
                generated.receiving_born = core::add_days(
                    generated.opened_on, -(20 * 365 + static_cast<std::int64_t>(random() % (25 * 365))));
                generated.child_born =
                    core::add_days(generated.opened_on, -static_cast<std::int64_t>(random() % (15 * 365)));
                generated.paying_name = "Paying Parent " + number;
                generated.receiving_name = "Receiving Parent " + number;
                generated.child_name = "Child " + number;
                const bool collect = static_cast<std::int64_t>(random() % 10'000) < options.collect_and_pay_bp;
                generated.service = collect ? core::service_type::collect_and_pay : core::service_type::direct_pay;
                generated.weekly_amount = core::money::from_pence(draw_weekly_amount_pence(random));
                generated.first_due_date =
                    core::default_first_due_date(core::payment_frequency::monthly, generated.opened_on);
                generated.cause = command;
                const core::case_id case_number = work.cases().insert_generated_case(generated);
                if (result.first_case_id == 0) result.first_case_id = case_number.value;
                result.last_case_id = case_number.value;
            }
        });
        if (on_progress) on_progress(written);
    }
    return result;
}

}  // namespace cms::services
