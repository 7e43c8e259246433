#pragma once
/// Command-line options of the `cms` subcommands: "--name value" pairs and "--flag" switches.
/// Anything not declared is an error naming it, so a typo never silently falls back to a default.
/// Bare arguments (file names) are refused too unless the subcommand opts in, so a stray word
/// after a switch is never mistaken for one.
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

/// Whether a subcommand takes bare arguments (`cms replay FILE...`).
enum class positional_arguments { refused, allowed };

class cli_arguments {
public:
    /// `with_value`: options that take a value; `switches`: options that do not. With
    /// `positional_arguments::allowed`, arguments not starting with "--", and every argument
    /// after a lone "--" (a file named like an option), are kept in order as positionals().
    cli_arguments(const std::vector<std::string>& arguments, const std::set<std::string>& with_value,
                  const std::set<std::string>& switches,
                  positional_arguments positionals_taken = positional_arguments::refused);

    bool has(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::string required(const std::string& name) const;
    /// A whole number in [min, max]; a usage_error names the option otherwise.
    std::optional<std::int64_t> integer(const std::string& name, std::int64_t min, std::int64_t max) const;
    /// The bare arguments in the order given (always empty unless allowed).
    const std::vector<std::string>& positionals() const { return positionals_; }

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::string> values_;
    std::set<std::string> switches_seen_;
};

}  // namespace cms::services
