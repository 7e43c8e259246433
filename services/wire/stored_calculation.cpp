#include "services/wire/stored_calculation.hpp"

#include <stdexcept>

#include "services/wire/calculation_json.hpp"

namespace cms::services {

persistence::calculation_row calculation_row_for(core::case_id for_case, const core::calculation_period& period,
                                                 std::string reason, core::command_id cause) {
    persistence::calculation_row row;
    row.for_case = for_case;
    row.effective_from = period.effective_from;
    row.reason = std::move(reason);
    row.rate = core::to_string(period.result.rate);
    row.weekly_amount = period.result.weekly_amount;
    row.input_json = calculation_request_to_json(period.input).dump();
    row.result_json = calculation_to_json(period.result).dump();
    row.cause = cause;
    return row;
}

std::vector<core::calculation_period> calculation_history(const std::vector<persistence::calculation_row>& rows) {
    std::vector<core::calculation_period> periods;
    for (const persistence::calculation_row& row : rows) {
        const calculation_parse_result parsed = parse_calculation_request(nlohmann::json::parse(row.input_json));
        // Written by this program through calculation_request_to_json; anything else is a bug or
        // a file edited behind our back, so stop rather than decide on a guessed input.
        if (!parsed.input) {
            throw std::runtime_error("stored calculation " + std::to_string(row.id) +
                                     " has an unreadable input: " + parsed.error->field);
        }
        if (!periods.empty()) periods.back().effective_to = row.effective_from;
        core::calculation_result result;
        result.weekly_amount = row.weekly_amount;
        periods.push_back({row.effective_from, std::nullopt, *parsed.input, std::move(result)});
    }
    return periods;
}

nlohmann::json calculation_period_view(const persistence::calculation_row& row,
                                       std::optional<core::civil_date> effective_to) {
    return {{"effective_from", core::format_iso_date(row.effective_from)},
            {"effective_to", effective_to ? nlohmann::json(core::format_iso_date(*effective_to)) : nlohmann::json()},
            {"reason", row.reason},
            {"rate", row.rate},
            {"weekly_amount_pence", row.weekly_amount.pence()},
            {"input", nlohmann::json::parse(row.input_json)},
            {"calculation", nlohmann::json::parse(row.result_json)}};
}

nlohmann::json case_calculation_view(core::case_id id, const std::vector<persistence::calculation_row>& rows,
                                     core::civil_date today) {
    nlohmann::json history = nlohmann::json::array();
    nlohmann::json current;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto effective_to =
            i + 1 < rows.size() ? std::optional<core::civil_date>(rows[i + 1].effective_from) : std::nullopt;
        history.push_back(calculation_period_view(rows[i], effective_to));
        const bool started = !(today < rows[i].effective_from);
        if (started || current.is_null()) current = history.back();
    }
    return {{"case_id", id.value}, {"current", std::move(current)}, {"history", std::move(history)}};
}

}  // namespace cms::services
