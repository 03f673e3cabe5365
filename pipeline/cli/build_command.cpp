#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "build/build.h"
#include "history/snapshot.h"
#include "cli/args.h"
#include "cli/commands.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command build_command() {
  Command cmd{"build",
              "build DIR [--format docx,pdf,html,md] [--lang sv,en] [--out DIR] [--template FILE] "
              "[--redline LABEL] [--pdf-a] [--strict] [--progress] [--explain]",
              "Checks the engagement in DIR and writes the SOC 2 report, one file per language "
              "and format, into DIR/out (or --out). Errors stop the build and leave earlier "
              "outputs untouched; warnings are printed and the build goes on. Outputs that "
              "are up to date (the log DIR/out/.tillit-log.json says what they were made "
              "from) are left as they are.",
              {}};
  cmd.options.addOption(
      Option("format", "f",
             "output formats, comma-separated: docx (default), pdf (via LibreOffice, writes "
             "the DOCX too), html and md (via pandoc)")
          .argument("LIST"));
  cmd.options.addOption(
      Option("lang", "l", "languages to build (default: the manifest's)").argument("LIST"));
  cmd.options.addOption(Option("out", "o", "output folder (default: DIR/out)").argument("DIR"));
  cmd.options.addOption(
      Option("template", "t", "a branded Word template (.docx or .dotx) for styles, headers, "
                              "footers and page setup")
          .argument("FILE"));
  cmd.options.addOption(Option("strict", "s", "treat missing translations as errors"));
  cmd.options.addOption(Option("pdf-a", "a", "write PDF/A-2b instead of plain PDF"));
  cmd.options.addOption(
      Option("progress", "p", "show each step with its time (the default on a terminal)"));
  cmd.options.addOption(
      Option("redline", "r",
             "also write <report>-redline-LABEL.docx per language: the report with every "
             "change since the issued report LABEL as a Word tracked change")
          .argument("LABEL"));
  cmd.options.addOption(Option("explain", "x",
                               "say for each output why it was made again or left as it was"));
  add_common_options(cmd.options);
  return cmd;
}

}  // namespace

int run_build(const std::vector<std::string>& argv) {
  Command cmd = build_command();
  int exit_code = 0;
  auto args = parse_command(cmd, argv, exit_code);
  if (!args) return exit_code;
  if (args->positional.size() != 1) return usage_error("build", "give one engagement folder");

  build::BuildOptions opts;
  opts.dir = args->positional[0];
  opts.out_dir = args->value("out");
  opts.template_path = args->value("template");
  opts.strict = args->flag("strict");
  auto formats = list_option(cmd, *args, "format", build::known_formats(), "format");
  auto languages = list_option(cmd, *args, "lang", {"sv", "en"}, "language");
  if (!formats || !languages) return static_cast<int>(ExitCode::Usage);
  if (!formats->empty()) opts.formats = *formats;
  opts.languages = *languages;

  opts.pdf_a = args->flag("pdf-a");
  opts.explain = args->flag("explain");
  opts.redline = args->value("redline");
  if (args->values.count("redline") && !history::valid_label(opts.redline)) {
    return usage_error("build", "'" + opts.redline + "' is not a label of an issued report "
                                "(letters, digits, '.', '_' and '-')");
  }
  // Progress goes to stderr on a terminal; piped output stays quiet unless asked.
  if (args->flag("progress") || isatty(STDERR_FILENO)) {
    opts.progress = [](const std::string& step, const std::string& what, double seconds) {
      std::fprintf(stderr, "tillit build: %-8s %-24s %7.2f s\n", step.c_str(), what.c_str(),
                   seconds);
    };
  }

  std::string change_summary;
  opts.change_summary = &change_summary;
  DiskEnv env;
  Diagnostics diags;
  auto outputs = build::build(env, opts, diags);
  for (const auto& d : diags.all()) std::cerr << format_human(d);
  // Outputs made again go to stdout, one path a line; those left as they were are only counted.
  size_t kept = 0;
  for (const auto& o : outputs) {
    if (o.rebuilt) std::cout << o.path << "\n";
    kept += o.rebuilt ? 0 : 1;
    for (const auto& why : o.why) {
      std::cerr << "tillit build: explain: " << o.path << ": " << why << "\n";
    }
  }
  if (kept > 0 && !diags.has_errors()) {
    std::cerr << "tillit build: " << kept << " of " << outputs.size() << " output(s) up to date"
              << (kept == outputs.size() ? ", nothing to do" : "") << "\n";
  }
  if (diags.has_errors()) {
    std::cerr << "tillit build: " << diags.error_count() << " error(s); "
              << (outputs.size() == kept ? "nothing was written"
                                         : std::to_string(outputs.size() - kept) +
                                               " output(s) written")
              << "\n";
    return static_cast<int>(diags.exit_code());
  }
  if (!change_summary.empty()) std::cout << change_summary << "\n";
  return 0;
}

}  // namespace tillit::cli
