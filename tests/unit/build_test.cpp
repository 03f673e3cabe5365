// Incremental builds: what each kind of input change makes again, and the build log's
// robustness (interrupted builds, corrupt and foreign logs). Runs in memory; the PDF step is
// covered by the CLI test rebuild-skips-pdf.
#include <catch2/catch.hpp>

#include <set>

#include "build/build.h"
#include "build/build_log.h"
#include "engagement_fixture.h"

namespace tillit {
namespace {

/// Counts the writes per path, and can fail the writes of one path (a build stopped there).
class CountingEnv : public MemoryEnv {
 public:
  explicit CountingEnv(const MemoryEnv& base) : MemoryEnv(base) {}

  bool write_atomic(const std::string& path, std::string_view bytes, std::string* error) override {
    if (path == fail_path) {
      if (error) *error = "disk full";
      return false;
    }
    ++writes[path];
    return MemoryEnv::write_atomic(path, bytes, error);
  }

  std::map<std::string, int> writes;
  std::string fail_path;
};

const std::string kSv = "eng/out/exempel-ab-soc2-type2-sv.docx";
const std::string kEn = "eng/out/exempel-ab-soc2-type2-en.docx";
const std::string kLog = "eng/out/.tillit-log.json";

struct Run {
  Diagnostics diags;
  std::vector<build::Output> outputs;

