#include "services/wire/json_text.hpp"

#include <set>
#include <vector>

namespace cms::services {

namespace {

/// One open object or array while parsing: the keys seen so far (objects), or the index of the
/// element being read (arrays), so a refusal can name where it is.
struct open_container {
    bool is_object = false;
    std::set<std::string> keys;
    std::string key;
    std::size_t elements_count = 0;
};

std::string path_of(const std::vector<open_container>& open) {
    std::string path;
    for (const open_container& container : open) {
        if (container.is_object) {
            if (container.key.empty() && container.keys.empty()) continue;
            path += (path.empty() ? "" : ".") + container.key;
        } else if (container.elements_count > 0) {
            path += "[" + std::to_string(container.elements_count - 1) + "]";
        }
    }
    return path;
}

/// Tracks the parse through the library's callback and throws on a repeated key or deep nesting.
class strict_reader {
public:
    bool on_event(int depth, nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
        using event_t = nlohmann::json::parse_event_t;
        switch (event) {
            case event_t::object_start:
            case event_t::array_start:
                count_element();
                if (static_cast<std::size_t>(depth) >= json_nesting_depth_max) {
                    throw json_text_error(path_of(open_), "is nested more than " +
                                                              std::to_string(json_nesting_depth_max) + " levels deep");
                }
                open_.push_back(open_container{event == event_t::object_start, {}, {}, 0});
                awaiting_value_ = false;
                break;
            case event_t::key: {
                open_container& object = open_.back();
                const std::string& key = parsed.get_ref<const std::string&>();
                if (!object.keys.insert(key).second) {
                    object.key = key;
                    throw json_text_error(path_of(open_), "appears more than once in the same object");
                }
                object.key = key;
                awaiting_value_ = true;
                break;
            }
            case event_t::value:
                count_element();
                awaiting_value_ = false;
                break;
            case event_t::object_end:
            case event_t::array_end:
                open_.pop_back();
                awaiting_value_ = false;
                break;
        }
        return true;
    }

    /// Where the text stopped parsing: the field whose value was being read (after its key), the
    /// array element being read, or else the object being read (a bad key, a missing comma);
    /// empty at the top level.
    std::string error_path() const {
        if (open_.empty()) return {};
        const open_container& innermost = open_.back();
        if (innermost.is_object && awaiting_value_) return path_of(open_);
        std::vector<open_container> enclosing(open_.begin(), open_.end() - 1);
        std::string path = path_of(enclosing);
        if (!innermost.is_object) path += "[" + std::to_string(innermost.elements_count) + "]";
        return path;
    }

private:
    void count_element() {
        if (!open_.empty() && !open_.back().is_object) ++open_.back().elements_count;
    }

    std::vector<open_container> open_;
    bool awaiting_value_ = false;  ///< a key was read, its value not yet
};

}  // namespace

nlohmann::json parse_json_text(std::string_view text) {
    strict_reader reader;
    try {
        return nlohmann::json::parse(
            text, [&reader](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
                return reader.on_event(depth, event, parsed);
            });
    } catch (const nlohmann::json::parse_error& error) {
        // Named by the field being read when the text broke (a string with bytes that are not
        // UTF-8 names its own field), so the client knows which value to fix; text that simply
        // ends too early is the body's fault.
        const bool ended_early = error.byte > text.size();  // byte is 1-based: the end is size + 1
        throw json_text_error(ended_early ? std::string() : reader.error_path(),
                              "is not valid JSON (UTF-8 text) at byte " + std::to_string(error.byte));
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for any JSON number type (found by fuzzing: it used to be a 500).
        throw json_text_error("", "has a number too large to represent");
    }
}

std::string write_json_text(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cms::services
