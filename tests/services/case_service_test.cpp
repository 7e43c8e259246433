#include <doctest/doctest.h>

#include "services/wire/json_fields.hpp"
#include "support/service_fixture.hpp"

using cms::testing::payment_body;
using cms::testing::service_fixture;

TEST_CASE("the same key with the same body returns the original result and writes once") {
    service_fixture fixture;
    const auto case_number = fixture.open_family();
    const auto first = fixture.record_payment("pay-1", case_number, payment_body(1950));
    REQUIRE(first.status == 201);
    const auto repeat = fixture.record_payment("pay-1", case_number, payment_body(1950));
    CHECK(repeat.status == 201);
    CHECK(repeat.body == first.body);
    CHECK(fixture.count("payments") == 1);
    CHECK(fixture.count("command_journal") == 4);  // two parents, one case, one payment
}

TEST_CASE("the same key with a different body is a conflict naming the field") {
    service_fixture fixture;
    const auto case_number = fixture.open_family();
    REQUIRE(fixture.record_payment("pay-1", case_number, payment_body(1950)).status == 201);
    const auto changed = fixture.record_payment("pay-1", case_number, payment_body(2000));
    CHECK(changed.status == 409);
    CHECK(changed.body["field"] == "amount_pence");
    auto other_reference = payment_body(1950);
    other_reference["reference"] = "SO-2";
    CHECK(fixture.record_payment("pay-1", case_number, other_reference).body["field"] == "reference");
    // The key reused for another kind of command is a conflict too.
    const auto reused = fixture.register_parent("pay-1", {{"role", "paying"}, {"full_name", "X"},
                                                          {"date_of_birth", "1980-01-01"},
                                                          {"local_authority_code", "E06000059"}});
    CHECK(reused.status == 409);
    CHECK(reused.body["field"] == "Idempotency-Key");
    CHECK(fixture.count("payments") == 1);
}

TEST_CASE("the same key for another case is a conflict on case_id") {
    service_fixture fixture;
    const auto case_number = fixture.open_family();
    REQUIRE(fixture.record_payment("pay-1", case_number, payment_body(1950)).status == 201);
    const auto elsewhere = fixture.record_payment("pay-1", case_number + 1, payment_body(1950));
    CHECK(elsewhere.status == 409);
    CHECK(elsewhere.body["field"] == "case_id");
}

TEST_CASE("refused commands write nothing, not even a journal entry") {
    service_fixture fixture;
    const auto case_number = fixture.open_family();
    const int journal_before = fixture.count("command_journal");

    const auto unknown_case = fixture.record_payment("k1", case_number + 100, payment_body(100));
    CHECK(unknown_case.status == 404);
    CHECK(unknown_case.body["field"] == "case_id");

    auto future_payment = payment_body(100);
    future_payment["received_on"] = "2025-01-16";  // the business date is 2025-01-15
    const auto future = fixture.record_payment("k2", case_number, future_payment);
    CHECK(future.status == 422);
    CHECK(future.body["field"] == "received_on");

    CHECK_THROWS_AS(fixture.record_payment("k3", case_number, payment_body(-5)), cms::services::field_error);
    CHECK(fixture.count("payments") == 0);
    CHECK(fixture.count("command_journal") == journal_before);

    // A refused key is not burnt: the corrected command under it is accepted.
    CHECK(fixture.record_payment("k2", case_number, payment_body(100)).status == 201);
}

TEST_CASE("opening a case checks the parents it names") {
    service_fixture fixture;
    const auto paying = fixture.register_parent("p", {{"role", "paying"}, {"full_name", "A"},
                                                      {"date_of_birth", "1985-01-01"},
                                                      {"local_authority_code", "E06000059"}});
    const auto another_payer = fixture.register_parent("p2", {{"role", "paying"}, {"full_name", "B"},
                                                              {"date_of_birth", "1985-01-01"},
                                                              {"local_authority_code", "E06000059"}});
    const nlohmann::json child = {{{"full_name", "C"}, {"date_of_birth", "2015-05-05"}}};
    auto body = nlohmann::json{{"paying_parent_id", paying.body["id"]},
                               {"receiving_parent_id", another_payer.body["id"]},
                               {"service_type", "direct_pay"},
                               {"paying_parent_circumstances", service_fixture::family_circumstances()},
                               {"children", child}};
    const auto wrong_role = fixture.open_case("c1", body);
    CHECK(wrong_role.status == 409);
    CHECK(wrong_role.body["field"] == "receiving_parent_id");

    body["receiving_parent_id"] = 999;
    const auto missing = fixture.open_case("c2", body);
    CHECK(missing.status == 404);
    CHECK(missing.body["field"] == "receiving_parent_id");

    const auto receiving = fixture.register_parent("r", {{"role", "receiving"}, {"full_name", "R"},
                                                         {"date_of_birth", "1985-01-01"},
                                                         {"local_authority_code", "E06000059"}});
    body["receiving_parent_id"] = receiving.body["id"];
    body["children"] = {{{"full_name", "Too Old"}, {"date_of_birth", "2004-01-01"}}};  // 21 on 2025-01-15
    const auto adult = fixture.open_case("c3", body);
    CHECK(adult.status == 422);
    CHECK(adult.body["field"] == "children[0].date_of_birth");

    body["receiving_parent_id"] = paying.body["id"];
    const auto same_parent = fixture.open_case("c4", body);
    CHECK(same_parent.status == 422);
    CHECK(same_parent.body["field"] == "receiving_parent_id");
    CHECK(fixture.count("cases") == 0);
}

TEST_CASE("a case reads back with its parents, children and payments") {
    service_fixture fixture;
    const auto case_number = fixture.open_family();
    REQUIRE(fixture.record_payment("a", case_number, payment_body(1950)).status == 201);
    REQUIRE(fixture.record_payment("b", case_number, payment_body(50)).status == 201);
    const auto view = fixture.shown_case(case_number);
    REQUIRE(view.status == 200);
    CHECK(view.body["weekly_amount_pence"] == 1950);
    CHECK(view.body["paying_parent"]["full_name"] == "A Payer");
    CHECK(view.body["children"].size() == 2);
    CHECK(view.body["payments"].size() == 2);
    CHECK(view.body["total_paid_pence"] == 2000);
    CHECK(fixture.shown_case(case_number + 1).status == 404);
}
