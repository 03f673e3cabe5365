#include "build/build.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "assemble/assemble.h"
#include "brand/brand.h"
#include "build/build_log.h"
#include "build/fingerprint.h"
#include "build/input_record.h"
#include "build/recording_env.h"
#include "build/pandoc_outputs.h"
#include "catalogue/catalogue.h"
#include "history/issued.h"
#include "history/snapshot.h"
#include "redline/redline.h"
#include "ingest/engagement_loader.h"
#include "render/docx/docx_writer.h"
#include "render/pdf/pdf.h"
#include "support/hash.h"
#include "validate/validate.h"

namespace tillit::build {

namespace {

using Clock = std::chrono::steady_clock;
using MadeFrom = std::map<std::string, std::string>;

/// What the engagement said at the last build, kept beside the log for --explain.
constexpr const char* kInputsName = ".tillit-inputs";

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool wants(const BuildOptions& opts, const std::string& format) {
  return std::find(opts.formats.begin(), opts.formats.end(), format) != opts.formats.end();
}

/// The options that change what a build reads or reports (not --progress or --explain).
std::string options_key(const BuildOptions& opts) {
  Hasher h;
  h.add(opts.dir).add(opts.template_path).add(opts.strict).add(opts.pdf_a).add(opts.redline);
  for (const auto& l : opts.languages) h.add("lang").add(l);
  for (const auto& f : opts.formats) h.add("format").add(f);
  return h.hex();
}

/// Why an output with this record must be made from `now`: the parts that differ.
std::vector<std::string> changed_parts(const OutputRecord& before, const MadeFrom& now,
                                       const std::vector<std::string>& content_changes) {
  static const std::map<std::string, std::string> kWords = {
      {"tool", "tillit itself changed (another version or build)"},
      {"reference", "the Word template changed"},
      {"docx", "its DOCX changed"},
      {"options", "the options changed"},
      {"issued", "the issued report it is compared with changed"},
      {"revision", "the author or date of the changes changed"},
  };
  std::vector<std::string> why;
  for (const auto& [part, hash] : now) {
    auto it = before.made_from.find(part);
    if (it != before.made_from.end() && it->second == hash) continue;
    if (part == "content") {
      if (content_changes.empty()) why.push_back("the report's text changed");
      why.insert(why.end(), content_changes.begin(), content_changes.end());
    } else {
      auto word = kWords.find(part);
      why.push_back(word != kWords.end() ? word->second : part + " changed");
    }
  }
  return why;
}

class Builder {
 public:
  Builder(Env& env, const BuildOptions& opts, Diagnostics& diags)
      : env_(env), opts_(opts), diags_(diags) {
    out_dir_ = opts.out_dir.empty() ? join_path(opts.dir, "out") : opts.out_dir;
    log_path_ = join_path(out_dir_, kLogName);
    options_ = options_key(opts);
  }

  std::vector<Output> run() {
    auto t = Clock::now();
    old_ = read_log(env_, log_path_, diags_);
    log_ = old_;
    log_.complete = false;
    if (up_to_date()) {
      report("check", "up to date", t);
      return result_;
    }
    if (build_all()) save_log();
    return result_;
  }

 private:
  void report(const std::string& step, const std::string& what, Clock::time_point t) {
    if (opts_.progress) opts_.progress(step, what, since(t));
  }

  /// Nothing to do when the last build had these options and everything it read is as it was,
  /// and its outputs are still on disk as written. Its warnings and summary are shown again.
  bool up_to_date() {
    if (!old_.complete || old_.tool != tool_fingerprint() || old_.options != options_) {
      return false;
    }
    std::vector<Observation> observations;
    bool refreshed = false;
    for (const auto& o : old_.observations) {
      Observation now = o;
      if (!still_holds(env_, o, &now)) return false;
      refreshed = refreshed || now.modified != o.modified;
      observations.push_back(std::move(now));
    }
    for (const auto& path : old_.products) {
      auto it = old_.outputs.find(path);
      if (it == old_.outputs.end() || !output_intact(env_, path, it->second)) return false;
    }
    for (const auto& d : old_.diagnostics) diags_.add(d);
    if (opts_.change_summary) *opts_.change_summary = old_.summary;
    for (const auto& path : old_.products) {
      const auto& r = old_.outputs.at(path);
      Output out{r.lang, r.format, path, false, {}};
      if (opts_.explain) out.why = {"up to date: no input changed since the last build"};
      result_.push_back(std::move(out));
    }
    if (refreshed) {  // a file saved again unchanged: remember its new time
      log_ = old_;
      log_.observations = std::move(observations);
      save_log();
    }
    return true;
  }

