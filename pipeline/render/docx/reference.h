// Reading parts of a reference package (see docx_writer.h for what a reference supplies).
#pragma once

#include <string>
#include <string_view>

#include "render/docx/docx_writer.h"

namespace tillit::render::docx {

/// The part `name` of `ref`, else of `builtin`; empty when neither has it.
std::string_view reference_part(const ReferenceDoc& ref, const ReferenceDoc& builtin,
                                const std::string& name);

/// An XML part as the output carries it: re-serialised compactly with the fixed declaration,
/// or `fallback` (likewise) when it is not well-formed.
std::string normalized_part(std::string_view xml, std::string_view fallback);

/// The font table without embedded fonts: their obfuscated font parts are not carried.
std::string font_table(std::string_view xml, std::string_view fallback);

}  // namespace tillit::render::docx
