#include "support/date.h"

#include <cctype>
#include <cstdio>

namespace tillit {

std::string iso_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<Date> parse_iso_date(std::string_view s) {
  if (s.size() > 10 && (s[10] == ' ' || s[10] == 'T')) s = s.substr(0, 10);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  int y = std::stoi(std::string(s.substr(0, 4)));
  unsigned mo = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
  Date date{std::chrono::year{y}, std::chrono::month{mo}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace tillit
