// SANE status codes as typed JavaScript errors.
#pragma once

#include <napi.h>
#include <sane/sane.h>

#include <string>

namespace bitig_sane {

// "SANE_STATUS_JAMMED" for SANE_STATUS_JAMMED; "SANE_STATUS_UNKNOWN" for values SANE never defined.
const char* StatusName(SANE_Status status);

// The stable code JavaScript matches on ("jammed", "cover_open", "no_documents", ...). These strings
// are part of the addon's interface: they never change meaning.
const char* StatusCode(SANE_Status status);

// An Error whose message says which call failed and why, with `code`, `saneStatus` (the constant's
// name), `saneStatusValue` and `operation` set.
Napi::Error SaneError(Napi::Env env, SANE_Status status, const std::string& operation);

// An Error for misuse of the addon itself (a closed handle, SANE not initialised, ...).
Napi::Error UsageError(Napi::Env env, const char* code, const std::string& message);

// Every status SANE defines, for the table JavaScript tests check.
Napi::Array StatusTable(Napi::Env env);

}  // namespace bitig_sane
