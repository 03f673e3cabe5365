// `tillit render`: deliverables to DOCX (and PDF through LibreOffice), one file per language,
// over the report's reference document or a branded template. As with `build`, everything is
// rendered in memory first; errors leave earlier outputs untouched, and each file is written
// through a temporary file and a rename.
#pragma once

#include <string>
#include <vector>

#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::deliverable {

struct RenderOptions {
  std::string path;                             ///< A folder, or one file of a pair.
  std::vector<std::string> languages;           ///< Empty = every version there is.
  std::vector<std::string> formats = {"docx"};  ///< docx, pdf (pdf writes the DOCX too).
  std::string out_dir;                          ///< Empty = <folder>/out.
  std::string template_path;                    ///< Overrides the front matter's `template`.
  bool strict = false;                          ///< Parity findings are errors.
  bool pdf_a = false;
};

struct RenderedFile {
  std::string lang;
  std::string format;
  std::string path;
};

/// Render every deliverable at opts.path: "<name>-<lang>.docx" and ".pdf" in the output
/// folder. Returns the files written; problems are in `diags`.
std::vector<RenderedFile> render(Env& env, const RenderOptions& opts, Diagnostics& diags);

/// The rule ids of the parity check (for --strict).
const std::vector<std::string>& parity_rules();

}  // namespace tillit::deliverable
