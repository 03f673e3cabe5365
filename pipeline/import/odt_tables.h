// A workaround for pandoc 2.17's ODT reader, which drops the rows inside
// <table:table-header-rows>: where LibreOffice keeps a table's heading row whenever "Repeat
// heading" is on, as it is by default. Moved into the table body, the rows are read, and the
// import filter makes the first row the Markdown table's head again.
#pragma once

#include <optional>
#include <string>

namespace tillit::import {

/// The ODT with its header rows moved into the table bodies, or nullopt when it has none or is
/// not a readable zip (pandoc then reads the original and reports what is wrong with it).
std::optional<std::string> unwrap_header_rows(const std::string& odt);

}  // namespace tillit::import
