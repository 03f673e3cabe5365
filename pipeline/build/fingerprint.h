// What an output is made from, reduced to one hash: the build log compares these to decide
// whether an output must be made again.
#pragma once

#include <string>

#include "model/document.h"
#include "render/docx/docx_writer.h"

namespace tillit::build {

/// A hash of everything in `doc` a writer can show: every block, inline, role, width, image
/// byte and meta field. Two documents with the same fingerprint render to the same bytes.
std::string fingerprint(const model::Document& doc);

/// A hash of every part of a reference document (built-in or branded).
std::string fingerprint(const render::docx::ReferenceDoc& ref);

/// What stands for Tillit itself in every output's key: its version, its embedded templates and
/// locale text, and the executable file (so a rebuilt tillit rebuilds everything).
std::string tool_fingerprint();

}  // namespace tillit::build
