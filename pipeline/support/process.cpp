#include "support/process.h"

#include <Poco/Exception.h>
#include <Poco/Pipe.h>
#include <Poco/Process.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unordered_map>

namespace tillit {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How often the pipe threads look at the clock while a pipe is silent.
constexpr int kPollMs = 50;
// After a kill, how long output still buffered in the pipes is collected.
constexpr milliseconds kDrainAfterKill{1000};
// Poco reports a death by signal N as 256 + N.
constexpr int kPocoSignalBase = 256;

bool is_executable_file(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

/// Reads `fd` until its end, or until `stop_at` passes (a grandchild that escaped the kill
/// may hold the pipe open for ever). Returns false when stopped by the clock.
bool read_all(int fd, std::string& into, const std::atomic<Clock::time_point>& stop_at) {
  char buffer[1 << 16];
  while (Clock::now() < stop_at.load()) {
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, kPollMs);
    if (ready < 0 && errno != EINTR) return true;
    if (ready <= 0) continue;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    into.append(buffer, static_cast<size_t>(n));
  }
  return false;
}

/// Writes `data` to `fd` until done, the reader goes away, or `stop_at` passes.
void write_all(int fd, const std::string& data, const std::atomic<Clock::time_point>& stop_at) {
  // A child that exits without reading its input must not kill us with SIGPIPE. The signal
  // goes to the writing thread; blocked here, it is discarded when this thread ends.
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
  size_t at = 0;
  while (at < data.size() && Clock::now() < stop_at.load()) {
    pollfd pfd{fd, POLLOUT, 0};
    const int ready = ::poll(&pfd, 1, kPollMs);
    if (ready < 0 && errno != EINTR) return;
    if (ready <= 0) continue;
    if (pfd.revents & (POLLERR | POLLHUP)) return;
    // At most one page: poll promises that much room, so the write cannot block.
    const size_t chunk = std::min<size_t>(data.size() - at, 4096);
    const ssize_t n = ::write(fd, data.data() + at, chunk);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return;
    at += static_cast<size_t>(n);
  }
}

/// The processes below `root`, from the parent pid in /proc/<pid>/stat.
std::vector<pid_t> descendants(pid_t root) {
  std::unordered_multimap<pid_t, pid_t> children;
  std::error_code ec;
  for (std::filesystem::directory_iterator it("/proc", ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || !std::all_of(name.begin(), name.end(),
                                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
      continue;
    }
    std::ifstream file(it->path() / "stat");
    std::string line;
    std::getline(file, line);
    // "pid (command) state ppid ...": the command may itself contain ") ".
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 1));
    char state = 0;
    pid_t parent = 0;
    if (rest >> state >> parent) children.emplace(parent, static_cast<pid_t>(std::stol(name)));
  }
  std::vector<pid_t> found;
  std::vector<pid_t> pending{root};
  while (!pending.empty()) {
    const pid_t pid = pending.back();
    pending.pop_back();
    auto [first, last] = children.equal_range(pid);
    for (auto it = first; it != last; ++it) {
      found.push_back(it->second);
      pending.push_back(it->second);
    }
  }
  return found;
}

/// Kills the child and everything it started (soffice.bin runs below the soffice script or
/// a Python driver). Every process is stopped before any is killed: a dead parent's children
/// are handed to init, out of reach of the walk from the root, and a stopped one cannot fork.
void kill_tree(Poco::ProcessHandle& handle) {
  const pid_t root = static_cast<pid_t>(handle.id());
  ::kill(root, SIGSTOP);
  std::vector<pid_t> stopped;
  for (bool added = true; added;) {
    added = false;
    for (pid_t pid : descendants(root)) {
      if (std::find(stopped.begin(), stopped.end(), pid) != stopped.end()) continue;
      ::kill(pid, SIGSTOP);
      stopped.push_back(pid);
      added = true;
    }
  }
  for (pid_t pid : stopped) ::kill(pid, SIGKILL);
  Poco::Process::kill(handle);
}

}  // namespace

std::optional<std::string> find_program(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (is_executable_file(name)) return name;
    return std::nullopt;
  }
  const char* env_path = std::getenv("PATH");
  // execvp's default when PATH is unset, without its current-directory entry.
  std::istringstream dirs(env_path ? env_path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;  // The current directory: never a place to find tools in.
    std::string candidate = dir + (dir.back() == '/' ? "" : "/") + name;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

ProcessResult run_process(const ProcessRequest& request) {
  ProcessResult result;
  const auto start = Clock::now();
  auto finish = [&] {
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
  };
  // Poco's child reports a failed exec as exit status 72, indistinguishable from a program
  // that exits with 72, so the program is found here first.
  std::optional<std::string> program;
  if (!request.argv.empty()) program = find_program(request.argv[0]);
  if (!program) {
    result.not_found = true;
    return finish();
  }

  Poco::Pipe in, out, err;
  std::optional<Poco::ProcessHandle> handle;
  try {
    handle.emplace(Poco::Process::launch(
        *program, Poco::Process::Args(request.argv.begin() + 1, request.argv.end()),
        request.working_dir, &in, &out, &err, Poco::Process::Env(request.env)));
  } catch (const Poco::Exception& e) {
    result.err = e.displayText();
    return finish();
  }

  const auto deadline = start + request.timeout;
  std::atomic<Clock::time_point> stop_at{deadline};
  bool out_whole = true, err_whole = true;
  std::thread out_reader([&] { out_whole = read_all(out.readHandle(), result.out, stop_at); });
  std::thread err_reader([&] { err_whole = read_all(err.readHandle(), result.err, stop_at); });
  std::thread writer([&] {
    write_all(in.writeHandle(), request.input, stop_at);
    in.close(Poco::Pipe::CLOSE_WRITE);
  });

  // Back off from 1 ms so that short programs return at once and long ones cost nothing.
  int status = -1;
  bool killed = false;
  for (milliseconds wait{1}; (status = Poco::Process::tryWait(*handle)) == -1;
       wait = std::min(wait * 2, milliseconds(kPollMs))) {
    const auto now = Clock::now();
    if (now >= deadline) {
      kill_tree(*handle);
      Poco::Process::wait(*handle);
      killed = true;
      stop_at = Clock::now() + kDrainAfterKill;
      break;
    }
    std::this_thread::sleep_for(std::min<Clock::duration>(wait, deadline - now));
  }
  writer.join();
  out_reader.join();
  err_reader.join();
  // Output cut off at the deadline is a timeout too, even when the program itself had ended.
  result.timed_out = killed || !out_whole || !err_whole;
  if (!killed) {
    // A death by signal N is reported as 128 + N, as shells do.
    result.exit_code = status >= kPocoSignalBase ? 128 + (status - kPocoSignalBase) : status;
  }
  return finish();
}

}  // namespace tillit
