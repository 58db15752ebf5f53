// RAII ownership of HDF5 identifiers and capture of the HDF5 error stack into cwb::IoError.
//
// Only io/*.cpp include this: the rest of the project never sees an hid_t.
#pragma once

#include <hdf5.h>

#include <string>
#include <utility>

namespace cwb::io::h5 {

/// Owns one HDF5 identifier and closes it with `Close` (H5Dclose, H5Sclose...) exactly once.
/// Destructors never throw: a failed close during unwinding is ignored, because the original
/// error is the one worth reporting. Use close() where a close failure matters (the file).
template <herr_t (*Close)(hid_t)> class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }

  /// Close now; returns Close's status (negative on failure). The handle is empty afterwards.
  herr_t close() {
    herr_t status = 0;
    if (id_ >= 0) status = Close(std::exchange(id_, H5I_INVALID_HID));
    return status;
  }

 private:
  void reset() {
    if (id_ >= 0) (void)Close(std::exchange(id_, H5I_INVALID_HID));
  }
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using Attribute = Handle<H5Aclose>;
using PropertyList = Handle<H5Pclose>;
using Object = Handle<H5Oclose>;  // a group or dataset opened by path with H5Oopen

/// Turns off HDF5's automatic printing of error stacks to stderr for its lifetime (on this
/// thread), restoring the previous handler afterwards: errors are reported through IoError.
class SilenceErrors {
 public:
  SilenceErrors();
  ~SilenceErrors();
  SilenceErrors(const SilenceErrors&) = delete;
  SilenceErrors& operator=(const SilenceErrors&) = delete;

 private:
  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
  bool saved_ = false;
};

/// The current thread's HDF5 error stack as text, innermost cause last ("" if empty).
/// Must be called right after the failing call: the next HDF5 call clears the stack.
std::string error_stack_text();

/// Throws cwb::IoError "<what>: <HDF5 error stack>".
[[noreturn]] void fail(const std::string& what);

/// Returns `id` if valid, otherwise throws IoError describing `what` failed.
hid_t check_id(hid_t id, const std::string& what);

/// Throws IoError if `status` is negative.
void check(herr_t status, const std::string& what);

/// Wrap a freshly created identifier: `auto g = own<Group>(H5Gcreate2(...), "create group")`.
template <typename H> H own(hid_t id, const std::string& what) { return H(check_id(id, what)); }

}  // namespace cwb::io::h5
