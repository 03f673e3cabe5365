#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "import/import.h"
#include "support/text.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command import_command() {
  Command cmd{"import",
              "import DIR FILE --lang sv|en --topic TOPIC [--force]",
              "Converts a narrative written in Word (.docx), LibreOffice (.odt) or as a web "
              "page (.html) into DIR/description/LANG/TOPIC.md with pandoc. Its images go to "
              "DIR/description/images/TOPIC-LANG/, linked from the Markdown.",
              {}};
  cmd.options.addOption(Option("lang", "l", "the narrative's language: sv or en").argument("LANG"));
  cmd.options.addOption(Option("topic", "t",
                               "the description topic it covers, e.g. services, infrastructure, "
                               "control-environment (the file names under description/sv)")
                            .argument("TOPIC"));
  cmd.options.addOption(
      Option("force", "f", "replace an existing narrative and images of the same names"));
  add_common_options(cmd.options);
  return cmd;
}

}  // namespace

int run_import(const std::vector<std::string>& argv) {
  Command cmd = import_command();
  int exit_code = 0;
  auto args = parse_command(cmd, argv, exit_code);
  if (!args) return exit_code;
  if (args->positional.size() != 2) {
    return usage_error("import", "give the engagement folder and the file to import");
  }
  import::ImportOptions opts;
  opts.dir = args->positional[0];
  opts.input = args->positional[1];
  opts.lang = fold_case(args->value("lang"));
  opts.topic = args->value("topic");
  opts.force = args->flag("force");
  if (opts.lang.empty()) return usage_error("import", "give the language with --lang sv|en");
  if (opts.topic.empty()) return usage_error("import", "give the topic with --topic TOPIC");

  DiskEnv env;
  Diagnostics diags;
  auto written = import::import_narrative(env, opts, diags);
  for (const auto& d : diags.all()) std::cerr << format_human(d);
  if (diags.has_errors()) return static_cast<int>(diags.exit_code());
  std::cout << "Imported " << opts.input << " as "
            << join_path(opts.dir, import::narrative_path(opts.lang, opts.topic));
  if (written.size() > 1) {
    std::cout << " with " << written.size() - 1 << " image(s) in "
              << join_path(opts.dir, import::image_folder(opts.lang, opts.topic));
  }
  std::cout << ". Next: review it, then run: tillit check " << opts.dir << "\n";
  return 0;
}

}  // namespace tillit::cli
