#include "handle.h"

#include "status.h"

namespace bitig_sane {
namespace {

// Lets UnwrapHandle refuse externals that some other addon created.
constexpr napi_type_tag kHandleTag = {0x6b1f3c2a9d4e4f10ULL, 0xa2c45e7781b3d906ULL};

void FinalizeHandle(Napi::Env, DeviceHandle* device) {
  const Library& lib = State();
  // busy is always 0 here: a running worker holds a reference that keeps the handle alive.
  if (!device->closed && lib.initialized && device->generation == lib.generation) {
    sane_close(device->handle);
  }
  delete device;
}

}  // namespace

Library& State() {
  static Library library;
  return library;
}

void RequireInitialized(Napi::Env env) {
  if (!State().initialized) throw UsageError(env, "not_initialized", "SANE is not initialised: call init() first");
}

Napi::Value WrapHandle(Napi::Env env, SANE_Handle handle, const std::string& name) {
  auto* device = new DeviceHandle();
  device->handle = handle;
  device->generation = State().generation;
  device->name = name;
  auto external = Napi::External<DeviceHandle>::New(env, device, FinalizeHandle);
  external.TypeTag(&kHandleTag);
  return external;
}

DeviceHandle* UnwrapHandle(const Napi::CallbackInfo& info, size_t index) {
  Napi::Env env = info.Env();
  Napi::Value value = info[index];
  if (!value.IsExternal() || !value.As<Napi::External<DeviceHandle>>().CheckTypeTag(&kHandleTag)) {
    throw Napi::TypeError::New(env, "expected a SANE device handle from open()");
  }
  DeviceHandle* device = value.As<Napi::External<DeviceHandle>>().Data();
  if (device->closed) throw UsageError(env, "closed", "the device handle is closed");
  const Library& lib = State();
  if (!lib.initialized || device->generation != lib.generation) {
    throw UsageError(env, "closed", "SANE was shut down since this device was opened");
  }
  return device;
}

void RequireIdle(Napi::Env env, const DeviceHandle* device, const char* operation) {
  if (device->busy > 0) {
    throw UsageError(env, "busy",
                     std::string(operation) + ": the device is scanning; cancel() and wait for the read to end");
  }
}

}  // namespace bitig_sane
