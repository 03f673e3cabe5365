#include "build/fingerprint.h"

#include <sys/stat.h>

#include <type_traits>

#include "support/embedded.h"
#include "support/hash.h"

namespace tillit::build {

namespace {

// Every alternative of the model's variants is fed with a tag first, so a paragraph and a
// heading with the same text differ.
class DocumentHasher {
 public:
  explicit DocumentHasher(Hasher& h) : h_(h) {}

  void blocks(const model::Blocks& bs) {
    h_.add(static_cast<std::int64_t>(bs.size()));
    for (const auto& b : bs) block(b);
  }

  void inlines(const model::Inlines& is) {
    h_.add(static_cast<std::int64_t>(is.size()));
    for (const auto& i : is) std::visit([&](const auto& v) { inline_(v); }, i);
  }

 private:
  void tag(std::string_view t) { h_.add(t); }
  void add(int n) { h_.add(static_cast<std::int64_t>(n)); }
  void change(model::Change c) { add(static_cast<int>(c)); }

  void block(const model::Block& b) {
    std::visit([&](const auto& v) { block_(v); }, b.value);
  }
  void block_(const model::Heading& x) {
    tag("heading");
    add(x.level);
    inlines(x.content);
    h_.add(x.bookmark).add(x.in_toc);
    change(x.change);
  }
  void block_(const model::Paragraph& x) {
    tag("para");
    inlines(x.content);
    add(static_cast<int>(x.role));
    h_.add(x.keep_with_next);
    change(x.change);
  }
  void block_(const model::List& x) {
    tag("list");
    h_.add(x.ordered);
    add(static_cast<int>(x.items.size()));
    for (const auto& item : x.items) blocks(item);
  }
  void block_(const model::Table& x) {
    tag("table");
    add(static_cast<int>(x.widths.size()));
    for (double w : x.widths) h_.add(w);
    add(x.header_rows);
    add(static_cast<int>(x.role));
    inlines(x.caption);
    add(static_cast<int>(x.rows.size()));
    for (const auto& row : x.rows) {
      h_.add(row.cant_split);
      change(row.change);
      add(static_cast<int>(row.cells.size()));
      for (const auto& cell : row.cells) {
        blocks(cell.content);
        add(cell.col_span);
        add(cell.row_span);
        h_.add(cell.shaded);
      }
    }
  }
  void block_(const model::PageBreak&) { tag("page-break"); }
  void block_(const model::SectionBreak& x) {
    tag("section-break");
    add(static_cast<int>(x.next));
  }
  void block_(const model::TableOfContents& x) {
    tag("toc");
    h_.add(x.title);
    add(x.levels);
  }

  void run(const model::Run& r) {
    h_.add(r.text);
    add(static_cast<int>(r.style));
    change(r.change);
  }
  void inline_(const model::Run& x) {
    tag("run");
    run(x);
  }
  void inline_(const model::Link& x) {
    tag("link");
    add(static_cast<int>(x.content.size()));
    for (const auto& r : x.content) run(r);
    h_.add(x.target);
    change(x.change);
  }
  void inline_(const model::LineBreak& x) {
    tag("br");
    change(x.change);
  }
  void inline_(const model::Field& x) {
    tag("field");
    add(static_cast<int>(x.kind));
    change(x.change);
  }
  void inline_(const model::Image& x) {
    tag("image");
    h_.add(x.id).add(x.alt).add(x.width_cm).add(x.height_cm);
    change(x.change);
  }
  void inline_(const std::shared_ptr<model::Note>& x) {
    tag("note");
    if (!x) return;
    blocks(x->content);
    change(x->change);
  }

  Hasher& h_;
};

}  // namespace

std::string fingerprint(const model::Document& doc) {
  Hasher h;
  const auto& m = doc.meta;
  for (const auto* field : {&m.title, &m.subtitle, &m.subject, &m.author, &m.description,
                            &m.keywords, &m.language, &m.date, &m.watermark, &m.header_text,
                            &m.page_label_before, &m.page_label_between,
                            &m.revision.author, &m.revision.date}) {
    h.add(*field);
  }
  DocumentHasher(h).blocks(doc.blocks);
  h.add(static_cast<std::int64_t>(doc.images.size()));
  for (const auto& [id, image] : doc.images) {
    h.add(id).add(image.bytes).add(image.media_type).add(image.extension);
    h.add(static_cast<std::int64_t>(image.width_px)).add(static_cast<std::int64_t>(image.height_px));
  }
  return h.hex();
}

std::string fingerprint(const render::docx::ReferenceDoc& ref) {
  Hasher h;
  for (const auto& [name, bytes] : ref.parts) h.add(name).add(bytes);
  return h.hex();
}

std::string tool_fingerprint() {
  static const std::string computed = [] {
    Hasher h;
    h.add(std::string_view(TILLIT_VERSION));
    for (const auto& file : embedded_files()) h.add(file.path).add(file.bytes);
    // The executable's size and time: during development the version stays the same while
    // the code changes, and a changed writer must not leave old outputs standing.
    struct stat st;
    if (::stat("/proc/self/exe", &st) == 0) {
      h.add(static_cast<std::int64_t>(st.st_size));
      h.add(static_cast<std::int64_t>(st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec));
    }
    return h.hex();
  }();
  return computed;
}

}  // namespace tillit::build
