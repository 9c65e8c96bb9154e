// Library state (sane_init / sane_exit) and device handles as type-tagged JavaScript externals.
#pragma once

#include <napi.h>
#include <sane/sane.h>

#include <string>

namespace bitig_sane {

// SANE is process-wide: one sane_init per process, so this state is too. Every field is touched on
// the JavaScript thread only; worker threads get copies of what they need.
struct Library {
  bool initialized = false;
  // Bumped by every sane_init, so handles opened before a sane_exit are recognised as dead.
  uint32_t generation = 0;
  // Asynchronous operations in flight; sane_exit under them would pull the backend away.
  int pending = 0;
  SANE_Int version_code = 0;
};

Library& State();

struct DeviceHandle {
  SANE_Handle handle = nullptr;
  uint32_t generation = 0;
  bool closed = false;
  // Asynchronous operations in flight on this handle (start, read).
  int busy = 0;
  std::string name;
};

// Throws unless SANE is initialised.
void RequireInitialized(Napi::Env env);

// Wraps a freshly opened SANE handle. If JavaScript drops it without close(), the garbage
// collector closes the device so the scanner is not left claimed.
Napi::Value WrapHandle(Napi::Env env, SANE_Handle handle, const std::string& name);

// The handle in argument `index`, checked to be ours, open, and from the current sane_init.
DeviceHandle* UnwrapHandle(const Napi::CallbackInfo& info, size_t index);

// Fails with a "busy" usage error while an asynchronous operation runs on the handle: SANE
// backends are not written for two threads in one handle at once.
void RequireIdle(Napi::Env env, const DeviceHandle* device, const char* operation);

}  // namespace bitig_sane
