#include "build/build.h"

#include <algorithm>
#include <chrono>

#include "assemble/assemble.h"
#include "brand/brand.h"
#include "catalogue/catalogue.h"
#include "history/issued.h"
#include "ingest/engagement_loader.h"
#include "render/docx/docx_writer.h"
#include "render/pandoc/pandoc.h"
#include "render/pdf/pdf.h"
#include "support/text.h"
#include "validate/validate.h"

namespace tillit::build {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool wants(const BuildOptions& opts, const std::string& format) {
  return std::find(opts.formats.begin(), opts.formats.end(), format) != opts.formats.end();
}

/// One output in memory, waiting to be written.
struct Pending {
  Output out;
  std::string bytes;
};

/// HTML and Markdown through pandoc; images go into a media folder beside the Markdown.
class PandocOutputs {
 public:
  PandocOutputs(Env& env, Diagnostics& diags) : env_(env), diags_(diags) {}

  void render(const model::Document& doc, const std::string& out_dir, const std::string& stem,
              const std::string& lang, const BuildOptions& opts, std::vector<Pending>& pending) {
    if (!api_ && !tried_) {
      tried_ = true;
      std::string why;
      api_ = render::pandoc::detect_api(&why);
      if (!api_) {
        diags_.error(Location{"pandoc"}, "tool-unavailable", why, ExitCode::Unavailable);
      }
    }
    if (!api_) return;
    std::string media = stem + "-media";
    std::string error;
    if (!doc.images.empty() && !render::pandoc::write_media(env_, doc, join_path(out_dir, media),
                                                           &error)) {
      diags_.error(Location{join_path(out_dir, media)}, "cannot-write", error,
                   ExitCode::CantCreate);
      return;
    }
    render::pandoc::JsonOptions json_opts;
    json_opts.media_dir = media;
    std::string json = render::pandoc::to_json(doc, *api_, json_opts);
    for (const auto& [format, to, ext] : {std::tuple<const char*, const char*, const char*>{
                                              "html", "html", "html"},
                                          {"md", "gfm", "md"}}) {
      if (!wants(opts, format)) continue;
      render::pandoc::ConvertOptions convert_opts;
      convert_opts.resource_dir = out_dir;
      auto result = render::pandoc::convert(json, to, convert_opts);
      if (!result.ok()) {
        bool tool = result.status != render::pandoc::ConvertResult::Status::Failed;
        diags_.error(Location{"pandoc"}, tool ? "tool-unavailable" : "pandoc-failed",
                     "cannot write " + std::string(format) + ": " + result.error,
                     tool ? ExitCode::Unavailable : ExitCode::Software);
        continue;
      }
      pending.push_back({Output{lang, format, join_path(out_dir, stem + "." + ext)},
                         std::move(result.output)});
    }
  }

 private:
  Env& env_;
  Diagnostics& diags_;
  bool tried_ = false;
  std::optional<render::pandoc::ApiVersion> api_;
};

}  // namespace

const std::vector<std::string>& known_formats() {
  static const std::vector<std::string> formats = {"docx", "pdf", "html", "md"};
  return formats;
}

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

std::vector<Output> build(Env& env, const BuildOptions& opts, Diagnostics& diags) {
  std::vector<Output> written;
  auto report = [&](const std::string& step, const std::string& what, Clock::time_point t) {
    if (opts.progress) opts.progress(step, what, since(t));
  };

  // Phase 1: read and check. Errors stop the build; warnings do not.
  auto t = Clock::now();
  auto engagement = ingest::load_engagement(env, opts.dir, diags);
  if (!engagement) return written;
  validate::Options check_opts;
  check_opts.strict = opts.strict;
  validate::check(*engagement, catalogue::Catalogue::builtin(), check_opts, diags);
  report("check", opts.dir, t);
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
  if (template_path.empty() && !m.template_path.empty()) {
    template_path = join_path(opts.dir, m.template_path.value);
  }
  auto ref = brand::load_reference(env, template_path, template_path, diags);
  if (!ref) return written;

  // Phase 3: assemble and render every output that needs no file on disk, in memory.
  std::string out_dir = opts.out_dir.empty() ? join_path(opts.dir, "out") : opts.out_dir;
  const bool docx = wants(opts, "docx") || wants(opts, "pdf");
  std::vector<Pending> pending;
  std::vector<std::pair<std::string, model::Meta>> pdf_sources;  // docx path, meta
  PandocOutputs pandoc(env, diags);
  for (const auto& lang : languages) {
    t = Clock::now();
    model::Document doc = assemble::assemble_report(*engagement, lang, env, diags);
    report("assemble", lang, t);
    std::string stem = output_name(m, lang, "");
    if (docx) {
      t = Clock::now();
      Output out{lang, "docx", join_path(out_dir, stem + ".docx")};
      pending.push_back({out, render::docx::write_docx(doc, *ref)});
      pdf_sources.emplace_back(out.path, doc.meta);
      report("docx", lang, t);
    }
    if (wants(opts, "html") || wants(opts, "md")) {
      t = Clock::now();
      pandoc.render(doc, out_dir, stem, lang, opts, pending);
      report("pandoc", lang, t);
    }
  }
  // A missing pandoc does not stop the DOCX (or PDF); everything else does.
  bool only_tools_missing = std::all_of(diags.all().begin(), diags.all().end(), [](auto& d) {
    return d.severity != Severity::Error || d.exit == ExitCode::Unavailable;
  });
  if (diags.has_errors() && !only_tools_missing) return written;

  // Phase 4: write, each through a temporary file and a rename.
  std::string error;
  if (!env.make_dirs(out_dir, &error)) {
    diags.error(Location{out_dir}, "cannot-write", error, ExitCode::CantCreate);
    return written;
  }
  for (auto& p : pending) {
    if (!env.write_atomic(p.out.path, p.bytes, &error)) {
      diags.error(Location{p.out.path}, "cannot-write", error, ExitCode::CantCreate);
      return written;
    }
    written.push_back(p.out);
  }

  if (opts.change_summary) *opts.change_summary = history::diff_summary_line(env, *engagement);

  // Phase 5: PDF from the DOCX just written, all languages at once.
  if (wants(opts, "pdf")) {
    render::pdf::PdfOptions pdf_opts;
    pdf_opts.pdf_a = opts.pdf_a;
    std::string why;
    if (!render::pdf::available(pdf_opts, &why)) {
      diags.error(Location{"soffice"}, "tool-unavailable", why, ExitCode::Unavailable);
      return written;
    }
    std::vector<render::pdf::PdfJob> jobs;
    for (const auto& [docx_path, meta] : pdf_sources) {
      std::string pdf = docx_path.substr(0, docx_path.size() - 4) + "pdf";
      jobs.push_back({docx_path, pdf, meta.title, meta.language});
    }
    t = Clock::now();
    auto results = render::pdf::convert(jobs, pdf_opts);
    for (size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      if (!r.ok) {
        diags.error(Location{jobs[i].pdf}, "pdf-failed", r.error, r.code);
        continue;
      }
      std::string lang = languages[i];
      written.push_back(Output{lang, "pdf", jobs[i].pdf});
      if (opts.progress) opts.progress("pdf", lang, r.seconds);
    }
    report("pdf", "all", t);
  }
  return written;
}

}  // namespace tillit::build