  /// True when `path` was made from exactly `made_from` and is still as written.
  bool keep(const std::string& path, const MadeFrom& made_from) const {
    auto it = old_.outputs.find(path);
    return it != old_.outputs.end() && it->second.made_from == made_from &&
           output_intact(env_, path, it->second);
  }

  std::vector<std::string> why_rebuilt(const std::string& path, const MadeFrom& made_from,
                                       const std::string& lang) const {
    auto it = old_.outputs.find(path);
    if (it == old_.outputs.end()) return {"not built before (no entry in " + log_path_ + ")"};
    if (it->second.made_from == made_from) {
      return {env_.kind(path) == Env::Kind::File ? path + " was changed since it was built"
                                                 : path + " is missing"};
    }
    return changed_parts(it->second, made_from, changes_for(content_changes_, lang));
  }

  /// The output, with why it is out of date, when it must be made again; nullopt when it is
  /// up to date (it is then among the results as it is).
  std::optional<Output> stale(Output out, const MadeFrom& made_from) {
    if (keep(out.path, made_from)) {
      out.rebuilt = false;
      if (opts_.explain) out.why = {"up to date"};
      kept_.push_back(std::move(out));
      return std::nullopt;
    }
    if (opts_.explain) out.why = why_rebuilt(out.path, made_from, out.lang);
    return out;
  }

