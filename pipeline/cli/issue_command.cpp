#include <iostream>

#include "cli/args.h"
#include "cli/commands.h"
#include "history/issued.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command issue_command() {
  Command cmd{"issue",
              "issue DIR --label LABEL [--date YYYY-MM-DD] [--force]",
              "Checks the engagement in DIR and records the report as issued: a snapshot of "
              "its content per language (controls, coverage, CUECs, subservice organisations, "
              "narratives, opinion, assertion) with every value's location, written to "
              "DIR/issued/LABEL.json for 'tillit diff', and the report itself as assembled "
              "in each language, DIR/issued/reports/LABEL.LANG.json, for a redline. Refuses when "
              "the check finds errors (exit 1) and when LABEL was already issued (exit 73, "
              "unless --force).",
              {}};
  cmd.options.addOption(
      Option("label", "l", "the name of this issue: letters, digits, '.', '_', '-' (v1, final)")
          .argument("LABEL"));
  cmd.options.addOption(
      Option("date", "d", "the issue date (default: the manifest's report date, else today)")
          .argument("YYYY-MM-DD"));
  cmd.options.addOption(Option("force", "f", "replace an earlier issue of the same label"));
  add_common_options(cmd.options);
  return cmd;
}

}  // namespace

int run_issue(const std::vector<std::string>& argv) {
  Command cmd = issue_command();
  int exit_code = 0;
  auto args = parse_command(cmd, argv, exit_code);
  if (!args) return exit_code;
  if (args->positional.size() != 1) return usage_error("issue", "give one engagement folder");

  history::IssueOptions opts;
  opts.dir = args->positional[0];
  opts.label = args->value("label");
  if (opts.label.empty()) return usage_error("issue", "give the issue a label: --label v1");
  if (!history::valid_label(opts.label)) {
    return usage_error("issue", "invalid label '" + opts.label +
                                    "'; use letters, digits, '.', '_' and '-' (at most 64)");
  }
  if (args->values.count("date")) {
    opts.date = parse_iso_date(args->value("date"));
    if (!opts.date) {
      return usage_error("issue", "invalid date '" + args->value("date") + "'; use YYYY-MM-DD");
    }
  }
  opts.force = args->flag("force");

  DiskEnv env;
  Diagnostics diags;
  auto issued = history::issue(env, opts, diags);
  for (const auto& d : diags.all()) std::cerr << format_human(d);
  if (!issued) {
    std::cerr << "tillit issue: nothing was issued\n";
    return static_cast<int>(diags.exit_code());
  }
  std::string source = issued->date_source == "option"        ? "--date"
                       : issued->date_source == "report-date" ? "the manifest's report date"
                                                              : "today";
  std::cout << "Issued " << opts.label << " dated " << issued->date << " (from " << source
            << "): " << history::issued_path(opts.dir, opts.label) << "\n";
  for (const auto& lang : issued->report.languages) {
    std::cout << "  report (" << lang
              << "): " << history::issued_report_path(opts.dir, opts.label, lang) << "\n";
  }
  return 0;
}

}  // namespace tillit::cli
