#include "redline/words.h"

#include <algorithm>

#include "redline/align.h"
#include "redline/keys.h"

namespace tillit::redline {

namespace {

struct Token {
  bool is_text = true;
  bool is_space = false;
  bool is_filler = false;  ///< Whitespace or a punctuation mark: what joins two changes.
  std::string value;       ///< A text token's text, or the key of any other inline.
  unsigned style = model::kPlain;
  const model::Inline* source = nullptr;  ///< The inline a non-text token stands for.

  bool operator==(const Token& o) const {
    return is_text == o.is_text && style == o.style && value == o.value;
  }
};

enum class CharClass { Space, Word, Punctuation };

CharClass classify(unsigned char c) {
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return CharClass::Space;
  // Bytes of multi-byte UTF-8 sequences (å, ä, ö, é...) belong to words.
  if (c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
    return CharClass::Word;
  }
  return CharClass::Punctuation;
}

void split(const model::Run& run, std::vector<Token>& out) {
  const std::string& s = run.text;
  size_t i = 0;
  while (i < s.size()) {
    const CharClass c = classify(static_cast<unsigned char>(s[i]));
    size_t j = i + 1;
    if (c != CharClass::Punctuation) {
      while (j < s.size() && classify(static_cast<unsigned char>(s[j])) == c) ++j;
    }
    out.push_back(Token{true, c == CharClass::Space, c != CharClass::Word, s.substr(i, j - i),
                        run.style, nullptr});
    i = j;
  }
}

std::vector<Token> tokenize(const model::Inlines& content) {
  std::vector<Token> out;
  for (const model::Inline& in : content) {
    if (const auto* run = std::get_if<model::Run>(&in)) {
      split(*run, out);
    } else {
      out.push_back(Token{false, false, false, key(model::Inlines{in}), model::kPlain, &in});
    }
  }
  return out;
}

model::Inline marked(const model::Inline& in, model::Change change) {
  if (const auto* note = std::get_if<std::shared_ptr<model::Note>>(&in)) {
    if (!*note) return in;
    auto copy = std::make_shared<model::Note>(**note);
    copy->change = change;
    return copy;
  }
  model::Inline copy = in;
  std::visit(
      [&](auto& v) {
        if constexpr (!std::is_same_v<std::decay_t<decltype(v)>, std::shared_ptr<model::Note>>) {
          v.change = change;
        }
      },
      copy);
  return copy;
}

void emit(model::Inlines& out, const Token& t, model::Change change) {
  if (!t.is_text) {
    out.push_back(marked(*t.source, change));
    return;
  }
  if (!out.empty()) {
    auto* last = std::get_if<model::Run>(&out.back());
    if (last && last->style == t.style && last->change == change) {
      last->text += t.value;
      return;
    }
  }
  out.push_back(model::Run{t.value, t.style, change});
}

/// Whitespace and punctuation kept between two changes become part of them: "03-31" to
/// "06-30" reads as one replacement, not two around an unchanged dash.
void join_changes(std::vector<Step>& script, const std::vector<Token>& a) {
  size_t k = 0;
  while (k < script.size()) {
    if (script[k].kind != Step::Kind::Same) {
      ++k;
      continue;
    }
    size_t end = k;
    bool spaces = true;
    while (end < script.size() && script[end].kind == Step::Kind::Same) {
      spaces = spaces && a[script[end].before].is_filler;
      ++end;
    }
    if (spaces && k > 0 && end < script.size()) {
      std::vector<Step> replaced;
      for (size_t s = k; s < end; ++s) {
        replaced.push_back({Step::Kind::Delete, script[s].before, 0});
        replaced.push_back({Step::Kind::Insert, 0, script[s].after});
      }
      script.erase(script.begin() + static_cast<long>(k), script.begin() + static_cast<long>(end));
      script.insert(script.begin() + static_cast<long>(k), replaced.begin(), replaced.end());
      end = k + replaced.size();
    }
    k = end;
  }
  deletions_first(script);
}

}  // namespace

WordDiff compare_words(const model::Inlines& before, const model::Inlines& after) {
  const std::vector<Token> a = tokenize(before);
  const std::vector<Token> b = tokenize(after);
  std::vector<Step> script =
      align(a.size(), b.size(), [&](size_t i, size_t j) { return a[i] == b[j]; });
  join_changes(script, a);

  WordDiff diff;
  size_t common = 0;
  for (const Step& s : script) {
    switch (s.kind) {
      case Step::Kind::Same:
        emit(diff.merged, b[s.after], model::Change::None);
        if (!b[s.after].is_space) ++common;
        break;
      case Step::Kind::Delete:
        emit(diff.merged, a[s.before], model::Change::Deleted);
        diff.changed = true;
        break;
      case Step::Kind::Insert:
        emit(diff.merged, b[s.after], model::Change::Inserted);
        diff.changed = true;
        break;
    }
  }
  auto words = [](const std::vector<Token>& tokens) {
    return static_cast<size_t>(
        std::count_if(tokens.begin(), tokens.end(), [](const Token& t) { return !t.is_space; }));
  };
  // Dice's coefficient: the words in common over the mean length of the two versions.
  const size_t total = words(a) + words(b);
  diff.similarity =
      total == 0 ? 1.0 : 2.0 * static_cast<double>(common) / static_cast<double>(total);
  return diff;
}

void mark(model::Inlines& content, model::Change change) {
  for (model::Inline& in : content) in = marked(in, change);
}

}  // namespace tillit::redline
