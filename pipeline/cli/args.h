// Command-line parsing for the subcommands, on Poco::Util's OptionSet so that --help text
// comes from the same definitions the parser uses.
#pragma once

#include <Poco/Util/OptionSet.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tillit::cli {

struct Command {
  std::string name;      ///< "check"
  std::string synopsis;  ///< "check DIR [options]"
  std::string purpose;   ///< One line for --help.
  Poco::Util::OptionSet options;
};

struct Args {
  std::map<std::string, std::string> values;  ///< Options with an argument.
  std::vector<std::string> flags;             ///< Options without one.
  std::vector<std::string> positional;
  bool help = false;
  bool version = false;

  bool flag(const std::string& name) const;
  std::string value(const std::string& name, const std::string& fallback = "") const;
};

/// Add --help and --version to a command's options.
void add_common_options(Poco::Util::OptionSet& options);

/// Parse `argv` (after the subcommand name). On a usage error print "tillit CMD: error: ..."
/// and a "try" line to stderr and return nullopt.
std::optional<Args> parse(const Command& cmd, const std::vector<std::string>& argv);

/// Parse, and deal with --help, --version and usage errors. Returns nullopt when the command
/// is already done; `exit_code` then holds its exit code.
std::optional<Args> parse_command(const Command& cmd, const std::vector<std::string>& argv,
                                  int& exit_code);

/// The values of a list option ("--format docx,pdf"), split at commas and spaces, case-folded
/// and without repeats; each must be one of `allowed` (`what` names them in the message).
/// Without the option, an empty list. On a bad value prints a usage error for `cmd.name`
/// and returns nullopt.
std::optional<std::vector<std::string>> list_option(const Command& cmd, const Args& args,
                                                    const std::string& name,
                                                    const std::vector<std::string>& allowed,
                                                    const std::string& what);

/// "tillit 0.1.0 (2017 Trust Services Criteria, revised points of focus 2022)"
std::string version_line();

/// The --help text of a command.
std::string help_text(const Command& cmd);

/// Print a usage error for `cmd` and return exit code 64.
int usage_error(const std::string& cmd, const std::string& message);

}  // namespace tillit::cli
