// tillit: builds SOC 2 reports. This file only dispatches to the subcommands.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "support/exit_codes.h"
#include "support/text.h"

namespace {

constexpr const char* kUsage =
    "usage: tillit <command> [options]\n"
    "\n"
    "Commands:\n"
    "  init DIR     create a starter engagement (manifest, matrix, narrative stubs)\n"
    "  check DIR    read the engagement, report every finding and the coverage summary\n"
    "  build DIR    check, then write the report (DOCX per language) into DIR/out\n"
    "  render PATH  write the whitepapers, letters and memos at PATH (NAME.sv.md,\n"
    "               NAME.en.md) as DOCX and PDF with the report's templates\n"
    "  import DIR FILE --lang sv|en --topic TOPIC\n"
    "               convert a narrative written in Word, LibreOffice or HTML into DIR\n"
    "  issue DIR    record the report as issued (DIR/issued/LABEL.json)\n"
    "  diff DIR     list what changed since the newest issued report\n"
    "\n"
    "Run 'tillit <command> --help' for the options of a command.\n"
    "Exit codes: 0 ok, 1 findings, 64 usage, 65 bad input, 66 missing input,\n"
    "            69 tool unavailable, 70 internal error, 73 cannot write.\n";

struct Entry {
  const char* name;
  int (*run)(const std::vector<std::string>&);
};

constexpr Entry kCommands[] = {{"init", tillit::cli::run_init},
                               {"check", tillit::cli::run_check},
                               {"build", tillit::cli::run_build},
                               {"render", tillit::cli::run_render},
                               {"import", tillit::cli::run_import},
                               {"issue", tillit::cli::run_issue},
                               {"diff", tillit::cli::run_diff}};

}  // namespace

int main(int argc, char** argv) {
  using tillit::ExitCode;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << kUsage;
    return static_cast<int>(ExitCode::Usage);
  }
  const std::string& name = args.front();
  if (name == "--help" || name == "-h" || name == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (name == "--version" || name == "-V" || name == "version") {
    std::cout << tillit::cli::version_line() << "\n";
    return 0;
  }
  try {
    for (const auto& cmd : kCommands) {
      if (name == cmd.name) return cmd.run({args.begin() + 1, args.end()});
    }
  } catch (const std::exception& e) {
    std::cerr << "tillit: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::Software);
  }
  std::vector<std::string_view> names;
  for (const auto& cmd : kCommands) names.push_back(cmd.name);
  std::string near = tillit::nearest(name, names, 2);
  std::string hint = near.empty() ? "" : "; did you mean '" + near + "'?";
  std::cerr << "tillit: error: unknown command '" << name << "'" << hint << "\n" << kUsage;
  return static_cast<int>(ExitCode::Usage);
}
