#include "history/document_json.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>

#include <charconv>
#include <cmath>
#include <iterator>
#include <sstream>

#include "history/json.h"
#include "history/json_decoder.h"

namespace tillit::history {

using json::Value;

namespace {

template <typename E>
struct Name {
  E value;
  const char* name;
};

constexpr Name<model::Change> kChanges[] = {{model::Change::Inserted, "inserted"},
                                            {model::Change::Deleted, "deleted"}};
constexpr Name<model::ParaRole> kRoles[] = {{model::ParaRole::Body, "body"},
                                            {model::ParaRole::Title, "title"},
                                            {model::ParaRole::Subtitle, "subtitle"},
                                            {model::ParaRole::CoverNote, "cover-note"},
                                            {model::ParaRole::Caption, "caption"},
                                            {model::ParaRole::Quote, "quote"},
                                            {model::ParaRole::Code, "code"},
                                            {model::ParaRole::Signature, "signature"},
                                            {model::ParaRole::TableText, "table-text"},
                                            {model::ParaRole::TableHeader, "table-header"}};
constexpr Name<model::TableRole> kTableRoles[] = {{model::TableRole::Grid, "grid"},
                                                  {model::TableRole::Controls, "controls"},
                                                  {model::TableRole::KeyValue, "key-value"}};
constexpr Name<model::Orientation> kOrientations[] = {{model::Orientation::Portrait, "portrait"},
                                                      {model::Orientation::Landscape, "landscape"}};
constexpr Name<model::Field::Kind> kFields[] = {{model::Field::Kind::Page, "page"},
                                                {model::Field::Kind::NumPages, "num-pages"}};

template <typename E, size_t N>
const char* name_of(const Name<E> (&names)[N], E value) {
  for (const auto& n : names) {
    if (n.value == value) return n.name;
  }
  return names[0].name;
}

constexpr int kMaxColumns = 1000;
constexpr int kMaxRows = 1000000;
constexpr int kMaxPixels = 100000;

const json::FileKind& document_file() {
  static const json::FileKind kind{
      "issued report",
      "issued-report-corrupt",
      "issued-report-format",
      std::string(kDocumentFormatName),
      kDocumentFormatVersion,
      "it cannot be trusted: restore it from version control or issue the report again with "
      "--force"};
  return kind;
}

// ---- writing ----------------------------------------------------------------------------

/// The shortest text that reads back as the same double; deterministic.
Value real(double x) {
  if (!std::isfinite(x)) x = 0;
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);
  Value v;
  v.kind = Value::Kind::Number;
  v.text = std::string(buffer, ec == std::errc() ? end : buffer);
  return v;
}

void add_change(Value& v, model::Change change) {
  if (change != model::Change::None) v.add("change", json::string(name_of(kChanges, change)));
}

Value blocks_json(const model::Blocks& blocks);

Value run_json(const model::Run& r) {
  Value v = json::object();
  v.add("type", json::string("run"));
  v.add("text", json::string(r.text));
  v.add("style", json::number(r.style));
  add_change(v, r.change);
  return v;
}

Value inlines_json(const model::Inlines& content) {
  Value out = json::array();
  for (const model::Inline& in : content) {
    if (const auto* r = std::get_if<model::Run>(&in)) {
      out.push(run_json(*r));
      continue;
    }
    Value& v = out.push(json::object());
    if (const auto* link = std::get_if<model::Link>(&in)) {
      v.add("type", json::string("link"));
      v.add("target", json::string(link->target));
      Value& runs = v.add("content", json::array());
      for (const model::Run& r : link->content) runs.push(run_json(r));
      add_change(v, link->change);
    } else if (const auto* br = std::get_if<model::LineBreak>(&in)) {
      v.add("type", json::string("line-break"));
      add_change(v, br->change);
    } else if (const auto* field = std::get_if<model::Field>(&in)) {
      v.add("type", json::string("field"));
      v.add("field", json::string(name_of(kFields, field->kind)));
      add_change(v, field->change);
    } else if (const auto* image = std::get_if<model::Image>(&in)) {
      v.add("type", json::string("image"));
      v.add("id", json::string(image->id));
      v.add("alt", json::string(image->alt));
      v.add("width_cm", real(image->width_cm));
      v.add("height_cm", real(image->height_cm));
      add_change(v, image->change);
    } else if (const auto* note = std::get_if<std::shared_ptr<model::Note>>(&in)) {
      v.add("type", json::string("note"));
      v.add("content", blocks_json(*note ? (*note)->content : model::Blocks{}));
      if (*note) add_change(v, (*note)->change);
    }
  }
  return out;
}

Value block_json(const model::Block& block) {
  Value v = json::object();
  const auto& b = block.value;
  if (const auto* h = std::get_if<model::Heading>(&b)) {
    v.add("type", json::string("heading"));
    v.add("level", json::number(h->level));
    v.add("bookmark", json::string(h->bookmark));
    v.add("in_toc", json::boolean(h->in_toc));
    v.add("content", inlines_json(h->content));
    add_change(v, h->change);
  } else if (const auto* p = std::get_if<model::Paragraph>(&b)) {
    v.add("type", json::string("paragraph"));
    v.add("role", json::string(name_of(kRoles, p->role)));
    v.add("keep_with_next", json::boolean(p->keep_with_next));
    v.add("content", inlines_json(p->content));
    add_change(v, p->change);
  } else if (const auto* list = std::get_if<model::List>(&b)) {
    v.add("type", json::string("list"));
    v.add("ordered", json::boolean(list->ordered));
    Value& items = v.add("items", json::array());
    for (const model::Blocks& item : list->items) items.push(blocks_json(item));
  } else if (const auto* table = std::get_if<model::Table>(&b)) {
    v.add("type", json::string("table"));
    v.add("role", json::string(name_of(kTableRoles, table->role)));
    Value& widths = v.add("widths", json::array());
    for (double w : table->widths) widths.push(real(w));
    v.add("header_rows", json::number(table->header_rows));
    v.add("caption", inlines_json(table->caption));
    Value& rows = v.add("rows", json::array());
    for (const model::TableRow& row : table->rows) {
      Value& r = rows.push(json::object());
      r.add("cant_split", json::boolean(row.cant_split));
      Value& cells = r.add("cells", json::array());
      for (const model::TableCell& cell : row.cells) {
        Value& c = cells.push(json::object());
        c.add("col_span", json::number(cell.col_span));
        c.add("row_span", json::number(cell.row_span));
        c.add("shaded", json::boolean(cell.shaded));
        c.add("content", blocks_json(cell.content));
      }
      add_change(r, row.change);
    }
  } else if (std::holds_alternative<model::PageBreak>(b)) {
    v.add("type", json::string("page-break"));
  } else if (const auto* brk = std::get_if<model::SectionBreak>(&b)) {
    v.add("type", json::string("section-break"));
    v.add("next", json::string(name_of(kOrientations, brk->next)));
  } else if (const auto* toc = std::get_if<model::TableOfContents>(&b)) {
    v.add("type", json::string("contents"));
    v.add("title", json::string(toc->title));
    v.add("levels", json::number(toc->levels));
  }
  return v;
}

Value blocks_json(const model::Blocks& blocks) {
  Value out = json::array();
  for (const model::Block& b : blocks) out.push(block_json(b));
  return out;
}

// The Meta fields by name, for writing and reading alike.
struct MetaField {
  const char* key;
  std::string model::Meta::*member;
};
constexpr MetaField kMetaFields[] = {
    {"title", &model::Meta::title},
    {"subtitle", &model::Meta::subtitle},
    {"subject", &model::Meta::subject},
    {"author", &model::Meta::author},
    {"description", &model::Meta::description},
    {"keywords", &model::Meta::keywords},
    {"language", &model::Meta::language},
    {"date", &model::Meta::date},
    {"watermark", &model::Meta::watermark},
    {"header_text", &model::Meta::header_text},
    {"page_label_before", &model::Meta::page_label_before},
    {"page_label_between", &model::Meta::page_label_between},
};

std::string base64(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

// ---- reading ----------------------------------------------------------------------------

using json::Decoder;

template <typename E, size_t N>
E enum_of(Decoder& d, const Value& obj, std::string_view key, const Name<E> (&names)[N]) {
  std::string text = d.text(obj, key);
  if (d.failed()) return names[0].value;
  for (const auto& n : names) {
    if (text == n.name) return n.value;
  }
  d.fail(*obj.find(key), "unknown " + std::string(key) + " '" + text + "'");
  return names[0].value;
}

// Numbers the writers size things by are bounded, so that a file edited by hand cannot make
// them allocate a grid of a billion columns.
int bounded(Decoder& d, const Value& obj, std::string_view key, int min, int max) {
  const int n = d.integer(obj, key);
  if (!d.failed() && (n < min || n > max)) {
    d.fail(*obj.find(key), "'" + std::string(key) + "' should be from " + std::to_string(min) +
                               " to " + std::to_string(max));
  }
  return n;
}

/// A size in centimetres or a relative width: not negative, not absurd.
double bounded_real(Decoder& d, double x, const Value& at, const std::string& what, double max) {
  if (!d.failed() && !(x >= 0 && x <= max)) {
    d.fail(at, what + " should be from 0 to " + std::to_string(static_cast<long long>(max)));
  }
  return x;
}

double bounded_real(Decoder& d, const Value& obj, std::string_view key, double max) {
  const double x = d.real(obj, key);
  return d.failed() ? 0 : bounded_real(d, x, *obj.find(key), "'" + std::string(key) + "'", max);
}

model::Change change_of(Decoder& d, const Value& obj) {
  if (!obj.find("change")) return model::Change::None;
  return enum_of(d, obj, "change", kChanges);
}

model::Blocks read_blocks(Decoder& d, const Value& array);

model::Run read_run(Decoder& d, const Value& v) {
  model::Run r;
  if (d.text(v, "type") != "run" && !d.failed()) d.fail(*v.find("type"), "a link holds runs only");
  r.text = d.text(v, "text");
  r.style = static_cast<unsigned>(bounded(d, v, "style", 0, 63));
  r.change = change_of(d, v);
  return r;
}

model::Link read_link(Decoder& d, const Value& v) {
  model::Link link;
  link.target = d.text(v, "target");
  for (const Value* r : d.items(v, "content", Value::Kind::Object)) {
    link.content.push_back(read_run(d, *r));
  }
  link.change = change_of(d, v);
  return link;
}

model::Image read_image(Decoder& d, const Value& v) {
  model::Image image;
  image.id = d.text(v, "id");
  image.alt = d.text(v, "alt");
  image.width_cm = bounded_real(d, v, "width_cm", 1000);
  image.height_cm = bounded_real(d, v, "height_cm", 1000);
  image.change = change_of(d, v);
  return image;
}

std::shared_ptr<model::Note> read_note(Decoder& d, const Value& v) {
  auto note = std::make_shared<model::Note>();
  if (const Value* content = d.member(v, "content", Value::Kind::Array)) {
    note->content = read_blocks(d, *content);
  }
  note->change = change_of(d, v);
  return note;
}

model::Inlines read_inlines(Decoder& d, const Value& obj, std::string_view key) {
  model::Inlines out;
  for (const Value* v : d.items(obj, key, Value::Kind::Object)) {
    const std::string type = d.text(*v, "type");
    if (type == "run") {
      out.emplace_back(std::in_place_type<model::Run>, read_run(d, *v));
    } else if (type == "link") {
      out.emplace_back(std::in_place_type<model::Link>, read_link(d, *v));
    } else if (type == "line-break") {
      out.emplace_back(std::in_place_type<model::LineBreak>, model::LineBreak{change_of(d, *v)});
    } else if (type == "field") {
      out.emplace_back(std::in_place_type<model::Field>,
                       model::Field{enum_of(d, *v, "field", kFields), change_of(d, *v)});
    } else if (type == "image") {
      out.emplace_back(std::in_place_type<model::Image>, read_image(d, *v));
    } else if (type == "note") {
      out.emplace_back(std::in_place_type<std::shared_ptr<model::Note>>, read_note(d, *v));
    } else if (!d.failed()) {
      d.fail(*v->find("type"), "unknown inline type '" + type + "'");
    }
    if (d.failed()) return {};
  }
  return out;
}

model::Table read_table(Decoder& d, const Value& v) {
  model::Table table;
  table.role = enum_of(d, v, "role", kTableRoles);
  for (const Value* w : d.items(v, "widths", Value::Kind::Number)) {
    table.widths.push_back(
        bounded_real(d, d.real_value(*w, "a column width"), *w, "a column width", 1e6));
  }
  table.header_rows = bounded(d, v, "header_rows", 0, kMaxRows);
  table.caption = read_inlines(d, v, "caption");
  for (const Value* r : d.items(v, "rows", Value::Kind::Object)) {
    model::TableRow row;
    row.cant_split = d.flag(*r, "cant_split");
    for (const Value* c : d.items(*r, "cells", Value::Kind::Object)) {
      model::TableCell cell;
      cell.col_span = bounded(d, *c, "col_span", 1, kMaxColumns);
      cell.row_span = bounded(d, *c, "row_span", 1, kMaxRows);
      cell.shaded = d.flag(*c, "shaded");
      if (const Value* content = d.member(*c, "content", Value::Kind::Array)) {
        cell.content = read_blocks(d, *content);
      }
      row.cells.push_back(std::move(cell));
    }
    row.change = change_of(d, *r);
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::optional<model::Block> read_block(Decoder& d, const Value& v) {
  const std::string type = d.text(v, "type");
  if (type == "heading") {
    model::Heading h;
    h.level = bounded(d, v, "level", 1, 9);
    h.bookmark = d.text(v, "bookmark");
    h.in_toc = d.flag(v, "in_toc");
    h.content = read_inlines(d, v, "content");
    h.change = change_of(d, v);
    return h;
  }
  if (type == "paragraph") {
    model::Paragraph p;
    p.role = enum_of(d, v, "role", kRoles);
    p.keep_with_next = d.flag(v, "keep_with_next");
    p.content = read_inlines(d, v, "content");
    p.change = change_of(d, v);
    return p;
  }
  if (type == "list") {
    model::List list;
    list.ordered = d.flag(v, "ordered");
    for (const Value* item : d.items(v, "items", Value::Kind::Array)) {
      list.items.push_back(read_blocks(d, *item));
    }
    return list;
  }
  if (type == "table") return read_table(d, v);
  if (type == "page-break") return model::PageBreak{};
  if (type == "section-break") return model::SectionBreak{enum_of(d, v, "next", kOrientations)};
  if (type == "contents") {
    return model::TableOfContents{d.text(v, "title"), bounded(d, v, "levels", 1, 9)};
  }
  if (!d.failed()) d.fail(*v.find("type"), "unknown block type '" + type + "'");
  return std::nullopt;
}

model::Blocks read_blocks(Decoder& d, const Value& array) {
  model::Blocks out;
  for (const Value& v : array.items) {
    if (v.kind != Value::Kind::Object) {
      d.fail(v, "a block should be an object");
      return {};
    }
    auto block = read_block(d, v);
    if (!block || d.failed()) return {};
    out.push_back(std::move(*block));
  }
  return out;
}

void read_images(Decoder& d, const Value& root, model::Document& doc) {
  for (const Value* v : d.items(root, "images", Value::Kind::Object)) {
    const std::string id = d.text(*v, "id");
    model::ImageData data;
    data.media_type = d.text(*v, "media_type");
    data.extension = d.text(*v, "extension");
    data.width_px = bounded(d, *v, "width_px", 0, kMaxPixels);
    data.height_px = bounded(d, *v, "height_px", 0, kMaxPixels);
    const std::string encoded = d.text(*v, "base64");
    if (d.failed()) return;
    try {
      std::istringstream in(encoded);
      Poco::Base64Decoder decoder(in);
      data.bytes.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
    } catch (const Poco::Exception&) {
      d.fail(*v->find("base64"), "the bytes of image '" + id + "' are not Base64");
      return;
    }
    if (!doc.images.emplace(id, std::move(data)).second) {
      d.fail(*v->find("id"), "image '" + id + "' appears twice");
      return;
    }
  }
}

}  // namespace

std::string to_json(const IssuedDocument& issued) {
  const model::Document& doc = issued.doc;
  Value root = json::object();
  root.add("format", json::string(std::string(kDocumentFormatName)));
  root.add("format_version", json::number(kDocumentFormatVersion));
  root.add("tool_version", json::string(TILLIT_VERSION));
  root.add("label", json::string(issued.label));
  root.add("lang", json::string(issued.lang));
  root.add("snapshot_sha256", json::string(issued.snapshot_digest));
  Value& meta = root.add("meta", json::object());
  for (const auto& f : kMetaFields) meta.add(f.key, json::string(doc.meta.*f.member));
  meta.add("revision_author", json::string(doc.meta.revision.author));
  meta.add("revision_date", json::string(doc.meta.revision.date));
  root.add("blocks", blocks_json(doc.blocks));
  Value& images = root.add("images", json::array());
  for (const auto& [id, data] : doc.images) {
    Value& v = images.push(json::object());
    v.add("id", json::string(id));
    v.add("media_type", json::string(data.media_type));
    v.add("extension", json::string(data.extension));
    v.add("width_px", json::number(data.width_px));
    v.add("height_px", json::number(data.height_px));
    v.add("base64", json::string(base64(data.bytes)));
  }
  // One line a block: a report of 5,000 controls fully indented is ten times the size.
  return json::write(root, 2);
}

std::optional<IssuedDocument> document_from_json(std::string_view text, const std::string& shown,
                                                 Diagnostics& diags) {
  Decoder d(shown, document_file(), diags);
  auto root = d.open(text);
  if (!root) return std::nullopt;
  IssuedDocument out;
  out.label = d.text(*root, "label");
  out.lang = d.text(*root, "lang");
  out.snapshot_digest = d.text(*root, "snapshot_sha256");
  if (const Value* meta = d.member(*root, "meta", Value::Kind::Object)) {
    for (const auto& f : kMetaFields) out.doc.meta.*f.member = d.text(*meta, f.key);
    out.doc.meta.revision.author = d.text(*meta, "revision_author");
    out.doc.meta.revision.date = d.text(*meta, "revision_date");
  }
  if (const Value* blocks = d.member(*root, "blocks", Value::Kind::Array)) {
    out.doc.blocks = read_blocks(d, *blocks);
  }
  read_images(d, *root, out.doc);
  if (d.failed()) return std::nullopt;
  return out;
}

}  // namespace tillit::history
