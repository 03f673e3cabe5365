// A small, valid Type 2 engagement in memory, for rule tests to break one thing at a time.
#pragma once

#include <string>

#include "catalogue/catalogue.h"
#include "ingest/engagement_loader.h"
#include "ingest/topics.h"
#include "support/env.h"
#include "validate/validate.h"

namespace tillit::testing {

inline std::string all_common_criteria() {
  std::string ids;
  for (const auto& c : catalogue::Catalogue::builtin().all()) {
    if (c.category == catalogue::Category::Security) ids += (ids.empty() ? "" : ", ") + c.id;
  }
  return ids;
}

inline std::string small_manifest(const std::string& report = "<report type=\"2\">\n"
                                                             "    <period start=\"2026-01-01\" end=\"2026-06-30\"/>\n"
                                                             "    <languages>sv en</languages>\n"
                                                             "    <categories>security</categories>\n"
                                                             "  </report>\n",
                                  const std::string& extra = "") {
  return "<?xml version=\"1.0\"?>\n"
         "<engagement version=\"1\">\n"
         "  <organisation><name>Exempel AB</name></organisation>\n"
         "  <system><name lang=\"sv\">Exempelsystemet</name><name lang=\"en\">Example System</name></system>\n"
         "  " + report +
         "  <auditor><firm>Revisorerna AB</firm><city>Stockholm</city><report-date>2026-08-01</report-date></auditor>\n"
         "  <management><signer>Anna A</signer><title lang=\"sv\">VD</title><title lang=\"en\">CEO</title></management>\n"
         "  <inputs><matrix>controls.csv</matrix></inputs>\n" +
         extra + "</engagement>\n";
}

inline std::string matrix_header() {
  return "Control ID,Criteria,Control description (sv),Control description (en),"
         "Test procedure (sv),Test procedure (en),Result (sv),Result (en),Deviation (sv),"
         "Deviation (en),Management response (sv),Management response (en)\n";
}

inline std::string good_row(const std::string& id, const std::string& criteria) {
  return id + ",\"" + criteria + "\",Beskrivning,Description,Granskning,Test,,,,,,\n";
}

/// Files under "eng/": manifest, a one-control matrix covering every common criterion, and
/// every required narrative in both languages.
inline MemoryEnv small_engagement() {
  MemoryEnv env;
  env.put("eng/engagement.xml", small_manifest());
  env.put("eng/controls.csv", matrix_header() + good_row("C-01", all_common_criteria()));
  for (const char* lang : {"sv", "en"}) {
    for (const auto& t : ingest::topics()) {
      if (!t.required) continue;
      env.put("eng/description/" + std::string(lang) + "/" + std::string(t.id) + ".md",
              "Text.\n");
    }
  }
  return env;
}

struct CheckRun {
  Diagnostics diags;
  std::optional<validate::Summary> summary;

  /// The diagnostics of one rule, each as "location: severity: message [rule]\n" + notes.
  std::vector<std::string> of(const std::string& rule) const {
    std::vector<std::string> out;
    for (const auto& d : diags.all()) {
      if (d.rule == rule) out.push_back(format_human(d));
    }
    return out;
  }
};

inline CheckRun run_check(const Env& env, bool strict = false) {
  CheckRun run;
  auto e = ingest::load_engagement(env, "eng", run.diags);
  if (e) {
    validate::Options opts;
    opts.strict = strict;
    run.summary = validate::check(*e, catalogue::Catalogue::builtin(), opts, run.diags);
  }
  return run;
}

}  // namespace tillit::testing
