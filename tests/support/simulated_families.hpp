#pragma once
// Families opened through the API's own commands and lived by `cms simulate-caseload`
// (services/simulation/caseload_simulation.hpp), each paying as the profile a test gives it.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/simulation/caseload_simulation.hpp"
#include "support/service_fixture.hpp"

namespace cms::testing {

inline core::civil_date iso_day(const char* text) { return *core::parse_iso_date(text); }

inline services::payer_profile behaving(services::payer_behaviour behaviour) {
    services::payer_profile profile;
    profile.behaviour = behaviour;
    return profile;
}

struct simulated_families {
    service_fixture fixture;
    std::map<std::int64_t, services::payer_profile> profiles;
    /// The events' chances each run takes (none unless a test sets them).
    services::case_event_parameters events;

    /// Opens a family (open_family: £19.50 a week, opened 2025-01-15, monthly from 2025-02-15)
    /// paying as `profile`; its case id.
    std::int64_t open(const std::string& prefix, const services::payer_profile& profile,
                      const char* service_type = "collect_and_pay") {
        const std::int64_t id = fixture.open_family(prefix, service_type);
        profiles[id] = profile;
        return id;
    }
    /// The simulation takes the database over, as cms serve would: the fixture's writer rests.
    void rest_writer() { fixture.writer.stop(); }

    services::payer_profile_page pages() const {
        return [this](std::int64_t after, std::int64_t limit) {
            std::vector<std::pair<core::case_id, services::payer_profile>> page;
            for (auto it = profiles.upper_bound(after); it != profiles.end() && std::ssize(page) < limit; ++it) {
                page.emplace_back(core::case_id{it->first}, it->second);
            }
            return page;
        };
    }

    services::caseload_simulation_result simulate(std::optional<const char*> from, const char* through) {
        services::caseload_simulation_options options;
        if (from) options.from = iso_day(*from);
        options.through = iso_day(through);
        options.events = events;
        return services::simulate_caseload(*fixture.store, options, pages());
    }

    /// "received_on amount" of each payment of the case, in order.
    std::vector<std::string> payments_of(std::int64_t case_id) const {
        return sql_rows(fixture.path, "SELECT received_on || ' ' || amount_pence FROM payments WHERE case_id = " +
                                          std::to_string(case_id) + " ORDER BY received_on, id");
    }
    std::vector<std::int64_t> amounts_of(std::int64_t case_id) const {
        std::vector<std::int64_t> amounts;
        for (const std::string& row : payments_of(case_id)) amounts.push_back(std::stoll(row.substr(11)));
        return amounts;
    }
    std::int64_t missed_payments_of(std::int64_t case_id) const {
        return sql_integer(fixture.path, "SELECT COUNT(*) FROM missed_payments WHERE case_id = " + std::to_string(case_id));
    }
};

/// Five identical families, each paying as one behaviour: identical cases ask identical
/// instalments, so each behaviour's payments can be checked against the on-time payer's.
struct five_families : simulated_families {
    std::int64_t on_time = 0, never = 0, part = 0, late = 0, stops = 0;

    five_families() {
        on_time = open("a", behaving(services::payer_behaviour::pays_on_time));
        never = open("b", behaving(services::payer_behaviour::never_pays));
        services::payer_profile half = behaving(services::payer_behaviour::pays_part);
        half.paid_share_bp = 5'000;
        part = open("c", half);
        services::payer_profile ten_days = behaving(services::payer_behaviour::pays_late);
        ten_days.days_late = 10;
        late = open("d", ten_days);
        services::payer_profile two = behaving(services::payer_behaviour::stops_paying);
        two.instalments_before_stopping = 2;
        stops = open("e", two);
        rest_writer();
    }
};

}  // namespace cms::testing
