// The role table and the four-eyes rule. The table is written out in full here, independently
// of the switch in authorisation.cpp, so a change to who may do what fails this test until the
// change is made on purpose in both places.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "core/access/authorisation.hpp"

using namespace cms::core;

namespace {

using family = access_family;

const std::map<role, std::set<family>> expected_grants = {
    {role::caseworker, {family::case_read, family::case_write, family::payment_write, family::calculation}},
    {role::supervisor,
     {family::case_read, family::case_write, family::payment_write, family::calculation, family::approval}},
    {role::batch, {family::job_run}},
    {role::analyst, {family::report_read, family::calculation}},
    {role::auditor, {family::case_read, family::report_read, family::calculation, family::audit_read}},
    {role::admin, {family::user_admin}},
};

}  // namespace

TEST_CASE("every role may use exactly the access families of the table, and health is public") {
    for (const role held : all_roles) {
        for (const family wanted : all_access_families) {
            const bool expected = wanted == family::public_health || expected_grants.at(held).count(wanted) == 1;
            INFO(role_name(held), " -> ", access_family_name(wanted));
            CHECK(role_may_use(held, wanted) == expected);
        }
    }
}

TEST_CASE("read-only roles hold no family that writes") {
    const family writes[] = {family::case_write, family::payment_write, family::job_run, family::approval,
                             family::user_admin};
    for (const role reader : {role::analyst, role::auditor}) {
        for (const family write : writes) CHECK_FALSE(role_may_use(reader, write));
    }
    // Only the auditor reads the audit trail.
    for (const role held : all_roles) CHECK(role_may_use(held, family::audit_read) == (held == role::auditor));
}

TEST_CASE("role names round-trip and unknown names are refused") {
    for (const role held : all_roles) CHECK(parse_role(role_name(held)) == held);
    CHECK_FALSE(parse_role("Caseworker"));
    CHECK_FALSE(parse_role(""));
    CHECK_FALSE(parse_role("root"));
}

TEST_CASE("four eyes: a supervisor approves another user's request, never their own") {
    CHECK(may_approve(role::supervisor, "sam", "alex") == approval_decision::allowed);
    CHECK(may_approve(role::supervisor, "sam", "sam") == approval_decision::self_approval);
    CHECK(may_approve(role::supervisor, "sam", "") == approval_decision::unknown_requester);
    // Names compare exactly: a differently-cased name is another user (names are case-sensitive
    // in the users table), so this is not self-approval.
    CHECK(may_approve(role::supervisor, "sam", "Sam") == approval_decision::allowed);
}

TEST_CASE("four eyes: roles without the approval family may not approve at all") {
    for (const role held : all_roles) {
        if (held == role::supervisor) continue;
        INFO(role_name(held));
        CHECK(may_approve(held, "sam", "alex") == approval_decision::role_may_not_approve);
        // The role check comes first: a caseworker approving their own request is refused for the
        // role, not reported as a self-approval.
        CHECK(may_approve(held, "sam", "sam") == approval_decision::role_may_not_approve);
    }
}
