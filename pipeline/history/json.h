// A small JSON value, a pretty writer and a strict reader for the issued snapshots.
// Written here rather than taken from Poco because Poco's parser reports no position, and a
// snapshot broken by hand or by a merge conflict must be reported at the line where it breaks;
// the writer keeps members in the order they were added, so the output is deterministic.
#pragma once

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tillit::history::json {

struct Value {
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Kind kind = Kind::Null;
  bool flag = false;         ///< A boolean's value.
  std::string text;          ///< A string's contents, or a number as written.
  std::vector<Value> items;  ///< An array's elements.
  std::vector<std::pair<std::string, Value>> members;  ///< An object's members, in order.
  int line = 0;    ///< Where a parsed value starts (1-based); 0 for built values.
  int column = 0;  ///< In code points.

  /// The member named `key` of an object, or nullptr.
  const Value* find(std::string_view key) const;
  /// Append a member to an object and return it.
  Value& add(std::string key, Value v);
  /// Append an element to an array and return it.
  Value& push(Value v);
};

Value string(std::string s);
Value number(long long n);
Value boolean(bool b);
Value array();
Value object();
Value string_array(const std::vector<std::string>& strings);

/// Pretty-printed: two-space indent, one value per line, UTF-8 kept as is, final newline.
/// Values nested deeper than `levels` are written on one line without spaces: the root's
/// members and their elements stay one to a line, at a fraction of the size.
std::string write(const Value& v, int levels = std::numeric_limits<int>::max());

struct ParseError {
  int line = 0;
  int column = 0;
  std::string message;
};

/// Parse one JSON document (RFC 8259, UTF-8). Duplicate keys, trailing text, nesting deeper
/// than 64 levels and unpaired surrogates are errors; `error` then says where.
std::optional<Value> parse(std::string_view text, ParseError& error);

}  // namespace tillit::history::json
