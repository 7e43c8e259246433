#include "services/replay/scenario_policy.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "services/policy/enforcement_policy_loader.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/policy/policy_loader.hpp"
#include "services/policy/policy_tables.hpp"
#include "services/wire/json_fields.hpp"

namespace cms::services {

namespace {

struct table_file {
    std::string_view table;
    std::string_view file_name;
};
constexpr std::array<table_file, 4> table_files{{
    {"calculation_rates", "calculation_rates.json"},
    {"collection_fees", "collection_fees.json"},
    {"missed_payments", "missed_payments.json"},
    {"payment_apportionment", "payment_apportionment.json"},
}};

std::string shipped_text(std::string_view file_name) {
    for (const embedded_policy_file& file : embedded_policy_files()) {
        if (file.file_name == file_name) return std::string(file.json_text);
    }
    throw std::logic_error("no policy table " + std::string(file_name) + " is compiled in");
}

/// The table with `change.row` in force from `change.effective_from` on. Dates are ISO text, so
/// they compare as strings.
std::string with_row_from(const std::string& table_text, const policy_override& change) {
    nlohmann::json table = nlohmann::json::parse(table_text);
    const std::string from = core::format_iso_date(change.effective_from);
    bool half_open = false;  // rows carry effective_to: [from, to)
    nlohmann::json kept = nlohmann::json::array();
    for (nlohmann::json row : table.at("rows")) {
        half_open = half_open || row.contains("effective_to");
        if (row.at("effective_from").get<std::string>() >= from) continue;  // superseded by the override
        if (row.contains("effective_to") &&
            (row["effective_to"].is_null() || row["effective_to"].get<std::string>() > from)) {
            row["effective_to"] = from;
        }
        kept.push_back(std::move(row));
    }
    nlohmann::json added = nlohmann::json::parse(change.row_json);
    added["effective_from"] = from;
    if (half_open) added["effective_to"] = nullptr;
    kept.push_back(std::move(added));
    table["rows"] = std::move(kept);
    return table.dump();
}

}  // namespace

replay_policy policy_of(const scenario& played) {
    std::array<std::string, table_files.size()> texts;
    for (std::size_t table = 0; table < table_files.size(); ++table) texts[table] = shipped_text(table_files[table].file_name);
    replay_policy policy;
    // Each table is read after every override of it, so a refusal names the override that broke it.
    const auto read_table = [&policy](std::string_view table, const std::string& text, std::string_view source) {
        if (table == "calculation_rates") policy.calculation_rates = parse_calculation_rates(text, source);
        if (table == "collection_fees") policy.collection_fees = parse_collection_fees(text, source);
        if (table == "missed_payments") policy.missed_payments = parse_missed_payment_policy(text, source);
        if (table == "payment_apportionment") policy.payment_apportionment = parse_payment_apportionment(text, source);
    };
    for (std::size_t table = 0; table < table_files.size(); ++table) {
        read_table(table_files[table].table, texts[table], table_files[table].file_name);
    }
    for (std::size_t index = 0; index < played.policy.size(); ++index) {
        const policy_override& change = played.policy[index];
        std::size_t table = 0;
        while (table < table_files.size() && table_files[table].table != change.table) ++table;
        if (table == table_files.size()) {
            throw field_error("policy[" + std::to_string(index) + "].table",
                              std::string("must be one of ") + overridable_policy_tables);
        }
        texts[table] = with_row_from(texts[table], change);
        try {
            read_table(change.table, texts[table], table_files[table].file_name);
        } catch (const policy_load_error& refused) {
            throw field_error("policy[" + std::to_string(index) + "]", refused.what());
        }
    }
    return policy;
}

}  // namespace cms::services
