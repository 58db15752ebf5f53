// HDF5-free planning of a results file: document validation, group merging and chunk layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/results.hpp"

namespace cwb::io {

/// gzip level for numeric datasets: level 4 is most of level 9's ratio at a fraction of the time.
inline constexpr unsigned kDeflateLevel = 4;

/// Upper bound on the bytes in one chunk; chunks are between half this and this whenever a
/// dataset is larger (readers decompress whole chunks: much bigger hurts partial reads).
inline constexpr std::size_t kChunkTargetBytes = std::size_t{1} << 20;

/// Marks an unlimited axis (H5S_UNLIMITED without including hdf5.h).
inline constexpr std::uint64_t kUnlimited = ~std::uint64_t{0};

/// How one dataset is stored.
struct DatasetLayout {
  std::vector<std::uint64_t> max_shape;  // per axis; kUnlimited for zero-length axes
  std::vector<std::uint64_t> chunk;      // empty = contiguous
  bool compress = false;                 // shuffle + deflate
};

/// The layout for a dataset of `shape` with `element_size`-byte elements (0 = variable-length
/// string). Scalars: contiguous. Zero-length axes: unlimited (netCDF's only way to express a
/// length-0 dimension), hence chunked, but nothing to compress. Strings: contiguous and
/// unfiltered, because filters would only see heap pointers and netCDF-C >= 4.9 hides
/// filtered variable-length variables. Numbers: chunked with shuffle + deflate.
DatasetLayout choose_layout(const std::vector<std::uint64_t>& shape, std::size_t element_size);

/// Chunk dimensions for a non-empty numeric dataset: the whole dataset when it fits in
/// kChunkTargetBytes, otherwise leading axes halved first so that the fastest-varying
/// (trailing) axes stay contiguous within a chunk.
std::vector<std::uint64_t> chunk_shape(const std::vector<std::uint64_t>& shape,
                                       std::size_t element_size);

/// Number of elements in a Values.
std::size_t value_count(const Values& values);

/// One HDF5 group to write: every Group named "" is merged into the root view (first), whose
/// attributes start with the document's root attributes.
struct GroupView {
  std::string name;
  std::vector<const Attributes*> attributes;
  std::vector<const Coordinate*> coordinates;
  std::vector<const Variable*> variables;
};

/// The groups of `doc` as they will be written (views point into `doc`).
std::vector<GroupView> group_views(const ResultsDocument& doc);

/// Throws cwb::InternalError describing the first inconsistency: empty, duplicate or '/'-
/// containing names; reserved or duplicate attribute names; a variable dimension that is not
/// a coordinate of its group; a value count that is not the product of the dimension lengths.
void validate(const std::vector<GroupView>& views);

}  // namespace cwb::io
