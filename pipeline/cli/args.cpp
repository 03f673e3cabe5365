#include "cli/args.h"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "support/exit_codes.h"
#include "support/text.h"

namespace tillit::cli {

using Poco::Util::Option;

bool Args::flag(const std::string& name) const {
  return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::string Args::value(const std::string& name, const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

void add_common_options(Poco::Util::OptionSet& options) {
  options.addOption(Option("help", "h", "print this help and exit"));
  options.addOption(Option("version", "V", "print the version and exit"));
}

int usage_error(const std::string& cmd, const std::string& message) {
  std::cerr << "tillit " << cmd << ": error: " << message << "\n"
            << "try 'tillit " << cmd << " --help'\n";
  return static_cast<int>(ExitCode::Usage);
}

std::optional<Args> parse(const Command& cmd, const std::vector<std::string>& argv) {
  Poco::Util::OptionProcessor processor(cmd.options);
  processor.setUnixStyle(true);
  Args args;
  bool only_positional = false;
  try {
    for (const auto& arg : argv) {
      if (only_positional) {
        args.positional.push_back(arg);
        continue;
      }
      if (arg == "--") {
        only_positional = true;
        continue;
      }
      std::string name, value;
      if (processor.process(arg, name, value)) {
        if (name.empty()) continue;  // the option's argument follows in the next word
        if (name == "help") args.help = true;
        else if (name == "version") args.version = true;
        else if (cmd.options.getOption(name).takesArgument()) args.values[name] = value;
        else args.flags.push_back(name);
      } else {
        if (arg.size() > 1 && arg[0] == '-') throw Poco::Util::UnknownOptionException(arg);
        args.positional.push_back(arg);
      }
    }
    processor.checkRequired();
  } catch (const Poco::Util::OptionException& e) {
    usage_error(cmd.name, e.displayText());
    return std::nullopt;
  }
  return args;
}

std::optional<Args> parse_command(const Command& cmd, const std::vector<std::string>& argv,
                                  int& exit_code) {
  auto args = parse(cmd, argv);
  if (!args) {
    exit_code = static_cast<int>(ExitCode::Usage);
    return std::nullopt;
  }
  if (args->help || args->version) {
    std::cout << (args->help ? help_text(cmd) : version_line() + "\n");
    exit_code = 0;
    return std::nullopt;
  }
  return args;
}

std::optional<std::vector<std::string>> list_option(const Command& cmd, const Args& args,
                                                    const std::string& name,
                                                    const std::vector<std::string>& allowed,
                                                    const std::string& what) {
  std::vector<std::string> out;
  for (auto& v : split_any(fold_case(args.value(name)), ", ")) {
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      std::string all;
      for (size_t i = 0; i < allowed.size(); ++i) {
        all += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + allowed[i];
      }
      usage_error(cmd.name, "unknown " + what + " '" + v + "'; use " + all);
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

std::string version_line() {
  return std::string("tillit ") + TILLIT_VERSION +
         " (2017 Trust Services Criteria, revised points of focus 2022)";
}

std::string help_text(const Command& cmd) {
  std::ostringstream out;
  Poco::Util::HelpFormatter formatter(cmd.options);
  formatter.setUnixStyle(true);
  formatter.setCommand("tillit");
  formatter.setUsage(cmd.synopsis);
  formatter.setHeader(cmd.purpose);
  formatter.setFooter(
      "Exit codes: 0 ok, 1 findings, 64 usage, 65 bad input, 66 missing input, 69 tool "
      "unavailable, 70 internal error, 73 cannot write.");
  formatter.setWidth(100);
  formatter.format(out);
  return out.str();
}

}  // namespace tillit::cli
