#include <algorithm>
#include <iostream>

#include "catalogue/catalogue.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "init/init.h"
#include "support/text.h"

namespace tillit::cli {

using Poco::Util::Option;

namespace {

Command init_command() {
  Command cmd{"init",
              "init DIR [--type 1|2] [--lang sv,en] [--categories security,...] "
              "[--matrix FILE] [--name ORGANISATION]",
              "Creates a starter engagement in DIR: a commented engagement.xml, a control "
              "matrix with the right headers (or the client's workbook copied in), and one "
              "narrative per description topic and language that says what to write.",
              {}};
  cmd.options.addOption(Option("type", "t", "report type: 1 or 2 (default 2)").argument("N"));
  cmd.options.addOption(
      Option("lang", "l", "report languages, first = matrix language (default sv,en)")
          .argument("LIST"));
  cmd.options.addOption(
      Option("categories", "c",
             "trust services categories: security, availability, processing-integrity, "
             "confidentiality, privacy (or säkerhet, tillgänglighet, bearbetningsintegritet, "
             "konfidentialitet, integritetsskydd); security is always in scope")
          .argument("LIST"));
  cmd.options.addOption(
      Option("matrix", "m", "copy this workbook (.xlsx) or CSV in as the control matrix")
          .argument("FILE"));
  cmd.options.addOption(
      Option("name", "n", "the service organisation's name (default: the folder name)")
          .argument("NAME"));
  add_common_options(cmd.options);
  return cmd;
}

}  // namespace

int run_init(const std::vector<std::string>& argv) {
  Command cmd = init_command();
  int exit_code = 0;
  auto args = parse_command(cmd, argv, exit_code);
  if (!args) return exit_code;
  if (args->positional.size() != 1) return usage_error("init", "give one folder to create");

  init::InitOptions opts;
  opts.dir = args->positional[0];
  std::string type = args->value("type", "2");
  if (type != "1" && type != "2") return usage_error("init", "--type must be 1 or 2");
  opts.type = type[0] - '0';
  if (args->values.count("lang")) {
    opts.languages.clear();
    for (auto& l : split_any(args->value("lang"), ", ")) {
      std::string lang = fold_case(l);
      if (lang != "sv" && lang != "en") {
        return usage_error("init", "unsupported language '" + l + "'; use sv and/or en");
      }
      if (std::find(opts.languages.begin(), opts.languages.end(), lang) == opts.languages.end()) {
        opts.languages.push_back(lang);
      }
    }
    if (opts.languages.empty()) return usage_error("init", "--lang names no language");
  }
  for (auto& name : split_any(args->value("categories"), ", ")) {
    auto c = catalogue::parse_category(name);
    if (!c) return usage_error("init", "unknown category '" + name + "'");
    if (std::find(opts.categories.begin(), opts.categories.end(), *c) == opts.categories.end()) {
      opts.categories.push_back(*c);
    }
  }
  opts.matrix_source = args->value("matrix");
  opts.organisation = args->value("name");

  DiskEnv env;
  Diagnostics diags;
  auto written = init::create_engagement(env, opts, diags);
  for (const auto& d : diags.all()) std::cerr << format_human(d);
  if (diags.has_errors()) return static_cast<int>(diags.exit_code());
  std::cout << "Created " << opts.dir << " (" << written.size() << " files). Next: edit "
            << opts.dir << "/engagement.xml, fill in the matrix, then run: tillit check "
            << opts.dir << "\n";
  return 0;
}

}  // namespace tillit::cli
