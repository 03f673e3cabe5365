#include "support/location.h"

#include <cctype>

namespace tillit {

std::string column_letters(int column) {
  std::string letters;
  while (column > 0) {
    int rem = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + rem));
    column = (column - 1) / 26;
  }
  return letters;
}

std::string quoted_sheet_name(const std::string& sheet) {
  bool plain = !sheet.empty();
  for (unsigned char c : sheet) {
    if (!(std::isalnum(c) || c == '_' || c == '.' || c >= 0x80)) plain = false;
  }
  if (plain && !std::isdigit(static_cast<unsigned char>(sheet[0]))) return sheet;
  std::string quoted = "'";
  for (char c : sheet) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

std::string Location::str() const {
  std::string s = file;
  if (!sheet.empty()) {
    s += ":" + quoted_sheet_name(sheet) + "!";
    if (column > 0) {
      s += column_letters(column);
      if (line > 0) s += std::to_string(line);
    } else if (line > 0) {
      s += std::to_string(line) + ":" + std::to_string(line);  // a whole row, as Excel writes it
    }
    return s;
  }
  if (line > 0) {
    s += ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
  }
  return s;
}

}  // namespace tillit
