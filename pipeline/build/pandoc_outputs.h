// The pandoc outputs of a build (HTML and Markdown). Internal to the build stage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "build/build.h"
#include "model/document.h"
#include "render/docx/docx_writer.h"
#include "render/pandoc/pandoc.h"

namespace tillit::build {

/// One output rendered in memory, waiting to be written.
struct Pending {
  Output out;
  std::map<std::string, std::string> made_from;
  std::string bytes;
};

/// HTML and Markdown through pandoc; images go into a media folder beside the Markdown.
class PandocOutputs {
 public:
  PandocOutputs(Env& env, Diagnostics& diags) : env_(env), diags_(diags) {}

  /// Render `outputs` (HTML or Markdown) of `doc`; each becomes a Pending with `made_from`.
  void render(const model::Document& doc, const std::string& out_dir, const std::string& stem,
              const std::vector<Output>& outputs,
              const std::map<std::string, std::string>& made_from, std::vector<Pending>& pending);

 private:
  Env& env_;
  Diagnostics& diags_;
  bool tried_ = false;
  std::optional<render::pandoc::ApiVersion> api_;
};

}  // namespace tillit::build
