#include "catalogue/catalogue.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "ingest/csv_reader.h"
#include "support/embedded.h"
#include "support/text.h"

namespace tillit::catalogue {

namespace {

struct CategoryInfo {
  Category category;
  std::string_view key;
  std::string_view name_en;
  std::string_view catalogue_name;  // as in the category column of criteria.csv
  std::array<std::string_view, 4> aliases;  // alnum keys in English and Swedish
};

constexpr std::array<CategoryInfo, 5> kCategories = {{
    {Category::Security, "security", "Security", "Security",
     {"security", "säkerhet", "informationssäkerhet", "commoncriteria"}},
    {Category::Availability, "availability", "Availability", "Availability",
     {"availability", "tillgänglighet", "", ""}},
    {Category::ProcessingIntegrity, "processing-integrity", "Processing Integrity",
     "Processing Integrity",
     {"processingintegrity", "bearbetningsintegritet", "behandlingsintegritet", ""}},
    {Category::Confidentiality, "confidentiality", "Confidentiality", "Confidentiality",
     {"confidentiality", "konfidentialitet", "sekretess", ""}},
    {Category::Privacy, "privacy", "Privacy", "Privacy", {"privacy", "integritetsskydd", "", ""}},
}};

const CategoryInfo& info(Category c) {
  return *std::find_if(kCategories.begin(), kCategories.end(),
                       [c](const CategoryInfo& i) { return i.category == c; });
}

// Upper-case and drop spaces: "cc 6.1" -> "CC6.1".
std::string canonical_form(std::string_view raw) {
  std::string out;
  for (char ch : raw) {
    auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    out += static_cast<char>(std::toupper(c));
  }
  return out;
}

}  // namespace

const std::vector<Category>& all_categories() {
  static const std::vector<Category> all = {Category::Security, Category::Availability,
                                            Category::ProcessingIntegrity,
                                            Category::Confidentiality, Category::Privacy};
  return all;
}

std::string_view category_key(Category c) { return info(c).key; }
std::string_view category_name_en(Category c) { return info(c).name_en; }

std::optional<Category> parse_category(std::string_view name) {
  std::string key = alnum_key(name);
  for (const auto& i : kCategories) {
    for (auto alias : i.aliases) {
      if (!alias.empty() && alias == key) return i.category;
    }
  }
  return std::nullopt;
}

Catalogue Catalogue::parse(std::string_view csv) {
  Diagnostics diags;
  auto table = ingest::read_csv("criteria.csv", csv, diags);
  if (!table || table->rows.empty()) throw std::runtime_error("criteria catalogue is unreadable");
  Catalogue cat;
  for (size_t r = 1; r < table->rows.size(); ++r) {
    const auto& cells = table->rows[r].cells;
    if (cells.size() < 7) throw std::runtime_error("criteria catalogue row has too few columns");
    Criterion c;
    c.id = cells[0].text;
    auto it = std::find_if(kCategories.begin(), kCategories.end(),
                           [&](const CategoryInfo& i) { return i.catalogue_name == cells[1].text; });
    if (it == kCategories.end()) throw std::runtime_error("unknown category " + cells[1].text);
    c.category = it->category;
    c.series = c.id.substr(0, c.id.find('.'));
    c.series_en = cells[2].text;
    c.series_sv = cells[3].text;
    c.coso_principle = cells[4].text.empty() ? 0 : std::stoi(cells[4].text);
    c.title_en = cells[5].text;
    c.title_sv = cells[6].text;
    cat.criteria_.push_back(std::move(c));
  }
  return cat;
}

const Catalogue& Catalogue::builtin() {
  static const Catalogue cat = parse(*embedded("locales/criteria.csv"));
  return cat;
}

const Criterion* Catalogue::find(std::string_view id) const {
  for (const auto& c : criteria_) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

std::vector<const Criterion*> Catalogue::in_scope(const std::vector<Category>& categories) const {
  std::vector<const Criterion*> out;
  for (const auto& c : criteria_) {
    bool wanted = c.category == Category::Security ||
                  std::find(categories.begin(), categories.end(), c.category) != categories.end();
    if (wanted) out.push_back(&c);
  }
  return out;
}

bool Catalogue::is_series_heading(std::string_view raw) {
  std::string s = canonical_form(raw);
  auto dot = s.find('.');
  return dot != std::string::npos && dot > 0 && s.substr(dot) == ".0" &&
         std::isdigit(static_cast<unsigned char>(s[dot - 1]));
}

std::optional<std::string> Catalogue::suggest(std::string_view raw) const {
  std::string canon = canonical_form(raw);
  // Typographic variants people paste from Word: "CC6,1" or "CC6·1".
  std::replace(canon.begin(), canon.end(), ',', '.');
  if (const Criterion* exact = find(canon)) return exact->id;
  const Criterion* best = nullptr;
  int best_distance = 2;
  bool best_same_length = false;
  for (const auto& c : criteria_) {
    int d = edit_distance(canon, c.id);
    bool same_length = c.id.size() == canon.size();
    // Prefer the smallest distance; on a tie, a substitution over an insertion or deletion.
    if (d < best_distance || (d == best_distance && best && same_length && !best_same_length)) {
      best = &c;
      best_distance = d;
      best_same_length = same_length;
    }
  }
  if (best && best_distance <= 1) return best->id;
  return std::nullopt;
}

}  // namespace tillit::catalogue
