// The checker: every rule over an ingested engagement, reported as located diagnostics,
// plus the summary a consultant reads (coverage, gaps, deviations, translations).
#pragma once

#include <string>
#include <vector>

#include "catalogue/catalogue.h"
#include "ingest/engagement.h"
#include "support/diagnostics.h"

namespace tillit::validate {

struct Options {
  bool strict = false;  ///< Missing translations are errors, not warnings.
};

struct CategoryCoverage {
  catalogue::Category category;
  int in_scope = 0;        ///< Criteria of this category (Security: the 33 common criteria).
  int covered = 0;         ///< With at least one control.
  int not_applicable = 0;  ///< Marked not applicable in the manifest.
};

struct Summary {
  std::string organisation;
  std::string system_name;
  int report_type = 0;  ///< 1 or 2; 0 when the manifest does not say.
  std::string period;   ///< "2026-01-01 to 2026-06-30" or "as of 2026-06-30"
  std::vector<std::string> languages;
  std::vector<catalogue::Category> categories;
  int criteria_in_scope = 0;
  std::vector<CategoryCoverage> coverage;
  std::vector<std::string> gaps;  ///< Criteria in scope without a control, catalogue order.
  int controls = 0;
  int deviations = 0;
  int deviations_without_response = 0;
  int cuecs = 0;
  int subservice_orgs = 0;
  int csocs = 0;
  int narratives = 0;
  int missing_translations = 0;
};

/// Run every rule. Diagnostics go to `diags`; the returned summary describes what was read.
Summary check(const ingest::Engagement& e, const catalogue::Catalogue& cat, const Options& opts,
              Diagnostics& diags);

/// The categories named in the manifest (Security always first), unknown names skipped.
std::vector<catalogue::Category> categories_in_scope(const ingest::Manifest& m);

/// True when the control's test found an exception: a deviation text, or a result that says
/// so ("Exception noted", "Avvikelse noterad") rather than "No exceptions noted".
bool has_deviation(const ingest::Control& c);

/// How a subservice organisation is presented (DC7).
enum class Method { Unknown, CarveOut, Inclusive };
/// "carve-out", "Carve out", "exkluderande", "inclusive", "Inkluderande metoden", ...
Method subservice_method(const std::string& written);

/// The summary as text for a terminal, and as a JSON object.
std::string format_summary(const Summary& s, const Diagnostics& diags);
std::string summary_json(const Summary& s);

}  // namespace tillit::validate
