// Option descriptors and values, converted between SANE's C types and JavaScript.
#pragma once

#include <napi.h>
#include <sane/sane.h>

namespace bitig_sane {

// All options of an open device (index 1 up; option 0 only holds the count), described.
Napi::Array DescribeOptions(Napi::Env env, SANE_Handle handle);

// An option by index (number) or by name (string). Throws when there is no such option.
SANE_Int ResolveOption(Napi::Env env, SANE_Handle handle, Napi::Value key, const SANE_Option_Descriptor** out);

// The current value: boolean, number, number[] (array options), string, or null (buttons).
Napi::Value ReadOption(Napi::Env env, SANE_Handle handle, SANE_Int index, const SANE_Option_Descriptor* d);

// Sets a value, or lets the backend choose one (auto), and returns {inexact, reloadOptions,
// reloadParams, value} where value is what the backend really kept.
Napi::Object WriteOption(Napi::Env env, SANE_Handle handle, SANE_Int index, const SANE_Option_Descriptor* d,
                         Napi::Value value);
Napi::Object WriteOptionAuto(Napi::Env env, SANE_Handle handle, SANE_Int index, const SANE_Option_Descriptor* d);

}  // namespace bitig_sane
