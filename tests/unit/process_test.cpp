// Running external programs: both output streams read at once, input written while the program
// runs, exit codes, programs that do not exist, and the time limit with everything the program
// started killed. The programs under test are Python one-liners and coreutils.
#include "support/process.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

using tillit::ProcessRequest;
using tillit::ProcessResult;
using tillit::run_process;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPython = "/usr/bin/python3";

ProcessResult run(std::vector<std::string> argv, std::string input = {},
                  std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
  ProcessRequest request;
  request.argv = std::move(argv);
  request.input = std::move(input);
  request.timeout = timeout;
  return run_process(request);
}

/// Whether a live (not zombie) process has `needle` in its command line.
bool process_running_with(const std::string& needle) {
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream cmdline(entry.path() / "cmdline", std::ios::binary);
    std::string args(std::istreambuf_iterator<char>(cmdline), {});
    for (char& c : args) c = c == '\0' ? ' ' : c;
    if (args.find(needle) != std::string::npos) return true;  // a zombie has no cmdline
  }
  return false;
}

/// A number no other test run uses, to find our own processes in /proc.
std::string unique_seconds(int whole) {
  static int counter = 0;
  return std::to_string(whole) + "." + std::to_string(::getpid()) + std::to_string(++counter);
}

}  // namespace

TEST_CASE("run_process reads 1 MB on each stream without deadlock", "[process]") {
  // Alternating 64 KB blocks: a reader that drained one stream before the other would block
  // on a full pipe within the first two blocks.
  const auto result = run({kPython, "-c",
                           "import sys\n"
                           "for i in range(16):\n"
                           "  sys.stderr.write('e' * 65536); sys.stderr.flush()\n"
                           "  sys.stdout.write('o' * 65536); sys.stdout.flush()\n"});
  CHECK_FALSE(result.timed_out);
  CHECK(result.exit_code == 0);
  CHECK(result.out == std::string(1 << 20, 'o'));
  CHECK(result.err == std::string(1 << 20, 'e'));
}

TEST_CASE("run_process writes the input while reading the output", "[process]") {
  std::string input;
  for (int i = 0; input.size() < (1 << 20); ++i) input += "rad " + std::to_string(i) + " åäö\n";
  const auto echoed = run({kPython, "-c",
                           "import sys\n"
                           "data = sys.stdin.buffer.read()\n"
                           "sys.stdout.buffer.write(data); sys.stderr.write(str(len(data)))\n"},
                          input);
  CHECK(echoed.exit_code == 0);
  CHECK(echoed.out == input);
  CHECK(echoed.err == std::to_string(input.size()));

  // A program that exits without reading its input: no SIGPIPE for us, no hang.
  const auto ignored = run({"true"}, input);
  CHECK(ignored.exit_code == 0);
  CHECK_FALSE(ignored.timed_out);
}

TEST_CASE("run_process reports exit codes, signals, environment and folder", "[process]") {
  CHECK(run({"sh", "-c", "exit 3"}).exit_code == 3);
  CHECK(run({"/bin/sh", "-c", "exit 0"}).exit_code == 0);
  CHECK(run({"sh", "-c", "kill -TERM $$"}).exit_code == 128 + 15);

  ProcessRequest request;
  request.argv = {"sh", "-c", "pwd; printf '%s' \"$TILLIT_TEST_VALUE\""};
  request.env = {{"TILLIT_TEST_VALUE", "värde med mellanslag"}};
  request.working_dir = "/usr";
  const auto result = run_process(request);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "/usr\nvärde med mellanslag");
}

TEST_CASE("run_process and find_program report programs that do not exist", "[process]") {
  for (const auto& program :
       {"tillit-no-such-program", "/nonexistent/tillit", "/usr", "/etc/passwd"}) {
    const auto result = run({program});
    CHECK(result.not_found);
    CHECK(result.exit_code == -1);
  }
  CHECK(run({}).not_found);
  CHECK_FALSE(tillit::find_program("tillit-no-such-program"));
  const auto sh = tillit::find_program("sh");
  REQUIRE(sh);
  CHECK(sh->back() == 'h');
  CHECK(sh->front() == '/');
}

TEST_CASE("run_process kills a program at its time limit, children too", "[process]") {
  const std::string alone = unique_seconds(30);
  const auto result = run({"sleep", alone}, {}, 300ms);
  CHECK(result.timed_out);
  CHECK(result.exit_code == -1);
  CHECK(result.seconds < 2.0);
  CHECK_FALSE(process_running_with("sleep " + alone));

  // sh waits for two sleeps of its own; killing sh alone would leave them behind.
  const std::string child = unique_seconds(31);
  const std::string grandchild = unique_seconds(32);
  const auto tree = run(
      {"sh", "-c", "sleep " + child + " & sh -c 'sleep " + grandchild + "' & echo started; wait"},
      {}, 500ms);
  CHECK(tree.timed_out);
  CHECK(tree.out == "started\n");  // output written before the kill is kept
  CHECK(tree.seconds < 3.0);
  CHECK_FALSE(process_running_with("sleep " + child));
  CHECK_FALSE(process_running_with("sleep " + grandchild));
}

TEST_CASE("run_process runs programs from several threads at once", "[process]") {
  // Each child must see end-of-file on its own pipes, not wait for its siblings to finish.
  std::vector<ProcessResult> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i) {
    threads.emplace_back([&results, i] {
      results[i] = run({"sh", "-c", "sleep 0.$0; echo $0", std::to_string(i * 3)});
    });
  }
  for (auto& thread : threads) thread.join();
  for (size_t i = 0; i < results.size(); ++i) {
    CHECK(results[i].exit_code == 0);
    CHECK(results[i].out == std::to_string(i * 3) + "\n");
    CHECK(results[i].seconds < 2.0);
  }
}
