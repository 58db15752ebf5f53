// Round trip, HDF5 layout and validation tests for write_results / read_results.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <fstream>

#include "sim/core/errors.hpp"
#include "sim/io/results.hpp"
#include "sim/io/results_layout.hpp"
#include "tests/io/io_test_support.hpp"

namespace cwb::io {
namespace {

using testing::sample_document;
using testing::ScratchDir;

// Number of HDF5 objects (files, groups, datasets...) still open anywhere in the process.
ssize_t open_hdf5_objects() { return H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL); }

TEST(ResultsRoundTrip, ReadBackEqualsWhatWasWritten) {
  ScratchDir dir;
  const auto doc = sample_document();
  const auto path = dir / "results.h5";
  write_results(doc, path);
  EXPECT_EQ(open_hdf5_objects(), 0);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"results.h5"});  // no temporary left

  const auto back = read_results(path);
  EXPECT_EQ(open_hdf5_objects(), 0);
  ASSERT_EQ(back.groups.size(), doc.groups.size());
  EXPECT_EQ(back.root_attributes, doc.root_attributes);
  for (std::size_t g = 0; g < doc.groups.size(); ++g) {
    SCOPED_TRACE("group '" + doc.groups[g].name + "'");
    EXPECT_EQ(back.groups[g].name, doc.groups[g].name);
    EXPECT_EQ(back.groups[g].attributes, doc.groups[g].attributes);
    EXPECT_EQ(back.groups[g].coordinates, doc.groups[g].coordinates);
    ASSERT_EQ(back.groups[g].variables.size(), doc.groups[g].variables.size());
    for (std::size_t v = 0; v < doc.groups[g].variables.size(); ++v) {
      EXPECT_EQ(back.groups[g].variables[v], doc.groups[g].variables[v])
          << doc.groups[g].variables[v].name;
    }
  }
  EXPECT_EQ(back, doc);
}

TEST(ResultsRoundTrip, ReplacesAnExistingFileWhole) {
  ScratchDir dir;
  const auto path = dir / "results.h5";
  write_results(sample_document(), path);
  ResultsDocument small;
  small.root_attributes = {{"title", std::string("second")}};
  write_results(small, path);
  EXPECT_EQ(read_results(path), small);
}

// Layout facts read straight from the file with the HDF5 C API.
struct DatasetFacts {
  H5D_layout_t layout = H5D_LAYOUT_ERROR;
  int filters = -1;
  std::vector<hsize_t> chunk, shape, max_shape;
  bool is_scale = false;
};

