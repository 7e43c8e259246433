#include "services/generation/demo_caseload.hpp"

#include <nlohmann/json.hpp>

#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include "services/wire/command_parsing.hpp"

namespace cms::services {

namespace {

struct demo_child {
    const char* name;
    const char* birth;
};

struct demo_family {
    const char* paying_name;
    const char* paying_birth;
    const char* receiving_name;
    const char* receiving_birth;
    const char* area_code;  // ONS GSS codes of areas named in the news reports (data/README.md)
    std::vector<demo_child> children;
    std::int64_t gross_weekly_income_pence;
    int relevant_other_children;
    const char* service;
    std::int64_t first_payment_pence;
};

// Circumstances reproduce the worked examples of core/calculation/README.md, so the calculation gives:
//   £150 a week, 2 children: reduced rate £7 + 25% x £50 = £19.50;
//   £500 a week, 2 children, 1 relevant other child: 16% x (£500 - 11%) = £71.20;
//   £1,200 a week, 1 child: basic plus 12% x £800 + 9% x £400 = £132.00.
const demo_family families[] = {
    {"Alex Demo", "1985-04-12", "Sam Demo", "1987-09-30", "E07000052",
     {{"Jo Demo", "2015-06-01"}, {"Lee Demo", "2017-03-14"}}, 15'000, 0, "collect_and_pay", 1'950},
    {"Chris Example", "1979-11-02", "Pat Example", "1981-01-17", "E07000053",
     {{"Robin Example", "2012-02-29"}, {"Ash Example", "2014-10-10"}}, 50'000, 1, "collect_and_pay", 7'120},
    {"Taylor Sample", "1990-07-21", "Jordan Sample", "1992-03-08", "E09000021",
     {{"Casey Sample", "2019-12-31"}}, 120'000, 0, "direct_pay", 0},
};

/// Submits one command and waits; the answer's body, read back as JSON. The demo's bodies are
/// written as a client would send them and read by the API's own parsers.
nlohmann::json run(const std::function<void(outcome_callback)>& submit) {
    std::promise<command_outcome> answered;
    auto future = answered.get_future();
    submit([&answered](command_outcome outcome) { answered.set_value(std::move(outcome)); });
    const command_outcome outcome = future.get();
    if (const refusal* refused = refusal_of(outcome)) throw std::runtime_error("demo caseload refused: " + refused->detail);
    return nlohmann::json::parse(std::get<answer>(outcome).body_json);
}

std::int64_t register_parent(case_service& cases, const std::string& key, const char* role,
                             const char* name, const char* birth, const char* area) {
    const nlohmann::json body = {{"role", role}, {"full_name", name}, {"date_of_birth", birth},
                                 {"local_authority_code", area}};
    const auto outcome = run([&](outcome_callback done) {
        cases.register_parent(parse_register_parent(body, cases.limits()), command_context{key, "demo-loader"},
                              std::move(done));
    });
    return outcome.at("id").get<std::int64_t>();
}

}  // namespace

std::size_t load_demo_caseload(case_service& cases) {
    std::size_t number = 0;
    for (const demo_family& family : families) {
        const std::string prefix = "demo-" + std::to_string(++number) + "-";
        const auto paying = register_parent(cases, prefix + "paying", "paying", family.paying_name,
                                            family.paying_birth, family.area_code);
        const auto receiving = register_parent(cases, prefix + "receiving", "receiving",
                                               family.receiving_name, family.receiving_birth,
                                               family.area_code);
        nlohmann::json children = nlohmann::json::array();
        for (const demo_child& child : family.children) {
            children.push_back({{"full_name", child.name}, {"date_of_birth", child.birth}, {"shared_care_nights", 0}});
        }
        const nlohmann::json case_body = {
            {"paying_parent_id", paying},
            {"receiving_parent_id", receiving},
            {"service_type", family.service},
            {"paying_parent_circumstances",
             {{"gross_weekly_income_pence", family.gross_weekly_income_pence},
              {"benefit", "none"},
              {"relevant_other_children", family.relevant_other_children}}},
            {"children", std::move(children)},
        };
        const auto opened = run([&](outcome_callback done) {
            cases.open_case(parse_open_case_command(case_body, cases.limits()),
                            command_context{prefix + "case", "demo-loader"}, std::move(done));
        });
        if (family.first_payment_pence > 0) {
            const core::case_id id{opened.at("id").get<std::int64_t>()};
            const nlohmann::json payment = {{"amount_pence", family.first_payment_pence},
                                            {"received_on", opened.at("opened_on")},
                                            {"method", "standing_order"},
                                            {"reference", prefix + "first-payment"}};
            run([&](outcome_callback done) {
                cases.record_payment(parse_record_payment(payment, id, cases.limits()),
                                     command_context{prefix + "payment", "demo-loader"}, std::move(done));
            });
        }
    }
    return number;
}

}  // namespace cms::services
