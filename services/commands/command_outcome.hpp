#pragma once
/// What a command or query answers: an HTTP-style status and a JSON body. Errors are RFC 9457
/// problem objects (type, title, status, detail, field) so every client sees one shape.
#include <nlohmann/json.hpp>

#include <string>

#include "core/common/rejection.hpp"

namespace cms::services {

struct command_outcome {
    int status = 200;
    nlohmann::json body;
    bool is_problem() const { return status >= 400; }
};

/// A problem body; `field` is omitted when empty. `type_slug` becomes "urn:cms:problem:<slug>".
command_outcome make_problem(int status, const std::string& type_slug, const std::string& title,
                             const std::string& detail, const std::string& field = {});

/// Maps a core rejection to its status: invalid_field 422, not_found 404, conflicting_state 409.
command_outcome problem_from_rejection(const core::rejection& refused);

}  // namespace cms::services
