// Deliverables: whitepapers, readiness reports, letters and memos written once per language
// in Markdown (NAME.sv.md, NAME.en.md) with front matter, turned into documents with the
// report's templates and branding.
#pragma once

#include <string>
#include <vector>

#include "deliverable/front_matter.h"
#include "model/document.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::deliverable {

/// One language version as found on disk.
struct Version {
  std::string lang;   ///< From the file name: "sv" in "whitepaper.sv.md".
  std::string path;   ///< To read it.
  std::string shown;  ///< In diagnostics.
};

/// A deliverable: its name ("whitepaper") and versions, Swedish first.
struct Deliverable {
  std::string name;
  std::string dir;  ///< The folder of its files; images and paths are relative to it.
  std::vector<Version> versions;
};

/// The deliverables at `path`: every NAME.sv.md / NAME.en.md pair in a folder, or the pair of
/// one such file. `languages` keeps only those (empty = all there are); asking for one that a
/// deliverable lacks is an error, and so is a path with no deliverable.
std::vector<Deliverable> find(const Env& env, const std::string& path,
                              const std::vector<std::string>& languages, Diagnostics& diags);

/// A version ready to write: its document and its front matter.
struct Prepared {
  Version version;
  FrontMatter front;
  model::Document doc;
};

/// Read every version, check the front matter, expand the templates (with the named
/// engagement's figures), check the parity of the language versions and assemble each into a
/// document. Problems are in `diags`; with errors the result is incomplete and not to be used.
std::vector<Prepared> prepare(const Env& env, const Deliverable& d, Diagnostics& diags);

}  // namespace tillit::deliverable