  /// Paths of the outputs made again.
  std::set<std::string> rebuilt() const {
    std::set<std::string> out;
    for (const auto& o : outputs) {
      if (o.rebuilt) out.insert(o.path);
    }
    return out;
  }
  std::vector<std::string> why(const std::string& path) const {
    for (const auto& o : outputs) {
      if (o.path == path) return o.why;
    }
    return {};
  }
  std::vector<std::string> rules() const {
    std::vector<std::string> out;
    for (const auto& d : diags.all()) out.push_back(format_human(d));
    return out;
  }
};

Run build_once(CountingEnv& env, bool explain = true) {
  build::BuildOptions opts;
  opts.dir = "eng";
  opts.explain = explain;
  Run run;
  run.outputs = build::build(env, opts, run.diags);
  return run;
}

void edit(MemoryEnv& env, const std::string& path, const std::string& from,
          const std::string& to) {
  std::string text = *env.read(path);
  auto pos = text.find(from);
  REQUIRE(pos != std::string::npos);
  text.replace(pos, from.size(), to);
  env.put(path, text);
}

}  // namespace

TEST_CASE("a second build with nothing changed writes nothing", "[build]") {
  CountingEnv env(testing::small_engagement());
  auto first = build_once(env);
  REQUIRE_FALSE(first.diags.has_errors());
  CHECK(first.rebuilt() == std::set<std::string>{kSv, kEn});
  std::string sv_bytes = *env.read(kSv);
  env.writes.clear();

  auto second = build_once(env);
  CHECK_FALSE(second.diags.has_errors());
  CHECK(second.rebuilt().empty());
  CHECK(second.outputs.size() == 2);
  CHECK(env.writes.empty());  // not even the log
  CHECK(second.why(kSv) ==
        std::vector<std::string>{"up to date: no input changed since the last build"});
  CHECK(*env.read(kSv) == sv_bytes);
}

TEST_CASE("the warnings of a build are shown again when nothing is done", "[build]") {
  CountingEnv env(testing::small_engagement());
  env.put("eng/description/sv/services.md", "Text.\n\n<b>rå HTML</b>\n");
  auto first = build_once(env);
  auto second = build_once(env);
  CHECK(second.rebuilt().empty());
  CHECK_FALSE(first.rules().empty());
  CHECK(second.rules() == first.rules());
}

TEST_CASE("a change in one language's narrative rebuilds only that language", "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  env.writes.clear();
  env.put("eng/description/en/services.md", "Text.\n\nA new paragraph on the services.\n");
  auto run = build_once(env);
  CHECK(run.rebuilt() == std::set<std::string>{kEn});
  CHECK(env.writes.count(kSv) == 0);
  CHECK(run.why(kEn) ==
        std::vector<std::string>{"description/en/services.md:3: paragraph 2 added"});
  CHECK(run.why(kSv) == std::vector<std::string>{"up to date"});
}

TEST_CASE("a change in a control's result rebuilds the language of that column", "[build]") {
  CountingEnv env(testing::small_engagement());
  edit(env, "eng/controls.csv", "Granskning,Test,,,", "Granskning,Test,Inga avvikelser,No exceptions,");
  build_once(env);
  edit(env, "eng/controls.csv", "Inga avvikelser", "Inga avvikelser noterades");
  auto run = build_once(env);
  CHECK(run.rebuilt() == std::set<std::string>{kSv});
  CHECK(run.why(kSv) == std::vector<std::string>{"controls.csv:2:278 changed: result of C-01"});
}

TEST_CASE("a change both languages show rebuilds both", "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  edit(env, "eng/engagement.xml", "<firm>Revisorerna AB</firm>", "<firm>Granskarna AB</firm>");
  auto run = build_once(env);
  CHECK(run.rebuilt() == std::set<std::string>{kSv, kEn});
  // The firm is not one of the values the comparison names, so the reason is general.
  CHECK(run.why(kSv) == std::vector<std::string>{"the report's text changed"});
}

TEST_CASE("a new Word template rebuilds every DOCX and says so", "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  auto dotx = DiskEnv().read(std::string(TILLIT_FIXTURES) + "/branded/firm.dotx");
  REQUIRE(dotx);
  env.put("eng/firm.dotx", *dotx);
  edit(env, "eng/engagement.xml", "<languages>sv en</languages>",
       "<languages>sv en</languages>\n    <template>firm.dotx</template>");
  auto run = build_once(env);
  CHECK(run.rebuilt() == std::set<std::string>{kSv, kEn});
  // The report's text is the same: only the template is named.
  CHECK(run.why(kEn) == std::vector<std::string>{"the Word template changed"});
}

TEST_CASE("a matrix saved again without a change rebuilds nothing", "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  env.writes.clear();
  // Other bytes, same cells: Windows line ends.
  std::string text = *env.read("eng/controls.csv");
  std::string crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  env.put("eng/controls.csv", crlf);
  auto run = build_once(env);
  CHECK(run.rebuilt().empty());
  CHECK(env.writes.count(kSv) == 0);
  CHECK(env.writes.count(kEn) == 0);
  // The log now knows the new bytes: the next build does nothing at all.
  env.writes.clear();
  build_once(env);
  CHECK(env.writes.empty());
}

TEST_CASE("an output deleted or edited by hand is made again", "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  env.put(kSv, "edited in Word");
  auto run = build_once(env);
  CHECK(run.rebuilt() == std::set<std::string>{kSv});
  CHECK(run.why(kSv) == std::vector<std::string>{kSv + " was changed since it was built"});
}

TEST_CASE("a build stopped half-way leaves a log that is true for what was written",
          "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  env.put("eng/description/sv/services.md", "Ny text.\n");
  env.put("eng/description/en/services.md", "New text.\n");
  env.fail_path = kEn;  // the Swedish DOCX is written, then the disk is full
  auto stopped = build_once(env);
  CHECK(stopped.diags.has_errors());

  Diagnostics log_diags;
  auto log = build::read_log(env, kLog, log_diags);
  CHECK(log_diags.all().empty());
  CHECK_FALSE(log.complete);
  REQUIRE(log.outputs.count(kSv));

  env.fail_path.clear();
  env.writes.clear();
  auto resumed = build_once(env);
  CHECK_FALSE(resumed.diags.has_errors());
  CHECK(resumed.rebuilt() == std::set<std::string>{kEn});
}

TEST_CASE("a corrupt or foreign build log is discarded with a warning", "[build]") {
  auto [text, message] = GENERATE(table<std::string, std::string>({
      {"{\"format\": \"tillit-build-log\", \"vers", "eng/out/.tillit-log.json:1:37: warning: unterminated string"},
      {"{\"format\": \"something-else\"}\n", "eng/out/.tillit-log.json:1:1: warning: not a "
                                             "Tillit build log"},
      {"{\"format\": \"tillit-build-log\", \"version\": 99}\n",
       "eng/out/.tillit-log.json:1:43: warning: build log version 99"},
  }));
  CountingEnv env(testing::small_engagement());
  build_once(env);
  env.put(kLog, text);
  auto run = build_once(env);
  CHECK_FALSE(run.diags.has_errors());
  REQUIRE_FALSE(run.rules().empty());
  CHECK_THAT(run.rules().front(), Catch::StartsWith(message));
  CHECK_THAT(run.rules().front(), Catch::Contains("[build-log-discarded]"));
  CHECK(run.rebuilt() == std::set<std::string>{kSv, kEn});
  // The log written by that build is trusted again.
  CHECK(build_once(env).rebuilt().empty());
}

TEST_CASE("a log entry with a wrong type is not trusted in part", "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  edit(env, kLog, "\"complete\": true", "\"complete\": \"yes\"");
  auto run = build_once(env);
  REQUIRE_FALSE(run.rules().empty());
  CHECK_THAT(run.rules().front(), Catch::Contains("\"complete\" has the wrong type"));
  CHECK(run.rebuilt() == std::set<std::string>{kSv, kEn});
}

TEST_CASE("other options are another build", "[build]") {
  CountingEnv env(testing::small_engagement());
  build_once(env);
  build::BuildOptions opts;
  opts.dir = "eng";
  opts.languages = {"sv"};
  Diagnostics diags;
  auto outputs = build::build(env, opts, diags);
  REQUIRE(outputs.size() == 1);
  CHECK_FALSE(outputs[0].rebuilt);  // the content is what the DOCX was made from
}

}  // namespace tillit
