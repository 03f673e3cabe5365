// The settings part. Only settings known to be safe are kept from a reference: layout ones a
// branded template may set, and the ones the writer sets itself. Anything that points at other
// parts (attached template, mail merge, document variables) or changes how Word treats the
// file (protection, tracked changes) is left out.
#pragma once

#include <string>
#include <string_view>

namespace tillit::render::docx {

/// The built-in settings with the layout settings of `branded` in their place.
std::string merge_settings(std::string_view builtin_xml, std::string_view branded_xml);

/// The settings part of one document: the kept settings of `reference_xml`, plus fields
/// updated on open (Word then fills the table of contents), the footnote separators when the
/// document has footnotes, and the language's theme font language, decimal symbol and list
/// separator (which Word uses in fields).
std::string document_settings(std::string_view reference_xml, std::string_view builtin_xml,
                              std::string_view language, bool has_footnotes);

}  // namespace tillit::render::docx
