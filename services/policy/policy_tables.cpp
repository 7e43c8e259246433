#include "services/policy/policy_tables.hpp"

#include <string>

#include "services/policy/policy_loader.hpp"

namespace cms::services {

namespace {

std::string_view embedded_text(std::string_view file_name) {
    for (const embedded_policy_file& file : embedded_policy_files()) {
        if (file.file_name == file_name) return file.json_text;
    }
    throw policy_load_error(std::string(file_name) + ": not built into this program (is it in schemas/policy/?)");
}

}  // namespace

const std::vector<core::calculation_rates>& embedded_calculation_rates() {
    // Parsed on first use; a static initialised by a throwing call is retried on the next call.
    static const std::vector<core::calculation_rates> rows = parse_calculation_rates(
        embedded_text(calculation_rates_file_name),
        std::string("built-in ") + std::string(calculation_rates_file_name));
    return rows;
}

std::vector<core::calculation_rates> load_calculation_rates(const std::optional<std::filesystem::path>& policy_dir) {
    if (!policy_dir) return embedded_calculation_rates();
    return load_calculation_rates_file(*policy_dir / calculation_rates_file_name);
}

}  // namespace cms::services
