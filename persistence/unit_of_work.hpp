#pragma once
/// The two ways services reach the store. A `read_view` is the query side of every repository
/// on one connection (a read session, or the writer's own connection). A `unit_of_work` is one
/// transaction, or one savepoint inside the single writer's group: it hands out the
/// repositories, and everything written through them commits or rolls back together.
///
/// A unit of work is also a read_view (each repository getter returns the repository, which is
/// also its queries), so code that only reads, such as a balance replay, takes a read_view and
/// runs on either side.
#include "persistence/accrual_repository.hpp"
#include "persistence/arrears_request_repository.hpp"
#include "persistence/audit_repository.hpp"
#include "persistence/calculation_repository.hpp"
#include "persistence/case_repository.hpp"
#include "persistence/enforcement_repository.hpp"
#include "persistence/job_repository.hpp"
#include "persistence/journal_repository.hpp"
#include "persistence/ledger_repository.hpp"
#include "persistence/payout_repository.hpp"
#include "persistence/report_repository.hpp"
#include "persistence/user_repository.hpp"

namespace cms::persistence {

class read_view {
public:
    virtual ~read_view() = default;
    virtual case_queries& cases() = 0;
    virtual calculation_queries& calculations() = 0;
    virtual ledger_queries& ledger() = 0;
    virtual payout_queries& payouts() = 0;
    virtual journal_queries& journal() = 0;
    virtual accrual_queries& accrual() = 0;
    virtual job_queries& jobs() = 0;
    virtual arrears_request_queries& arrears_requests() = 0;
    virtual user_queries& users() = 0;
    virtual audit_queries& audit() = 0;
    virtual report_queries& reports() = 0;
    virtual enforcement_queries& enforcement() = 0;
};

class unit_of_work : public read_view {
public:
    case_repository& cases() override = 0;
    calculation_repository& calculations() override = 0;
    ledger_repository& ledger() override = 0;
    payout_repository& payouts() override = 0;
    journal_repository& journal() override = 0;
    accrual_repository& accrual() override = 0;
    job_repository& jobs() override = 0;
    arrears_request_repository& arrears_requests() override = 0;
    user_repository& users() override = 0;
    enforcement_repository& enforcement() override = 0;
};

}  // namespace cms::persistence
