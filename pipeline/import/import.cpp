#include "import/import.h"

#include <cctype>
#include <filesystem>

#include "import/conversion.h"
#include "import/odt_tables.h"
#include "import/workspace.h"
#include "ingest/topics.h"
#include "support/text.h"

namespace tillit::import {

namespace {

bool is_zip(std::string_view bytes) { return bytes.substr(0, 4) == std::string_view("PK\3\4"); }

/// The OLE compound file: a Word 97-2003 .doc, or any Office file with a password.
bool is_ole(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

bool is_png_or_jpeg(std::string_view bytes) {
  return bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8) ||
         bytes.substr(0, 3) == std::string_view("\xFF\xD8\xFF", 3);
}

std::string topic_list() {
  std::string ids;
  for (const auto& t : ingest::topics()) ids += (ids.empty() ? "" : ", ") + std::string(t.id);
  return ids;
}

std::string parent_of(const std::string& path) {
  return std::filesystem::path(path).parent_path().string();
}

bool check_request(const Env& env, const ImportOptions& opts, Diagnostics& diags) {
  const Location none{};
  bool ok = true;
  if (!ingest::find_topic(opts.topic)) {
    std::vector<std::string_view> ids;
    for (const auto& t : ingest::topics()) ids.push_back(t.id);
    std::string near = nearest(opts.topic, ids, 2);
    std::string hint = near.empty() ? "" : "did you mean '" + near + "'? ";
    diags.error(none, "unknown-topic",
                "unknown topic '" + opts.topic + "'; " + hint + "use one of: " + topic_list(),
                ExitCode::Usage);
    ok = false;
  }
  if (opts.lang != "sv" && opts.lang != "en") {
    diags.error(none, "unknown-language", "unsupported language '" + opts.lang + "'; use sv or en",
                ExitCode::Usage);
    ok = false;
  }
  const Location at{opts.dir, "", 0, 0};
  if (env.kind(opts.dir) != Env::Kind::Directory) {
    diags.error(at, "missing-engagement", "engagement folder not found", ExitCode::NoInput);
    ok = false;
  } else if (env.kind(join_path(opts.dir, "engagement.xml")) != Env::Kind::File) {
    diags.error(at, "missing-engagement",
                "no engagement.xml in this folder; create the engagement with 'tillit init' "
                "first",
                ExitCode::NoInput);
    ok = false;
  }
  return ok;
}

/// The input's format, after checking that the file is what its extension says; `bytes` gets
/// the file.
std::optional<Format> check_input(const Env& env, const std::string& path, std::string& bytes,
                                  Diagnostics& diags) {
  auto read = read_input(env, path, path, kMaxInputBytes, diags);
  if (!read) return std::nullopt;
  bytes = std::move(*read);
  const Location at{path, "", 0, 0};
  auto format = format_of(path);
  if (!format) {
    diags.error(at, "import-format",
                "cannot import this file: give a Word (.docx), LibreOffice (.odt) or web page "
                "(.html) file",
                ExitCode::DataError);
    return std::nullopt;
  }
  if (*format == Format::Html || is_zip(bytes)) return format;
  if (is_ole(bytes)) {
    diags.error(at, "ole-file",
                "this is a Word 97-2003 document or a password-protected file; save it as "
                ".docx without a password and import that",
                ExitCode::DataError);
  } else {
    diags.error(at, "import-format", "this is not a DOCX or ODT file (not a zip archive)",
                ExitCode::DataError);
  }
  return std::nullopt;
}

/// Without --force nothing is overwritten: an earlier import may have been edited since.
bool check_targets(const Env& env, const ImportOptions& opts, Diagnostics& diags) {
  if (opts.force) return true;
  bool ok = true;
  const std::string markdown = join_path(opts.dir, narrative_path(opts.lang, opts.topic));
  if (env.kind(markdown) != Env::Kind::Missing) {
    diags.error(Location{markdown, "", 0, 0}, "narrative-exists",
                "the narrative already exists; use --force to replace it", ExitCode::CantCreate);
    ok = false;
  }
  const std::string images = join_path(opts.dir, image_folder(opts.lang, opts.topic));
  if (env.kind(images) != Env::Kind::Missing && !env.list(images).empty()) {
    diags.error(Location{images, "", 0, 0}, "narrative-exists",
                "the image folder already has files; use --force to replace them",
                ExitCode::CantCreate);
    ok = false;
  }
  return ok;
}

bool write(Env& env, const std::string& path, std::string_view bytes, Diagnostics& diags) {
  std::string error;
  if (env.make_dirs(parent_of(path), &error) && env.write_atomic(path, bytes, &error)) {
    return true;
  }
  diags.error(Location{path, "", 0, 0}, "write-failed", error, ExitCode::CantCreate);
  return false;
}

/// The file pandoc reads: the input itself (absolute, as pandoc runs elsewhere), or for an ODT
/// with header rows a repaired copy in the workspace. Empty when the workspace failed.
std::string pandoc_input(const Workspace& ws, const std::string& path, Format format,
                         const std::string& bytes) {
  if (!ws.ok()) return {};
  if (format == Format::Odt) {
    if (auto unwrapped = unwrap_header_rows(bytes)) return ws.write("narrative.odt", *unwrapped);
  }
  std::error_code ec;
  std::string input = std::filesystem::absolute(path, ec).string();
  return ec ? path : input;
}

/// Copies what pandoc extracted into the engagement, warning about images tillit check will
/// refuse. False after an error.
bool copy_images(Env& env, const Workspace& ws, const ImportOptions& opts,
                 std::vector<std::string>& written, Diagnostics& diags) {
  const std::string images = image_folder(opts.lang, opts.topic);
  for (const auto& file : ws.extracted()) {
    const std::string shown = images + "/" + file;
    const std::string target = join_path(opts.dir, shown);
    std::string image;
    if (!ws.read_extracted(file, image)) {
      diags.error(Location{target, "", 0, 0}, "write-failed",
                  "cannot read the image pandoc extracted", ExitCode::CantCreate);
      return false;
    }
    if (!write(env, target, image, diags)) return false;
    written.push_back(shown);
    if (!is_png_or_jpeg(image)) {
      diags.warning(Location{target, "", 0, 0}, "import-image-format",
                    "this image is neither PNG nor JPEG, which tillit check requires; convert "
                    "it and change its link in " +
                        narrative_path(opts.lang, opts.topic));
    }
  }
  return true;
}

}  // namespace

std::optional<Format> format_of(std::string_view path) {
  const size_t dot = path.find_last_of("./");
  if (dot == std::string_view::npos || path[dot] != '.') return std::nullopt;
  std::string ext;
  for (char c : path.substr(dot + 1)) {
    ext += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (ext == "docx") return Format::Docx;
  if (ext == "odt") return Format::Odt;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::Html;
  return std::nullopt;
}

std::string narrative_path(const std::string& lang, const std::string& topic) {
  return "description/" + lang + "/" + topic + ".md";
}

std::string image_folder(const std::string& lang, const std::string& topic) {
  return "description/images/" + topic + "-" + lang;
}

std::vector<std::string> import_narrative(Env& env, const ImportOptions& opts, Diagnostics& diags) {
  std::vector<std::string> written;
  if (!check_request(env, opts, diags)) return written;
  std::string bytes;
  auto format = check_input(env, opts.input, bytes, diags);
  if (!format || !check_targets(env, opts, diags)) return written;

  Workspace ws(opts.lang, opts.topic);
  std::string input = pandoc_input(ws, opts.input, *format, bytes);
  if (input.empty()) {
    diags.error(Location{}, "write-failed", "cannot write into a temporary folder for pandoc",
                ExitCode::CantCreate);
    return written;
  }
  Conversion result = convert(input, *format, ws, opts);
  const Location at{opts.input, "", 0, 0};
  for (const auto& w : result.warnings) diags.warning(at, "pandoc-warning", w);
  if (!result.error.empty()) {
    diags.error(at, "import-failed", result.error, result.exit);
    return written;
  }

  // The images first: a narrative must not be left linking to images not yet written.
  if (!copy_images(env, ws, opts, written, diags)) return written;
  const std::string markdown = narrative_path(opts.lang, opts.topic);
  std::string text = std::move(result.markdown);
  if (text.find_first_not_of(" \n") == std::string::npos) {
    diags.warning(at, "import-empty", "the document has no text");
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (!write(env, join_path(opts.dir, markdown), text, diags)) return written;
  written.push_back(markdown);
  return written;
}

}  // namespace tillit::import
