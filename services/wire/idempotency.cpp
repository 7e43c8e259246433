#include "services/wire/idempotency.hpp"

#include <algorithm>
#include <set>

namespace cms::services {

std::optional<std::string> first_differing_field(const nlohmann::json& recorded,
                                                 const nlohmann::json& repeated,
                                                 const std::string& path) {
    if (recorded.is_object() && repeated.is_object()) {
        std::set<std::string> names;
        for (const auto& item : recorded.items()) names.insert(item.key());
        for (const auto& item : repeated.items()) names.insert(item.key());
        for (const std::string& name : names) {
            const std::string child_path = path.empty() ? name : path + "." + name;
            const bool in_recorded = recorded.contains(name);
            const bool in_repeated = repeated.contains(name);
            if (in_recorded != in_repeated) return child_path;
            if (auto differing = first_differing_field(recorded[name], repeated[name], child_path)) {
                return differing;
            }
        }
        return std::nullopt;
    }
    if (recorded.is_array() && repeated.is_array()) {
        const std::size_t common = std::min(recorded.size(), repeated.size());
        for (std::size_t i = 0; i < common; ++i) {
            const std::string child_path = path + "[" + std::to_string(i) + "]";
            if (auto differing = first_differing_field(recorded[i], repeated[i], child_path)) return differing;
        }
        if (recorded.size() != repeated.size()) return path;
        return std::nullopt;
    }
    if (recorded != repeated) return path;
    return std::nullopt;
}

std::optional<std::string> first_differing_field(const std::string& recorded_json, const std::string& repeated_json) {
    return first_differing_field(nlohmann::json::parse(recorded_json), nlohmann::json::parse(repeated_json));
}

}  // namespace cms::services
