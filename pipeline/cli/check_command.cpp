#include <iostream>

#include "catalogue/catalogue.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "ingest/engagement_loader.h"
#include "validate/validate.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command check_command() {
  Command cmd{"check", "check DIR [--strict] [--format text|json] [--quiet]",
              "Reads the engagement in DIR, reports every finding in compiler style and prints "
              "the coverage summary (criteria in scope, gaps, deviations, translations).",
              {}};
  cmd.options.addOption(Option("strict", "s", "treat missing translations as errors"));
  cmd.options.addOption(Option("format", "f", "output format: text (default) or json")
                            .argument("FORMAT"));
  cmd.options.addOption(Option("quiet", "q", "print findings only, no summary"));
  add_common_options(cmd.options);
  return cmd;
}

}  // namespace

int run_check(const std::vector<std::string>& argv) {
  Command cmd = check_command();
  int exit_code = 0;
  auto args = parse_command(cmd, argv, exit_code);
  if (!args) return exit_code;
  if (args->positional.size() != 1) return usage_error("check", "give one engagement folder");
  std::string format = args->value("format", "text");
  if (format != "text" && format != "json") {
    return usage_error("check", "unknown format '" + format + "'; use text or json");
  }

  DiskEnv env;
  Diagnostics diags;
  validate::Options opts;
  opts.strict = args->flag("strict");
  auto engagement = ingest::load_engagement(env, args->positional[0], diags);
  std::optional<validate::Summary> summary;
  if (engagement) {
    summary = validate::check(*engagement, catalogue::Catalogue::builtin(), opts, diags);
  }

  if (format == "json") {
    std::cout << "{\"diagnostics\":" << format_json(diags.all());
    if (summary) std::cout << ",\n\"summary\":" << validate::summary_json(*summary);
    std::cout << ",\n\"errors\":" << diags.error_count()
              << ",\"warnings\":" << diags.warning_count()
              << ",\"exit_code\":" << static_cast<int>(diags.exit_code()) << "}\n";
  } else {
    for (const auto& d : diags.all()) std::cerr << format_human(d);
    if (summary && !args->flag("quiet")) {
      std::cout << validate::format_summary(*summary, diags);
    } else if (!summary) {
      std::cerr << diags.error_count() << " error(s); nothing to check\n";
    }
  }
  return static_cast<int>(diags.exit_code());
}

}  // namespace tillit::cli
