#include "catalogue/topic_text.h"

#include <stdexcept>

#include "ingest/csv_reader.h"
#include "support/embedded.h"

namespace tillit::catalogue {

const std::vector<TopicText>& topic_texts() {
  static const std::vector<TopicText> texts = [] {
    Diagnostics diags;
    auto table = ingest::read_csv("locales/topics.csv", *embedded("locales/topics.csv"), diags);
    if (!table) throw std::runtime_error("locales/topics.csv is unreadable");
    std::vector<TopicText> out;
    for (size_t r = 1; r < table->rows.size(); ++r) {
      const auto& c = table->rows[r].cells;
      if (c.size() < 5) throw std::runtime_error("locales/topics.csv: short row");
      out.push_back(TopicText{c[0].text, c[1].text, c[2].text, c[3].text, c[4].text});
    }
    return out;
  }();
  return texts;
}

const TopicText* topic_text(std::string_view id) {
  for (const auto& t : topic_texts()) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

}  // namespace tillit::catalogue