  bool build_all() {
    // Phase 1: read and check through an Env that notes what was read. Errors stop the build.
    auto t = Clock::now();
    RecordingEnv rec(env_);
    size_t first_diag = diags_.all().size();
    auto engagement = ingest::load_engagement(rec, opts_.dir, diags_);
    if (!engagement) return false;
    validate::Options check_opts;
    check_opts.strict = opts_.strict;
    const auto& catalogue = catalogue::Catalogue::builtin();
    validate::check(*engagement, catalogue, check_opts, diags_);
    report("check", opts_.dir, t);
    if (diags_.has_errors()) return false;

    const auto& m = engagement->manifest;
    languages_ = opts_.languages.empty() ? m.languages : opts_.languages;
    for (const auto& lang : languages_) {
      if (std::find(m.languages.begin(), m.languages.end(), lang) == m.languages.end()) {
        diags_.error(Location{m.file}, "language-not-in-manifest",
                     "--lang asks for '" + lang + "', but the manifest's languages are not "
                     "that; add it to <languages>",
                     ExitCode::Usage);
      }
    }
    if (diags_.has_errors()) return false;

    // Phase 2: the reference document (built-in or branded).
    std::string template_path = opts_.template_path;
    if (template_path.empty() && !m.template_path.empty()) {
      template_path = join_path(opts_.dir, m.template_path.value);
    }
    auto ref = brand::load_reference(rec, template_path, template_path, diags_);
    if (!ref) return false;

    // What the engagement says now, against what it said at the last build (for --explain).
    t = Clock::now();
    InputRecord inputs = record_inputs(history::take_snapshot(*engagement, catalogue));
    inputs_text_ = to_text(inputs);
    if (opts_.explain) explain_inputs(inputs);
    report("record", "inputs", t);

    // Phase 3: assemble each language and render what is out of date, in memory.
    const std::string tool = tool_fingerprint();
    const std::string reference_key = fingerprint(*ref);
    const bool docx = wants(opts_, "docx") || wants(opts_, "pdf");
    PandocOutputs pandoc(env_, diags_);
    for (const auto& lang : languages_) {
      t = Clock::now();
      model::Document doc = assemble::assemble_report(*engagement, lang, rec, diags_);
      const std::string content = fingerprint(doc);
      report("assemble", lang, t);
      std::string stem = output_name(m, lang, "");
      if (docx) {
        t = Clock::now();
        Output out{lang, "docx", join_path(out_dir_, stem + ".docx")};
        MadeFrom made_from{{"tool", tool}, {"reference", reference_key}, {"content", content}};
        if (auto stale_docx = stale(out, made_from)) {
          pending_.push_back({*stale_docx, made_from, render::docx::write_docx(doc, *ref)});
          report("docx", lang, t);
        }
        pdf_sources_.push_back({out.path, doc.meta});
        if (!opts_.redline.empty()) redline(rec, lang, doc, stem, tool, reference_key, content, *ref);
      }
      std::vector<Output> pandoc_outputs;
      MadeFrom made_from{{"tool", tool}, {"content", content}};
      for (const std::string format : {"html", "md"}) {
        if (!wants(opts_, format)) continue;
        Output out{lang, format, join_path(out_dir_, stem + (format == "html" ? ".html" : ".md"))};
        if (auto stale_out = stale(out, made_from)) pandoc_outputs.push_back(*stale_out);
      }
      if (!pandoc_outputs.empty()) {
        t = Clock::now();
        pandoc.render(doc, out_dir_, stem, pandoc_outputs, made_from, pending_);
        report("pandoc", lang, t);
      }
    }
    // A missing pandoc does not stop the DOCX (or PDF); everything else does.
    bool only_tools_missing = std::all_of(diags_.all().begin(), diags_.all().end(), [](auto& d) {
      return d.severity != Severity::Error || d.exit == ExitCode::Unavailable;
    });
    if (diags_.has_errors() && !only_tools_missing) return false;

    // Phase 4: write, each through a temporary file and a rename, the log after each.
    std::string error;
    if (!env_.make_dirs(out_dir_, &error)) {
      diags_.error(Location{out_dir_}, "cannot-write", error, ExitCode::CantCreate);
      return false;
    }
    for (auto& p : pending_) {
      if (!write(p.out, p.made_from, p.bytes)) return false;
    }
    for (auto& k : kept_) result_.push_back(std::move(k));
    kept_.clear();
    if (!env_.write_atomic(join_path(out_dir_, kInputsName), inputs_text_, &error)) {
      diags_.warning(Location{join_path(out_dir_, kInputsName)}, "cannot-write", error);
    }
    t = Clock::now();
    std::string summary = history::diff_summary_line(rec, *engagement);
    report("summary", "since issued", t);
    if (opts_.change_summary) *opts_.change_summary = summary;

    // Phase 5: PDF from each DOCX whose PDF is out of date, all languages at once.
    if (wants(opts_, "pdf")) convert_pdfs(tool);

    // The log trusts this build's observations only when it finished without errors.
    log_.tool = tool;
    log_.options = options_;
    log_.observations = rec.observations();
    // Outputs in a fixed order whatever was made again: by language, then format.
    auto rank = [&](const Output& o) {
      auto lang = std::find(languages_.begin(), languages_.end(), o.lang) - languages_.begin();
      const auto& formats = known_formats();
      auto format = std::find(formats.begin(), formats.end(), o.format) - formats.begin();
      return std::pair{lang, format};
    };
    std::stable_sort(result_.begin(), result_.end(),
                     [&](const Output& a, const Output& b) { return rank(a) < rank(b); });
    log_.products.clear();
    for (const auto& o : result_) log_.products.push_back(o.path);
    log_.diagnostics.assign(diags_.all().begin() + static_cast<long>(first_diag), diags_.all().end());
    log_.summary = summary;
    log_.complete = !diags_.has_errors();
    return true;
  }

  /// The redline against the report issued as opts_.redline: its tracked changes are the
  /// firm's (else the organisation's), dated with the report date.
  void redline(const Env& rec, const std::string& lang, const model::Document& doc,
               const std::string& stem, const std::string& tool, const std::string& reference_key,
               const std::string& content, const render::docx::ReferenceDoc& ref) {
    auto before = history::load_issued_report(rec, opts_.dir, opts_.redline, lang, diags_);
    if (!before) return;
    redline::Revision who{doc.meta.author, doc.meta.date};
    Output out{lang, "redline",
               join_path(out_dir_, stem + "-redline-" + opts_.redline + ".docx")};
    MadeFrom made_from{{"tool", tool},
                       {"reference", reference_key},
                       {"content", content},
                       {"issued", fingerprint(*before)},
                       {"revision", who.author + "\n" + who.date}};
    if (auto stale_out = stale(out, made_from)) {
      pending_.push_back({*stale_out, made_from, redline::write_redline_docx(*before, doc, who, ref)});
    }
  }

