#include "ingest/zip_reader.h"

#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <unordered_map>
#include <utility>

namespace tillit::ingest {

namespace {

constexpr uint64_t kMiB = uint64_t{1} << 20;
constexpr uint64_t kGiB = uint64_t{1} << 30;

// "300 MiB", "1 GiB", "1.5 MiB", "1000 bytes": sizes as a user reads them.
std::string human_size(uint64_t bytes) {
  char buf[48];
  if (bytes >= kGiB && bytes % kGiB == 0) {
    std::snprintf(buf, sizeof buf, "%llu GiB", static_cast<unsigned long long>(bytes / kGiB));
  } else if (bytes >= kMiB && bytes % kMiB == 0) {
    std::snprintf(buf, sizeof buf, "%llu MiB", static_cast<unsigned long long>(bytes / kMiB));
  } else if (bytes >= kMiB) {
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / kMiB);
  } else {
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  }
  return buf;
}

// The key for the forgiving name lookup: ASCII lower case, '/' for '\'.
std::string loose_key(std::string_view name) {
  std::string key(name);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '\\') c = '/';
  }
  return key;
}

}  // namespace

struct ZipReader::Impl {
  std::string file;
  // libzip reads straight from these bytes, so they live (and never move) with the handle.
  std::string bytes;
  zip_t* archive = nullptr;
  ZipLimits limits;
  std::vector<std::string> names;
  std::vector<uint64_t> declared;  ///< Uncompressed size from the central directory.
  std::unordered_map<std::string, size_t> exact;
  std::unordered_map<std::string, size_t> loose;

  ~Impl() {
    if (archive) zip_discard(archive);
  }

  std::optional<size_t> find(std::string_view name) const {
    if (auto it = exact.find(std::string(name)); it != exact.end()) return it->second;
    if (auto it = loose.find(loose_key(name)); it != loose.end()) return it->second;
    return std::nullopt;
  }
};

ZipReader::ZipReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipReader::ZipReader(ZipReader&&) noexcept = default;
ZipReader& ZipReader::operator=(ZipReader&&) noexcept = default;
ZipReader::~ZipReader() = default;

std::optional<ZipReader> ZipReader::open(const std::string& shown, std::string bytes,
                                         Diagnostics& diags, const ZipLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->file = shown;
  impl->bytes = std::move(bytes);
  impl->limits = limits;
  const Location where{shown};

  if (impl->bytes.empty()) {
    // libzip would open zero bytes as an empty archive, but a zip file has at least its
    // end-of-central-directory record.
    diags.error(where, "corrupt-zip", "cannot read the zip archive: the file is empty",
                ExitCode::DataError);
    return std::nullopt;
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(impl->bytes.data(), impl->bytes.size(), 0, &error);
  if (source) {
    impl->archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!impl->archive) zip_source_free(source);  // on success the archive owns the source
  }
  if (!impl->archive) {
    diags.error(where, "corrupt-zip",
                std::string("cannot read the zip archive: it is truncated or corrupt (") +
                    zip_error_strerror(&error) + ")",
                ExitCode::DataError);
    zip_error_fini(&error);
    return std::nullopt;
  }
  zip_error_fini(&error);

  const zip_int64_t count = zip_get_num_entries(impl->archive, 0);
  if (count < 0 || static_cast<uint64_t>(count) > limits.max_entries) {
    diags.error(where, "zip-too-large",
                "the zip archive has " + std::to_string(count) + " entries, more than the " +
                    std::to_string(limits.max_entries) + " allowed",
                ExitCode::DataError);
    return std::nullopt;
  }

  const auto n = static_cast<size_t>(count);
  impl->names.reserve(n);
  impl->declared.reserve(n);
  uint64_t total = 0;
  for (size_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(impl->archive, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) ||
        !(st.valid & ZIP_STAT_SIZE)) {
      diags.error(where, "corrupt-zip",
                  "cannot read the zip archive: entry " + std::to_string(i + 1) + " is corrupt (" +
                      zip_strerror(impl->archive) + ")",
                  ExitCode::DataError);
      return std::nullopt;
    }
    // Saturating: declared sizes come from the archive and may be absurd on purpose.
    const uint64_t past_limit = limits.max_total_bytes + 1;
    total = std::min(total + std::min(st.size, past_limit), past_limit);
    impl->names.emplace_back(st.name);
    impl->declared.push_back(st.size);
    impl->exact.emplace(impl->names.back(), i);  // the first of duplicate names wins
    impl->loose.emplace(loose_key(impl->names.back()), i);
  }
  if (total > limits.max_total_bytes) {
    diags.error(where, "zip-too-large",
                "the zip archive unpacks to more than the " + human_size(limits.max_total_bytes) +
                    " allowed",
                ExitCode::DataError);
    return std::nullopt;
  }
  return ZipReader(std::move(impl));
}

const std::string& ZipReader::file() const { return impl_->file; }

const std::vector<std::string>& ZipReader::names() const { return impl_->names; }

bool ZipReader::contains(std::string_view name) const { return impl_->find(name).has_value(); }

std::optional<std::string> ZipReader::read(std::string_view name, Diagnostics& diags) const {
  const auto index = impl_->find(name);
  if (!index) return std::nullopt;
  const Location where{impl_->file};
  const std::string& entry = impl_->names[*index];
  const uint64_t limit = impl_->limits.max_entry_bytes;
  const uint64_t declared = impl_->declared[*index];
  if (declared > limit) {
    diags.error(where, "zip-too-large",
                "zip entry " + entry + " unpacks to " + human_size(declared) + ", more than the " +
                    human_size(limit) + " allowed for one entry",
                ExitCode::DataError);
    return std::nullopt;
  }

  zip_file_t* zf = zip_fopen_index(impl_->archive, *index, 0);
  if (!zf) {
    diags.error(where, "corrupt-zip",
                "cannot read zip entry " + entry + ": " + zip_strerror(impl_->archive),
                ExitCode::DataError);
    return std::nullopt;
  }
  std::string out;
  // A header may declare more than the entry holds: reserve little and let growth do the rest.
  out.reserve(static_cast<size_t>(std::min<uint64_t>(declared, 16 * kMiB)));
  char chunk[64 * 1024];
  std::string failure;
  for (;;) {
    const zip_int64_t got = zip_fread(zf, chunk, sizeof chunk);
    if (got < 0) {
      failure = "cannot read zip entry " + entry + ": " + zip_file_strerror(zf);
      break;
    }
    if (got == 0) break;
    // libzip compares sizes only at the end; stop at the first chunk past the declared size
    // instead of inflating all of a bomb.
    if (out.size() + static_cast<uint64_t>(got) > declared) {
      failure = "zip entry " + entry + " unpacks to more than the " + human_size(declared) +
                " its header declares: the archive is corrupt or a zip bomb";
      break;
    }
    out.append(chunk, static_cast<size_t>(got));
  }
  zip_fclose(zf);
  if (!failure.empty()) {
    diags.error(where, "corrupt-zip", std::move(failure), ExitCode::DataError);
    return std::nullopt;
  }
  return out;
}

}  // namespace tillit::ingest
