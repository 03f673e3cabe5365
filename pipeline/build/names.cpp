#include <cctype>

#include "build/build.h"
#include "support/text.h"

namespace tillit::build {

std::string slugify(const std::string& s) {
  static const std::pair<const char*, const char*> kFolds[] = {
      {"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"é", "e"}, {"è", "e"}, {"ü", "u"}, {"ø", "o"},
      {"æ", "ae"}, {"ß", "ss"}};
  std::string folded = fold_case(s);
  for (const auto& [from, to] : kFolds) {
    for (size_t pos; (pos = folded.find(from)) != std::string::npos;) {
      folded.replace(pos, std::string_view(from).size(), to);
    }
  }
  std::string out;
  for (char ch : folded) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && std::isalnum(c)) {
      out += static_cast<char>(c);
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "report" : out;
}

std::string output_name(const ingest::Manifest& m, const std::string& lang,
                        const std::string& extension) {
  std::string slug = slugify(m.slug.empty() ? m.organisation.value : m.slug.value);
  std::string type = m.report_type.value == "1" ? "1" : "2";
  return slug + "-soc2-type" + type + "-" + lang + (extension.empty() ? "" : "." + extension);
}

}  // namespace tillit::build
