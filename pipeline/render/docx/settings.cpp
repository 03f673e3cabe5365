#include "render/docx/settings.h"

#include <initializer_list>
#include <pugixml.hpp>

#include "render/docx/xml_dom.h"

namespace tillit::render::docx {

namespace {

// The settings kept, in the order CT_Settings requires.
const std::initializer_list<std::string_view> kKept = {"w:zoom",
                                                       "w:mirrorMargins",
                                                       "w:gutterAtTop",
                                                       "w:defaultTabStop",
                                                       "w:autoHyphenation",
                                                       "w:consecutiveHyphenLimit",
                                                       "w:hyphenationZone",
                                                       "w:doNotHyphenateCaps",
                                                       "w:evenAndOddHeaders",
                                                       "w:characterSpacingControl",
                                                       "w:updateFields",
                                                       "w:footnotePr",
                                                       "w:compat",
                                                       "w:themeFontLang",
                                                       "w:clrSchemeMapping",
                                                       "w:decimalSymbol",
                                                       "w:listSeparator"};

// Settings the writer decides; a template's values are ignored.
const std::initializer_list<std::string_view> kWriterOwned = {
    "w:updateFields", "w:footnotePr", "w:themeFontLang", "w:decimalSymbol", "w:listSeparator"};

bool contains(std::initializer_list<std::string_view> list, std::string_view name) {
  for (std::string_view n : list) {
    if (n == name) return true;
  }
  return false;
}

// Appends the kept settings of `source` to `target`, in schema order.
void copy_kept(pugi::xml_node target, pugi::xml_node source) {
  for (std::string_view name : kKept) {
    if (pugi::xml_node s = source.child(std::string(name).c_str())) target.append_copy(s);
  }
}

pugi::xml_node settings_root(pugi::xml_document& doc, std::string_view xml) {
  if (!parse_xml(doc, xml) || !doc.child("w:settings")) {
    doc.reset();
    pugi::xml_node root = doc.append_child("w:settings");
    set_attr(root, "xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
  }
  return doc.child("w:settings");
}

// Copies the root element with its attributes but no children.
pugi::xml_node empty_root(pugi::xml_document& out, pugi::xml_node root) {
  pugi::xml_node copy = out.append_child(root.name());
  for (pugi::xml_attribute a : root.attributes()) copy.append_copy(a);
  return copy;
}

void set_value_child(pugi::xml_node root, const char* name, std::string_view value) {
  set_attr(child_in_order(root, name, kKept), "w:val", value);
}

}  // namespace

std::string merge_settings(std::string_view builtin_xml, std::string_view branded_xml) {
  pugi::xml_document builtin;
  pugi::xml_document branded;
  pugi::xml_node builtin_root = settings_root(builtin, builtin_xml);
  pugi::xml_node branded_root = settings_root(branded, branded_xml);
  pugi::xml_document out;
  pugi::xml_node root = empty_root(out, builtin_root);
  for (std::string_view name : kKept) {
    std::string n(name);
    pugi::xml_node from =
        contains(kWriterOwned, name) ? pugi::xml_node() : branded_root.child(n.c_str());
    if (!from) from = builtin_root.child(n.c_str());
    if (from) root.append_copy(from);
  }
  return serialize(out);
}

std::string document_settings(std::string_view reference_xml, std::string_view builtin_xml,
                              std::string_view language, bool has_footnotes) {
  pugi::xml_document reference;
  pugi::xml_node reference_root = settings_root(reference, reference_xml);
  if (!reference_root.first_child()) {
    pugi::xml_document builtin;
    settings_root(builtin, builtin_xml);
    reference.reset(builtin);
    reference_root = reference.child("w:settings");
  }
  pugi::xml_document out;
  pugi::xml_node root = empty_root(out, reference_root);
  copy_kept(root, reference_root);
  for (std::string_view name : kWriterOwned) root.remove_child(std::string(name).c_str());

  set_value_child(root, "w:updateFields", "true");
  if (has_footnotes) {
    pugi::xml_node pr = child_in_order(root, "w:footnotePr", kKept);
    set_attr(pr.append_child("w:footnote"), "w:id", "-1");
    set_attr(pr.append_child("w:footnote"), "w:id", "0");
  }
  set_value_child(root, "w:themeFontLang", language);
  // Swedish writes 3,5 and separates list items in fields with ';'; English 3.5 and ','.
  const bool comma_decimal = language.substr(0, 2) != "en";
  set_value_child(root, "w:decimalSymbol", comma_decimal ? "," : ".");
  set_value_child(root, "w:listSeparator", comma_decimal ? ";" : ",");
  return serialize(out);
}

}  // namespace tillit::render::docx
