// Reads a whole engagement folder: manifest, control matrix, CUECs, subservice
// organisations, narratives and assertion overrides.
#pragma once

#include <optional>
#include <string>

#include "ingest/engagement.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::ingest {

/// Marker `tillit init` puts in the narratives it writes, so `check` can tell them apart.
inline constexpr std::string_view kStubMarker = "<!-- tillit:stub";

/// Load the engagement in `dir`. Returns nullopt only when there is nothing to check (no
/// folder, no readable manifest); otherwise every problem is in `diags` and the engagement
/// holds what could be read.
std::optional<Engagement> load_engagement(const Env& env, const std::string& dir,
                                          Diagnostics& diags);

}  // namespace tillit::ingest
