// Headings and writing guidance for the description topics, per language, from
// locales/topics.csv. Used for Section III headings and for the narratives `init` writes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tillit::catalogue {

struct TopicText {
  std::string id;
  std::string heading_en, heading_sv;
  std::string guidance_en, guidance_sv;

  const std::string& heading(std::string_view lang) const {
    return lang == "sv" ? heading_sv : heading_en;
  }
  const std::string& guidance(std::string_view lang) const {
    return lang == "sv" ? guidance_sv : guidance_en;
  }
};

/// Every topic of locales/topics.csv, in file order.
const std::vector<TopicText>& topic_texts();
/// The text of one topic, or nullptr.
const TopicText* topic_text(std::string_view id);

}  // namespace tillit::catalogue
