#include "services/wire/policy_json_reader.hpp"

#include <limits>

#include "services/wire/json_text.hpp"

namespace cms::services::policy_json {

location location::at(const std::string& name) const {
    return {file, row, field.empty() ? name : field + "." + name};
}

location location::at(std::size_t index) const {
    return {file, row, field + "[" + std::to_string(index) + "]"};
}

std::string location::describe() const {
    std::string text = file;
    if (row > 0) text += ": row " + std::to_string(row);
    if (!field.empty()) text += ": " + field;
    return text;
}

void fail(const location& where, const std::string& problem) {
    throw policy_load_error(where.describe() + ": " + problem);
}

std::string describe_value(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::number_float:
            return "the floating-point number " + value.dump() +
                   " (policy numbers are integers: pence, basis points or nights)";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: return "the integer " + value.dump();
        default: return "an unsupported value";
    }
}

std::int64_t read_integer(const nlohmann::json& value, const location& where, std::int64_t min,
                          std::int64_t max) {
    if (!value.is_number_integer()) fail(where, "expected an integer, got " + describe_value(value));
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(where, "integer " + value.dump() + " is out of range");
    }
    const auto number = value.get<std::int64_t>();
    if (number < min || number > max) {
        fail(where, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                        ", got " + std::to_string(number));
    }
    return number;
}

core::civil_date read_date(const nlohmann::json& value, const location& where) {
    if (!value.is_string()) fail(where, "expected a date \"YYYY-MM-DD\", got " + describe_value(value));
    const auto parsed = core::parse_iso_date(value.get<std::string>());
    if (!parsed) fail(where, "\"" + value.get<std::string>() + "\" is not a valid YYYY-MM-DD date");
    return *parsed;
}

std::string read_string(const nlohmann::json& value, const location& where) {
    if (!value.is_string()) fail(where, "expected a string, got " + describe_value(value));
    return value.get<std::string>();
}

const nlohmann::json& read_array(const nlohmann::json& value, const location& where,
                                 std::size_t size_from, std::size_t size_to) {
    if (!value.is_array()) fail(where, "expected an array, got " + describe_value(value));
    if (value.size() < size_from || value.size() > size_to) {
        fail(where, size_from == size_to
                        ? "expected exactly " + std::to_string(size_from) + " entries, got " +
                              std::to_string(value.size())
                        : "expected " + std::to_string(size_from) + " to " + std::to_string(size_to) +
                              " entries, got " + std::to_string(value.size()));
    }
    return value;
}

object_reader::object_reader(const nlohmann::json& value, location where)
    : value_(value), where_(std::move(where)) {
    if (!value_.is_object()) fail(where_, "expected an object, got " + describe_value(value_));
}

const nlohmann::json& object_reader::required(const std::string& name) {
    read_.insert(name);
    const auto found = value_.find(name);
    if (found == value_.end()) fail(where_.at(name), "required field is missing");
    return *found;
}

const nlohmann::json* object_reader::optional(const std::string& name) {
    read_.insert(name);
    const auto found = value_.find(name);
    if (found == value_.end() || found->is_null()) return nullptr;
    return &*found;
}

std::int64_t object_reader::integer(const std::string& name, std::int64_t min, std::int64_t max) {
    return read_integer(required(name), where_.at(name), min, max);
}

core::money object_reader::pence(const std::string& name, std::int64_t min_pence,
                                 std::int64_t max_pence) {
    return core::money::from_pence(integer(name, min_pence, max_pence));
}

void object_reader::finish() const {
    for (const auto& item : value_.items()) {
        if (read_.count(item.key()) == 0) fail(where_.at(item.key()), "unknown field");
    }
}

nlohmann::json parse_document(std::string_view json_text, const std::string& file_name) {
    const location top{file_name, 0, ""};
    try {
        return parse_json_text(json_text);
    } catch (const json_text_error& refused) {  // the same refusals as an API body, in the same words
        if (refused.path().empty()) fail(top, std::string("the text ") + refused.what());
        fail(top.at(refused.path()), refused.what());
    }
}

void read_header(object_reader& reader) {
    const location& top = reader.where();
    if (const nlohmann::json* schema = reader.optional("$schema")) read_string(*schema, top.at("$schema"));
    if (const nlohmann::json* comment = reader.optional("comment")) read_string(*comment, top.at("comment"));
}

nlohmann::json read_policy_document(std::string_view json_text, const std::string& file_name,
                                    const std::string& table_name) {
    const location top{file_name, 0, ""};
    nlohmann::json document = parse_document(json_text, file_name);
    object_reader reader(document, top);
    read_header(reader);
    if (read_string(reader.required("table"), top.at("table")) != table_name) {
        fail(top.at("table"), "expected \"" + table_name + "\"");
    }
    read_array(reader.required("rows"), top.at("rows"), 1, 10'000);
    reader.finish();
    return document;
}

}  // namespace cms::services::policy_json
