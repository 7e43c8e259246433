#pragma once
/// Loads the effective-dated calculation policy (schemas/policy/calculation_rates.json) into
/// core structs, validating every field: type, range, integers only (a float is refused even
/// when it is whole, e.g. 1700.0), no unknown fields, rows in date order without overlap, income
/// bands ordered and shared-care bands contiguous. The service loads this at start and refuses
/// to start when it throws.
///
/// Error messages read "<file>: row <n>: <field>: <problem>", rows numbered from 1 as a person
/// editing the file counts them, e.g.
///   calculation_rates.json: row 2: effective_from 2014-01-01 overlaps row 1 (2013-07-01..open)
#include <filesystem>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "core/calculation/calculation_policy.hpp"

#include "services/wire/policy_json_reader.hpp"

namespace cms::services {


/// Parses and validates `json_text`; `file_name` is only used to name the source in errors.
/// Throws policy_load_error.
std::vector<core::calculation_rates> parse_calculation_rates(std::string_view json_text,
                                                             std::string_view file_name);

/// The text of one policy file. A missing file is a policy_load_error naming it: a policy
/// directory must hold every table the program reads, since falling back to the built-in table
/// for one it lacks would run silently under a policy nobody chose.
std::string read_policy_file(const std::filesystem::path& path);

/// Reads the file and parses it as above; an unreadable file is a policy_load_error too.
std::vector<core::calculation_rates> load_calculation_rates_file(const std::filesystem::path& path);

}  // namespace cms::services
