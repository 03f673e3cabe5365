#include "locale/locale.h"

#include <cstdio>
#include <stdexcept>

#include "ingest/csv_reader.h"
#include "support/embedded.h"
#include "support/text.h"

namespace tillit::locale {

const std::vector<std::string>& languages() {
  static const std::vector<std::string> langs = {"sv", "en"};
  return langs;
}

std::string bcp47(const std::string& lang) { return lang == "sv" ? "sv-SE" : "en-US"; }

Locale::Locale(std::string lang) : lang_(std::move(lang)) {
  Diagnostics diags;
  auto table = ingest::read_csv("locales/strings.csv", *embedded("locales/strings.csv"), diags);
  if (!table || table->rows.empty()) throw std::runtime_error("locales/strings.csv is unreadable");
  const auto& header = table->rows.front().cells;
  size_t column = 0;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i].text == lang_) column = i;
  }
  if (column == 0) throw std::out_of_range("no locale " + lang_);
  for (size_t r = 1; r < table->rows.size(); ++r) {
    const auto& cells = table->rows[r].cells;
    strings_[cells[0].text] = column < cells.size() ? cells[column].text : std::string();
  }
}

const Locale& Locale::get(const std::string& lang) {
  static const Locale sv("sv");
  static const Locale en("en");
  if (lang == "sv") return sv;
  if (lang == "en") return en;
  throw std::out_of_range("no locale " + lang);
}

const std::string& Locale::str(const std::string& key) const {
  auto it = strings_.find(key);
  if (it == strings_.end()) throw std::out_of_range("locale " + lang_ + " has no string " + key);
  return it->second;
}

std::string Locale::str(const std::string& key, const Data& data) const {
  return render(str(key), data);
}

std::string Locale::report_template(const std::string& name, const Data& data,
                                    std::string (*escape)(std::string_view)) const {
  std::string path = "locales/" + lang_ + "/report/" + name + ".md";
  auto text = embedded(path);
  if (!text) throw std::out_of_range("no template " + path);
  return render(std::string(*text), data, escape);
}

std::string render(const std::string& text, const Data& data,
                   std::string (*escape)(std::string_view)) {
  kainjow::mustache::mustache tmpl{text};
  if (!tmpl.is_valid()) throw std::runtime_error("template error: " + tmpl.error_message());
  if (escape) {
    tmpl.set_custom_escape([escape](const std::string& s) { return escape(s); });
  } else {
    tmpl.set_custom_escape([](const std::string& s) { return s; });
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::runtime_error("template error: " + tmpl.error_message());
  return out;
}

std::string Locale::date(const Date& d) const {
  auto months = split_any(str("date.months"), ",");
  unsigned m = static_cast<unsigned>(d.month());
  Data data;
  data.set("day", std::to_string(static_cast<unsigned>(d.day())));
  data.set("month", m >= 1 && m <= months.size() ? months[m - 1] : std::to_string(m));
  data.set("year", std::to_string(static_cast<int>(d.year())));
  return str("date.format", data);
}

std::string Locale::period(const Date& start, const Date& end) const {
  Data data;
  data.set("start", date(start));
  data.set("end", date(end));
  return str("period.format", data);
}

std::string Locale::list(const std::vector<std::string>& items) const {
  if (items.empty()) return "";
  if (items.size() == 1) return items[0];
  std::string out;
  for (size_t i = 0; i + 1 < items.size(); ++i) out += (i ? ", " : "") + items[i];
  // English writes the serial comma with three or more items ("a, b, and c").
  if (items.size() > 2) out += str("list.serial_comma");
  return out + " " + str("list.and") + " " + items.back();
}

std::vector<std::string> Locale::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : strings_) out.push_back(k);
  return out;
}

}  // namespace tillit::locale
