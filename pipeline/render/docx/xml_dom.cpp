#include "render/docx/xml_dom.h"

#include <algorithm>

namespace tillit::render::docx {

namespace {

class StringWriter : public pugi::xml_writer {
 public:
  explicit StringWriter(std::string& out) : out_(out) {}
  void write(const void* data, size_t size) override {
    out_.append(static_cast<const char*>(data), size);
  }

 private:
  std::string& out_;
};

constexpr unsigned kFormat = pugi::format_raw | pugi::format_no_declaration;

}  // namespace

const std::initializer_list<std::string_view> kRunPropertyOrder = {"w:rStyle",
                                                                   "w:rFonts",
                                                                   "w:b",
                                                                   "w:bCs",
                                                                   "w:i",
                                                                   "w:iCs",
                                                                   "w:caps",
                                                                   "w:smallCaps",
                                                                   "w:strike",
                                                                   "w:dstrike",
                                                                   "w:outline",
                                                                   "w:shadow",
                                                                   "w:emboss",
                                                                   "w:imprint",
                                                                   "w:noProof",
                                                                   "w:snapToGrid",
                                                                   "w:vanish",
                                                                   "w:webHidden",
                                                                   "w:color",
                                                                   "w:spacing",
                                                                   "w:w",
                                                                   "w:kern",
                                                                   "w:position",
                                                                   "w:sz",
                                                                   "w:szCs",
                                                                   "w:highlight",
                                                                   "w:u",
                                                                   "w:effect",
                                                                   "w:bdr",
                                                                   "w:shd",
                                                                   "w:fitText",
                                                                   "w:vertAlign",
                                                                   "w:rtl",
                                                                   "w:cs",
                                                                   "w:em",
                                                                   "w:lang",
                                                                   "w:eastAsianLayout",
                                                                   "w:specVanish",
                                                                   "w:oMath"};

bool parse_xml(pugi::xml_document& doc, std::string_view bytes) {
  const unsigned options = pugi::parse_default | pugi::parse_ws_pcdata_single;
  if (doc.load_buffer(bytes.data(), bytes.size(), options, pugi::encoding_utf8)) return true;
  doc.reset();
  return false;
}

std::string serialize(const pugi::xml_document& doc) {
  std::string out(kXmlDeclaration);
  StringWriter writer(out);
  doc.save(writer, "", kFormat, pugi::encoding_utf8);
  return out;
}

std::string serialize(const pugi::xml_node& node) {
  std::string out;
  StringWriter writer(out);
  node.print(writer, "", kFormat, pugi::encoding_utf8);
  return out;
}

pugi::xml_node child_in_order(pugi::xml_node parent, const char* name,
                              std::initializer_list<std::string_view> order) {
  if (pugi::xml_node existing = parent.child(name)) return existing;
  auto rank = [&](std::string_view n) {
    auto it = std::find(order.begin(), order.end(), n);
    return it == order.end() ? -1 : static_cast<int>(it - order.begin());
  };
  const int own = rank(name);
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && rank(child.name()) > own) {
      return parent.insert_child_before(name, child);
    }
  }
  return parent.append_child(name);
}

void set_attr(pugi::xml_node node, const char* name, std::string_view value) {
  pugi::xml_attribute attr = node.attribute(name);
  if (!attr) attr = node.append_attribute(name);
  attr.set_value(std::string(value).c_str());
}

}  // namespace tillit::render::docx
