// Turns tables into controls, CUECs and subservice organisations.
#pragma once

#include <string>
#include <vector>

#include "ingest/engagement.h"
#include "ingest/table.h"
#include "support/diagnostics.h"

namespace tillit::ingest {

/// Controls of the matrix table. Returns false when the columns could not be mapped.
bool read_controls(const Table& table, const std::string& default_lang,
                   std::vector<Control>& out, ColumnPresence& columns, Diagnostics& diags);

/// CUECs of a CUEC table.
bool read_cuecs(const Table& table, const std::string& default_lang, std::vector<Cuec>& out,
                Diagnostics& diags);

/// Subservice organisations with their CSOCs; one row per CSOC, the organisation's name,
/// method and service repeated, merged, or left blank on the rows that follow.
bool read_subservice(const Table& table, const std::string& default_lang,
                     std::vector<SubserviceOrg>& out, Diagnostics& diags);

/// Split a criteria cell into IDs: separators are , ; / | and white space; "CC 6.1" stays one ID.
std::vector<std::string> split_criteria(const std::string& cell);

}  // namespace tillit::ingest
