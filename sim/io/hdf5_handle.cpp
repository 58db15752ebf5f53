// HDF5 error-stack capture (H5Ewalk2) and the silencing of HDF5's automatic error printing.
#include "sim/io/hdf5_handle.hpp"

#include "sim/core/errors.hpp"

namespace cwb::io::h5 {

SilenceErrors::SilenceErrors() {
  if (H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_) >= 0) saved_ = true;
  (void)H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

SilenceErrors::~SilenceErrors() {
  if (saved_) (void)H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_);
}

namespace {

std::string message_text(hid_t msg_id) {
  if (msg_id < 0) return {};
  char buffer[256] = {};
  H5E_type_t type{};
  if (H5Eget_msg(msg_id, &type, buffer, sizeof buffer) < 0) return {};
  return buffer;
}

herr_t append_entry(unsigned n, const H5E_error2_t* err, void* client_data) {
  auto& text = *static_cast<std::string*>(client_data);
  text += n == 0 ? "" : "; ";
  text += err->func_name != nullptr ? err->func_name : "?";
  text += "(): ";
  text += err->desc != nullptr && err->desc[0] != '\0' ? err->desc : "error";
  // Major/minor messages name the category ("File accessibility", "Unable to open file"):
  // often the only hint an academic needs (permissions, disk full, not an HDF5 file).
  const std::string major = message_text(err->maj_num);
  const std::string minor = message_text(err->min_num);
  if (!major.empty() || !minor.empty())
    text += " [" + major + (minor.empty() ? "" : ": " + minor) + "]";
  return 0;
}

}  // namespace

std::string error_stack_text() {
  std::string text;
  // Copy the stack first: H5Eget_msg inside the walk would otherwise clear the default stack.
  const hid_t stack = H5Eget_current_stack();
  if (stack < 0) return text;
  (void)H5Ewalk2(stack, H5E_WALK_DOWNWARD, append_entry, &text);
  (void)H5Eclose_stack(stack);
  return text;
}

void fail(const std::string& what) {
  const std::string stack = error_stack_text();
  throw IoError(stack.empty() ? what : what + ": " + stack);
}

hid_t check_id(hid_t id, const std::string& what) {
  if (id < 0) fail(what);
  return id;
}

void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

}  // namespace cwb::io::h5
