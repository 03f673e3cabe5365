#include "render/pdf/verify.h"

namespace tillit::render::pdf {

namespace {

constexpr std::string_view kWhiteSpace(" \t\r\n\f\0", 6);

bool is_space(char c) { return kWhiteSpace.find(c) != std::string_view::npos; }

// What may follow a PDF name: white space or a delimiter.
bool ends_name(char c) {
  return is_space(c) || std::string_view("()<>[]{}/%").find(c) != std::string_view::npos;
}

}  // namespace

int count_pages(std::string_view bytes) {
  constexpr std::string_view kType = "/Type";
  constexpr std::string_view kPage = "/Page";
  int pages = 0;
  for (size_t at = bytes.find(kType); at != std::string_view::npos;
       at = bytes.find(kType, at + 1)) {
    size_t name = at + kType.size();
    if (name == bytes.size() || !ends_name(bytes[name])) continue;  // "/TypeFace"...
    while (name < bytes.size() && is_space(bytes[name])) ++name;
    const size_t after = name + kPage.size();
    // "/Pages", the page tree, is another name.
    if (bytes.substr(name, kPage.size()) == kPage &&
        (after == bytes.size() || ends_name(bytes[after]))) {
      ++pages;
    }
  }
  return pages;
}

std::string pdf_problem(std::string_view bytes) {
  if (bytes.empty()) return "is empty";
  if (bytes.substr(0, 5) != "%PDF-") return "does not start with %PDF-";
  // The file ends with %%EOF, give or take a line break or some padding.
  constexpr size_t kTail = 1024;
  const size_t tail_start = bytes.size() > kTail ? bytes.size() - kTail : 0;
  if (bytes.find("%%EOF", tail_start) == std::string_view::npos) return "is truncated";
  if (count_pages(bytes) == 0) return "has no pages";
  return "";
}

}  // namespace tillit::render::pdf
