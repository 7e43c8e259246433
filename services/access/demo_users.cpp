#include "services/access/demo_users.hpp"

#include "persistence/user_repository.hpp"
#include "services/access/token.hpp"

namespace cms::services {

std::vector<demo_user_token> create_demo_users(persistence::writer& writer) {
    std::vector<demo_user_token> made;
    for (const core::role held : core::all_roles) {
        made.push_back({held, "demo-" + std::string(core::role_name(held)), generate_token()});
    }
    writer.execute([&made](persistence::unit_of_work& work) {
        for (const auto& user : made) {
            work.users().upsert_user_token(user.user_name, user.role, sha256_hex(user.token));
        }
    });
    return made;
}

}  // namespace cms::services
