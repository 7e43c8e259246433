#pragma once
/// Demo users for `cms serve --demo-users`: one user per role, named "demo-<role>", each given a
/// fresh token on every start (the previous demo token stops working). For demonstrations and
/// tests only; real users are made with `cms user add`.
#include <string>
#include <vector>

#include "core/access/authorisation.hpp"
#include "persistence/writer.hpp"

namespace cms::services {

struct demo_user_token {
    core::role role;
    std::string user_name;
    std::string token;
};

/// Creates or re-tokens the demo users through the writer; returns the new tokens.
std::vector<demo_user_token> create_demo_users(persistence::writer& writer);

}  // namespace cms::services
