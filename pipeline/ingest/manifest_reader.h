// Reads engagement.xml. Structure and syntax are checked here (unknown elements, bad dates,
// unsupported languages, paths that leave the engagement); meaning is checked by validate.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/engagement.h"
#include "support/diagnostics.h"

namespace tillit::ingest {

/// Parse manifest bytes; `shown` is the file name used in diagnostics. Returns nullopt when
/// the XML cannot be parsed at all (malformed, DOCTYPE, wrong root element).
std::optional<Manifest> read_manifest(const std::string& shown, std::string_view bytes,
                                      Diagnostics& diags);

/// True when a relative path stays inside the engagement folder.
bool stays_inside(std::string_view relative_path);

}  // namespace tillit::ingest
