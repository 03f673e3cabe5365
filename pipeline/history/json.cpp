#include "history/json.h"

#include <set>

#include "support/text.h"

namespace tillit::history::json {

namespace {

constexpr int kMaxDepth = 64;

/// On one line, without spaces.
void write_compact(const Value& v, std::string& out) {
  if (v.kind == Value::Kind::Array) {
    out += '[';
    for (size_t i = 0; i < v.items.size(); ++i) {
      if (i > 0) out += ',';
      write_compact(v.items[i], out);
    }
    out += ']';
  } else if (v.kind == Value::Kind::Object) {
    out += '{';
    for (size_t i = 0; i < v.members.size(); ++i) {
      if (i > 0) out += ',';
      out += '"' + json_escape(v.members[i].first) + "\":";
      write_compact(v.members[i].second, out);
    }
    out += '}';
  } else {
    out += v.kind == Value::Kind::String   ? '"' + json_escape(v.text) + '"'
           : v.kind == Value::Kind::Number ? v.text
           : v.kind == Value::Kind::Bool   ? (v.flag ? "true" : "false")
                                           : "null";
  }
}

void write_value(const Value& v, size_t indent, int levels, std::string& out) {
  if (levels <= 0) {
    write_compact(v, out);
    return;
  }
  switch (v.kind) {
    case Value::Kind::Null:
      out += "null";
      return;
    case Value::Kind::Bool:
      out += v.flag ? "true" : "false";
      return;
    case Value::Kind::Number:
      out += v.text;
      return;
    case Value::Kind::String:
      out += '"' + json_escape(v.text) + '"';
      return;
    case Value::Kind::Array:
      if (v.items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (size_t i = 0; i < v.items.size(); ++i) {
        out.append(indent + 2, ' ');
        write_value(v.items[i], indent + 2, levels - 1, out);
        out += i + 1 < v.items.size() ? ",\n" : "\n";
      }
      out.append(indent, ' ');
      out += ']';
      return;
    case Value::Kind::Object:
      if (v.members.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      for (size_t i = 0; i < v.members.size(); ++i) {
        out.append(indent + 2, ' ');
        out += '"' + json_escape(v.members[i].first) + "\": ";
        write_value(v.members[i].second, indent + 2, levels - 1, out);
        out += i + 1 < v.members.size() ? ",\n" : "\n";
      }
      out.append(indent, ' ');
      out += '}';
      return;
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Recursive descent over the text, keeping line and column as it goes. Every method
/// returns false after recording the first error.
class Parser {
 public:
  Parser(std::string_view text, ParseError& error) : text_(text), error_(error) {}

  std::optional<Value> document() {
    size_t bad = 0;
    if (!is_valid_utf8(text_, &bad)) {
      auto at = line_column_at(text_, bad);
      error_ = ParseError{at.line, at.column, "invalid UTF-8"};
      return std::nullopt;
    }
    Value v;
    skip_space();
    if (!value(v, 0)) return std::nullopt;
    skip_space();
    if (!at_end()) {
      fail("unexpected " + describe_next() + " after the end of the document");
      return std::nullopt;
    }
    return v;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void advance() {
    auto c = static_cast<unsigned char>(text_[pos_++]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;
    }
  }

  void skip_space() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') advance();
  }

  bool fail(std::string message) {
    error_ = ParseError{line_, column_, std::move(message)};
    return false;
  }

  std::string describe_next() const {
    if (at_end()) return "end of the document";
    auto c = static_cast<unsigned char>(peek());
    if (c < 0x20 || c >= 0x80)
      return "byte 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
             std::string(1, "0123456789abcdef"[c & 0xF]);
    return "'" + std::string(1, peek()) + "'";
  }

  bool expect(char c, const char* what) {
    if (peek() != c) return fail("expected " + std::string(what) + ", found " + describe_next());
    advance();
    return true;
  }

  bool value(Value& v, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than 64 levels");
    v.line = line_;
    v.column = column_;
    switch (peek()) {
      case '{':
        return object(v, depth);
      case '[':
        return array(v, depth);
      case '"':
        v.kind = Value::Kind::String;
        return string(v.text);
      case 't':
        v.kind = Value::Kind::Bool;
        v.flag = true;
        return word("true");
      case 'f':
        v.kind = Value::Kind::Bool;
        return word("false");
      case 'n':
        return word("null");
      default:
        if (peek() == '-' || is_digit(peek())) return number(v);
        return fail("expected a value, found " + describe_next());
    }
  }

  bool word(std::string_view w) {
    if (text_.substr(pos_, w.size()) != w) {
      return fail("expected a value, found " + describe_next());
    }
    for (size_t i = 0; i < w.size(); ++i) advance();
    return true;
  }

  bool digits() {
    if (!is_digit(peek())) return fail("expected a digit, found " + describe_next());
    while (is_digit(peek())) advance();
    return true;
  }

  bool number(Value& v) {
    size_t start = pos_;
    if (peek() == '-') advance();
    if (peek() == '0') {
      advance();
    } else if (!digits()) {
      return false;
    }
    if (peek() == '.') {
      advance();
      if (!digits()) return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      advance();
      if (peek() == '+' || peek() == '-') advance();
      if (!digits()) return false;
    }
    v.kind = Value::Kind::Number;
    v.text = std::string(text_.substr(start, pos_ - start));
    return true;
  }

  bool hex4(unsigned& cp) {
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      char c = peek();
      unsigned d = 0;
      if (is_digit(c))
        d = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        d = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        d = static_cast<unsigned>(c - 'A' + 10);
      else
        return fail("expected four hex digits after \\u");
      cp = cp * 16 + d;
      advance();
    }
    return true;
  }

  bool escape(std::string& out) {
    advance();  // the backslash
    char c = peek();
    const char* plain = "\"\\/bfnrt";
    const char* meant = "\"\\/\b\f\n\r\t";
    for (int i = 0; plain[i]; ++i) {
      if (c == plain[i]) {
        out += meant[i];
        advance();
        return true;
      }
    }
    if (c != 'u') return fail("unknown escape \\" + std::string(1, c) + " in a string");
    advance();
    unsigned cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("unpaired surrogate in a string");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      unsigned low = 0;
      if (text_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate in a string");
      advance();
      advance();
      if (!hex4(low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return fail("unpaired surrogate in a string");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, cp);
    return true;
  }

  bool string(std::string& out) {
    advance();  // the opening quote
    for (;;) {
      if (at_end()) return fail("unterminated string");
      auto c = static_cast<unsigned char>(peek());
      if (c == '"') {
        advance();
        return true;
      }
      if (c < 0x20) return fail("control character in a string (write it as an escape)");
      if (c == '\\') {
        if (!escape(out)) return false;
        continue;
      }
      out += static_cast<char>(c);
      advance();
    }
  }

  bool array(Value& v, int depth) {
    v.kind = Value::Kind::Array;
    advance();
    skip_space();
    if (peek() == ']') {
      advance();
      return true;
    }
    for (;;) {
      skip_space();
      Value item;
      if (!value(item, depth + 1)) return false;
      v.items.push_back(std::move(item));
      skip_space();
      if (peek() == ']') {
        advance();
        return true;
      }
      if (!expect(',', "',' or ']'")) return false;
    }
  }

  bool object(Value& v, int depth) {
    v.kind = Value::Kind::Object;
    advance();
    skip_space();
    if (peek() == '}') {
      advance();
      return true;
    }
    std::set<std::string> keys;
    for (;;) {
      skip_space();
      if (peek() != '"') return fail("expected a member name in quotes, found " + describe_next());
      int line = line_, column = column_;
      std::string key;
      if (!string(key)) return false;
      if (!keys.insert(key).second) {
        error_ = ParseError{line, column, "duplicate member '" + key + "'"};
        return false;
      }
      skip_space();
      if (!expect(':', "':' after the member name")) return false;
      skip_space();
      Value member;
      if (!value(member, depth + 1)) return false;
      v.members.emplace_back(std::move(key), std::move(member));
      skip_space();
      if (peek() == '}') {
        advance();
        return true;
      }
      if (!expect(',', "',' or '}'")) return false;
    }
  }

  std::string_view text_;
  ParseError& error_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

const Value* Value::find(std::string_view key) const {
  for (const auto& [name, v] : members) {
    if (name == key) return &v;
  }
  return nullptr;
}

Value& Value::add(std::string key, Value v) {
  members.emplace_back(std::move(key), std::move(v));
  return members.back().second;
}

Value& Value::push(Value v) {
  items.push_back(std::move(v));
  return items.back();
}

Value string(std::string s) {
  Value v;
  v.kind = Value::Kind::String;
  v.text = std::move(s);
  return v;
}

Value number(long long n) {
  Value v;
  v.kind = Value::Kind::Number;
  v.text = std::to_string(n);
  return v;
}

Value boolean(bool b) {
  Value v;
  v.kind = Value::Kind::Bool;
  v.flag = b;
  return v;
}

Value array() {
  Value v;
  v.kind = Value::Kind::Array;
  return v;
}

Value object() {
  Value v;
  v.kind = Value::Kind::Object;
  return v;
}

Value string_array(const std::vector<std::string>& strings) {
  Value v = array();
  for (const auto& s : strings) v.push(string(s));
  return v;
}

std::string write(const Value& v, int levels) {
  std::string out;
  write_value(v, 0, levels, out);
  return out + "\n";
}

std::optional<Value> parse(std::string_view text, ParseError& error) {
  return Parser(text, error).document();
}

}  // namespace tillit::history::json
