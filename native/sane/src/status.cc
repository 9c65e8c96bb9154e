#include "status.h"

namespace bitig_sane {
namespace {

struct StatusInfo {
  int value;
  const char* name;
  const char* code;
};

// sane.h reserves 12 (SANE_STATUS_WARMING_UP) and 13 (SANE_STATUS_HW_LOCKED) for later SANE
// versions inside `#if 0`; they are listed by value so a backend that returns them anyway still
// gets a meaningful code.
constexpr StatusInfo kStatuses[] = {
    {SANE_STATUS_GOOD, "SANE_STATUS_GOOD", "ok"},
    {SANE_STATUS_UNSUPPORTED, "SANE_STATUS_UNSUPPORTED", "unsupported"},
    {SANE_STATUS_CANCELLED, "SANE_STATUS_CANCELLED", "cancelled"},
    {SANE_STATUS_DEVICE_BUSY, "SANE_STATUS_DEVICE_BUSY", "device_busy"},
    {SANE_STATUS_INVAL, "SANE_STATUS_INVAL", "invalid"},
    {SANE_STATUS_EOF, "SANE_STATUS_EOF", "eof"},
    {SANE_STATUS_JAMMED, "SANE_STATUS_JAMMED", "jammed"},
    {SANE_STATUS_NO_DOCS, "SANE_STATUS_NO_DOCS", "no_documents"},
    {SANE_STATUS_COVER_OPEN, "SANE_STATUS_COVER_OPEN", "cover_open"},
    {SANE_STATUS_IO_ERROR, "SANE_STATUS_IO_ERROR", "io_error"},
    {SANE_STATUS_NO_MEM, "SANE_STATUS_NO_MEM", "no_memory"},
    {SANE_STATUS_ACCESS_DENIED, "SANE_STATUS_ACCESS_DENIED", "access_denied"},
    {12, "SANE_STATUS_WARMING_UP", "warming_up"},
    {13, "SANE_STATUS_HW_LOCKED", "hw_locked"},
};

const StatusInfo* Find(SANE_Status status) {
  for (const auto& info : kStatuses) {
    if (info.value == static_cast<int>(status)) return &info;
  }
  return nullptr;
}

}  // namespace

const char* StatusName(SANE_Status status) {
  const StatusInfo* info = Find(status);
  return info ? info->name : "SANE_STATUS_UNKNOWN";
}

const char* StatusCode(SANE_Status status) {
  const StatusInfo* info = Find(status);
  return info ? info->code : "unknown";
}

Napi::Error SaneError(Napi::Env env, SANE_Status status, const std::string& operation) {
  // sane_strstatus comes from libsane itself and knows every status, including ones added later.
  const char* text = sane_strstatus(status);
  Napi::Error error = Napi::Error::New(env, operation + ": " + (text ? text : StatusName(status)));
  error.Set("code", StatusCode(status));
  error.Set("saneStatus", StatusName(status));
  error.Set("saneStatusValue", Napi::Number::New(env, static_cast<int>(status)));
  error.Set("operation", operation);
  return error;
}

Napi::Error UsageError(Napi::Env env, const char* code, const std::string& message) {
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", code);
  return error;
}

Napi::Array StatusTable(Napi::Env env) {
  Napi::Array table = Napi::Array::New(env);
  uint32_t i = 0;
  for (const auto& info : kStatuses) {
    Napi::Object row = Napi::Object::New(env);
    row.Set("value", info.value);
    row.Set("name", info.name);
    row.Set("code", info.code);
    table.Set(i++, row);
  }
  return table;
}

}  // namespace bitig_sane
