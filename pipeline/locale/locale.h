// Locale text: the fixed strings of locales/strings.csv, the Markdown templates of
// locales/<lang>/report/, Mustache rendering, and dates, periods and lists as each language
// writes them. Renderers contain no prose; everything a reader sees comes from here.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/env.h"

namespace tillit::locale {

using Data = kainjow::mustache::data;

/// The languages Tillit writes, with their BCP 47 tags.
const std::vector<std::string>& languages();
std::string bcp47(const std::string& lang);  ///< "sv" -> "sv-SE", "en" -> "en-US"

class Locale {
 public:
  /// The built-in locale for "sv" or "en" (throws std::out_of_range for others).
  static const Locale& get(const std::string& lang);

  const std::string& lang() const { return lang_; }

  /// A fixed string; throws std::out_of_range when the key is missing (a bug, caught by tests).
  const std::string& str(const std::string& key) const;
  /// A fixed string rendered as a Mustache template with `data` (values inserted as is).
  std::string str(const std::string& key, const Data& data) const;

  /// A Markdown template of locales/<lang>/report/<name>.md rendered with `data`; values are
  /// Markdown-escaped by `escape` unless inserted with triple braces.
  std::string report_template(const std::string& name, const Data& data,
                              std::string (*escape)(std::string_view)) const;

  /// "14 augusti 2026" / "August 14, 2026".
  std::string date(const Date& d) const;
  /// "1 januari 2026 – 30 juni 2026" / "January 1, 2026 to June 30, 2026".
  std::string period(const Date& start, const Date& end) const;
  /// "a, b och c" / "a, b, and c"; one item as is; none as "".
  std::string list(const std::vector<std::string>& items) const;

  /// All keys (for the tests that compare languages).
  std::vector<std::string> keys() const;

 private:
  explicit Locale(std::string lang);
  std::string lang_;
  std::map<std::string, std::string> strings_;
};

/// Render a Mustache template text with `data`; throws std::runtime_error on a template error.
std::string render(const std::string& text, const Data& data,
                   std::string (*escape)(std::string_view) = nullptr);

}  // namespace tillit::locale
