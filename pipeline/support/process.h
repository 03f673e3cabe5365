// Running external programs (LibreOffice, pandoc) through Poco::Process with an argument
// list, never a shell string, with a time limit after which the process is killed.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tillit {

struct ProcessRequest {
  std::vector<std::string> argv;  ///< argv[0] is the program (a path, or a name looked up in PATH).
  std::string input;              ///< Written to the program's standard input, then closed.
  std::chrono::milliseconds timeout{std::chrono::minutes(2)};
  std::string working_dir;        ///< Empty = the current one.
  std::map<std::string, std::string> env;  ///< Extra environment variables.
};

struct ProcessResult {
  bool not_found = false;  ///< The program does not exist or cannot be executed.
  bool timed_out = false;  ///< Killed after the time limit.
  int exit_code = -1;
  std::string out;         ///< Standard output.
  std::string err;         ///< Standard error.
  double seconds = 0;      ///< Wall-clock time taken.
};

/// Run a program to completion (or to its time limit), reading both output streams without
/// deadlocking. Safe to call from several threads at once.
ProcessResult run_process(const ProcessRequest& request);

/// The full path of a program found in PATH, or nullopt.
std::optional<std::string> find_program(const std::string& name);

}  // namespace tillit
