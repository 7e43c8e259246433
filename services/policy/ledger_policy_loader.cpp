#include "services/policy/ledger_policy_loader.hpp"

#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/wire/policy_json_reader.hpp"

namespace cms::services {

using policy_json::location;
using policy_json::object_reader;

namespace {

constexpr std::int64_t basis_points_max = 10'000;

}  // namespace

std::pair<std::string, std::string> policy_file_text(const std::optional<std::filesystem::path>& policy_dir,
                                                     const std::optional<std::filesystem::path>& file,
                                                     std::string_view file_name) {
    std::optional<std::filesystem::path> path = file;
    // A policy directory replaces the built-in tables, all of them: one it lacks is an error
    // (read_policy_file), never the built-in table slipped in beside the chosen ones.
    if (!path && policy_dir) path = *policy_dir / file_name;
    if (path) return {read_policy_file(*path), path->string()};
    for (const embedded_policy_file& embedded : embedded_policy_files()) {
        if (embedded.file_name == file_name) return {std::string(embedded.json_text), std::string(file_name)};
    }
    throw policy_load_error(std::string(file_name) + ": not compiled into this program");
}

std::vector<core::collection_fee_row> parse_collection_fees(std::string_view json_text,
                                                            std::string_view file_name) {
    const std::string file(file_name);
    const nlohmann::json document = policy_json::read_policy_document(json_text, file, "collection_fees");
    const nlohmann::json& rows = document.at("rows");
    std::vector<core::collection_fee_row> out;
    std::optional<core::civil_date> previous_end;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const location where{file, i + 1, ""};
        object_reader row(rows[i], where);
        const core::civil_date from = policy_json::read_date(row.required("effective_from"), where.at("effective_from"));
        std::optional<core::civil_date> to;
        if (const nlohmann::json* end = row.optional("effective_to")) to = policy_json::read_date(*end, where.at("effective_to"));
        core::collection_fee_row fee;
        fee.effective_from = from;
        fee.paying_parent_fee = core::basis_points{row.integer("paying_parent_fee_bp", 0, basis_points_max)};
        fee.receiving_parent_fee = core::basis_points{row.integer("receiving_parent_fee_bp", 0, basis_points_max)};
        if (const nlohmann::json* comment = row.optional("comment")) policy_json::read_string(*comment, where.at("comment"));
        row.finish();
        if (to && *to <= from) policy_json::fail(where.at("effective_to"), "must be after effective_from");
        // Fees must be defined every day from the first row on: a gap would leave days on which
        // no fee rule is in force, so rows must be contiguous.
        if (i > 0 && (!previous_end || *previous_end != from)) {
            policy_json::fail(where.at("effective_from"),
                              "must equal row " + std::to_string(i) + "'s effective_to (rows are contiguous)");
        }
        if (!to && i + 1 != rows.size()) policy_json::fail(where.at("effective_to"), "only the last row may be open");
        if (to && i + 1 == rows.size()) policy_json::fail(where.at("effective_to"), "the last row must be open (null)");
        previous_end = to;
        out.push_back(fee);
    }
    const core::fee_policy_check check = core::validate_fee_policy(out);
    if (check.status != core::fee_policy_status::ok) {
        policy_json::fail(location{file, check.row + 1, ""}, core::to_string(check.status));
    }
    return out;
}

ageing_table parse_arrears_ageing(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    const nlohmann::json document = policy_json::read_policy_document(json_text, file, "arrears_ageing");
    const nlohmann::json& rows = document.at("rows");
    ageing_table table;
    table.labels.reserve(rows.size());  // string_views into labels must not move
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const location where{file, i + 1, ""};
        object_reader row(rows[i], where);
        table.labels.push_back(policy_json::read_string(row.required("label"), where.at("label")));
        core::ageing_bucket bucket;
        bucket.label = table.labels.back();
        bucket.min_days = row.integer("min_days", 1, 100'000);
        if (const nlohmann::json* max = row.optional("max_days")) {
            bucket.max_days = policy_json::read_integer(*max, where.at("max_days"), 1, 100'000);
        }
        row.finish();
        table.buckets.push_back(bucket);
    }
    const core::bucket_table_check check = core::validate_bucket_table(table.buckets);
    if (check.status != core::bucket_table_status::ok) {
        policy_json::fail(location{file, check.bucket + 1, ""}, core::to_string(check.status));
    }
    return table;
}

std::vector<core::apportionment_row> parse_payment_apportionment(std::string_view json_text, std::string_view file_name) {
    const std::string file(file_name);
    const nlohmann::json document = policy_json::read_policy_document(json_text, file, "payment_apportionment");
    const nlohmann::json& rows = document.at("rows");
    std::vector<core::apportionment_row> out;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const location where{file, i + 1, ""};
        object_reader row(rows[i], where);
        core::apportionment_row parsed;
        parsed.effective_from = policy_json::read_date(row.required("effective_from"), where.at("effective_from"));
        const std::string method = policy_json::read_string(row.required("method"), where.at("method"));
        const auto known = core::parse_apportionment_method(method);
        if (!known) policy_json::fail(where.at("method"), "must be pro_rata_to_owed or oldest_case_first");
        parsed.method = *known;
        if (const nlohmann::json* comment = row.optional("comment")) policy_json::read_string(*comment, where.at("comment"));
        row.finish();
        if (!out.empty() && !(out.back().effective_from < parsed.effective_from)) {
            policy_json::fail(where.at("effective_from"), "must be after row " + std::to_string(i) + "'s");
        }
        out.push_back(parsed);
    }
    if (out.empty()) policy_json::fail(location{file, 0, "rows"}, "at least one row is needed");
    return out;
}

std::vector<core::apportionment_row> load_payment_apportionment(const std::optional<std::filesystem::path>& policy_dir) {
    const auto [text, name] = policy_file_text(policy_dir, std::nullopt, "payment_apportionment.json");
    return parse_payment_apportionment(text, name);
}

std::vector<core::collection_fee_row> load_collection_fees(const std::optional<std::filesystem::path>& policy_dir,
                                                           const std::optional<std::filesystem::path>& file) {
    const auto [text, name] = policy_file_text(policy_dir, file, "collection_fees.json");
    return parse_collection_fees(text, name);
}

ageing_table load_arrears_ageing(const std::optional<std::filesystem::path>& policy_dir) {
    const auto [text, name] = policy_file_text(policy_dir, std::nullopt, "arrears_ageing.json");
    return parse_arrears_ageing(text, name);
}

void check_policy_directory(const std::filesystem::path& policy_dir) {
    (void)load_calculation_rates(policy_dir);
    (void)load_collection_fees(policy_dir);
    (void)load_arrears_ageing(policy_dir);
    (void)load_payment_apportionment(policy_dir);
    (void)load_enforcement_ladder(policy_dir);
    (void)load_missed_payment_policy(policy_dir);
    (void)load_penalty_rules(policy_dir);
    (void)load_court_outcomes(policy_dir);
}

}  // namespace cms::services
