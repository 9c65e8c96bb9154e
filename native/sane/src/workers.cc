#include "workers.h"

#include <sane/sane.h>

#include <chrono>
#include <string>
#include <vector>

#include "handle.h"
#include "status.h"

namespace bitig_sane {
namespace {

// Counts itself in Library::pending (and DeviceHandle::busy when it works on a device) from
// creation until it settles, so exit() and close() can refuse to pull SANE from under it.
class Pending {
 public:
  explicit Pending(Napi::Env env, const Napi::Value& handle = Napi::Value()) {
    State().pending++;
    if (!handle.IsEmpty() && handle.IsExternal()) {
      device_ = handle.As<Napi::External<DeviceHandle>>().Data();
      device_->busy++;
      // Keeps the handle from being collected (and closed) while a thread uses it.
      ref_ = Napi::Persistent(handle.As<Napi::External<DeviceHandle>>());
    }
    (void)env;
  }
  void Release() {
    if (released_) return;
    released_ = true;
    State().pending--;
    if (device_) device_->busy--;
    if (!ref_.IsEmpty()) ref_.Reset();
  }

 private:
  DeviceHandle* device_ = nullptr;
  Napi::Reference<Napi::External<DeviceHandle>> ref_;
  bool released_ = false;
};

// An AsyncWorker that settles a promise; failures carry the SANE status into a typed error.
class PromiseWorker : public Napi::AsyncWorker {
 public:
  PromiseWorker(Napi::Env env, const char* resource, std::string operation, const Napi::Value& handle = Napi::Value())
      : Napi::AsyncWorker(env, resource),
        deferred_(Napi::Promise::Deferred::New(env)),
        pending_(env, handle),
        operation_(std::move(operation)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Fail(SANE_Status status) {
    status_ = status;
    SetError(sane_strstatus(status));
  }
  virtual Napi::Value Result() { return Env().Undefined(); }

  void OnOK() override {
    pending_.Release();
    Napi::Value result = Result();
    deferred_.Resolve(result);
  }
  void OnError(const Napi::Error&) override {
    pending_.Release();
    deferred_.Reject(SaneError(Env(), status_, operation_).Value());
  }

  SANE_Status status_ = SANE_STATUS_GOOD;

 private:
  Napi::Promise::Deferred deferred_;
  Pending pending_;
  std::string operation_;
};

struct DeviceInfo {
  std::string name, vendor, model, type;
};

class DevicesWorker : public PromiseWorker {
 public:
  DevicesWorker(Napi::Env env, bool local_only)
      : PromiseWorker(env, "bitig:sane_get_devices", "sane_get_devices"), local_only_(local_only) {}

  void Execute() override {
    const SANE_Device** list = nullptr;
    SANE_Status status = sane_get_devices(&list, local_only_ ? SANE_TRUE : SANE_FALSE);
    if (status != SANE_STATUS_GOOD) return Fail(status);
    // The list belongs to SANE and lives only until the next call: copy it here, on this thread.
    for (size_t i = 0; list && list[i]; i++) {
      const SANE_Device* d = list[i];
      devices_.push_back({d->name ? d->name : "", d->vendor ? d->vendor : "", d->model ? d->model : "",
                          d->type ? d->type : ""});
    }
  }

 protected:
  Napi::Value Result() override {
    Napi::Env env = Env();
    Napi::Array out = Napi::Array::New(env, devices_.size());
    for (size_t i = 0; i < devices_.size(); i++) {
      Napi::Object o = Napi::Object::New(env);
      o.Set("name", devices_[i].name);
      o.Set("vendor", devices_[i].vendor);
      o.Set("model", devices_[i].model);
      o.Set("type", devices_[i].type);
      out.Set(static_cast<uint32_t>(i), o);
    }
    return out;
  }

 private:
  bool local_only_;
  std::vector<DeviceInfo> devices_;
};

class OpenWorker : public PromiseWorker {
 public:
  OpenWorker(Napi::Env env, std::string name)
      : PromiseWorker(env, "bitig:sane_open", "sane_open(" + name + ")"), name_(std::move(name)) {}

  void Execute() override {
    SANE_Status status = sane_open(name_.c_str(), &handle_);
    if (status != SANE_STATUS_GOOD) Fail(status);
  }

 protected:
  Napi::Value Result() override { return WrapHandle(Env(), handle_, name_); }

 private:
  std::string name_;
  SANE_Handle handle_ = nullptr;
};

class StartWorker : public PromiseWorker {
 public:
  StartWorker(Napi::Env env, const Napi::Value& handle, DeviceHandle* device)
      : PromiseWorker(env, "bitig:sane_start", "sane_start", handle), handle_(device->handle) {}

  void Execute() override {
    SANE_Status status = sane_start(handle_);
    if (status != SANE_STATUS_GOOD) Fail(status);
  }

