// The SANE calls that may block (device discovery, open, start, read) run on libuv's thread pool
// and settle a promise, so the JavaScript thread never waits on a scanner.
#pragma once

#include <napi.h>

namespace bitig_sane {

Napi::Value GetDevicesAsync(const Napi::CallbackInfo& info);  // (localOnly?) => Promise<Device[]>
Napi::Value OpenAsync(const Napi::CallbackInfo& info);        // (name) => Promise<handle>
Napi::Value StartAsync(const Napi::CallbackInfo& info);       // (handle) => Promise<void>
// (handle, onChunk(buffer), {chunkBytes?, flushMs?}) => Promise<{bytes}> settled at the end of the frame.
Napi::Value ReadAsync(const Napi::CallbackInfo& info);

}  // namespace bitig_sane
