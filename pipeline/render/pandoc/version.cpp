// Which Pandoc JSON the installed pandoc reads: pandoc rejects a document whose
// "pandoc-api-version" differs from its own pandoc-types version in major.minor.
#include <cctype>

#include "render/pandoc/pandoc.h"
#include "support/process.h"

namespace tillit::render::pandoc {

namespace {

constexpr const char* kWhatWeWrite =
    "Tillit writes Pandoc JSON for pandoc-types 1.22 (pandoc 2.11 to 2.19, Debian 12's 2.17) "
    "and 1.23 (pandoc 3)";

/// The dotted number at the start of `s` ("1.22.2.1, texmath" -> {1, 22, 2, 1}).
std::vector<int> leading_version(std::string_view s) {
  std::vector<int> parts;
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
    int n = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
      if (n < 100000) n = n * 10 + (s[i] - '0');
    }
    parts.push_back(n);
    if (i + 1 < s.size() && s[i] == '.' && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
      ++i;
    } else {
      break;
    }
  }
  return parts;
}

std::string dotted(const std::vector<int>& parts) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? "." : "") + std::to_string(parts[i]);
  return s;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

bool supported(const ApiVersion& v) {
  return v.parts.size() >= 2 && v.parts[0] == 1 && (v.parts[1] == 22 || v.parts[1] == 23);
}

std::string to_string(const ApiVersion& v) { return dotted(v.parts); }

std::optional<ApiVersion> api_from_version_text(const std::string& text, std::string* error) {
  auto fail = [&](const std::string& message) -> std::optional<ApiVersion> {
    if (error) *error = message;
    return std::nullopt;
  };
  // "pandoc 2.17.1.1" (or "pandoc.exe 3.1.9") on the first line.
  const std::string line = first_line(text);
  const size_t space = line.find(' ');
  std::vector<int> pandoc;
  if (line.rfind("pandoc", 0) == 0 && space != std::string::npos) {
    pandoc = leading_version(std::string_view(line).substr(space + 1));
  }
  if (pandoc.size() < 2) {
    return fail("cannot read a pandoc version from 'pandoc --version': '" + line + "'");
  }
  const std::string name = "pandoc " + dotted(pandoc);

  ApiVersion api;
  // pandoc 2 prints "Compiled with pandoc-types 1.22.2.1, texmath ..."; pandoc 3 does not.
  const size_t types = text.find("pandoc-types ");
  if (types != std::string::npos) {
    api.parts = leading_version(std::string_view(text).substr(types + 13));
  } else if (pandoc[0] == 3) {
    api = pandoc[1] <= 1 ? ApiVersion{{1, 23}} : kApi1_23;
  }
  if (api.parts.size() < 2) {
    return fail(name + " does not say which pandoc-types it uses; " + kWhatWeWrite);
  }
  if (!supported(api)) {
    return fail(name + " uses pandoc-types " + to_string(api) + "; " + kWhatWeWrite);
  }
  return api;
}

std::optional<ApiVersion> detect_api(std::string* error, const std::string& program) {
  ProcessRequest request;
  request.argv = {program, "--version"};
  request.timeout = std::chrono::seconds(30);
  const ProcessResult result = run_process(request);
  auto fail = [&](const std::string& message) -> std::optional<ApiVersion> {
    if (error) *error = message;
    return std::nullopt;
  };
  if (result.not_found) {
    return fail("'" + program +
                "' was not found; install pandoc (Debian package 'pandoc': apt-get install "
                "pandoc)");
  }
  if (result.timed_out) return fail("'" + program + " --version' did not finish in 30 s");
  if (result.exit_code != 0) {
    return fail("'" + program + " --version' failed with exit code " +
                std::to_string(result.exit_code) + ": " + first_line(result.err));
  }
  return api_from_version_text(result.out, error);
}

}  // namespace tillit::render::pandoc
