#include "render/docx/styles.h"

#include <map>
#include <vector>

#include "render/docx/xml_dom.h"

namespace tillit::render::docx {

namespace {

// Style names as Word stores them (built-in names in their English, mostly lower-case form).
constexpr std::array<std::string_view, static_cast<size_t>(StyleKey::kCount)> kStyleNames = {
    "Title",           "Subtitle",      "Cover Note",
    "heading 1",       "heading 2",     "heading 3",
    "heading 4",       "TOC Heading",   "toc 1",
    "toc 2",           "toc 3",         "caption",
    "Quote",           "Source Code",   "Signature",
    "Table Text",      "Table Heading", "List Paragraph",
    "footnote text",   "Hyperlink",     "footnote reference",
    "Verbatim Char",   "Table Grid",    "Controls Table",
    "Key Value Table",
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string style_name(pugi::xml_node style) {
  return lower(style.child("w:name").attribute("w:val").value());
}

// Lower-cased name -> style id, and the set of ids, of a styles part.
struct StyleIndex {
  std::map<std::string, std::string> id_by_name;
  std::map<std::string, std::string> name_by_id;

  explicit StyleIndex(const pugi::xml_node& styles) {
    for (pugi::xml_node s : styles.children("w:style")) {
      std::string id = s.attribute("w:styleId").value();
      std::string name = style_name(s);
      if (!name.empty()) id_by_name.emplace(name, id);
      name_by_id.emplace(id, name);
    }
  }
};

}  // namespace

std::string document_language(std::string_view language) {
  return language.empty() ? std::string("en-US") : std::string(language);
}

void add_missing_styles(pugi::xml_document& styles, const pugi::xml_document& builtin) {
  pugi::xml_node target = styles.child("w:styles");
  pugi::xml_node source = builtin.child("w:styles");
  if (!target || !source) return;
  if (!target.child("w:docDefaults") && source.child("w:docDefaults")) {
    target.prepend_copy(source.child("w:docDefaults"));
  }
  StyleIndex have(target);
  const StyleIndex builtin_index(source);

  // Built-in id -> id in the result, for every built-in style (present or added).
  std::map<std::string, std::string> id_map;
  std::vector<pugi::xml_node> added;
  for (pugi::xml_node s : source.children("w:style")) {
    std::string id = s.attribute("w:styleId").value();
    std::string name = style_name(s);
    auto same_name = have.id_by_name.find(name);
    if (same_name != have.id_by_name.end()) {
      id_map[id] = same_name->second;
      continue;
    }
    // A branded style may use the id for another name: take a fresh id then.
    std::string new_id = id;
    for (int n = 2; have.name_by_id.count(new_id) > 0; ++n) new_id = id + std::to_string(n);
    pugi::xml_node copy = target.append_copy(s);
    copy.remove_attribute("w:default");
    set_attr(copy, "w:styleId", new_id);
    have.name_by_id.emplace(new_id, name);
    have.id_by_name.emplace(name, new_id);
    id_map[id] = new_id;
    added.push_back(copy);
  }
  for (pugi::xml_node s : added) {
    for (const char* link : {"w:basedOn", "w:next", "w:link"}) {
      pugi::xml_node ref = s.child(link);
      if (!ref) continue;
      auto mapped = id_map.find(ref.attribute("w:val").value());
      if (mapped != id_map.end()) {
        set_attr(ref, "w:val", mapped->second);
      } else {
        s.remove_child(ref);
      }
    }
  }
}

StyleSheet::StyleSheet(std::string_view styles_xml, std::string_view builtin_xml,
                       std::string_view language) {
  pugi::xml_document builtin;
  parse_xml(builtin, builtin_xml);
  if (!parse_xml(doc_, styles_xml) || !doc_.child("w:styles")) doc_.reset(builtin);
  add_missing_styles(doc_, builtin);

  pugi::xml_node styles = doc_.child("w:styles");
  // The document's language wins over any a template's styles carry, so that Word checks the
  // spelling of a Swedish report in Swedish even over an English template.
  for (pugi::xml_node s : styles.children("w:style")) {
    if (pugi::xml_node rpr = s.child("w:rPr")) rpr.remove_child("w:lang");
  }
  pugi::xml_node defaults =
      child_in_order(styles, "w:docDefaults", {"w:docDefaults", "w:latentStyles", "w:style"});
  pugi::xml_node rpr_default =
      child_in_order(defaults, "w:rPrDefault", {"w:rPrDefault", "w:pPrDefault"});
  pugi::xml_node rpr = child_in_order(rpr_default, "w:rPr", {"w:rPr"});
  pugi::xml_node lang = child_in_order(rpr, "w:lang", kRunPropertyOrder);
  set_attr(lang, "w:val", document_language(language));
  set_attr(lang, "w:eastAsia", "en-US");
  set_attr(lang, "w:bidi", "ar-SA");

  const StyleIndex index(styles);
  for (size_t k = 0; k < kStyleNames.size(); ++k) {
    auto found = index.id_by_name.find(lower(kStyleNames[k]));
    if (found != index.id_by_name.end()) ids_[k] = found->second;
  }
}

std::string StyleSheet::xml() const { return serialize(doc_); }

}  // namespace tillit::render::docx
