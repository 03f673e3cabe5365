#include "brand/brand.h"

#include "ingest/zip_reader.h"

namespace tillit::brand {

std::optional<render::docx::ReferenceDoc> load_reference(const Env& env, const std::string& path,
                                                         const std::string& shown,
                                                         Diagnostics& diags) {
  auto builtin = render::docx::builtin_reference();
  if (path.empty()) return builtin;
  auto bytes = read_input(env, path, shown, kMaxInputBytes, diags);
  if (!bytes) return std::nullopt;
  auto zip = ingest::ZipReader::open(shown, std::move(*bytes), diags);
  if (!zip) return std::nullopt;
  render::docx::ReferenceDoc branded;
  for (const auto& name : zip->names()) {
    if (name.empty() || name.back() == '/') continue;
    auto part = zip->read(name, diags);
    if (!part) return std::nullopt;
    branded.parts[name] = std::move(*part);
  }
  if (!branded.parts.count("word/styles.xml")) {
    diags.error(Location{shown}, "template-not-docx",
                "is not a Word document or template (no word/styles.xml)", ExitCode::DataError);
    return std::nullopt;
  }
  return render::docx::merge_reference(builtin, branded);
}

}  // namespace tillit::brand
