#include "persistence/sqlite/payer_profile_store.hpp"

#include "persistence/sqlite/column_reading.hpp"

namespace cms::persistence::sqlite {

std::vector<payer_profile_row> list_payer_profiles_page(database_ref database, std::int64_t after_case_id,
                                                        std::int64_t limit) {
    cached_statement query(database,
                            "SELECT case_id, behaviour, days_late, paid_share_bp, instalments_before_stopping, method,"
                            " employed, net_weekly_earnings_pence, has_bank_account FROM payer_profiles"
                            " WHERE case_id > ? ORDER BY case_id LIMIT ?");
    query.bind(1, after_case_id);
    query.bind(2, limit);
    std::vector<payer_profile_row> rows;
    while (query.executeStep()) {
        payer_profile_row row;
        row.for_case = core::case_id{query.getColumn(0).getInt64()};
        row.behaviour = query.getColumn(1).getString();
        row.days_late = query.getColumn(2).getInt();
        row.paid_share_bp = query.getColumn(3).getInt();
        row.instalments_before_stopping = query.getColumn(4).getInt();
        row.method = enum_column(query.getColumn(5), &core::parse_payment_method);
        row.employed = query.getColumn(6).getInt() != 0;
        row.net_weekly_earnings = core::money::from_pence(query.getColumn(7).getInt64());
        row.has_bank_account = query.getColumn(8).getInt() != 0;
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace cms::persistence::sqlite
