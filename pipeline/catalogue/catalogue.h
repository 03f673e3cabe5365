// The 2017 Trust Services Criteria (revised points of focus 2022) as data: IDs, categories,
// series and our own short titles in Swedish and English. Loaded from locales/criteria.csv,
// which is compiled into the binary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tillit::catalogue {

enum class Category { Security, Availability, ProcessingIntegrity, Confidentiality, Privacy };

/// All categories in catalogue order.
const std::vector<Category>& all_categories();

/// The stable key used in manifests and on the command line: "processing-integrity".
std::string_view category_key(Category c);

/// English display name ("Processing Integrity"), for tool output.
std::string_view category_name_en(Category c);

/// Parse a category name in English or Swedish, any case, with or without dashes:
/// "security", "säkerhet", "Processing integrity", "bearbetningsintegritet", "sekretess".
std::optional<Category> parse_category(std::string_view name);

struct Criterion {
  std::string id;         ///< "CC6.1"
  Category category;
  std::string series;     ///< "CC6"
  std::string series_en;  ///< "Logical and Physical Access Controls"
  std::string series_sv;
  int coso_principle = 0;  ///< 1..17 for CC1-CC5, else 0.
  std::string title_en;
  std::string title_sv;

  const std::string& title(std::string_view lang) const { return lang == "sv" ? title_sv : title_en; }
  const std::string& series_name(std::string_view lang) const {
    return lang == "sv" ? series_sv : series_en;
  }
};

class Catalogue {
 public:
  /// The built-in 2017 catalogue (parsed once).
  static const Catalogue& builtin();
  /// Parse a catalogue from CSV text with the columns of locales/criteria.csv.
  static Catalogue parse(std::string_view csv);

  const std::vector<Criterion>& all() const { return criteria_; }
  /// Exact lookup by canonical ID ("CC6.1").
  const Criterion* find(std::string_view id) const;
  /// Criteria that belong to the given categories (Security's common criteria always count:
  /// every category builds on them), in catalogue order.
  std::vector<const Criterion*> in_scope(const std::vector<Category>& categories) const;

  /// A near criterion ID for an unknown one ("PP1.1" -> "PI1.1", "cc 6.1" -> "CC6.1"), if any.
  std::optional<std::string> suggest(std::string_view raw) const;
  /// True for series headings such as "CC6.0" or "P1.0" that some matrices list as rows.
  static bool is_series_heading(std::string_view raw);

 private:
  std::vector<Criterion> criteria_;
};

}  // namespace tillit::catalogue
