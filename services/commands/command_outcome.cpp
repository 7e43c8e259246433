#include "services/commands/command_outcome.hpp"

namespace cms::services {

refusal refusal_from(const core::rejection& rejected) {
    refusal_kind kind = refusal_kind::invalid_field;
    switch (rejected.code) {
        case core::rejection_code::invalid_field: kind = refusal_kind::invalid_field; break;
        case core::rejection_code::not_found: kind = refusal_kind::not_found; break;
        case core::rejection_code::conflicting_state: kind = refusal_kind::conflicting_state; break;
    }
    return refusal{kind, rejected.field + " " + rejected.detail, rejected.field};
}

}  // namespace cms::services
