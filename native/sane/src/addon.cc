// The module: lifecycle (init/exit), synchronous calls, and the exports table. The calls that can
// block on hardware are in workers.cc.
#include <napi.h>
#include <sane/sane.h>

#include <cstdlib>
#include <string>

#include "handle.h"
#include "options.h"
#include "status.h"
#include "workers.h"

namespace bitig_sane {
namespace {

Napi::Object VersionObject(Napi::Env env, SANE_Int code) {
  Napi::Object v = Napi::Object::New(env);
  v.Set("major", SANE_VERSION_MAJOR(code));
  v.Set("minor", SANE_VERSION_MINOR(code));
  v.Set("build", SANE_VERSION_BUILD(code));
  return v;
}

// init({configDir?}) → {major, minor, build}. SANE's dll backend reads SANE_CONFIG_DIR inside
// sane_init, so a private configuration must be in the environment before this call.
Napi::Value Init(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Library& lib = State();
  std::string config_dir;
  if (info.Length() > 0 && info[0].IsObject()) {
    Napi::Value dir = info[0].As<Napi::Object>().Get("configDir");
    if (dir.IsString()) config_dir = dir.As<Napi::String>().Utf8Value();
  }
  if (lib.initialized) {
    // A second configuration would be silently ignored by the already-loaded backends.
    if (!config_dir.empty()) {
      throw UsageError(env, "already_initialized", "SANE is already initialised; call exit() before changing configDir");
    }
    return VersionObject(env, lib.version_code);
  }
  if (!config_dir.empty()) setenv("SANE_CONFIG_DIR", config_dir.c_str(), 1);
  SANE_Int version = 0;
  SANE_Status status = sane_init(&version, nullptr);
  if (status != SANE_STATUS_GOOD) throw SaneError(env, status, "sane_init");
  lib.initialized = true;
  lib.generation++;
  lib.version_code = version;
  return VersionObject(env, version);
}

Napi::Value Exit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Library& lib = State();
  if (!lib.initialized) return env.Undefined();
  if (lib.pending > 0) throw UsageError(env, "busy", "exit: SANE operations are still running; cancel them first");
  // sane_exit closes every open handle; the generation check turns the old ones into "closed".
  sane_exit();
  lib.initialized = false;
  return env.Undefined();
}

Napi::Value IsInitialized(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), State().initialized); }

Napi::Value Close(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DeviceHandle* device = UnwrapHandle(info, 0);
  RequireIdle(env, device, "close");
  sane_close(device->handle);
  device->closed = true;
  return env.Undefined();
}

Napi::Value GetOptions(const Napi::CallbackInfo& info) {
  DeviceHandle* device = UnwrapHandle(info, 0);
  return DescribeOptions(info.Env(), device->handle);
}

Napi::Value GetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DeviceHandle* device = UnwrapHandle(info, 0);
  RequireIdle(env, device, "getOption");
  const SANE_Option_Descriptor* d = nullptr;
  SANE_Int index = ResolveOption(env, device->handle, info[1], &d);
  return ReadOption(env, device->handle, index, d);
}

Napi::Value SetOption(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DeviceHandle* device = UnwrapHandle(info, 0);
  RequireIdle(env, device, "setOption");
  const SANE_Option_Descriptor* d = nullptr;
  SANE_Int index = ResolveOption(env, device->handle, info[1], &d);
  return WriteOption(env, device->handle, index, d, info[2]);
}

Napi::Value SetOptionAuto(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DeviceHandle* device = UnwrapHandle(info, 0);
  RequireIdle(env, device, "setOptionAuto");
  const SANE_Option_Descriptor* d = nullptr;
  SANE_Int index = ResolveOption(env, device->handle, info[1], &d);
  return WriteOptionAuto(env, device->handle, index, d);
}

const char* FrameName(SANE_Frame frame) {
  switch (static_cast<int>(frame)) {
    case SANE_FRAME_GRAY: return "gray";
    case SANE_FRAME_RGB: return "rgb";
    case SANE_FRAME_RED: return "red";
    case SANE_FRAME_GREEN: return "green";
    case SANE_FRAME_BLUE: return "blue";
  }
  // Vendor extensions (JPEG, IR, ...) are passed through by number for JavaScript to refuse.
  return "other";
}

