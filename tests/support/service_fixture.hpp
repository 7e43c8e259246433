#pragma once
// A case_service on a temporary database with a simulated business date, and a way to run a
// command and wait for its outcome. Commands are written as the JSON bodies a client sends and
// read by the API's own parsers; outcomes are looked at as the API renders them (status and
// body), so these tests check what a caseworker would see.
#include <nlohmann/json.hpp>

#include <future>
#include <memory>
#include <string>

#include "persistence/sqlite/sqlite_store.hpp"
#include "services/cases/case_service.hpp"
#include "services/http/api_router.hpp"
#include "services/http/case_details_view.hpp"
#include "services/ledger/accrual_job.hpp"
#include "services/policy/ledger_policy_loader.hpp"
#include "services/wire/command_parsing.hpp"
#include "support/database_probe.hpp"
#include "support/test_support.hpp"

namespace cms::testing {

/// An outcome as the HTTP API answers it.
struct rendered_outcome {
    int status = 0;
    nlohmann::json body;
};

inline rendered_outcome render(const services::command_outcome& outcome) {
    const services::api_response response = services::to_api_response(outcome);
    return {response.status, nlohmann::json::parse(response.body)};
}

template <typename Value, typename Render>
rendered_outcome render(const services::query_result<Value>& result, Render&& view) {
    const services::api_response response = services::render_query(result, view);
    return {response.status, nlohmann::json::parse(response.body)};
}

struct service_fixture {
    temporary_directory directory;
    std::string path = directory.file("cms.db");
    services::simulated_business_clock clock{*core::parse_iso_date("2025-01-15")};
    std::unique_ptr<persistence::store> store = persistence::open_sqlite_store(path);
    persistence::writer writer{store->open_write_connection(), persistence::writer_limits{}};
    persistence::read_pool readers{*store, 2};
    services::case_service cases{writer, readers, clock};

    template <typename Submit>
    rendered_outcome run(Submit submit) {
        std::promise<services::command_outcome> answered;
        auto future = answered.get_future();
        submit([&answered](services::command_outcome outcome) { answered.set_value(std::move(outcome)); });
        return render(future.get());
    }

    rendered_outcome register_parent(const std::string& key, const nlohmann::json& body) {
        return run([&](services::outcome_callback done) {
            cases.register_parent(services::parse_register_parent(body, cases.limits()), {key, "tester"}, std::move(done));
        });
    }
    rendered_outcome open_case(const std::string& key, const nlohmann::json& body) {
        return run([&](services::outcome_callback done) {
            cases.open_case(services::parse_open_case_command(body, cases.limits()), {key, "tester"}, std::move(done));
        });
    }
    rendered_outcome record_payment(const std::string& key, std::int64_t case_number, const nlohmann::json& body,
                                    const std::string& actor = "tester") {
        return run([&](services::outcome_callback done) {
            cases.record_payment(services::parse_record_payment(body, core::case_id{case_number}, cases.limits()),
                                 {key, actor}, std::move(done));
        });
    }
    /// GET /v1/cases/{id} as the API answers it.
    rendered_outcome shown_case(std::int64_t case_number) {
        return render(cases.get_case(core::case_id{case_number}), services::case_details_view);
    }

    /// The monthly accrual through `through` with the shipped fee table; throws unless it succeeds.
    void accrue_through(const char* through) {
        services::accrual_job_options options;
        options.through = *core::parse_iso_date(through);
        if (services::run_accrual_job(services::writer_transactions(writer), services::load_collection_fees(std::nullopt),
                                      options, nullptr)
                .status != "succeeded") {
            throw std::runtime_error(std::string("fixture accrual through ") + through + " failed");
        }
    }

    int count(const std::string& table) {
        return static_cast<int>(sql_integer(path, "SELECT COUNT(*) FROM " + table));
    }

    /// £150 a week, nothing else: with open_family's two children the reduced rate gives
    /// £7 + 25% x (£150 - £100) = £19.50 a week (worked example 1 of core/calculation/README.md).
    static nlohmann::json family_circumstances() {
        return {{"gross_weekly_income_pence", 15'000}, {"benefit", "none"}, {"nil_rate_reason", nullptr},
                {"relevant_other_children", 0}, {"other_supported_children", 0}};
    }

    /// Registers two parents and opens one case for them (two children, £19.50 a week); returns
    /// the case id.
    /// `key_prefix` makes the keys distinct, so a second call opens a second family.
    std::int64_t open_family(const std::string& key_prefix = "", const char* service_type = "collect_and_pay") {
        const auto paying = register_parent(key_prefix + "p", {{"role", "paying"}, {"full_name", "A Payer"},
                                                  {"date_of_birth", "1985-01-01"},
                                                  {"local_authority_code", "E06000059"}});
        const auto receiving = register_parent(key_prefix + "r", {{"role", "receiving"}, {"full_name", "B Receiver"},
                                                     {"date_of_birth", "1986-01-01"},
                                                     {"local_authority_code", "E06000059"}});
        const auto opened = open_case(key_prefix + "c", {{"paying_parent_id", paying.body["id"]},
                                            {"receiving_parent_id", receiving.body["id"]},
                                            {"service_type", service_type},
                                            {"paying_parent_circumstances", family_circumstances()},
                                            {"children", {{{"full_name", "C Child"}, {"date_of_birth", "2015-05-05"}},
                                                          {{"full_name", "D Child"}, {"date_of_birth", "2017-07-07"}}}}});
        if (opened.status != 201) throw std::runtime_error("fixture case refused: " + opened.body.dump());
        return opened.body["id"].get<std::int64_t>();
    }
};

inline nlohmann::json payment_body(std::int64_t amount_pence) {
    return {{"amount_pence", amount_pence}, {"received_on", "2025-01-15"}, {"method", "standing_order"},
            {"reference", "SO-1"}};
}

}  // namespace cms::testing
