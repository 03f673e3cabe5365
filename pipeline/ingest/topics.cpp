#include "ingest/topics.h"

namespace tillit::ingest {

const std::vector<Topic>& topics() {
  static const std::vector<Topic> list = {
      {"services", "DC1", true, false},
      {"commitments", "DC2", true, false},
      {"infrastructure", "DC3", true, false},
      {"software", "DC3", true, false},
      {"people", "DC3", true, false},
      {"procedures", "DC3", true, false},
      {"data", "DC3", true, false},
      {"boundaries", "DC3", true, false},
      {"incidents", "DC4", true, false},
      {"control-environment", "COSO", true, false},
      {"risk-assessment", "COSO", true, false},
      {"control-activities", "COSO", true, false},
      {"information-communication", "COSO", true, false},
      {"monitoring", "COSO", true, false},
      {"subservice-monitoring", "DC7", false, false},
      {"user-entity-responsibilities", "DC6", false, false},
      {"significant-changes", "DC9", true, true},
      {"other-information", "V", false, false},
  };
  return list;
}

const Topic* find_topic(std::string_view id) {
  for (const auto& t : topics()) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

}  // namespace tillit::ingest
