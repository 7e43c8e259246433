#pragma once
/// A small demo caseload for the README's run command: a few families in real areas.
#include <cstddef>

#include "services/cases/case_service.hpp"

namespace cms::services {

/// Registers the demo parents, cases and payments through the ordinary commands, with fixed
/// idempotency keys, so running it again changes nothing. Returns how many cases it holds.
std::size_t load_demo_caseload(case_service& cases);

}  // namespace cms::services
