#include "build/build.h"

#include <algorithm>

#include "assemble/assemble.h"
#include "catalogue/catalogue.h"
#include "ingest/engagement_loader.h"
#include "ingest/zip_reader.h"
#include "render/docx/docx_writer.h"
#include "support/text.h"
#include "validate/validate.h"

namespace tillit::build {

namespace {

/// The reference document: the built-in one, or merged with a branded template.
std::optional<render::docx::ReferenceDoc> reference(const Env& env, const std::string& path,
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

}  // namespace

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
  return slug + "-soc2-type" + type + "-" + lang + "." + extension;
}

std::vector<Output> build(Env& env, const BuildOptions& opts, Diagnostics& diags) {
  std::vector<Output> written;
  // Phase 1: read and check. Errors stop the build; warnings do not.
  auto engagement = ingest::load_engagement(env, opts.dir, diags);
  if (!engagement) return written;
  validate::Options check_opts;
  check_opts.strict = opts.strict;
  validate::check(*engagement, catalogue::Catalogue::builtin(), check_opts, diags);
  if (diags.has_errors()) return written;

  const auto& m = engagement->manifest;
  std::vector<std::string> languages = opts.languages.empty() ? m.languages : opts.languages;
  for (const auto& lang : languages) {
    if (std::find(m.languages.begin(), m.languages.end(), lang) == m.languages.end()) {
      diags.error(Location{m.file}, "language-not-in-manifest",
                  "--lang asks for '" + lang + "', but the manifest's languages are not "
                  "that; add it to <languages>",
                  ExitCode::Usage);
    }
  }
  if (diags.has_errors()) return written;

  // Phase 2: the reference document (built-in or branded).
  std::string template_path = opts.template_path;
  std::string template_shown = opts.template_path;
  if (template_path.empty() && !m.template_path.empty()) {
    template_path = join_path(opts.dir, m.template_path.value);
    template_shown = template_path;
  }
  auto ref = reference(env, template_path, template_shown, diags);
  if (!ref) return written;

  // Phase 3: assemble and render every output in memory.
  std::string out_dir = opts.out_dir.empty() ? join_path(opts.dir, "out") : opts.out_dir;
  std::vector<std::pair<Output, std::string>> rendered;
  for (const auto& lang : languages) {
    model::Document doc = assemble::assemble_report(*engagement, lang, env, diags);
    for (const auto& format : opts.formats) {
      if (format != "docx") continue;
      Output out{lang, format, join_path(out_dir, output_name(m, lang, "docx"))};
      rendered.emplace_back(out, render::docx::write_docx(doc, *ref));
    }
  }
  if (diags.has_errors()) return written;

  // Phase 4: write, each through a temporary file and a rename.
  std::string error;
  if (!env.make_dirs(out_dir, &error)) {
    diags.error(Location{out_dir}, "cannot-write", error, ExitCode::CantCreate);
    return written;
  }
  for (auto& [out, bytes] : rendered) {
    if (!env.write_atomic(out.path, bytes, &error)) {
      diags.error(Location{out.path}, "cannot-write", error, ExitCode::CantCreate);
      return written;
    }
    written.push_back(out);
  }
  return written;
}

}  // namespace tillit::build
