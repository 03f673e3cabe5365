#include "import/conversion.h"

#include <filesystem>

#include "support/embedded.h"
#include "support/process.h"

namespace tillit::import {

namespace {

const char* format_name(Format f) {
  switch (f) {
    case Format::Docx:
      return "docx";
    case Format::Odt:
      return "odt";
    case Format::Html:
      return "html";
  }
  return "docx";
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

/// One pandoc run in the workspace; false (with `out.error` set) when it failed.
bool run(std::vector<std::string> argv, std::string input, const std::string& what,
         const Workspace& ws, const ImportOptions& opts, std::string& output, Conversion& out) {
  ProcessRequest request;
  request.argv = std::move(argv);
  request.input = std::move(input);
  request.timeout = opts.timeout;
  request.working_dir = ws.markdown_dir();
  ProcessResult result = run_process(request);
  for (auto& w : pandoc_warnings(result.err)) out.warnings.push_back(std::move(w));
  if (result.not_found) {
    out.exit = ExitCode::Unavailable;
    out.error = "'" + opts.program +
                "' was not found; install pandoc (Debian package 'pandoc': apt-get install "
                "pandoc)";
    return false;
  }
  if (result.timed_out) {
    out.exit = ExitCode::DataError;
    out.error = "pandoc did not finish " + what + " within " +
                std::to_string(opts.timeout.count() / 1000) + " s";
    return false;
  }
  if (result.exit_code != 0) {
    out.exit = ExitCode::DataError;
    out.error = "pandoc failed " + what + ": " + trimmed(result.err);
    return false;
  }
  output = std::move(result.out);
  return true;
}

}  // namespace

std::vector<std::string> pandoc_warnings(const std::string& stderr_text) {
  std::vector<std::string> warnings;
  bool in_warning = false;
  size_t start = 0;
  while (start < stderr_text.size()) {
    size_t end = stderr_text.find('\n', start);
    if (end == std::string::npos) end = stderr_text.size();
    std::string line = stderr_text.substr(start, end - start);
    start = end + 1;
    constexpr std::string_view kTag = "[WARNING] ";
    if (line.rfind(kTag, 0) == 0) {
      warnings.push_back(trimmed(line.substr(kTag.size())));
      in_warning = true;
    } else if (in_warning && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      size_t text = line.find_first_not_of(" \t");
      warnings.back() += " " + trimmed(line.substr(text));
    } else {
      in_warning = false;
    }
  }
  return warnings;
}

Conversion convert(const std::string& input, Format format, const Workspace& ws,
                   const ImportOptions& opts) {
  Conversion out;
  auto filter = [&](const std::string& name) {
    auto bytes = embedded("templates/pandoc/" + name);
    return bytes ? ws.write(name, *bytes) : std::string();
  };
  const std::string shape = filter("import.lua");
  const std::string links = filter("import-links.lua");
  if (shape.empty() || links.empty()) {
    out.exit = ExitCode::CantCreate;
    out.error = "cannot write pandoc's filters into a temporary folder";
    return out;
  }
  const std::string extract = "--extract-media=" + ws.image_link();
  const std::string reading = "to read " + input;
  // --sandbox keeps pandoc to the file given: a document cannot make it read other files or
  // fetch URLs. A web page's images are files beside it, so they are read in a second run,
  // after the filter has removed every image from elsewhere.
  std::vector<std::string> first = {opts.program,
                                    "--sandbox",
                                    std::string("--from=") + format_name(format),
                                    "--to=json",
                                    "--lua-filter=" + shape,
                                    "--output=-"};
  if (format != Format::Html) first.push_back(extract);
  first.push_back(input);
  std::string json;
  if (!run(first, "", reading, ws, opts, json, out)) return out;
  if (format == Format::Html) {
    const std::string page_dir = std::filesystem::path(input).parent_path().string();
    std::string with_images;
    if (!run({opts.program, "--from=json", "--to=json", "--resource-path=" + page_dir, extract,
              "--output=-"},
             std::move(json), "to read the images of " + input, ws, opts, with_images, out)) {
      return out;
    }
    json = std::move(with_images);
  }
  // Unwrapped lines keep a changed sentence to one line of a diff.
  run({opts.program, "--from=json", "--to=gfm", "--wrap=none", "--lua-filter=" + links,
       "--output=-"},
      std::move(json), "to write Markdown", ws, opts, out.markdown, out);
  return out;
}

}  // namespace tillit::import
