#include "services/generation/caseload_generator.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <variant>

#include "core/cases/case_records.hpp"
#include "services/generation/caseload_draws.hpp"
#include "services/generation/stored_payer_profile.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/wire/calculation_json.hpp"

namespace cms::services {

namespace {

/// The run's settings, checked before anything is written.
case_draw_settings checked_settings(const caseload_options& options, const caseload_parameters& parameters,
                                    const area_picker& areas) {
    if (options.cases_count < 1) throw std::invalid_argument("cases_count must be at least 1");
    if (options.chunk_cases < 1) throw std::invalid_argument("chunk_cases must be at least 1");
    case_draw_settings settings{&parameters, &areas, options.start,
                                options.opened_span_days.value_or(parameters.opened_span_days),
                                options.collect_and_pay_bp.value_or(parameters.collect_and_pay_bp)};
    // Under 16 years, so a child under 16 on the start can be born before any opening day.
    if (settings.opened_span_days < 1 || settings.opened_span_days > 3'650) {
        throw std::invalid_argument("the span of opening days must be 1 to 3650");
    }
    if (settings.collect_and_pay_bp < 0 || settings.collect_and_pay_bp > shares_total_bp) {
        throw std::invalid_argument("the Collect and Pay share must be 0 to 10000 basis points");
    }
    const auto& rates = embedded_calculation_rates();
    for (const core::civil_date day : {core::add_days(options.start, -settings.opened_span_days),
                                       core::add_days(options.start, -1)}) {
        if (core::rates_in_force(rates, day) == nullptr) {
            throw std::invalid_argument("no calculation policy is in force on " + core::format_iso_date(day) +
                                        ", a day a case may open");
        }
    }
    return settings;
}

/// The case's opening calculation, as the service makes and stores it when a case opens
/// (services/cases/case_service.cpp): the children named by their number, the receiving parent
/// by id. The explained steps are not stored (README: about 2 KB a case).
void calculate_opening(const drawn_case& drawn, core::parent_id receiving, persistence::generated_case& generated) {
    core::calculation_input input;
    input.business_date = drawn.opened_on;
    input.paying_parent = drawn.circumstances;
    const std::string receiving_id = std::to_string(receiving.value);
    for (std::size_t i = 0; i < drawn.children_born.size(); ++i) {
        input.children.push_back({std::to_string(i + 1), receiving_id, drawn.shared_care_nights});
    }
    const core::calculation_rates* policy = core::rates_in_force(embedded_calculation_rates(), drawn.opened_on);
    if (policy == nullptr) throw std::logic_error("no calculation policy on " + core::format_iso_date(drawn.opened_on));
    core::calculation_outcome outcome = core::calculate(input, *policy);
    if (const auto* rejected = std::get_if<core::calculation_rejection>(&outcome)) {
        // The draws stay inside the calculation's domain; a refusal is a generator bug.
        throw std::logic_error("a generated case's calculation was refused: " + rejected->field + ": " +
                               rejected->message);
    }
    core::calculation_result& result = std::get<core::calculation_result>(outcome);
    result.steps.clear();
    generated.weekly_amount = result.weekly_amount;
    generated.calculation_rate = core::to_string(result.rate);
    generated.calculation_input_json = calculation_request_to_json(input).dump();
    generated.calculation_result_json = calculation_to_json(result).dump();
}

persistence::generated_case generated_rows(const drawn_case& drawn, std::int64_t number, core::command_id cause) {
    const std::string suffix = std::to_string(number);
    persistence::generated_case generated;
    generated.paying_name = "Paying Parent " + suffix;
    generated.paying_born = drawn.paying_born;
    generated.receiving_name = "Receiving Parent " + suffix;
    generated.receiving_born = drawn.receiving_born;
    for (std::size_t i = 0; i < drawn.children_born.size(); ++i) {
        generated.children.push_back({"Child " + suffix + "." + std::to_string(i + 1), drawn.children_born[i]});
    }
    generated.local_authority_code = drawn.area->code;
    generated.service = drawn.service;
    generated.opened_on = drawn.opened_on;
    generated.frequency = drawn.frequency;
    generated.first_due_date = core::default_first_due_date(drawn.frequency, drawn.opened_on);
    generated.profile = payer_profile_to_row(drawn.profile);
    generated.cause = cause;
    return generated;
}

core::command_id journal_the_run(persistence::write_connection& connection, const caseload_options& options,
                                 const case_draw_settings& settings) {
    core::command_id command;
    persistence::in_transaction(connection, [&](persistence::unit_of_work& work) {
        // One journal entry names the whole generated caseload; its key makes the run's identity
        // visible and refuses an accidental second run with the same seed and size.
        const std::string key = "generate:" + std::to_string(options.seed) + ":" + std::to_string(options.cases_count) +
                                ":" + std::to_string(work.cases().highest_case_id());
        const nlohmann::json request = {{"cases", options.cases_count},
                                        {"seed", options.seed},
                                        {"start", core::format_iso_date(options.start)},
                                        {"parameters", settings.parameters->source},
                                        {"opened_span_days", settings.opened_span_days},
                                        {"collect_and_pay_bp", settings.collect_and_pay_bp}};
        command = work.journal().append_command(
            {key, "generate_caseload", "generator", core::format_iso_date(options.start), request.dump()});
        work.journal().record_command_outcome(command, 201, request.dump());
    });
    return command;
}

void count_drawn(const drawn_case& drawn, core::case_id written, caseload_result& result) {
    if (result.first_case_id == 0) result.first_case_id = written.value;
    result.last_case_id = written.value;
    ++result.cases_count;
    if (drawn.service == core::service_type::collect_and_pay) ++result.collect_and_pay_count;
    result.children_count += static_cast<std::int64_t>(drawn.children_born.size());
    ++result.behaviour_counts[static_cast<std::size_t>(drawn.profile.behaviour) - 1];
}

}  // namespace

caseload_result generate_caseload(persistence::write_connection& connection, const caseload_options& options,
                                  const std::function<void(std::int64_t)>& on_progress) {
    const caseload_parameters parameters = options.parameters ? *options.parameters : embedded_caseload_parameters();
    const area_picker areas(local_authorities());
    const case_draw_settings settings = checked_settings(options, parameters, areas);
    const core::command_id command = journal_the_run(connection, options, settings);
    core::splitmix64 random{options.seed};
    caseload_result result;
    std::int64_t written = 0;
    while (written < options.cases_count) {
        const std::int64_t chunk_end = std::min(options.cases_count, written + options.chunk_cases);
        persistence::in_transaction(connection, [&](persistence::unit_of_work& work) {
            for (; written < chunk_end; ++written) {
                const drawn_case drawn = draw_case(settings, random);
                if (auto bad = check_payer_profile(drawn.profile)) {
                    throw std::logic_error("a generated payer profile is invalid: " + std::string(*bad));
                }
                persistence::generated_case generated = generated_rows(drawn, written + 1, command);
                const persistence::generated_parents parents = work.cases().insert_generated_parents(generated);
                calculate_opening(drawn, parents.receiving, generated);
                count_drawn(drawn, work.cases().insert_generated_case(generated, parents), result);
            }
        });
        if (on_progress) on_progress(written);
    }
    return result;
}

}  // namespace cms::services
