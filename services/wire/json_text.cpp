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
                break;
            case event_t::key: {
                open_container& object = open_.back();
                const std::string& key = parsed.get_ref<const std::string&>();
                if (!object.keys.insert(key).second) {
                    object.key = key;
                    throw json_text_error(path_of(open_), "appears more than once in the same object");
                }
                object.key = key;
                break;
            }
            case event_t::value: count_element(); break;
            case event_t::object_end:
            case event_t::array_end: open_.pop_back(); break;
        }
        return true;
    }

private:
    void count_element() {
        if (!open_.empty() && !open_.back().is_object) ++open_.back().elements_count;
    }

    std::vector<open_container> open_;
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
        throw json_text_error("", "is not valid JSON (UTF-8 text) at byte " + std::to_string(error.byte));
    } catch (const nlohmann::json::out_of_range&) {
        // A number too large for any JSON number type (found by fuzzing: it used to be a 500).
        throw json_text_error("", "has a number too large to represent");
    }
}

std::string write_json_text(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace cms::services