 private:
  SANE_Handle handle_;
};

// Reads one frame until SANE_STATUS_EOF. Bytes travel to JavaScript through a queue, in chunks of
// at least chunk_bytes, or sooner when flush_ms pass (a slow scanner still shows progress).
class ReadWorker : public Napi::AsyncProgressQueueWorker<uint8_t> {
 public:
  ReadWorker(Napi::Env env, const Napi::Value& handle, DeviceHandle* device, Napi::Function on_chunk,
             size_t chunk_bytes, int flush_ms)
      : Napi::AsyncProgressQueueWorker<uint8_t>(env, "bitig:sane_read"),
        deferred_(Napi::Promise::Deferred::New(env)),
        pending_(env, handle),
        handle_(device->handle),
        on_chunk_(Napi::Persistent(on_chunk)),
        chunk_bytes_(chunk_bytes),
        flush_ms_(flush_ms) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute(const ExecutionProgress& progress) override {
    std::vector<uint8_t> buffer(chunk_bytes_);
    std::vector<uint8_t> batch;
    batch.reserve(chunk_bytes_);
    auto last_flush = std::chrono::steady_clock::now();
    auto flush = [&]() {
      if (!batch.empty()) progress.Send(batch.data(), batch.size());
      batch.clear();
      last_flush = std::chrono::steady_clock::now();
    };
    for (;;) {
      SANE_Int length = 0;
      SANE_Status status = sane_read(handle_, buffer.data(), static_cast<SANE_Int>(buffer.size()), &length);
      if (status == SANE_STATUS_EOF) break;
      if (status != SANE_STATUS_GOOD) {
        // Whatever arrived before the failure still reaches JavaScript before the rejection.
        flush();
        status_ = status;
        SetError(sane_strstatus(status));
        return;
      }
      if (length > 0) {
        batch.insert(batch.end(), buffer.begin(), buffer.begin() + length);
        bytes_ += static_cast<uint64_t>(length);
      }
      auto waited = std::chrono::steady_clock::now() - last_flush;
      if (batch.size() >= chunk_bytes_ || waited >= std::chrono::milliseconds(flush_ms_)) flush();
    }
    flush();
  }

  void OnProgress(const uint8_t* data, size_t count) override {
    if (!data || count == 0 || !callback_error_.IsEmpty()) return;
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    try {
      on_chunk_.Call({Napi::Buffer<uint8_t>::Copy(env, data, count)});
    } catch (const Napi::Error& e) {
      // A throwing callback must not crash the process: stop the scan and report its error.
      callback_error_ = Napi::Persistent(e.Value());
      sane_cancel(handle_);
    }
  }

  void OnOK() override {
    pending_.Release();
    Napi::Env env = Env();
    if (!callback_error_.IsEmpty()) return deferred_.Reject(callback_error_.Value());
    Napi::Object result = Napi::Object::New(env);
    result.Set("bytes", Napi::Number::New(env, static_cast<double>(bytes_)));
    deferred_.Resolve(result);
  }

  void OnError(const Napi::Error&) override {
    pending_.Release();
    if (!callback_error_.IsEmpty()) return deferred_.Reject(callback_error_.Value());
    deferred_.Reject(SaneError(Env(), status_, "sane_read").Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  Pending pending_;
  SANE_Handle handle_;
  Napi::FunctionReference on_chunk_;
  size_t chunk_bytes_;
  int flush_ms_;
  SANE_Status status_ = SANE_STATUS_GOOD;
  uint64_t bytes_ = 0;
  Napi::ObjectReference callback_error_;
};

}  // namespace

Napi::Value GetDevicesAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  RequireInitialized(env);
  bool local_only = info.Length() > 0 && info[0].IsBoolean() && info[0].As<Napi::Boolean>().Value();
  auto* worker = new DevicesWorker(env, local_only);
  worker->Queue();
  return worker->Promise();
}

Napi::Value OpenAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  RequireInitialized(env);
  if (info.Length() < 1 || !info[0].IsString()) throw Napi::TypeError::New(env, "open(name): name must be a string");
  auto* worker = new OpenWorker(env, info[0].As<Napi::String>().Utf8Value());
  worker->Queue();
  return worker->Promise();
}

Napi::Value StartAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DeviceHandle* device = UnwrapHandle(info, 0);
  RequireIdle(env, device, "start");
  auto* worker = new StartWorker(env, info[0], device);
  worker->Queue();
  return worker->Promise();
}

Napi::Value ReadAsync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  DeviceHandle* device = UnwrapHandle(info, 0);
  RequireIdle(env, device, "read");
  if (info.Length() < 2 || !info[1].IsFunction()) throw Napi::TypeError::New(env, "read(handle, onChunk): onChunk must be a function");
  size_t chunk_bytes = 256 * 1024;
  int flush_ms = 100;
  if (info.Length() > 2 && info[2].IsObject()) {
    Napi::Object opts = info[2].As<Napi::Object>();
    if (opts.Get("chunkBytes").IsNumber()) chunk_bytes = opts.Get("chunkBytes").As<Napi::Number>().Uint32Value();
    if (opts.Get("flushMs").IsNumber()) flush_ms = opts.Get("flushMs").As<Napi::Number>().Int32Value();
  }
  if (chunk_bytes < 1024) chunk_bytes = 1024;
  if (chunk_bytes > (1u << 24)) chunk_bytes = 1u << 24;
  if (flush_ms < 0) flush_ms = 0;
  auto* worker = new ReadWorker(env, info[0], device, info[1].As<Napi::Function>(), chunk_bytes, flush_ms);
  worker->Queue();
  return worker->Promise();
}

}  // namespace bitig_sane
