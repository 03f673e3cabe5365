// convert(): Pandoc JSON through the pandoc program into HTML, Markdown or ODT.
#include <algorithm>
#include <filesystem>

#include "render/pandoc/pandoc.h"
#include "render/pandoc/temp_dir.h"
#include "support/embedded.h"
#include "support/process.h"

namespace tillit::render::pandoc {

namespace {

/// Writes an embedded template file into `dir`; returns its path or an empty string.
std::string unpack(const TempDir& dir, const std::string& name) {
  auto bytes = embedded("templates/pandoc/" + name);
  return bytes ? dir.write(name, *bytes) : std::string();
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

ConvertResult convert(const std::string& json, const std::string& to, const ConvertOptions& opts) {
  ConvertResult result;
  TempDir tmp;
  if (tmp.path().empty()) {
    result.error = "cannot create a temporary folder for pandoc";
    return result;
  }
  std::vector<std::string> argv = {opts.program, "--from=json", "--standalone"};
  if (to == "html") {
    const std::string css = unpack(tmp, "report.css");
    if (css.empty()) {
      result.error = "cannot write the stylesheet for pandoc into " + tmp.path();
      return result;
    }
    // One file to hand over: the stylesheet and every image become part of the HTML.
    argv.insert(argv.end(), {"--to=html5", "--self-contained", "--css=" + css});
  } else if (to == "gfm") {
    const std::string filter = unpack(tmp, "markdown.lua");
    if (filter.empty()) {
      result.error = "cannot write the Markdown filter for pandoc into " + tmp.path();
      return result;
    }
    // Unwrapped lines keep a changed sentence to one line of a diff.
    argv.insert(argv.end(), {"--to=gfm", "--wrap=none", "--lua-filter=" + filter});
  } else if (to == "odt") {
    argv.push_back("--to=odt");
  } else {
    result.error = "unknown output format '" + to + "'; use html, gfm or odt";
    return result;
  }
  if (opts.toc) {
    argv.push_back("--toc");
    argv.push_back("--toc-depth=" + std::to_string(std::clamp(opts.toc_depth, 1, 6)));
  }
  // pandoc runs in the temporary folder, so a relative resource folder is made absolute; with
  // none, only the temporary folder (which holds no images) is searched.
  std::error_code ec;
  std::string resources = opts.resource_dir.empty()
                              ? tmp.path()
                              : std::filesystem::absolute(opts.resource_dir, ec).string();
  if (ec) resources = opts.resource_dir;
  argv.push_back("--resource-path=" + resources);
  argv.push_back("--output=-");

  ProcessRequest request;
  request.argv = std::move(argv);
  request.input = json;
  request.timeout = opts.timeout;
  request.working_dir = tmp.path();
  ProcessResult run = run_process(request);
  if (run.not_found) {
    result.status = ConvertResult::Status::NotFound;
    result.error = "'" + opts.program +
                   "' was not found; install pandoc (Debian package 'pandoc': apt-get install "
                   "pandoc)";
  } else if (run.timed_out) {
    result.status = ConvertResult::Status::TimedOut;
    result.error = "pandoc did not finish converting to " + to + " in " +
                   std::to_string(opts.timeout.count() / 1000) + " s";
  } else if (run.exit_code != 0) {
    result.status = ConvertResult::Status::Failed;
    result.error = "pandoc failed to convert to " + to + " (exit code " +
                   std::to_string(run.exit_code) + "): " + trimmed(run.err);
  } else {
    result.status = ConvertResult::Status::Ok;
    result.output = std::move(run.out);
    result.warnings = std::move(run.err);
  }
  return result;
}

}  // namespace tillit::render::pandoc
