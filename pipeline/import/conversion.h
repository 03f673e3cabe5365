// The pandoc runs of an import: the client's file to Pandoc JSON (images extracted on the
// way), then that JSON to GitHub-flavoured Markdown.
#pragma once

#include <string>
#include <vector>

#include "import/import.h"
#include "import/workspace.h"
#include "support/exit_codes.h"

namespace tillit::import {

struct Conversion {
  std::string markdown;
  std::vector<std::string> warnings;  ///< pandoc's and the filters' warnings, one per entry.
  std::string error;                  ///< Why it failed; empty when it worked.
  ExitCode exit = ExitCode::Ok;       ///< Unavailable (no pandoc) or DataError on failure.
};

/// Convert `input` (an absolute path) in `ws`; the images end up in ws's image folder.
Conversion convert(const std::string& input, Format format, const Workspace& ws,
                   const ImportOptions& opts);

/// The messages of pandoc's "[WARNING] ..." lines on stderr; indented lines continue one.
std::vector<std::string> pandoc_warnings(const std::string& stderr_text);

}  // namespace tillit::import
