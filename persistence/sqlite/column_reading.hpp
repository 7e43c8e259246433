#pragma once
// Reading dates and enums stored as text. Rows were validated on the way in; a date or enum that
// no longer parses means the file was changed behind our back, which must stop the read rather
// than show a wrong record.
#include <SQLiteCpp/Column.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/common/civil_date.hpp"

namespace cms::persistence::sqlite {

inline core::civil_date date_column(const SQLite::Column& column) {
    const auto parsed = core::parse_iso_date(column.getString());
    if (!parsed) throw std::runtime_error("corrupt date in column " + std::string(column.getName()));
    return *parsed;
}

inline std::optional<core::civil_date> optional_date_column(const SQLite::Column& column) {
    if (column.isNull()) return std::nullopt;
    return date_column(column);
}

template <typename Enum>
Enum enum_column(const SQLite::Column& column, std::optional<Enum> (*parse)(std::string_view)) {
    const auto parsed = parse(column.getString());
    if (!parsed) throw std::runtime_error("corrupt value in column " + std::string(column.getName()));
    return *parsed;
}

}  // namespace cms::persistence::sqlite
