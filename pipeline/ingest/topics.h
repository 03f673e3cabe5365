// The description-of-the-system topics, one Markdown file per topic and language, in the
// order Section III presents them.
#pragma once

#include <string_view>
#include <vector>

namespace tillit::ingest {

struct Topic {
  std::string_view id;         ///< File stem: "services" -> description/sv/services.md
  std::string_view criterion;  ///< "DC1", "DC3", "COSO", ... (for messages and the docs)
  bool required = true;
  bool type2_only = false;     ///< Required only in a Type 2 report.
};

const std::vector<Topic>& topics();
const Topic* find_topic(std::string_view id);

}  // namespace tillit::ingest
