// `tillit import`: a narrative the client wrote in Word, LibreOffice or as a web page, turned
// by pandoc into the engagement's Markdown, description/<lang>/<topic>.md. Its images are
// extracted into description/images/<topic>-<lang>/ and linked relative to the Markdown file,
// so `tillit check` and `tillit build` find them inside the engagement.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/diagnostics.h"
#include "support/env.h"

namespace tillit::import {

enum class Format { Docx, Odt, Html };

struct ImportOptions {
  std::string dir;     ///< The engagement folder.
  std::string input;   ///< The client's .docx, .odt or .html file.
  std::string lang;    ///< "sv" or "en".
  std::string topic;   ///< A description topic id (ingest::topics()).
  bool force = false;  ///< Replace an existing narrative and images of the same names.
  std::string program = "pandoc";
  std::chrono::milliseconds timeout{std::chrono::minutes(2)};  ///< For each pandoc run.
};

/// The format by the file's extension (.docx, .odt, .html, .htm, .xhtml; any case).
std::optional<Format> format_of(std::string_view path);

/// Where the narrative goes, relative to the engagement: "description/sv/infrastructure.md".
std::string narrative_path(const std::string& lang, const std::string& topic);

/// Where its images go, relative to the engagement: "description/images/infrastructure-sv".
std::string image_folder(const std::string& lang, const std::string& topic);

/// Convert `opts.input` and write it into the engagement. Refuses an unknown topic or language
/// (Usage), a missing engagement or input (NoInput), an input that is not what its extension
/// says or that pandoc cannot read (DataError), a missing pandoc (Unavailable) and, without
/// `force`, an existing narrative or image folder (CantCreate). pandoc's warnings become
/// warnings, and so do images tillit check will not accept (not PNG or JPEG). Returns the
/// paths written, relative to the engagement: the images, then the Markdown file.
std::vector<std::string> import_narrative(Env& env, const ImportOptions& opts, Diagnostics& diags);

}  // namespace tillit::import
