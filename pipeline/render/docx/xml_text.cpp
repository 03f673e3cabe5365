#include "render/docx/xml_text.h"

#include <charconv>

#include "support/text.h"

namespace tillit::render::docx {

namespace {

// Text that XML 1.0 takes as it is, so that xml_safe would return it unchanged: no forbidden
// control character, no U+FFFE or U+FFFF, valid UTF-8. Nearly all text is; checking first
// spares it xml_safe's copies.
bool is_xml_clean(std::string_view s) {
  bool ascii = true;
  for (size_t i = 0; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if (u < 0x20) {
      if (u != '\t' && u != '\n' && u != '\r') return false;
    } else if (u >= 0x80) {
      ascii = false;
      // U+FFFE and U+FFFF are EF BF BE / EF BF BF.
      if (u == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
          (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
        return false;
      }
    }
  }
  return ascii || is_valid_utf8(s);
}

void append_escaped(std::string& out, std::string_view s, bool attribute) {
  size_t plain = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    std::string_view entity;
    switch (s[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        if (attribute) entity = "&quot;";
        break;
      // A parser normalises literal tabs and line ends in attribute values to spaces.
      case '\t':
        if (attribute) entity = "&#9;";
        break;
      case '\n':
        if (attribute) entity = "&#10;";
        break;
      case '\r':
        entity = "&#13;";
        break;
      default:
        break;
    }
    if (entity.empty()) continue;
    out.append(s.substr(plain, i - plain));
    out.append(entity);
    plain = i + 1;
  }
  out.append(s.substr(plain));
}

void append_any(std::string& out, std::string_view s, bool attribute) {
  if (is_xml_clean(s)) {
    append_escaped(out, s, attribute);
  } else {
    append_escaped(out, xml_safe(s), attribute);
  }
}

}  // namespace

std::string xml_safe(std::string_view s) {
  std::string stripped = strip_xml_forbidden(s);
  size_t bad = 0;
  if (is_valid_utf8(stripped, &bad)) return stripped;
  std::string out(stripped.substr(0, bad));
  std::string_view rest = std::string_view(stripped).substr(bad);
  while (!rest.empty()) {
    // Replace the first byte of the bad sequence and resynchronise on the next lead byte.
    out += "\xEF\xBF\xBD";
    rest.remove_prefix(1);
    while (!rest.empty() && (static_cast<unsigned char>(rest.front()) & 0xC0) == 0x80) {
      rest.remove_prefix(1);
    }
    if (is_valid_utf8(rest, &bad)) {
      out.append(rest);
      break;
    }
    out.append(rest.substr(0, bad));
    rest.remove_prefix(bad);
  }
  return out;
}

void append_text(std::string& out, std::string_view s) { append_any(out, s, false); }

void append_attr(std::string& out, std::string_view s) { append_any(out, s, true); }

void append_int(std::string& out, long long value) {
  char buffer[24];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, result.ptr);
}

bool needs_space_preserve(std::string_view s) {
  if (s.empty()) return false;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return space(s.front()) || space(s.back()) || s.find("  ") != std::string_view::npos;
}

}  // namespace tillit::render::docx
