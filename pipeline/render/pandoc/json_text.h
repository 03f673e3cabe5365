// JSON text for the Pandoc writer: strings and numbers, written into a string builder.
#pragma once

#include <string>
#include <string_view>

namespace tillit::render::pandoc {

/// Appends `s` as a quoted JSON string. Malformed UTF-8 becomes U+FFFD, because pandoc's JSON
/// reader rejects the whole document over one bad byte; control characters are escaped.
void append_string(std::string& out, std::string_view s);

/// Appends a finite number in its shortest round-trip form ("0.25", "1", "0.3333333333333333").
void append_number(std::string& out, double value);

}  // namespace tillit::render::pandoc
