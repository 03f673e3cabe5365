#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "history/issued.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command diff_command() {
  Command cmd{"diff",
              "diff DIR [--since LABEL] [--format text|json]",
              "Compares the engagement in DIR with an issued report (default: the newest, by "
              "date then label) and lists what changed: controls added, removed or edited, "
              "coverage and gaps, results, deviations opened or closed, narrative paragraphs, "
              "CUECs, subservice organisations, opinion and assertion. Exits 0 whether or not "
              "anything changed; 66 when nothing was issued, 65 when the issued report is "
              "corrupt, 1 when the engagement has errors.",
              {}};
  cmd.options.addOption(
      Option("since", "s", "the issued report to compare with (default: the newest)")
          .argument("LABEL"));
  cmd.options.addOption(
      Option("format", "f", "output format: text (default) or json").argument("FORMAT"));
  add_common_options(cmd.options);
  return cmd;
}

}  // namespace

int run_diff(const std::vector<std::string>& argv) {
  Command cmd = diff_command();
  int exit_code = 0;
  auto args = parse_command(cmd, argv, exit_code);
  if (!args) return exit_code;
  if (args->positional.size() != 1) return usage_error("diff", "give one engagement folder");
  std::string format = args->value("format", "text");
  if (format != "text" && format != "json") {
    return usage_error("diff", "unknown format '" + format + "'; use text or json");
  }
  history::CompareOptions opts;
  opts.dir = args->positional[0];
  opts.since = args->value("since");
  if (args->values.count("since") && !history::valid_label(opts.since)) {
    return usage_error("diff", "invalid label '" + opts.since + "'");
  }

  DiskEnv env;
  Diagnostics diags;
  auto diff = history::compare_with_issued(env, opts, diags);
  if (!diff) {
    // Only errors: the engagement's warnings are check's business, not the comparison's.
    for (const auto& d : diags.all()) {
      if (d.severity == Severity::Error) std::cerr << format_human(d);
    }
    std::cerr << "tillit diff: " << diags.error_count() << " error(s); nothing was compared\n";
    return static_cast<int>(diags.exit_code());
  }
  std::cout << (format == "json" ? history::format_json(*diff) : history::format_text(*diff));
  return 0;
}

}  // namespace tillit::cli
