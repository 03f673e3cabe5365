#include <algorithm>
#include <iostream>

#include "build/build.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "support/text.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command build_command() {
  Command cmd{"build",
              "build DIR [--format docx] [--lang sv,en] [--out DIR] [--template FILE] [--strict]",
              "Checks the engagement in DIR and writes the SOC 2 report, one file per language "
              "and format, into DIR/out (or --out). Errors stop the build and leave earlier "
              "outputs untouched; warnings are printed and the build goes on.",
              {}};
  cmd.options.addOption(Option("format", "f", "output formats, comma-separated (docx)")
                            .argument("LIST"));
  cmd.options.addOption(
      Option("lang", "l", "languages to build (default: the manifest's)").argument("LIST"));
  cmd.options.addOption(Option("out", "o", "output folder (default: DIR/out)").argument("DIR"));
  cmd.options.addOption(
      Option("template", "t", "a branded Word template (.docx or .dotx) for styles, headers, "
                              "footers and page setup")
          .argument("FILE"));
  cmd.options.addOption(Option("strict", "s", "treat missing translations as errors"));
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
  if (args->values.count("format")) {
    opts.formats.clear();
    for (auto& f : split_any(fold_case(args->value("format")), ", ")) {
      if (f != "docx") return usage_error("build", "unknown format '" + f + "'; use docx");
      if (std::find(opts.formats.begin(), opts.formats.end(), f) == opts.formats.end()) {
        opts.formats.push_back(f);
      }
    }
  }
  for (auto& l : split_any(fold_case(args->value("lang")), ", ")) {
    if (l != "sv" && l != "en") return usage_error("build", "unknown language '" + l + "'");
    opts.languages.push_back(l);
  }

  DiskEnv env;
  Diagnostics diags;
  auto outputs = build::build(env, opts, diags);
  for (const auto& d : diags.all()) std::cerr << format_human(d);
  if (diags.has_errors()) {
    std::cerr << "tillit build: " << diags.error_count()
              << " error(s); nothing was written\n";
    return static_cast<int>(diags.exit_code());
  }
  for (const auto& o : outputs) std::cout << o.path << "\n";
  return 0;
}

}  // namespace tillit::cli
