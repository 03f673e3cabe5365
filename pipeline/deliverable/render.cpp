#include "deliverable/render.h"

#include <algorithm>
#include <map>

#include "brand/brand.h"
#include "deliverable/deliverable.h"
#include "markdown/image.h"
#include "render/docx/docx_writer.h"
#include "render/pdf/pdf.h"

namespace tillit::deliverable {

namespace {

bool wants(const RenderOptions& opts, const std::string& format) {
  return std::find(opts.formats.begin(), opts.formats.end(), format) != opts.formats.end();
}

struct Pending {
  RenderedFile file;
  std::string bytes;
  model::Meta meta;
};

/// Reference documents by template path, each read once.
class References {
 public:
  References(const Env& env, Diagnostics& diags) : env_(env), diags_(diags) {}

  const render::docx::ReferenceDoc* get(const std::string& path) {
    auto it = cache_.find(path);
    if (it == cache_.end()) {
      it = cache_.emplace(path, brand::load_reference(env_, path, path, diags_)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  const Env& env_;
  Diagnostics& diags_;
  std::map<std::string, std::optional<render::docx::ReferenceDoc>> cache_;
};

void convert_pdfs(const std::vector<Pending>& docx, const RenderOptions& opts,
                  std::vector<RenderedFile>& written, Diagnostics& diags) {
  render::pdf::PdfOptions pdf_opts;
  pdf_opts.pdf_a = opts.pdf_a;
  std::string why;
  if (!render::pdf::available(pdf_opts, &why)) {
    diags.error(Location{"soffice"}, "tool-unavailable", why, ExitCode::Unavailable);
    return;
  }
  std::vector<render::pdf::PdfJob> jobs;
  for (const auto& p : docx) {
    std::string pdf = p.file.path.substr(0, p.file.path.size() - 4) + "pdf";
    jobs.push_back({p.file.path, pdf, p.meta.title, p.meta.language});
  }
  auto results = render::pdf::convert(jobs, pdf_opts);
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok) {
      diags.error(Location{jobs[i].pdf}, "pdf-failed", results[i].error, results[i].code);
      continue;
    }
    written.push_back(RenderedFile{docx[i].file.lang, "pdf", jobs[i].pdf});
  }
}

}  // namespace

const std::vector<std::string>& parity_rules() {
  static const std::vector<std::string> rules = {"parity-heading", "parity-table", "parity-image",
                                                 "parity-list", "parity-front-matter",
                                                 "parity-limit"};
  return rules;
}

std::vector<RenderedFile> render(Env& env, const RenderOptions& opts, Diagnostics& diags) {
  std::vector<RenderedFile> written;
  auto deliverables = find(env, opts.path, opts.languages, diags);
  if (diags.has_errors()) return written;

  std::vector<Pending> pending;
  References references(env, diags);
  for (const auto& d : deliverables) {
    auto versions = prepare(env, d, diags);
    if (opts.strict) {
      for (const auto& rule : parity_rules()) diags.promote(rule);
    }
    if (diags.has_errors()) continue;
    std::string out_dir = opts.out_dir.empty() ? join_path(d.dir, "out") : opts.out_dir;
    for (const auto& v : versions) {
      std::string tmpl = opts.template_path;
      if (tmpl.empty() && !v.front.template_path.empty()) {
        tmpl = markdown::normalise_path(join_path(d.dir, v.front.template_path.value));
      }
      const auto* ref = references.get(tmpl);
      if (!ref) continue;
      std::string path = join_path(out_dir, d.name + "-" + v.version.lang + ".docx");
      pending.push_back({RenderedFile{v.version.lang, "docx", path},
                         render::docx::write_docx(v.doc, *ref), v.doc.meta});
    }
  }
  if (diags.has_errors()) return written;

  std::string error;
  for (const auto& p : pending) {
    std::string dir = p.file.path.substr(0, p.file.path.rfind('/'));
    if (!env.make_dirs(dir, &error) || !env.write_atomic(p.file.path, p.bytes, &error)) {
      diags.error(Location{p.file.path}, "cannot-write", error, ExitCode::CantCreate);
      return written;
    }
    written.push_back(p.file);
  }
  if (wants(opts, "pdf")) convert_pdfs(pending, opts, written, diags);
  return written;
}

}  // namespace tillit::deliverable
