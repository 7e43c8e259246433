#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/calculation_json.hpp"
#include "services/wire/json_text.hpp"
#include "services/runtime/cli_arguments.hpp"
#include "services/policy/policy_tables.hpp"
#include "subcommands.hpp"

namespace cms::tools {

const char* const calc_help =
    "usage: cms calc [--policy-dir DIR] < request.json\n"
    "\n"
    "Reads one calculation request (a JSON object) on standard input and prints the statutory\n"
    "weekly calculation (2012 scheme) with its explained steps as one JSON object on standard\n"
    "output. Writes nothing anywhere else. The request, every field required:\n"
    "  {\"date\": \"2025-01-15\",\n"
    "   \"paying_parent\": {\"gross_weekly_income_pence\": 15000, \"benefit\": \"none\",\n"
    "                     \"nil_rate_reason\": null, \"relevant_other_children\": 0,\n"
    "                     \"other_supported_children\": 0},\n"
    "   \"qualifying_children\": [{\"id\": \"c1\", \"receiving_parent\": \"rp1\", \"shared_care_nights\": 0}]}\n"
    "benefit: none, flat_rate_benefit, partner_income_related_benefit; nil_rate_reason: null,\n"
    "student, child, prisoner, care_home, income_related_benefit_aged_16_17,\n"
    "work_based_training_allowance.\n"
    "Invalid input: one line 'cms calc: FIELD: PROBLEM' on standard error and exit status 1.\n"
    "  --policy-dir DIR   read calculation_rates.json from DIR instead of the built-in table\n";

namespace {

/// A request is a few hundred bytes; more than this is not a calculation request.
constexpr std::size_t request_bytes_max = 1 << 20;

int refuse_input(const std::string& field, const std::string& message) {
    std::fprintf(stderr, "cms calc: %s: %s\n", field.empty() ? "(request)" : field.c_str(), message.c_str());
    return 1;
}

}  // namespace

int run_calc(const arguments& args) {
    const services::cli_arguments options(args, {"policy-dir"}, {});
    const auto policy_dir = options.value("policy-dir");
    if (policy_dir) services::check_policy_directory(*policy_dir);
    const auto rates = services::load_calculation_rates(
        policy_dir ? std::optional<std::filesystem::path>(*policy_dir) : std::nullopt);

    std::string text;
    char buffer[4096];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
        if (text.size() > request_bytes_max) {
            return refuse_input("", "standard input is larger than " + std::to_string(request_bytes_max) + " bytes");
        }
    }
    nlohmann::json request;
    try {
        request = services::parse_json_text(text);
    } catch (const services::json_text_error& refused) {
        return refuse_input(refused.path(),
                            refused.path().empty() ? std::string("standard input ") + refused.what() : refused.what());
    }
    const services::calculation_response answer = services::run_calculation_request(request, rates);
    if (answer.error) return refuse_input(answer.error->field, answer.error->message);
    std::printf("%s\n", answer.result->dump(2).c_str());
    return 0;
}

}  // namespace cms::tools
