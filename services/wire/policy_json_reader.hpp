#pragma once
/// Strict reading of policy-table JSON (private to the policy loaders): every read names its
/// field, every failure throws policy_load_error with "<file>: row <n>: <field>: <problem>",
/// and an object reader refuses fields nobody asked for.
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/common/civil_date.hpp"
#include "core/common/money.hpp"

namespace cms::services {

/// A policy table that cannot be used: its file, the field and what is wrong with it.
class policy_load_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace cms::services

namespace cms::services::policy_json {

/// Where a value sits: the file, the 1-based row (0 = outside any row) and the field path.
struct location {
    std::string file;
    std::size_t row = 0;
    std::string field;

    location at(const std::string& name) const;      ///< child field "a.b"
    location at(std::size_t index) const;            ///< array element "a[2]"
    std::string describe() const;                    ///< "file: row 2: a.b"
};

[[noreturn]] void fail(const location& where, const std::string& problem);

/// A JSON value's kind for messages: "a string", "a floating-point number 21.2", ...
std::string describe_value(const nlohmann::json& value);

std::int64_t read_integer(const nlohmann::json& value, const location& where, std::int64_t min,
                          std::int64_t max);
core::civil_date read_date(const nlohmann::json& value, const location& where);
std::string read_string(const nlohmann::json& value, const location& where);
const nlohmann::json& read_array(const nlohmann::json& value, const location& where,
                                 std::size_t size_from, std::size_t size_to);

/// Reads the fields of one JSON object; finish() rejects any field that was never read.
class object_reader {
public:
    object_reader(const nlohmann::json& value, location where);

    const nlohmann::json& required(const std::string& name);
    /// Missing and null both read as "absent".
    const nlohmann::json* optional(const std::string& name);
    std::int64_t integer(const std::string& name, std::int64_t min, std::int64_t max);
    core::money pence(const std::string& name, std::int64_t min_pence, std::int64_t max_pence);
    void finish() const;

    const location& where() const { return where_; }

private:
    const nlohmann::json& value_;
    location where_;
    std::set<std::string> read_;
};

/// Parses `json_text` strictly (wire/json_text.hpp: no duplicate keys, no trailing text); a
/// refusal names the file and, where it can, the field.
nlohmann::json parse_document(std::string_view json_text, const std::string& file_name);

/// Reads an object's optional "$schema" and "comment" (strings), as every policy file's top
/// object and each part of a calibration file may have them.
void read_header(object_reader& reader);

/// Parses a policy file's envelope {"$schema"?, "comment"?, "table": <table_name>, "rows": [...]}
/// and returns the document; its "rows" is an array of 1 to 10,000 elements. Every policy table
/// shares this envelope, so each loader only reads its own rows.
nlohmann::json read_policy_document(std::string_view json_text, const std::string& file_name,
                                    const std::string& table_name);

}  // namespace cms::services::policy_json
