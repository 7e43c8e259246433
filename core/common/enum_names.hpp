#pragma once
/// An enum's stable names as a constexpr table of (value, name) pairs, and the two lookups every
/// such table needs, so each enum states its names once and nothing else.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace cms::core {

template <typename Enum, std::size_t Count>
using enum_name_table = std::array<std::pair<Enum, std::string_view>, Count>;

/// The value's name, or "unknown" for a value the table does not list.
template <typename Enum, std::size_t Count>
constexpr std::string_view name_in(const enum_name_table<Enum, Count>& table, Enum value) {
    for (const auto& [listed, name] : table) {
        if (listed == value) return name;
    }
    return "unknown";
}

/// The value named `text`, or nothing.
template <typename Enum, std::size_t Count>
constexpr std::optional<Enum> value_named(const enum_name_table<Enum, Count>& table, std::string_view text) {
    for (const auto& [value, name] : table) {
        if (name == text) return value;
    }
    return std::nullopt;
}

}  // namespace cms::core