// Allowed while a read runs: SANE says parameters may be asked at any time.
Napi::Value GetParameters(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DeviceHandle* device = UnwrapHandle(info, 0);
  SANE_Parameters p;
  SANE_Status status = sane_get_parameters(device->handle, &p);
  if (status != SANE_STATUS_GOOD) throw SaneError(env, status, "sane_get_parameters");
  Napi::Object o = Napi::Object::New(env);
  o.Set("format", FrameName(p.format));
  o.Set("formatValue", static_cast<int>(p.format));
  o.Set("lastFrame", p.last_frame != SANE_FALSE);
  o.Set("bytesPerLine", p.bytes_per_line);
  o.Set("pixelsPerLine", p.pixels_per_line);
  // -1 when the height is not known in advance (hand scanners, some sheet-fed ones).
  o.Set("lines", p.lines);
  o.Set("depth", p.depth);
  return o;
}

// Allowed at any time, from any state: SANE requires sane_cancel to be safe while another thread
// is blocked in sane_read or sane_start, which then returns SANE_STATUS_CANCELLED.
Napi::Value Cancel(const Napi::CallbackInfo& info) {
  DeviceHandle* device = UnwrapHandle(info, 0);
  sane_cancel(device->handle);
  return info.Env().Undefined();
}

Napi::Value Statuses(const Napi::CallbackInfo& info) { return StatusTable(info.Env()); }

// The error the addon raises for a status, so tests can check every mapping without hardware.
Napi::Value ErrorForStatus(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "errorForStatus(status: number)");
  auto status = static_cast<SANE_Status>(info[0].As<Napi::Number>().Int32Value());
  return SaneError(env, status, "errorForStatus").Value();
}

// When the process (or an Electron renderer-less main) ends, release the scanners properly: some
// backends leave a USB device claimed otherwise.
void Cleanup(void*) {
  Library& lib = State();
  if (lib.initialized && lib.pending == 0) {
    sane_exit();
    lib.initialized = false;
  }
}

Napi::Object Module(Napi::Env env, Napi::Object exports) {
  napi_add_env_cleanup_hook(env, Cleanup, nullptr);
  exports.Set("init", Napi::Function::New(env, Init, "init"));
  exports.Set("exit", Napi::Function::New(env, Exit, "exit"));
  exports.Set("isInitialized", Napi::Function::New(env, IsInitialized, "isInitialized"));
  exports.Set("getDevices", Napi::Function::New(env, GetDevicesAsync, "getDevices"));
  exports.Set("open", Napi::Function::New(env, OpenAsync, "open"));
  exports.Set("close", Napi::Function::New(env, Close, "close"));
  exports.Set("getOptions", Napi::Function::New(env, GetOptions, "getOptions"));
  exports.Set("getOption", Napi::Function::New(env, GetOption, "getOption"));
  exports.Set("setOption", Napi::Function::New(env, SetOption, "setOption"));
  exports.Set("setOptionAuto", Napi::Function::New(env, SetOptionAuto, "setOptionAuto"));
  exports.Set("start", Napi::Function::New(env, StartAsync, "start"));
  exports.Set("getParameters", Napi::Function::New(env, GetParameters, "getParameters"));
  exports.Set("read", Napi::Function::New(env, ReadAsync, "read"));
  exports.Set("cancel", Napi::Function::New(env, Cancel, "cancel"));
  exports.Set("statuses", Napi::Function::New(env, Statuses, "statuses"));
  exports.Set("errorForStatus", Napi::Function::New(env, ErrorForStatus, "errorForStatus"));
  return exports;
}

}  // namespace
}  // namespace bitig_sane

// NODE_API_MODULE pastes the name into an identifier, so it cannot be namespace-qualified.
static Napi::Object InitSaneModule(Napi::Env env, Napi::Object exports) { return bitig_sane::Module(env, exports); }

NODE_API_MODULE(sane, InitSaneModule)