  /// An unreadable record of the last build's inputs only makes the explanation coarser.
  void explain_inputs(const InputRecord& now) {
    std::string path = join_path(out_dir_, kInputsName);
    if (env_.kind(path) != Env::Kind::File) return;
    auto bytes = env_.read(path);
    auto before = bytes ? parse_record(*bytes) : std::nullopt;
    if (before) content_changes_ = compare(*before, now);
  }

  void convert_pdfs(const std::string& tool) {
    render::pdf::PdfOptions pdf_opts;
    pdf_opts.pdf_a = opts_.pdf_a;
    std::vector<render::pdf::PdfJob> jobs;
    std::vector<std::pair<Output, MadeFrom>> targets;
    for (size_t i = 0; i < pdf_sources_.size(); ++i) {
      const auto& src = pdf_sources_[i];
      std::string pdf = src.docx.substr(0, src.docx.size() - 4) + "pdf";
      MadeFrom made_from{{"tool", tool},
                         // Written or kept, the DOCX is in the log by now.
                         {"docx", log_.outputs.at(src.docx).hash},
                         {"options", opts_.pdf_a ? "pdf-a" : "pdf"}};
      auto out = stale(Output{languages_[i], "pdf", pdf}, made_from);
      if (!out) continue;
      jobs.push_back({src.docx, pdf, src.meta.title, src.meta.language});
      targets.emplace_back(*out, made_from);
    }
    for (auto& k : kept_) result_.push_back(std::move(k));
    kept_.clear();
    if (jobs.empty()) return;
    std::string why;
    if (!render::pdf::available(pdf_opts, &why)) {
      diags_.error(Location{"soffice"}, "tool-unavailable", why, ExitCode::Unavailable);
      return;
    }
    auto t = Clock::now();
    auto results = render::pdf::convert(jobs, pdf_opts);
    for (size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      if (!r.ok) {
        diags_.error(Location{jobs[i].pdf}, "pdf-failed", r.error, r.code);
        continue;
      }
      auto bytes = env_.read(jobs[i].pdf);
      record(targets[i].first, targets[i].second, bytes ? *bytes : std::string());
      if (opts_.progress) opts_.progress("pdf", targets[i].first.lang, r.seconds);
    }
    report("pdf", "all", t);
  }

  bool write(const Output& out, const MadeFrom& made_from, const std::string& bytes) {
    std::string error;
    if (!env_.write_atomic(out.path, bytes, &error)) {
      diags_.error(Location{out.path}, "cannot-write", error, ExitCode::CantCreate);
      return false;
    }
    record(out, made_from, bytes);
    return true;
  }

  /// Note a written output in the log and save the log, so a build stopped after this point
  /// does not make it again.
  void record(const Output& out, const MadeFrom& made_from, const std::string& bytes) {
    OutputRecord r;
    r.lang = out.lang;
    r.format = out.format;
    r.made_from = made_from;
    r.hash = sha256_hex(bytes);
    r.size = static_cast<long long>(bytes.size());
    r.modified = env_.modified_ns(out.path).value_or(-1);
    log_.outputs[out.path] = std::move(r);
    result_.push_back(out);
    save_log();
  }

  void save_log() {
    std::string error;
    if (!env_.make_dirs(out_dir_, &error) ||
        !env_.write_atomic(log_path_, to_json(log_), &error)) {
      // Without a log the next build does everything again; that is slow, not wrong.
      diags_.warning(Location{log_path_}, "cannot-write", error);
    }
  }

  struct PdfSource {
    std::string docx;
    model::Meta meta;
  };

  Env& env_;
  const BuildOptions& opts_;
  Diagnostics& diags_;
  std::string out_dir_, log_path_, options_;
  BuildLog old_, log_;
  std::vector<std::string> languages_;
  std::vector<Pending> pending_;
  std::vector<Output> kept_, result_;
  std::vector<PdfSource> pdf_sources_;
  std::vector<InputChange> content_changes_;
  std::string inputs_text_;
};

}  // namespace

const std::vector<std::string>& known_formats() {
  static const std::vector<std::string> formats = {"docx", "pdf", "html", "md"};
  return formats;
}

std::vector<Output> build(Env& env, const BuildOptions& opts, Diagnostics& diags) {
  return Builder(env, opts, diags).run();
}

}  // namespace tillit::build
