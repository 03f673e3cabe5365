// pugixml helpers for the reference parts (styles, numbering, settings, headers, page setup):
// parsing, schema-ordered insertion and deterministic serialisation. pugixml is not namespace
// aware: element names carry their prefixes, and Word always writes "w:" and "r:".
#pragma once

#include <initializer_list>
#include <pugixml.hpp>
#include <string>
#include <string_view>

namespace tillit::render::docx {

inline constexpr std::string_view kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

/// Parses a part; returns false (and leaves `doc` empty) when it is not well-formed XML.
/// Comments and indentation between elements are dropped; a w:t holding only spaces is kept.
bool parse_xml(pugi::xml_document& doc, std::string_view bytes);

/// The document with the fixed declaration and no indentation.
std::string serialize(const pugi::xml_document& doc);

/// One node, without declaration or indentation.
std::string serialize(const pugi::xml_node& node);

/// The child named `name`, created when missing at its place among children whose names are
/// listed in `order` (the schema's sequence), so the validator's child-order checks pass.
pugi::xml_node child_in_order(pugi::xml_node parent, const char* name,
                              std::initializer_list<std::string_view> order);

/// Sets attribute `name` to `value`, adding it when missing.
void set_attr(pugi::xml_node node, const char* name, std::string_view value);

/// The schema order of run properties (EG_RPrBase), for inserting w:lang and friends.
extern const std::initializer_list<std::string_view> kRunPropertyOrder;

}  // namespace tillit::render::docx
