#include "build/pandoc_outputs.h"


namespace tillit::build {

void PandocOutputs::render(const model::Document& doc, const std::string& out_dir,
                           const std::string& stem, const std::vector<Output>& outputs,
                           const std::map<std::string, std::string>& made_from,
                           std::vector<Pending>& pending) {
  if (!api_ && !tried_) {
    tried_ = true;
    std::string why;
    api_ = render::pandoc::detect_api(&why);
    if (!api_) diags_.error(Location{"pandoc"}, "tool-unavailable", why, ExitCode::Unavailable);
  }
  if (!api_) return;
  std::string media = stem + "-media";
  std::string error;
  if (!doc.images.empty() &&
      !render::pandoc::write_media(env_, doc, join_path(out_dir, media), &error)) {
    diags_.error(Location{join_path(out_dir, media)}, "cannot-write", error, ExitCode::CantCreate);
    return;
  }
  render::pandoc::JsonOptions json_opts;
  json_opts.media_dir = media;
  std::string json = render::pandoc::to_json(doc, *api_, json_opts);
  for (const auto& out : outputs) {
    const bool html = out.format == "html";
    render::pandoc::ConvertOptions convert_opts;
    convert_opts.resource_dir = out_dir;
    auto result = render::pandoc::convert(json, html ? "html" : "gfm", convert_opts);
    if (!result.ok()) {
      bool tool = result.status != render::pandoc::ConvertResult::Status::Failed;
      diags_.error(Location{"pandoc"}, tool ? "tool-unavailable" : "pandoc-failed",
                   "cannot write " + out.format + ": " + result.error,
                   tool ? ExitCode::Unavailable : ExitCode::Software);
      continue;
    }
    pending.push_back({out, made_from, std::move(result.output)});
  }
}

}  // namespace tillit::build
