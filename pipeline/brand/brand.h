// Branding: the reference document every DOCX is written over, built in or merged with a
// firm's or client's Word template (.docx or .dotx), read as untrusted input.
#pragma once

#include <optional>
#include <string>

#include "render/docx/docx_writer.h"
#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::brand {

/// The built-in reference when `path` is empty; otherwise the template at `path` (reported
/// as `shown`) merged over it. Returns nullopt after reporting a missing, unreadable or
/// corrupt file, or one that is not a Word document (template-not-docx).
std::optional<render::docx::ReferenceDoc> load_reference(const Env& env, const std::string& path,
                                                         const std::string& shown,
                                                         Diagnostics& diags);

}  // namespace tillit::brand
