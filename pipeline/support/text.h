// Small UTF-8 helpers shared by the readers. Case folding goes through ICU.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tillit {

/// True when `s` is well-formed UTF-8; otherwise `bad_offset` gets the first bad byte.
bool is_valid_utf8(std::string_view s, size_t* bad_offset = nullptr);

/// Append code point `cp` to `out` as UTF-8.
void append_utf8(std::string& out, uint32_t cp);

/// Decode Windows-1252 (what Excel on Windows writes for "CSV") into UTF-8.
std::string cp1252_to_utf8(std::string_view s);

/// Strip leading and trailing whitespace, including no-break spaces.
std::string trim(std::string_view s);

/// Unicode case folding (ICU): "Kontrollägare" -> "kontrollägare".
std::string fold_case(std::string_view s);

/// Upper-case with ICU (for criterion IDs).
std::string to_upper(std::string_view s);

/// Keep only letters and digits, case-folded: "Kontroll-ID " -> "kontrollid".
std::string alnum_key(std::string_view s);

/// Escape a string for a JSON string literal (without the quotes).
std::string json_escape(std::string_view s);

/// Remove code points XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE/U+FFFF).
std::string strip_xml_forbidden(std::string_view s);

/// 1-based line and column (in code points) of a byte offset in `text`.
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column_at(std::string_view text, size_t offset);

/// Number of Unicode code points in well-formed UTF-8.
size_t utf8_length(std::string_view s);

/// Levenshtein distance over bytes (IDs are ASCII).
int edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` by edit distance, when it is at most `max_distance` away
/// (for "did you mean" hints); the first one wins a tie. Empty when none is near.
std::string nearest(std::string_view word, const std::vector<std::string_view>& candidates,
                    int max_distance);

/// Split on any of the given single-byte separators, dropping empty pieces.
std::vector<std::string> split_any(std::string_view s, std::string_view separators);

/// The items with `separator` between them: join({"a", "b"}, ", ") == "a, b".
std::string join(const std::vector<std::string>& items, std::string_view separator);

}  // namespace tillit
