#include "markdown/cmark_tree.h"

namespace tillit::markdown {

namespace {
struct ParserFree {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
}  // namespace

NodePtr parse(std::string_view text) {
  // Registration is global and not thread-safe; a function-local static runs it once.
  static const bool registered = (cmark_gfm_core_extensions_ensure_registered(), true);
  (void)registered;
  std::unique_ptr<cmark_parser, ParserFree> parser(
      cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8));
  for (const char* name : {"table", "strikethrough", "autolink"}) {
    cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(name));
  }
  cmark_parser_feed(parser.get(), text.data(), text.size());
  return NodePtr(cmark_parser_finish(parser.get()));
}

}  // namespace tillit::markdown
