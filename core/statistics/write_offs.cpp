#include "core/statistics/write_offs.hpp"

#include <algorithm>

namespace cms::core {

namespace {

bool within(civil_date day, civil_date from, civil_date to) { return !(day < from) && !(to < day); }

void add(write_off_count& into, money amount) {
    ++into.count;
    into.maintenance += amount;
}

}  // namespace

write_offs_summary summarise_write_offs(std::span<const approved_write_off_fact> write_offs,
                                        std::span<const part_payment_remainder_fact> remainders, civil_date from,
                                        civil_date to) {
    write_offs_summary summary;
    for (const approved_write_off_fact& write_off : write_offs) {
        if (!within(write_off.approved_on, from, to) || write_off.written_off.pence() <= 0) continue;
        const auto index = static_cast<std::size_t>(
            std::find(write_off_reasons.begin(), write_off_reasons.end(), write_off.reason) - write_off_reasons.begin());
        add(summary.by_reason[index], write_off.written_off);
        add(summary.approved_write_offs, write_off.written_off);
    }
    for (const part_payment_remainder_fact& remainder : remainders) {
        if (within(remainder.settled_on, from, to) && remainder.written_off.pence() > 0) {
            add(summary.part_payment_remainders, remainder.written_off);
        }
    }
    return summary;
}

}  // namespace cms::core
