// Temp-and-rename behaviour, check_writable, and the Python (xarray/h5netcdf/h5py) reader check.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <random>

#include "sim/core/errors.hpp"
#include "sim/io/results.hpp"
#include "tests/io/io_test_support.hpp"

namespace cwb::io {
namespace {

using testing::sample_document;
using testing::ScratchDir;

TEST(ResultsFile, WritingIntoAMissingDirectoryThrowsAndLeavesNothing) {
  ScratchDir dir;
  const auto path = dir / "missing" / "results.h5";
  try {
    write_results(sample_document(), path);
    FAIL() << "no IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  EXPECT_TRUE(dir.entries().empty());
  EXPECT_THROW(check_writable(path), InputError);
  EXPECT_EQ(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL), 0);
}

TEST(ResultsFile, RenameFailureRemovesTheTemporaryFile) {
  // The target is a non-empty directory: the whole file gets written, then rename fails.
  ScratchDir dir;
  std::filesystem::create_directories(dir / "results.h5" / "inside");
  EXPECT_THROW(write_results(sample_document(), dir / "results.h5"), IoError);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"results.h5"});
  EXPECT_TRUE(std::filesystem::is_directory(dir / "results.h5"));
}

// A document of `megabytes` MiB of incompressible doubles.
ResultsDocument big_random_document(std::size_t megabytes) {
  const std::size_t n = megabytes * (std::size_t{1} << 20) / 8;
  std::mt19937_64 engine(42);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<double> values(n);
  for (auto& v : values)
    v = uniform(engine);
  std::vector<std::int64_t> index(n);
  for (std::size_t i = 0; i < n; ++i)
    index[i] = static_cast<std::int64_t>(i);
  ResultsDocument doc;
  doc.groups = {Group{"big",
                      {},
                      {Coordinate{"i", "index", "", std::move(index), {}}},
                      {Variable{"x", "noise", "1", {"i"}, std::move(values), {}}}}};
  return doc;
}

TEST(ResultsFile, DiskFullMidWriteLeavesNoFileUnderTheTargetName) {
  // A real I/O failure half-way through, without root-defeated permissions: in a child
  // process, cap the file size (RLIMIT_FSIZE) below what the document needs, so HDF5's
  // writes fail with EFBIG while datasets are being written or flushed.
  ScratchDir dir;
  const auto path = dir / "results.h5";
  const auto doc = big_random_document(8);
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{};
    ::getrlimit(RLIMIT_FSIZE, &limit);
    limit.rlim_cur = 1 << 20;
    ::setrlimit(RLIMIT_FSIZE, &limit);
    int code = 3;
    try {
      write_results(doc, path);
      code = 4;  // should not have succeeded
    } catch (const IoError& e) {
      const std::string message = e.what();
      code = message.find(path.string()) != std::string::npos ? 0 : 5;
      std::fprintf(stderr, "expected failure: %.300s\n", message.c_str());
    } catch (...) {
      code = 6;
    }
    ::_exit(code);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0)
      << "3 nothing thrown, 4 succeeded, 5 message without path, 6 other exception";
  EXPECT_TRUE(dir.entries().empty())
      << "left: " << (dir.entries().empty() ? "" : dir.entries().front());
}

TEST(ResultsFile, CheckWritable) {
  ScratchDir dir;
  EXPECT_NO_THROW(check_writable(dir / "results.h5"));
  EXPECT_TRUE(dir.entries().empty());  // the probe file is gone
  try {
    check_writable(dir / "nowhere" / "results.h5");
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos) << e.what();
  }
  EXPECT_THROW(check_writable(dir.path()), InputError);  // an existing directory
  std::filesystem::create_directories(dir / "sub");
  EXPECT_THROW(check_writable(dir / "sub"), InputError);
  EXPECT_THROW(check_writable(dir / "sub/"), InputError);
  // /proc/self is not writable even for root (EACCES/EROFS/ENOENT depending on the kernel).
  EXPECT_THROW(check_writable("/proc/self/results.h5"), InputError);
  if (::geteuid() != 0) {
    std::filesystem::create_directories(dir / "readonly");
    ::chmod((dir / "readonly").c_str(), 0555);
    EXPECT_THROW(check_writable(dir / "readonly" / "results.h5"), InputError);
    ::chmod((dir / "readonly").c_str(), 0755);
  }
}

// Runs `command`, returning its exit status and capturing stdout+stderr into `output`.
int run(const std::string& command, std::string& output) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
    output.append(buffer, n);
  const int status = ::pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ResultsFile, DebianXarrayReadsEveryGroupWithoutWarnings) {
  std::string output;
  if (run("/usr/bin/python3 -c 'import xarray, h5netcdf, h5py'", output) != 0) {
    GTEST_SKIP() << "/usr/bin/python3 lacks xarray/h5netcdf/h5py: " << output;
  }
  ScratchDir dir;
  const auto path = dir / "results.h5";
  write_results(sample_document(), path);
  output.clear();
  const std::string script = std::string(CWB_SOURCE_DIR) + "/tests/io/read_check.py";
  const int code = run("/usr/bin/python3 '" + script + "' '" + path.string() + "'", output);
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("OK 4 groups"), std::string::npos) << output;
}

}  // namespace
}  // namespace cwb::io
