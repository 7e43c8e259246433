#include "services/commands/command_outcome.hpp"

namespace cms::services {

command_outcome make_problem(int status, const std::string& type_slug, const std::string& title,
                             const std::string& detail, const std::string& field) {
    nlohmann::json body = {
        {"type", "urn:cms:problem:" + type_slug},
        {"title", title},
        {"status", status},
        {"detail", detail},
    };
    if (!field.empty()) body["field"] = field;
    return command_outcome{status, std::move(body)};
}

command_outcome problem_from_rejection(const core::rejection& refused) {
    switch (refused.code) {
        case core::rejection_code::not_found:
            return make_problem(404, "not-found", "Not found", refused.field + " " + refused.detail,
                                refused.field);
        case core::rejection_code::conflicting_state:
            return make_problem(409, "conflicting-state", "Conflicting state",
                                refused.field + " " + refused.detail, refused.field);
        case core::rejection_code::invalid_field:
            break;
    }
    return make_problem(422, "invalid-field", "Invalid field", refused.field + " " + refused.detail,
                        refused.field);
}

}  // namespace cms::services
