// Mustache in a deliverable's text: the variables it may use, a check of every tag before
// rendering (so an unknown variable or an unclosed section is an error at its line and
// column), and rendering with kainjow-mustache that keeps track of where each line of the
// result came from.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "locale/locale.h"
#include "support/diagnostics.h"

namespace tillit::deliverable {

/// The variables of one language version of a deliverable.
class Variables {
 public:
  /// A text, inserted Markdown-escaped with {{name}} and as Markdown with {{{name}}}; an empty
  /// one is known but unset, so {{#name}}…{{/name}} leaves its content out.
  void text(const std::string& name, const std::string& value);
  /// A condition for {{#name}}…{{/name}} and {{^name}}…{{/name}}.
  void flag(const std::string& name, bool value);
  /// A list of records for {{#name}}…{{/name}}, whose fields are known inside the section.
  void list(const std::string& name, const std::vector<std::map<std::string, std::string>>& rows,
            const std::vector<std::string>& fields);
  /// Why `name` is not available here (e.g. it needs an engagement), for its error message.
  void explain(const std::string& name, const std::string& why);

  enum class Type { Text, Flag, List };
  struct Var {
    Type type = Type::Text;
    std::set<std::string> fields;
  };
  const std::map<std::string, Var>& known() const { return known_; }
  const std::map<std::string, std::string>& reasons() const { return reasons_; }
  const locale::Data& data() const { return data_; }

 private:
  std::map<std::string, Var> known_;
  std::map<std::string, std::string> reasons_;
  locale::Data data_{locale::Data::type::object};
};

/// A text after Mustache, and for each of its lines the line of the file it came from.
struct Expanded {
  std::string text;
  std::vector<int> line_map;
};

/// Check and render `body`, which starts on line `first_line` of `shown`. Values inserted with
/// {{name}} go through markdown::escape. Returns nullopt (with located errors) when a tag is
/// malformed, names an unknown variable, or a section is not closed.
std::optional<Expanded> expand(std::string_view body, int first_line, const Variables& vars,
                               const std::string& shown, Diagnostics& diags);

}  // namespace tillit::deliverable
