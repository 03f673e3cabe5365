// The template variables of a deliverable: its front matter, and the figures of the
// engagement it names, in the language of the version being written.
#pragma once

#include <string>

#include "deliverable/front_matter.h"
#include "deliverable/template.h"
#include "ingest/engagement.h"
#include "locale/locale.h"
#include "validate/validate.h"

namespace tillit::deliverable {

/// An engagement a deliverable quotes, with the checker's summary of it.
struct EngagementFacts {
  const ingest::Engagement& engagement;
  validate::Summary summary;
};

/// Every variable for the version in `loc`'s language. Without an engagement, its variables
/// are unknown, with a message that says where they come from.
Variables variables(const FrontMatter& fm, const locale::Locale& loc,
                    const EngagementFacts* facts);

/// The coverage per category as a GitHub Markdown table (category, criteria in scope, covered,
/// not applicable, gaps, and a total row), for {{{coverage_table}}}.
std::string coverage_table(const validate::Summary& s, const locale::Locale& loc);

/// The names the engagement provides, for the documentation and the tests.
const std::vector<std::string>& engagement_variable_names();

}  // namespace tillit::deliverable
