#pragma once
/// A case's statutory calculations (append-only) and the liability terms a new calculation
/// starts. The request and result are kept as JSON text made by the services layer; this
/// interface only stores and returns them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/civil_date.hpp"
#include "core/common/ids.hpp"
#include "core/common/money.hpp"

namespace cms::persistence {

struct calculation_row {
    std::int64_t id = 0;   ///< set by the store; ignored on insert
    core::case_id for_case;
    core::civil_date effective_from;
    std::string reason;    ///< case_opened, income_change, shared_care_change
    std::string rate;      ///< core::to_string(calculation_rate)
    core::money weekly_amount;
    std::string input_json;
    std::string result_json;
    core::command_id cause;
};

class calculation_queries {
public:
    virtual ~calculation_queries() = default;
    /// A case's calculations, oldest first (effective_from, then id).
    virtual std::vector<calculation_row> list_calculations(core::case_id id) = 0;
    /// The weekly amount of the latest liability term (receiving parent slot 0) starting on or
    /// before `day`, or none when the case has no term yet in force that day.
    virtual std::optional<core::money> weekly_amount_in_force(core::case_id id, core::civil_date day) = 0;
};

class calculation_repository : public calculation_queries {
public:
    /// Appends the calculation and the liability term (receiving parent slot 0) it starts, from
    /// the same effective date, so the accrual batch charges the new amount from that day.
    /// Refuses (throws) a second row for the same case and date.
    virtual std::int64_t append_calculation(const calculation_row& row) = 0;
    /// Appends only the calculation row; for opening a case, whose first term insert_case writes.
    virtual std::int64_t insert_calculation_row(const calculation_row& row) = 0;
    /// Replaces the case's calculation starting on row.effective_from, and the amount of the
    /// liability term (slot 0) starting that day, by a later command's. Only for a day no accrual
    /// has charged (the caller checks): the one place a stored calculation is amended rather than
    /// superseded (services/calculation/linked_cases.hpp). Throws when no row starts that day.
    virtual void amend_calculation(const calculation_row& row) = 0;
};

}  // namespace cms::persistence
