// escape() and slug(): the two plain-text helpers of the Markdown stage.
#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "markdown/markdown.h"
#include "support/text.h"

namespace tillit::markdown {

namespace {

// Characters that can start markup: emphasis, code, strikethrough, links, images, footnotes,
// autolinks, HTML, entities, table cells, ATX headings and quotes. They are escaped wherever
// they stand, since escape() cannot know where the value lands. ':' stops the autolink
// extension from turning "https://x" into a link.
constexpr std::string_view kAlwaysEscaped = "\\`*_~[]<>!#|&:";

// The autolink extension finds e-mail addresses after joining adjacent text, escapes included;
// only a node between the two halves stops it. to_blocks() drops comments without a trace.
constexpr std::string_view kEmailBreak = "<!---->";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string escape(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    line += text[i] == '\r' || text[i] == '\n' ? ' ' : text[i];
  }
  // Leading and trailing blanks as character references: the parser would strip them, four
  // leading spaces would start a code block and two trailing ones a hard line break.
  size_t first = 0;
  while (first < line.size() && is_blank(line[first])) ++first;
  size_t end = line.size();
  while (end > first && is_blank(line[end - 1])) --end;
  auto blank = [](char c) { return c == '\t' ? "&#9;" : "&#32;"; };

  std::string out;
  out.reserve(line.size() + line.size() / 4);
  for (size_t i = 0; i < first; ++i) out += blank(line[i]);
  bool digits_so_far = true;  // only digits since `first`: "1." or "1)" would start a list
  for (size_t i = first; i < end; ++i) {
    char c = line[i];
    bool special = kAlwaysEscaped.find(c) != std::string_view::npos;
    // List items, setext underlines and thematic breaks need these first on the line.
    if (i == first && (c == '-' || c == '+' || c == '=')) special = true;
    if ((c == '.' || c == ')') && digits_so_far && i > first) special = true;
    // The autolink extension links "www." without any scheme.
    if (c == '.' && i >= first + 3) {
      std::string_view before(line.data() + i - 3, 3);
      bool www = true;
      for (char w : before) www = www && std::tolower(static_cast<unsigned char>(w)) == 'w';
      special = special || www;
    }
    digits_so_far = digits_so_far && std::isdigit(static_cast<unsigned char>(c));
    if (special) out += '\\';
    out += c;
    if (c == '@' && i + 1 < end) out += kEmailBreak;
  }
  for (size_t i = end; i < line.size(); ++i) out += blank(line[i]);
  return out;
}

std::string slug(std::string_view heading_text) {
  const std::string folded = fold_case(heading_text);
  std::string out;
  size_t i = 0;
  while (i < folded.size()) {
    // fold_case() gives well-formed UTF-8, so the lead byte tells the length.
    auto lead = static_cast<unsigned char>(folded[i]);
    size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    length = std::min(length, folded.size() - i);
    auto c = static_cast<UChar32>(lead < 0x80 ? lead : lead & (0x3F >> (length - 1)));
    for (size_t k = 1; k < length; ++k) {
      c = (c << 6) | (static_cast<unsigned char>(folded[i + k]) & 0x3F);
    }
    if (c == ' ') {
      out += '-';
    } else if (c == '-' || c == '_' || u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) {
      out.append(folded, i, length);
    }
    i += length;
  }
  return out;
}

}  // namespace tillit::markdown
