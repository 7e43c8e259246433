#pragma once
// Scenario steps the statistics reports' tests build small caseloads from: a family on the flat
// rate, and a payment.
#include <cstdint>
#include <string>

namespace cms::testing {

/// A family on the flat rate (£90 a week gross: £7 a week, 100p a day) on `service` from `opened`
/// (1 January 2025 by default), paying monthly from the first of the next month, living in `area`
/// (Birmingham by default), with `children` children (1 to 3); `name` keys its steps.
inline std::string family(const std::string& name, const std::string& area = "E08000025",
                          const std::string& service = "collect_and_pay", const std::string& opened = "2025-01-01",
                          const std::string& first_due = "2025-02-01", int children = 1) {
    std::string listed = R"({"full_name": "Mia Reed", "date_of_birth": "2015-04-04"})";
    if (children >= 2) listed += R"(, {"full_name": "Kit Reed", "date_of_birth": "2017-06-06"})";
    if (children >= 3) listed += R"(, {"full_name": "Lou Reed", "date_of_birth": "2019-08-08"})";
    return R"({"on": ")" + opened + R"(", "command": "register_parent", "key": ")" + name + R"(-p", "as": ")" + name + R"(-p",
         "body": {"role": "paying", "full_name": "Ash Reed", "date_of_birth": "1984-03-02", "local_authority_code": ")" + area + R"("}},
        {"on": ")" + opened + R"(", "command": "register_parent", "key": ")" + name + R"(-r", "as": ")" + name + R"(-r",
         "body": {"role": "receiving", "full_name": "Jo Reed", "date_of_birth": "1986-05-09", "local_authority_code": "E08000025"}},
        {"on": ")" + opened + R"(", "command": "open_case", "key": ")" + name + R"(-c", "as": ")" + name + R"(",
         "body": {"paying_parent": ")" + name + R"(-p", "receiving_parent": ")" + name + R"(-r", "service_type": ")" + service + R"(",
                  "paying_parent_circumstances": {"gross_weekly_income_pence": 9000},
                  "children": [)" + listed + R"(],
                  "payment_schedule": {"frequency": "monthly", "first_due_date": ")" + first_due + R"("}}})";
}

inline std::string payment(const std::string& name, const char* on, std::int64_t amount_pence,
                           const std::string& method = "standing_order") {
    return std::string(R"({"on": ")") + on + R"(", "command": "record_payment", "key": ")" + name + "-pay-" + on +
           R"(", "case": ")" + name + R"(", "body": {"amount_pence": )" + std::to_string(amount_pence) +
           R"(, "received_on": ")" + on + R"(", "method": ")" + method + R"(", "reference": "SO"}})";
}

}  // namespace cms::testing
