#include "services/http/api_routes.hpp"

#include "services/http/approval_routes.hpp"
#include "services/http/listing_routes.hpp"
#include "services/http/audit_routes.hpp"
#include "services/http/calculation_routes.hpp"
#include "services/http/case_routes.hpp"
#include "services/http/clock_routes.hpp"
#include "services/http/enforcement_routes.hpp"
#include "services/http/report_routes.hpp"
#include "services/policy/enforcement_policy_loader.hpp"

namespace cms::services {

api_routes::api_routes(api_router& router, api_route_dependencies dependencies)
    : user_service_(dependencies.writer, dependencies.readers, dependencies.clock),
      users_{user_service_},
      collection_fees_(dependencies.collection_fees),
      missed_payment_policy_(dependencies.missed_payment_policy),
      court_outcomes_(load_court_outcomes(std::nullopt)),
      enforcement_(dependencies.writer, dependencies.readers, dependencies.clock,
                   std::move(dependencies.enforcement_ladder), dependencies.collection_fees,
                   std::move(dependencies.missed_payment_policy), std::move(dependencies.penalty_rules)),
      ledger_{dependencies.readers,
              dependencies.clock,
              dependencies.jobs,
              std::move(dependencies.collection_fees),
              std::move(dependencies.ageing),
              dependencies.simulated_clock == nullptr
                  ? std::nullopt
                  : std::optional<jobs_in_place_context>(jobs_in_place_context{
                        writer_transactions(dependencies.writer), nullptr, dependencies.readers, enforcement_,
                        collection_fees_, missed_payment_policy_, dependencies.cases.calculation_rates(),
                        court_outcomes_}),
              in_place_thread_} {
    add_health_route(router, dependencies.clock);
    add_case_routes(router, dependencies.cases);
    add_approval_routes(router, dependencies.cases);
    add_listing_routes(router, dependencies.cases);
    add_calculation_routes(router, dependencies.cases);
    add_audit_routes(router, dependencies.readers);
    add_user_routes(router, users_);
    add_report_routes(router, dependencies.readers, dependencies.clock, ledger_.fees, ledger_.ageing.buckets);
    add_clock_routes(router, dependencies.writer, dependencies.clock, dependencies.simulated_clock);
    add_ledger_routes(router, ledger_);
    add_enforcement_routes(router, enforcement_);
}

}  // namespace cms::services