DatasetFacts facts(const std::filesystem::path& file_path, const std::string& dataset_path) {
  DatasetFacts f;
  const hid_t file = H5Fopen(file_path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t dataset = H5Dopen2(file, dataset_path.c_str(), H5P_DEFAULT);
  const hid_t dcpl = H5Dget_create_plist(dataset);
  const hid_t space = H5Dget_space(dataset);
  f.layout = H5Pget_layout(dcpl);
  f.filters = H5Pget_nfilters(dcpl);
  const int rank = H5Sget_simple_extent_ndims(space);
  f.shape.resize(rank);
  f.max_shape.resize(rank);
  H5Sget_simple_extent_dims(space, f.shape.data(), f.max_shape.data());
  if (f.layout == H5D_CHUNKED) {
    f.chunk.resize(rank);
    H5Pget_chunk(dcpl, rank, f.chunk.data());
  }
  f.is_scale = H5DSis_scale(dataset) > 0;
  H5Sclose(space);
  H5Pclose(dcpl);
  H5Dclose(dataset);
  H5Fclose(file);
  return f;
}

TEST(ResultsLayout, ChunkedCompressedNumbersContiguousStringsUnlimitedEmptyAxes) {
  ScratchDir dir;
  const auto path = dir / "results.h5";
  write_results(sample_document(), path);

  const auto income = facts(path, "/indicators/local_income");
  EXPECT_EQ(income.layout, H5D_CHUNKED);
  EXPECT_EQ(income.filters, 2);                                    // shuffle + deflate
  EXPECT_EQ(income.chunk, (std::vector<hsize_t>{2, 3, 5, 4, 2}));  // small: one chunk
  EXPECT_FALSE(income.is_scale);

  const auto zone = facts(path, "/indicators/zone");
  EXPECT_TRUE(zone.is_scale);
  EXPECT_EQ(zone.layout, H5D_CONTIGUOUS);
  EXPECT_EQ(zone.filters, 0);

  const auto yaml = facts(path, "/scenario_yaml");
  EXPECT_TRUE(yaml.shape.empty());
  EXPECT_NE(yaml.layout, H5D_CHUNKED);

  const auto person = facts(path, "/snapshot_persons/person");
  EXPECT_TRUE(person.is_scale);
  EXPECT_EQ(person.shape, std::vector<hsize_t>{0});
  EXPECT_EQ(person.max_shape, std::vector<hsize_t>{H5S_UNLIMITED});
  const auto zone_person = facts(path, "/snapshot_persons/zone_person");
  EXPECT_EQ(zone_person.max_shape, (std::vector<hsize_t>{4, H5S_UNLIMITED}));
}

TEST(ResultsLayout, LargeDatasetsGetChunksBetweenHalfAndOneMebibyte) {
  ScratchDir dir;
  ResultsDocument doc;
  Group g{"big", {}, {}, {}};
  std::vector<std::int64_t> a(300), b(200), c(12);
  for (std::size_t i = 0; i < a.size(); ++i)
    a[i] = static_cast<std::int64_t>(i);
  for (std::size_t i = 0; i < b.size(); ++i)
    b[i] = static_cast<std::int64_t>(i);
  for (std::size_t i = 0; i < c.size(); ++i)
    c[i] = static_cast<std::int64_t>(i);
  g.coordinates = {Coordinate{"a", "", "", a, {}}, Coordinate{"b", "", "", b, {}},
                   Coordinate{"c", "", "", c, {}}};
  g.variables = {
      Variable{"x", "x", "1", {"a", "b", "c"}, std::vector<double>(300 * 200 * 12, 1.0), {}}};
  doc.groups = {g};
  write_results(doc, dir / "big.h5");
  const auto x = facts(dir / "big.h5", "/big/x");
  ASSERT_EQ(x.chunk.size(), 3u);
  const hsize_t bytes = x.chunk[0] * x.chunk[1] * x.chunk[2] * 8;
  EXPECT_LE(bytes, kChunkTargetBytes);
  EXPECT_GT(bytes, kChunkTargetBytes / 2);
  EXPECT_EQ(x.chunk[2], 12u);  // trailing axes kept whole
  EXPECT_EQ(x.chunk[1], 200u);
}

TEST(ResultsLayout, ChunkShapeShrinksLeadingAxesFirst) {
  EXPECT_EQ(chunk_shape({3, 100, 120, 50, 10}, 8), (std::vector<std::uint64_t>{1, 2, 120, 50, 10}));
  EXPECT_EQ(chunk_shape({10, 10}, 8), (std::vector<std::uint64_t>{10, 10}));
  EXPECT_EQ(chunk_shape({1, 1 << 22}, 8), (std::vector<std::uint64_t>{1, 1 << 17}));
  EXPECT_EQ(chunk_shape({0, 5}, 8), (std::vector<std::uint64_t>{1, 5}));
}

TEST(ResultsValidation, InconsistentDocumentsThrowInternalErrorBeforeAnyFileExists) {
  ScratchDir dir;
  const auto path = dir / "results.h5";
  const auto expect_invalid = [&](const ResultsDocument& doc, const std::string& fragment) {
    try {
      write_results(doc, path);
      ADD_FAILURE() << "no InternalError for: " << fragment;
    } catch (const InternalError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
    EXPECT_TRUE(dir.entries().empty());
  };

  auto doc = sample_document();
  doc.groups[1].variables[0].dims[4] = "nowhere";
  expect_invalid(doc, "'nowhere'");

  doc = sample_document();
  doc.groups[1].variables[1].values = std::vector<std::int64_t>{1, 2, 3};
  expect_invalid(doc, "has 3 values");

  doc = sample_document();
  doc.groups[2].coordinates.push_back(doc.groups[2].coordinates[0]);
  expect_invalid(doc, "coordinate 'scenario' appears twice");

  doc = sample_document();
  doc.groups[1].variables[0].attributes.emplace_back("units", std::string("EUR"));
  expect_invalid(doc, "attribute 'units'");

  doc = sample_document();
  doc.groups[3].name = "sam";
  expect_invalid(doc, "group 'sam'");

  doc = sample_document();
  doc.groups[0].variables[0].values = std::vector<std::string>{};
  expect_invalid(doc, "has 0 values");
}

TEST(ResultsErrors, ReadingSomethingThatIsNotHdf5GivesTheHdf5ErrorText) {
  ScratchDir dir;
  const auto path = dir / "not_hdf5.h5";
  std::ofstream(path) << "hello\n";
  try {
    (void)read_results(path);
    FAIL() << "no IoError";
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << message;
    EXPECT_NE(message.find("H5Fopen"), std::string::npos) << message;  // from the error stack
  }
  EXPECT_EQ(open_hdf5_objects(), 0);
  EXPECT_THROW((void)read_results(dir / "missing.h5"), IoError);
}

}  // namespace
}  // namespace cwb::io
