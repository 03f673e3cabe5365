// Reads a CSV file into a Table: UTF-8 with or without BOM (else Windows-1252 with a
// warning), delimiter detected among ',' ';' and tab, RFC 4180 quoting, CRLF or LF.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/table.h"
#include "support/diagnostics.h"

namespace tillit::ingest {

/// Parse CSV bytes. `shown` is the path used in diagnostics. Cell.line is the line on which
/// the field starts and Cell.column its 1-based character column; blank records are left
/// out. An unterminated quote or a cell longer than 32,767 characters is an error
/// (ExitCode::DataError) and returns nullopt.
std::optional<Table> read_csv(const std::string& shown, std::string_view bytes,
                              Diagnostics& diags);

}  // namespace tillit::ingest
