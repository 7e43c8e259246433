#pragma once
/// Where the service's policy tables come from. By default the tables of schemas/policy/ as
/// they were when `cms` was built (compiled in by services/embed_policy.cmake, so an installed
/// binary needs no files beside it and cannot pick up a stale source tree); `cms serve
/// --policy-dir DIR` reads DIR instead, to run under a changed table without rebuilding. Either
/// way every table is validated before the service starts: a bad one throws policy_load_error
/// naming the file, the row and the problem.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/calculation/calculation_policy.hpp"

namespace cms::services {

inline constexpr std::string_view calculation_rates_file_name = "calculation_rates.json";

struct embedded_policy_file {
    std::string_view file_name;   ///< e.g. "calculation_rates.json"
    std::string_view json_text;
};

/// Every schemas/policy/*.json file, in file-name order (generated at build time).
const std::vector<embedded_policy_file>& embedded_policy_files();

/// The text of policy table `file_name` and the name its errors give it: `file` when given, else
/// `policy_dir`/`file_name` (missing is an error), else the compiled-in table.
std::pair<std::string, std::string> policy_file_text(const std::optional<std::filesystem::path>& policy_dir,
                                                     const std::optional<std::filesystem::path>& file,
                                                     std::string_view file_name);

/// The compiled-in calculation_rates.json, parsed and validated once (later calls return the
/// same rows). Throws policy_load_error if the built-in table is broken.
const std::vector<core::calculation_rates>& embedded_calculation_rates();

/// The calculation rates of `policy_dir`/calculation_rates.json when a directory is given,
/// otherwise the compiled-in ones. Throws policy_load_error.
std::vector<core::calculation_rates> load_calculation_rates(const std::optional<std::filesystem::path>& policy_dir);

}  // namespace cms::services
