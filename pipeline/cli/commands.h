// The subcommands. Each takes its arguments (after the subcommand name) and returns the
// process exit code.
#pragma once

#include <string>
#include <vector>

namespace tillit::cli {

int run_check(const std::vector<std::string>& argv);
int run_init(const std::vector<std::string>& argv);
int run_build(const std::vector<std::string>& argv);
int run_import(const std::vector<std::string>& argv);
int run_issue(const std::vector<std::string>& argv);
int run_diff(const std::vector<std::string>& argv);
int run_render(const std::vector<std::string>& argv);

}  // namespace tillit::cli
