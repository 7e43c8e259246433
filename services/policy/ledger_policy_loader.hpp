#pragma once
/// Loads the ledger's policy tables: collection fees (effective-dated, contiguous) and the
/// arrears ageing buckets. Errors are policy_load_error naming file, row and problem, as for the
/// calculation rates.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/arrears/arrears.hpp"
#include "core/ledger/collection_fee_policy.hpp"
#include "core/payments/apportionment.hpp"
#include "services/policy/policy_loader.hpp"

namespace cms::services {

std::vector<core::collection_fee_row> parse_collection_fees(std::string_view json_text,
                                                            std::string_view file_name);

/// The buckets' labels are string_views into `labels`. Moving keeps them valid (the vector's
/// elements do not move); copying would not, so copying is deleted.
struct ageing_table {
    ageing_table() = default;
    ageing_table(ageing_table&&) = default;
    ageing_table& operator=(ageing_table&&) = default;
    ageing_table(const ageing_table&) = delete;
    ageing_table& operator=(const ageing_table&) = delete;

    std::vector<std::string> labels;
    std::vector<core::ageing_bucket> buckets;
};
ageing_table parse_arrears_ageing(std::string_view json_text, std::string_view file_name);

/// The collection fees from `file` when given, else `policy_dir`/collection_fees.json (missing is
/// an error), else the compiled-in table. Throws policy_load_error.
std::vector<core::collection_fee_row> load_collection_fees(const std::optional<std::filesystem::path>& policy_dir,
                                                           const std::optional<std::filesystem::path>& file = {});
/// The ageing buckets from `policy_dir`/arrears_ageing.json (missing is an error) when a directory
/// is given, else the compiled-in table.
ageing_table load_arrears_ageing(const std::optional<std::filesystem::path>& policy_dir);

/// How one payment is split between a paying parent's cases, from each date (dates ascending).
std::vector<core::apportionment_row> parse_payment_apportionment(std::string_view json_text, std::string_view file_name);
/// From `policy_dir`/payment_apportionment.json (missing is an error) when a directory is given,
/// else the compiled-in table.
std::vector<core::apportionment_row> load_payment_apportionment(const std::optional<std::filesystem::path>& policy_dir);

/// Reads and validates every table a policy directory must hold (calculation_rates.json,
/// collection_fees.json, arrears_ageing.json, payment_apportionment.json, enforcement_ladder.json, missed_payments.json). A directory is one set of policy, so no program
/// runs on part of one and the built-in rest: `cms serve`, `cms calc` and `cms run-job` all
/// refuse a directory that lacks a table, even one they would not read. Throws
/// policy_load_error naming the first missing or bad file.
void check_policy_directory(const std::filesystem::path& policy_dir);

}  // namespace cms::services
