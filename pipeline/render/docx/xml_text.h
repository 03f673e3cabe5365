// Text for WordprocessingML written with a string builder: the body of a 5,000-control report
// is several megabytes, which a DOM would build several times slower.
#pragma once

#include <string>
#include <string_view>

namespace tillit::render::docx {

/// `s` made safe for XML 1.0: the code points XML forbids are dropped (strip_xml_forbidden) and
/// malformed UTF-8 becomes U+FFFD, so one bad byte cannot make Word refuse the whole file.
std::string xml_safe(std::string_view s);

/// Appends `s`, made safe, escaped for element content.
void append_text(std::string& out, std::string_view s);

/// Appends `s`, made safe, escaped for a double-quoted attribute value.
void append_attr(std::string& out, std::string_view s);

/// Appends a decimal integer.
void append_int(std::string& out, long long value);

/// True when Word would drop whitespace of `s` unless the w:t says xml:space="preserve".
bool needs_space_preserve(std::string_view s);

}  // namespace tillit::render::docx
