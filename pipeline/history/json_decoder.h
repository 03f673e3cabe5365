// Reading the files Tillit keeps under DIR/issued/ (snapshots, issued reports): typed access
// to a parsed JSON tree where the first problem is reported at the value it concerns, and the
// check of the "format" and "format_version" members every such file begins with.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "history/json.h"
#include "support/diagnostics.h"

namespace tillit::history::json {

/// Which kind of file a decoder reads, for its messages and rule ids.
struct FileKind {
  std::string what;          ///< "snapshot": "corrupt snapshot: ...", "snapshot format 2".
  std::string corrupt_rule;  ///< "snapshot-corrupt"
  std::string format_rule;   ///< "snapshot-format"
  std::string format_name;   ///< The "format" member's value.
  int format_version = 1;    ///< The only "format_version" read.
  std::string remedy;        ///< Appended to corruption messages: what the user can do.
};

/// After the first problem every accessor returns empty values, and the result is to be
/// thrown away (failed()).
class Decoder {
 public:
  Decoder(const std::string& shown, const FileKind& kind, Diagnostics& diags)
      : shown_(shown), kind_(kind), diags_(diags) {}

  bool failed() const { return failed_; }
  void fail(const Value& at, const std::string& message);

  /// Parses `text` and checks its format name and version; nothing when either is wrong.
  std::optional<Value> open(std::string_view text);

  const Value* member(const Value& obj, std::string_view key, Value::Kind kind,
                      bool required = true);
  std::string text(const Value& obj, std::string_view key);
  int integer(const Value& obj, std::string_view key);
  double real(const Value& obj, std::string_view key);
  /// A number value itself (an array's element); `what` names it in the message.
  double real_value(const Value& v, const std::string& what);
  bool flag(const Value& obj, std::string_view key);
  /// The elements of an array member, each required to be of `kind`.
  std::vector<const Value*> items(const Value& obj, std::string_view key, Value::Kind kind);
  std::vector<std::string> strings(const Value& obj, std::string_view key);

 private:
  const std::string& shown_;
  const FileKind& kind_;
  Diagnostics& diags_;
  bool failed_ = false;
};

}  // namespace tillit::history::json
