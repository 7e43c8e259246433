#pragma once
/// Command-line options of the `cms` subcommands: "--name value" pairs and "--flag" switches.
/// Anything not declared is an error naming it, so a typo never silently falls back to a default.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cms::services {

class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class cli_arguments {
public:
    /// `with_value`: options that take a value; `switches`: options that do not.
    cli_arguments(const std::vector<std::string>& arguments, const std::set<std::string>& with_value,
                  const std::set<std::string>& switches);

    bool has(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    /// A whole number in [min, max]; a usage_error names the option otherwise.
    std::optional<std::int64_t> integer(const std::string& name, std::int64_t min, std::int64_t max) const;

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> switches_seen_;
};

}  // namespace cms::services
