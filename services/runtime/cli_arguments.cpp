#include "services/runtime/cli_arguments.hpp"

#include <charconv>

namespace cms::services {

cli_arguments::cli_arguments(const std::vector<std::string>& arguments,
                             const std::set<std::string>& with_value,
                             const std::set<std::string>& switches, positional_arguments positionals_taken) {
    const bool allowed = positionals_taken == positional_arguments::allowed;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (allowed && argument == "--") {
            positionals_.insert(positionals_.end(), arguments.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                                arguments.end());
            break;
        }
        if (argument.rfind("--", 0) != 0) {
            if (!allowed) throw usage_error("unexpected argument '" + argument + "'");
            positionals_.push_back(argument);
            continue;
        }
        std::string name = argument.substr(2);
        std::optional<std::string> inline_value;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            inline_value = name.substr(equals + 1);
            name = name.substr(0, equals);
        }
        if (switches.contains(name) && !inline_value) {
            switches_seen_.insert(name);
        } else if (with_value.contains(name)) {
            if (inline_value) {
                values_[name] = *inline_value;
            } else if (i + 1 < arguments.size()) {
                values_[name] = arguments[++i];
            } else {
                throw usage_error("option --" + name + " needs a value");
            }
        } else {
            throw usage_error("unknown option --" + name);
        }
    }
}

bool cli_arguments::has(const std::string& name) const {
    return switches_seen_.contains(name) || values_.contains(name);
}

std::optional<std::string> cli_arguments::value(const std::string& name) const {
    const auto found = values_.find(name);
    if (found == values_.end()) return std::nullopt;
    return found->second;
}

std::string cli_arguments::required(const std::string& name) const {
    auto found = value(name);
    if (!found || found->empty()) throw usage_error("option --" + name + " is required");
    return *found;
}

std::optional<std::int64_t> cli_arguments::integer(const std::string& name, std::int64_t min,
                                                   std::int64_t max) const {
    const auto text = value(name);
    if (!text) return std::nullopt;
    std::int64_t number = 0;
    const auto result = std::from_chars(text->data(), text->data() + text->size(), number);
    if (result.ec != std::errc{} || result.ptr != text->data() + text->size() || number < min || number > max) {
        throw usage_error("option --" + name + " must be a whole number from " + std::to_string(min) +
                          " to " + std::to_string(max));
    }
    return number;
}

}  // namespace cms::services
