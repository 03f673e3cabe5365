#include "render/pdf/pdf.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <thread>

#include "render/pdf/verify.h"
#include "support/embedded.h"
#include "support/process.h"

namespace tillit::render::pdf {

namespace fs = std::filesystem;

namespace {

// python3-uno is built for Debian's Python only; a python3 earlier in PATH (pyenv, a venv)
// cannot import it. Isolated mode (-I) keeps PYTHONPATH and user site-packages meant for
// another Python out of it.
constexpr const char* kPython = "/usr/bin/python3";
constexpr const char* kIsolated = "-I";
constexpr std::string_view kScript = "templates/pdf/export.py";
constexpr std::chrono::seconds kImportTimeout{30};

std::optional<std::string> find_soffice(const PdfOptions& options) {
  return find_program(options.soffice.empty() ? "soffice" : options.soffice);
}

/// Whether `soffice` belongs to a LibreOffice installation without Writer (only
/// libreoffice-core): it starts, but cannot open a DOCX.
bool lacks_writer(const std::string& soffice) {
  std::error_code ec;
  const fs::path program = fs::canonical(soffice, ec).parent_path();
  return !ec && fs::exists(program / "soffice.bin", ec) && !fs::exists(program / "libswlo.so", ec);
}

/// A private folder under the system's temporary one, removed with everything in it.
class WorkDir {
 public:
  static std::optional<WorkDir> create(std::string* error) {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "tillit-pdf-XXXXXX").string();
    if (ec || !::mkdtemp(pattern.data())) {
      *error = "cannot create a temporary folder for LibreOffice under " +
               fs::temp_directory_path(ec).string();
      return std::nullopt;
    }
    return WorkDir(pattern);
  }
  WorkDir(WorkDir&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  WorkDir& operator=(WorkDir&&) = delete;
  ~WorkDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit WorkDir(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

struct Context {
  std::string soffice;
  fs::path script;
  fs::path work;
  const PdfOptions& options;
};

std::string last_line(const std::string& text) {
  size_t end = text.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  size_t begin = text.rfind('\n', end);
  return text.substr(begin == std::string::npos ? 0 : begin + 1, end + 1 - (begin + 1));
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// One job: LibreOffice writes a temporary file beside the PDF, which is checked and renamed.
PdfResult convert_one(const PdfJob& job, size_t index, const Context& context) {
  const auto start = std::chrono::steady_clock::now();
  PdfResult result;
  const fs::path docx_name = fs::path(job.docx).filename();
  const std::string temp =
      job.pdf + "." + std::to_string(::getpid()) + "-" + std::to_string(index) + ".tmp";
  auto finish = [&](ExitCode code, std::string error) {
    if (code != ExitCode::Ok) {
      std::error_code ignored;
      fs::remove(temp, ignored);
    }
    result.ok = code == ExitCode::Ok;
    result.code = code;
    result.error = std::move(error);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  };
  std::error_code ec;
  const fs::path folder = fs::path(job.pdf).parent_path();
  const std::string folder_shown = folder.empty() ? "." : folder.string();
  if (!fs::is_directory(folder_shown, ec)) {
    return finish(ExitCode::CantCreate, "cannot write " + job.pdf + ": no such folder");
  }
  // LibreOffice would report an unwritable folder as a failed export, far from the cause.
  if (::access(folder_shown.c_str(), W_OK) != 0) {
    return finish(ExitCode::CantCreate, "cannot write " + job.pdf + ": permission denied");
  }
  if (!fs::is_regular_file(job.docx, ec)) {
    return finish(ExitCode::NoInput, "cannot convert " + job.docx + " to PDF: no such file");
  }

  ProcessRequest request;
  request.argv = {kPython,
                  kIsolated,
                  context.script.string(),
                  context.soffice,
                  (context.work / ("profile-" + std::to_string(index))).string(),
                  job.docx,
                  temp,
                  job.title,
                  job.language,
                  context.options.pdf_a ? "1" : "0"};
  request.timeout = context.options.timeout;
  const ProcessResult run = run_process(request);
  if (run.not_found) {
    return finish(ExitCode::Unavailable,
                  std::string(kPython) + " is missing; install the Debian package python3-uno");
  }
  if (run.timed_out) {
    return finish(ExitCode::Unavailable, "LibreOffice did not finish converting " +
                                             docx_name.string() + " within the " +
                                             std::to_string(context.options.timeout.count()) +
                                             " s time limit and was stopped");
  }
  if (run.exit_code != 0) {
    const std::string why = last_line(run.err);
    return finish(ExitCode::Unavailable, "LibreOffice could not convert " + docx_name.string() +
                                             " (exit status " + std::to_string(run.exit_code) +
                                             (why.empty() ? ")" : "): " + why));
  }
  const std::optional<std::string> bytes = read_file(temp);
  if (!bytes) {
    return finish(ExitCode::Unavailable,
                  "LibreOffice reported success but wrote no PDF for " + docx_name.string());
  }
  if (std::string problem = pdf_problem(*bytes); !problem.empty()) {
    return finish(ExitCode::Unavailable,
                  "the PDF LibreOffice wrote for " + docx_name.string() + " " + problem);
  }
  fs::rename(temp, job.pdf, ec);
  if (ec) return finish(ExitCode::CantCreate, "cannot write " + job.pdf + ": " + ec.message());
  return finish(ExitCode::Ok, "");
}

}  // namespace

bool available(const PdfOptions& options, std::string* why) {
  auto fail = [&](std::string message) {
    if (why) *why = std::move(message);
    return false;
  };
  const std::optional<std::string> soffice = find_soffice(options);
  if (!soffice) {
    return fail("LibreOffice is not installed (" +
                (options.soffice.empty() ? std::string("no soffice in PATH")
                                         : "no program " + options.soffice) +
                "); install the Debian package libreoffice-writer-nogui");
  }
  if (lacks_writer(*soffice)) {
    return fail(
        "LibreOffice Writer is not installed; install the Debian package "
        "libreoffice-writer-nogui");
  }
  // Starting Python to import uno takes 0.2 s, and a PDF build asks twice (build before
  // converting, convert() again): a success is remembered for the life of the process.
  static std::atomic<bool> uno_imported{false};
  if (uno_imported) return true;
  ProcessRequest import_uno;
  import_uno.argv = {kPython, kIsolated, "-c", "import uno"};
  import_uno.timeout = kImportTimeout;
  const ProcessResult run = run_process(import_uno);
  if (run.exit_code != 0) {
    return fail(std::string(kPython) + (run.not_found ? " is missing" : " cannot import uno") +
                "; install the Debian package python3-uno");
  }
  uno_imported = true;
  return true;
}

std::vector<PdfResult> convert(const std::vector<PdfJob>& jobs, const PdfOptions& options) {
  std::vector<PdfResult> results(jobs.size());
  auto fail_all = [&](ExitCode code, const std::string& error) {
    for (auto& result : results) {
      result.code = code;
      result.error = error;
    }
    return results;
  };
  if (jobs.empty()) return results;
  std::string error;
  if (!available(options, &error)) return fail_all(ExitCode::Unavailable, error);
  const std::optional<std::string_view> script = embedded(kScript);
  if (!script) {
    return fail_all(ExitCode::Software, std::string(kScript) + " is missing from the binary");
  }
  std::optional<WorkDir> work = WorkDir::create(&error);
  if (!work) return fail_all(ExitCode::CantCreate, error);
  const fs::path script_path = work->path() / "export.py";
  if (!(std::ofstream(script_path, std::ios::binary) << *script)) {
    return fail_all(ExitCode::CantCreate, "cannot write " + script_path.string());
  }

  const Context context{*find_soffice(options), script_path, work->path(), options};
  // One soffice per core: LibreOffice lays out and exports a document on one thread.
  const size_t workers = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, jobs.size());
  std::atomic<size_t> next{0};
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (size_t i; (i = next++) < jobs.size();) results[i] = convert_one(jobs[i], i, context);
    });
  }
  for (auto& thread : threads) thread.join();
  return results;
}

}  // namespace tillit::render::pdf
