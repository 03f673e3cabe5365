#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "deliverable/render.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command render_command() {
  Command cmd{"render",
              "render PATH [--format docx,pdf] [--lang sv,en] [--out DIR] [--template FILE] "
              "[--strict] [--pdf-a]",
              "Writes the deliverables at PATH (a folder of NAME.sv.md / NAME.en.md files with "
              "front matter, or one such file) as DOCX and PDF in each language, with the "
              "report templates and branding, after checking that the language versions have "
              "the same structure.",
              {}};
  cmd.options.addOption(
      Option("format", "f", "output formats, comma-separated: docx (default), pdf (via "
                            "LibreOffice, writes the DOCX too)")
          .argument("LIST"));
  cmd.options.addOption(
      Option("lang", "l", "languages to render (default: every version there is)")
          .argument("LIST"));
  cmd.options.addOption(
      Option("out", "o", "output folder (default: out/ beside the Markdown files)").argument("DIR"));
  cmd.options.addOption(Option("template", "t", "a branded Word template (.docx or .dotx); "
                                                "overrides 'template' in the front matter")
                            .argument("FILE"));
  cmd.options.addOption(
      Option("strict", "s", "treat differences between the language versions as errors"));
  cmd.options.addOption(Option("pdf-a", "a", "write PDF/A-2b instead of plain PDF"));
  add_common_options(cmd.options);
  return cmd;
}

}  // namespace

int run_render(const std::vector<std::string>& argv) {
  Command cmd = render_command();
  int exit_code = 0;
  auto args = parse_command(cmd, argv, exit_code);
  if (!args) return exit_code;
  if (args->positional.size() != 1) {
    return usage_error("render", "give one deliverable folder or file");
  }
  deliverable::RenderOptions opts;
  opts.path = args->positional[0];
  opts.out_dir = args->value("out");
  opts.template_path = args->value("template");
  opts.strict = args->flag("strict");
  opts.pdf_a = args->flag("pdf-a");
  auto formats = list_option(cmd, *args, "format", {"docx", "pdf"}, "format");
  auto languages = list_option(cmd, *args, "lang", {"sv", "en"}, "language");
  if (!formats || !languages) return static_cast<int>(ExitCode::Usage);
  if (!formats->empty()) opts.formats = *formats;
  opts.languages = *languages;

  DiskEnv env;
  Diagnostics diags;
  auto written = deliverable::render(env, opts, diags);
  for (const auto& d : diags.all()) std::cerr << format_human(d);
  for (const auto& f : written) std::cout << f.path << "\n";
  if (diags.has_errors()) {
    std::cerr << "tillit render: " << diags.error_count() << " error(s); "
              << (written.empty() ? "nothing was written"
                                  : std::to_string(written.size()) + " file(s) written")
              << "\n";
    return static_cast<int>(diags.exit_code());
  }
  return 0;
}

}  // namespace tillit::cli
