#pragma once
/// A named reason a command was refused. Expected outcomes are values, not exceptions.
#include <string>

namespace cms::core {

enum class rejection_code {
    invalid_field,      ///< a field is present but its value breaks a rule (range, format)
    not_found,          ///< the command names a record that does not exist
    conflicting_state,  ///< the records exist but their state forbids the command
};

struct rejection {
    rejection_code code = rejection_code::invalid_field;
    std::string field;   ///< the offending field as the client named it, e.g. "amount_pence"
    std::string detail;  ///< one sentence a caseworker can act on
};

}  // namespace cms::core
