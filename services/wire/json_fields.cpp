#include "services/wire/json_fields.hpp"

#include "services/wire/json_text.hpp"

namespace cms::services {

json_fields::json_fields(const nlohmann::json& object, std::string path)
    : object_(object), path_(std::move(path)) {
    if (!object_.is_object()) throw field_error(path_, "must be a JSON object");
}

std::string json_fields::path_of(const std::string& name) const {
    return path_.empty() ? name : path_ + "." + name;
}

const nlohmann::json* json_fields::find(const std::string& name) {
    known_.insert(name);
    const auto found = object_.find(name);
    if (found == object_.end() || found->is_null()) return nullptr;
    return &*found;
}

const nlohmann::json& json_fields::field(const std::string& name) {
    const nlohmann::json* value = find(name);
    if (value == nullptr) throw field_error(path_of(name), "is required");
    return *value;
}

namespace {

std::string checked_string(const nlohmann::json& value, const std::string& path, std::size_t bytes_max) {
    if (!value.is_string()) throw field_error(path, "must be a string");
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > bytes_max) {
        throw field_error(path, "must be at most " + std::to_string(bytes_max) + " bytes");
    }
    return text;
}

bool is_white_space(unsigned char byte) { return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r'; }

std::string checked_text(const nlohmann::json& value, const std::string& path, std::size_t bytes_max) {
    std::string text = checked_string(value, path, bytes_max);
    if (text.empty()) throw field_error(path, "must not be empty");
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto byte = static_cast<unsigned char>(text[at]);
        // C1 controls are U+0080-U+009F, written 0xC2 0x80-0x9F in UTF-8 (the body parser has
        // already refused text that is not UTF-8).
        const bool c1_control = byte == 0xC2 && at + 1 < text.size() &&
                                static_cast<unsigned char>(text[at + 1]) >= 0x80 &&
                                static_cast<unsigned char>(text[at + 1]) <= 0x9F;
        if (byte < 0x20 || byte == 0x7F || c1_control) {
            throw field_error(path, "must not hold control characters (byte " + std::to_string(at) + ")");
        }
    }
    if (is_white_space(static_cast<unsigned char>(text.front())) ||
        is_white_space(static_cast<unsigned char>(text.back()))) {
        throw field_error(path, "must not begin or end with a space");
    }
    return text;
}

std::int64_t checked_integer(const nlohmann::json& value, const std::string& path, std::int64_t min,
                             std::int64_t max) {
    // Amounts are whole pence: 12.5 or 1e3 or "100" are refused rather than rounded or coerced.
    if (!value.is_number_integer()) throw field_error(path, "must be a whole number");
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
        throw field_error(path, "must be at most " + std::to_string(max));
    }
    const auto number = value.get<std::int64_t>();
    if (number < min) throw field_error(path, "must be at least " + std::to_string(min));
    if (number > max) throw field_error(path, "must be at most " + std::to_string(max));
    return number;
}

}  // namespace

std::string json_fields::required_string(const std::string& name, std::size_t bytes_max) {
    return checked_string(field(name), path_of(name), bytes_max);
}

std::string json_fields::optional_string(const std::string& name, std::size_t bytes_max,
                                         std::string fallback) {
    const nlohmann::json* value = find(name);
    return value ? checked_string(*value, path_of(name), bytes_max) : std::move(fallback);
}

std::string json_fields::required_text(const std::string& name, std::size_t bytes_max) {
    return checked_text(field(name), path_of(name), bytes_max);
}

std::optional<std::string> json_fields::optional_text(const std::string& name, std::size_t bytes_max) {
    const nlohmann::json* value = find(name);
    if (value == nullptr) return std::nullopt;
    return checked_text(*value, path_of(name), bytes_max);
}

std::int64_t json_fields::required_integer(const std::string& name, std::int64_t min, std::int64_t max) {
    return checked_integer(field(name), path_of(name), min, max);
}

std::int64_t json_fields::optional_integer(const std::string& name, std::int64_t min, std::int64_t max,
                                           std::int64_t fallback) {
    const nlohmann::json* value = find(name);
    return value ? checked_integer(*value, path_of(name), min, max) : fallback;
}

bool json_fields::optional_boolean(const std::string& name, bool fallback) {
    const nlohmann::json* value = find(name);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) throw field_error(path_of(name), "must be true or false");
    return value->get<bool>();
}

core::civil_date json_fields::required_date(const std::string& name) {
    const std::string text = checked_string(field(name), path_of(name), 10);
    const auto parsed = core::parse_iso_date(text);
    if (!parsed) throw field_error(path_of(name), "must be a real date written YYYY-MM-DD");
    return *parsed;
}

const nlohmann::json& json_fields::required_array(const std::string& name, std::size_t items_min,
                                                  std::size_t items_max) {
    const nlohmann::json& value = field(name);
    if (!value.is_array()) throw field_error(path_of(name), "must be an array");
    if (value.size() < items_min || value.size() > items_max) {
        throw field_error(path_of(name), "must have between " + std::to_string(items_min) + " and " +
                                             std::to_string(items_max) + " items");
    }
    return value;
}

const nlohmann::json* json_fields::optional_object(const std::string& name) {
    const nlohmann::json* value = find(name);
    if (value != nullptr && !value->is_object()) throw field_error(path_of(name), "must be a JSON object");
    return value;
}

bool json_fields::has(const std::string& name) { return find(name) != nullptr; }

void json_fields::refuse_unknown_fields() const {
    for (const auto& [name, value] : object_.items()) {
        if (!known_.contains(name)) throw field_error(path_of(name), "is not a known field");
    }
}

nlohmann::json parse_json_body(const std::string& text) {
    try {
        return parse_json_text(text);
    } catch (const json_text_error& refused) {
        throw field_error(refused.path().empty() ? "body" : refused.path(), refused.what());
    }
}

}  // namespace cms::services
