#pragma once
/// Strict reading of one JSON object: every field typed and range-checked, unknown fields
/// refused. The first problem is thrown as field_error naming the field by its full path
/// (e.g. "children[1].date_of_birth"), so the client knows exactly what to fix.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/common/civil_date.hpp"

namespace cms::services {

class field_error : public std::runtime_error {
public:
    field_error(std::string field, const std::string& detail)
        : std::runtime_error(detail), field_(std::move(field)) {}
    const std::string& field() const { return field_; }

private:
    std::string field_;
};

class json_fields {
public:
    /// `path` is the object's own path ("" for the body, "children[0]" for a nested object).
    json_fields(const nlohmann::json& object, std::string path);

    std::string required_string(const std::string& name, std::size_t bytes_max);
    std::string optional_string(const std::string& name, std::size_t bytes_max, std::string fallback);
    /// Text a person writes and another reads (a name, a reference, a note): a string of 1 to
    /// `bytes_max` bytes that is not blank, does not begin or end with white space and holds no
    /// control character (U+0000-U+001F, U+007F-U+009F). Such a value is refused, not trimmed,
    /// so what the journal keeps is exactly what was sent.
    std::string required_text(const std::string& name, std::size_t bytes_max);
    /// As required_text when present; nothing when absent or null.
    std::optional<std::string> optional_text(const std::string& name, std::size_t bytes_max);
    std::int64_t required_integer(const std::string& name, std::int64_t min, std::int64_t max);
    std::int64_t optional_integer(const std::string& name, std::int64_t min, std::int64_t max,
                                  std::int64_t fallback);
    /// true or false; `fallback` when absent or null.
    bool optional_boolean(const std::string& name, bool fallback);
    core::civil_date required_date(const std::string& name);
    /// The array under `name`, with its length checked; elements are the caller's to read.
    const nlohmann::json& required_array(const std::string& name, std::size_t items_min,
                                         std::size_t items_max);
    /// The object under `name`, or nullptr when absent or null.
    const nlohmann::json* optional_object(const std::string& name);
    /// True when the field is present and not null (marks it as known).
    bool has(const std::string& name);
    /// The full path of a field of this object, for nested readers and error messages.
    std::string path_of(const std::string& name) const;

    /// Refuses any field no getter asked for. Call after reading every field.
    void refuse_unknown_fields() const;

private:
    const nlohmann::json& field(const std::string& name);
    const nlohmann::json* find(const std::string& name);

    const nlohmann::json& object_;
    std::string path_;
    std::set<std::string> known_;
};

/// An enumerated string field, parsed by `parse`; anything else names the field and lists the
/// `allowed` values. Every command parser reads its enums this way.
template <typename Enum>
Enum required_enum(json_fields& fields, const std::string& name, std::optional<Enum> (*parse)(std::string_view),
                   const char* allowed) {
    const auto parsed = parse(fields.required_string(name, 64));
    if (!parsed) throw field_error(fields.path_of(name), std::string("must be one of ") + allowed);
    return *parsed;
}

/// As required_enum, but absent (or null) is nothing.
template <typename Enum>
std::optional<Enum> optional_enum(json_fields& fields, const std::string& name,
                                  std::optional<Enum> (*parse)(std::string_view), const char* allowed) {
    if (!fields.has(name)) return std::nullopt;
    return required_enum(fields, name, parse, allowed);
}

/// Parses text as strict JSON (json_text.hpp); a refusal is a field_error naming the repeated or
/// too deeply nested field, or field "body" for text that is not JSON, with the byte offset.
nlohmann::json parse_json_body(const std::string& text);

}  // namespace cms::services
