#pragma once
/// Comparing a repeated command with the one first recorded under its idempotency key.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace cms::services {

/// The path of the first field (in sorted key order) whose value differs between two requests,
/// e.g. "amount_pence" or "children[1].date_of_birth"; nothing when they are equal. A field
/// present in one and absent in the other differs.
std::optional<std::string> first_differing_field(const nlohmann::json& recorded,
                                                 const nlohmann::json& repeated,
                                                 const std::string& path = "");

/// The same for two requests as the journal keeps them (JSON text, e.g. request_json).
std::optional<std::string> first_differing_field(const std::string& recorded_json, const std::string& repeated_json);

}  // namespace cms::services
