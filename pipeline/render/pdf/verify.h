// A cheap check that a file LibreOffice wrote is a whole PDF with pages: soffice reports
// success on input it could not read, so its exit status proves nothing.
#pragma once

#include <string>
#include <string_view>

namespace tillit::render::pdf {

/// The number of page objects ("/Type /Page") in a PDF written without object streams, as
/// LibreOffice writes them. A PDF that compresses its page objects counts 0.
int count_pages(std::string_view bytes);

/// Why `bytes` is not a complete PDF with at least one page ("is empty", "does not start
/// with %PDF-", "is truncated", "has no pages"), or "" when it is one.
std::string pdf_problem(std::string_view bytes);

}  // namespace tillit::render::pdf
