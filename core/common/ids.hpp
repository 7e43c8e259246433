#pragma once
/// Strong id types: a case id cannot be passed where a parent id is wanted.
#include <compare>
#include <cstdint>
#include <functional>

namespace cms::core {

template <typename Tag>
struct strong_id {
    std::int64_t value = 0;
    friend constexpr auto operator<=>(strong_id, strong_id) = default;
};

using parent_id = strong_id<struct parent_id_tag>;
using case_id = strong_id<struct case_id_tag>;
using payment_id = strong_id<struct payment_id_tag>;
using command_id = strong_id<struct command_id_tag>;

}  // namespace cms::core

template <typename Tag>
struct std::hash<cms::core::strong_id<Tag>> {
    std::size_t operator()(cms::core::strong_id<Tag> id) const noexcept {
        return std::hash<std::int64_t>{}(id.value);
    }
};
