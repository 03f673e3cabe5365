// Calendar dates as the inputs and outputs write them (ISO 8601), independent of locale.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tillit {

using Date = std::chrono::year_month_day;

/// "2026-06-30".
std::string iso_date(const Date& d);

/// Parse "YYYY-MM-DD" (also with a midnight time from a cell: "2026-06-30 00:00").
std::optional<Date> parse_iso_date(std::string_view s);

}  // namespace tillit
