#pragma once
/// The one strict JSON text parser: every JSON the service reads from outside (API bodies,
/// scenario files, policy tables, `cms calc` input) goes through it, so all of them refuse the
/// same things the same way, in our own words:
///   - text that is not JSON, or not UTF-8 (with the byte offset);
///   - a key that appears twice in one object (the library would keep the last silently, so
///     `{"amount_pence": 1, "amount_pence": 100000}` would mean whatever the last one says);
///   - nesting deeper than json_nesting_depth_max (so no reader recurses without bound);
///   - a number too large for any JSON number type.
/// Never the library's message: it quotes the bytes it read, which may be invalid UTF-8.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace cms::services {

inline constexpr std::size_t json_nesting_depth_max = 64;

class json_text_error : public std::runtime_error {
public:
    json_text_error(std::string path, const std::string& detail)
        : std::runtime_error(detail), path_(std::move(path)) {}
    /// Where the problem is, as field paths are written elsewhere ("children[0].name"); empty
    /// when it concerns the text as a whole (malformed text, a number too large).
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

/// Parses `text` strictly as above; throws json_text_error.
nlohmann::json parse_json_text(std::string_view text);

/// A JSON value as text. Text is validated as UTF-8 when parsed, so only a bug could put invalid
/// UTF-8 in a value; if one does, it is replaced (U+FFFD) rather than thrown, since an answer
/// that cannot be written must not take the server down. Every JSON answer and journal row is
/// written by this.
std::string write_json_text(const nlohmann::json& value);

}  // namespace cms::services
