// Assembly: the report's Sections I–V for one language, as a document model, from an
// engagement that passed the checker.
#pragma once

#include <string>

#include "ingest/engagement.h"
#include "model/document.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::assemble {

/// The whole report in `lang` ("sv" or "en"): cover, contents, Sections I–V. Narrative
/// problems (a missing image, raw HTML) are reported to `diags`; `env` reads images.
model::Document assemble_report(const ingest::Engagement& e, const std::string& lang,
                                const Env& env, Diagnostics& diags);

}  // namespace tillit::assemble
