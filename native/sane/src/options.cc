#include "options.h"

#include <cstring>
#include <string>
#include <vector>

#include "status.h"

namespace bitig_sane {
namespace {

const char* TypeName(SANE_Value_Type type) {
  switch (type) {
    case SANE_TYPE_BOOL: return "bool";
    case SANE_TYPE_INT: return "int";
    case SANE_TYPE_FIXED: return "fixed";
    case SANE_TYPE_STRING: return "string";
    case SANE_TYPE_BUTTON: return "button";
    case SANE_TYPE_GROUP: return "group";
  }
  return "unknown";
}

const char* UnitName(SANE_Unit unit) {
  switch (unit) {
    case SANE_UNIT_NONE: return "none";
    case SANE_UNIT_PIXEL: return "pixel";
    case SANE_UNIT_BIT: return "bit";
    case SANE_UNIT_MM: return "mm";
    case SANE_UNIT_DPI: return "dpi";
    case SANE_UNIT_PERCENT: return "percent";
    case SANE_UNIT_MICROSECOND: return "microsecond";
  }
  return "unknown";
}

// Backends may leave name, title or desc NULL (groups often have no name).
Napi::String Text(Napi::Env env, const char* s) { return Napi::String::New(env, s ? s : ""); }

Napi::Value Word(Napi::Env env, SANE_Value_Type type, SANE_Word w) {
  if (type == SANE_TYPE_FIXED) return Napi::Number::New(env, SANE_UNFIX(w));
  if (type == SANE_TYPE_BOOL) return Napi::Boolean::New(env, w != SANE_FALSE);
  return Napi::Number::New(env, w);
}

// Words an option holds; bool, int and fixed options may be arrays (gamma tables).
size_t WordCount(const SANE_Option_Descriptor* d) {
  size_t n = static_cast<size_t>(d->size) / sizeof(SANE_Word);
  return n == 0 ? 1 : n;
}

bool IsWordType(SANE_Value_Type type) {
  return type == SANE_TYPE_BOOL || type == SANE_TYPE_INT || type == SANE_TYPE_FIXED;
}

Napi::Value Constraint(Napi::Env env, const SANE_Option_Descriptor* d) {
  Napi::Object c = Napi::Object::New(env);
  switch (d->constraint_type) {
    case SANE_CONSTRAINT_RANGE: {
      const SANE_Range* r = d->constraint.range;
      if (!r) return env.Null();
      c.Set("type", "range");
      c.Set("min", Word(env, d->type, r->min));
      c.Set("max", Word(env, d->type, r->max));
      c.Set("quant", Word(env, d->type, r->quant));
      return c;
    }
    case SANE_CONSTRAINT_WORD_LIST: {
      const SANE_Word* list = d->constraint.word_list;
      if (!list) return env.Null();
      // The first word is the number of words that follow.
      Napi::Array values = Napi::Array::New(env, static_cast<size_t>(list[0]));
      for (SANE_Word i = 0; i < list[0]; i++) values.Set(static_cast<uint32_t>(i), Word(env, d->type, list[i + 1]));
      c.Set("type", "wordList");
      c.Set("values", values);
      return c;
    }
    case SANE_CONSTRAINT_STRING_LIST: {
      const SANE_String_Const* list = d->constraint.string_list;
      if (!list) return env.Null();
      Napi::Array values = Napi::Array::New(env);
      for (uint32_t i = 0; list[i]; i++) values.Set(i, Text(env, list[i]));
      c.Set("type", "stringList");
      c.Set("values", values);
      return c;
    }
    case SANE_CONSTRAINT_NONE:
      break;
  }
  return env.Null();
}

Napi::Object Describe(Napi::Env env, const SANE_Option_Descriptor* d, SANE_Int index) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("index", index);
  o.Set("name", Text(env, d->name));
  o.Set("title", Text(env, d->title));
  o.Set("desc", Text(env, d->desc));
  o.Set("type", TypeName(d->type));
  o.Set("unit", UnitName(d->unit));
  o.Set("size", d->size);
  if (IsWordType(d->type)) o.Set("count", Napi::Number::New(env, static_cast<double>(WordCount(d))));

  SANE_Int cap = d->cap;
  Napi::Object caps = Napi::Object::New(env);
  caps.Set("softSelect", (cap & SANE_CAP_SOFT_SELECT) != 0);
  caps.Set("hardSelect", (cap & SANE_CAP_HARD_SELECT) != 0);
  caps.Set("softDetect", (cap & SANE_CAP_SOFT_DETECT) != 0);
  caps.Set("emulated", (cap & SANE_CAP_EMULATED) != 0);
  caps.Set("automatic", (cap & SANE_CAP_AUTOMATIC) != 0);
  caps.Set("inactive", (cap & SANE_CAP_INACTIVE) != 0);
  caps.Set("advanced", (cap & SANE_CAP_ADVANCED) != 0);
  o.Set("cap", caps);
  o.Set("active", SANE_OPTION_IS_ACTIVE(cap));
  o.Set("settable", SANE_OPTION_IS_SETTABLE(cap));
  o.Set("constraint", Constraint(env, d));
  return o;
}

SANE_Int OptionCount(Napi::Env env, SANE_Handle handle) {
  SANE_Int count = 0;
  SANE_Status status = sane_control_option(handle, 0, SANE_ACTION_GET_VALUE, &count, nullptr);
  if (status != SANE_STATUS_GOOD) throw SaneError(env, status, "sane_control_option(0)");
  return count;
}

// Room for the value plus a terminating NUL that a careless backend may not write.
std::vector<uint8_t> ValueBuffer(const SANE_Option_Descriptor* d) {
  size_t size = static_cast<size_t>(d->size > 0 ? d->size : 0);
  if (size < sizeof(SANE_Word)) size = sizeof(SANE_Word);
  return std::vector<uint8_t>(size + 1, 0);
}

Napi::Value DecodeValue(Napi::Env env, const SANE_Option_Descriptor* d, const std::vector<uint8_t>& buf) {
  if (d->type == SANE_TYPE_STRING) return Napi::String::New(env, reinterpret_cast<const char*>(buf.data()));
  if (!IsWordType(d->type)) return env.Null();
  const size_t count = WordCount(d);
  auto word = [&](size_t i) {
    SANE_Word w;
    std::memcpy(&w, buf.data() + i * sizeof(SANE_Word), sizeof(SANE_Word));
    return Word(env, d->type, w);
  };
  if (count == 1) return word(0);
  Napi::Array values = Napi::Array::New(env, count);
  for (size_t i = 0; i < count; i++) values.Set(static_cast<uint32_t>(i), word(i));
  return values;
}

SANE_Word EncodeWord(Napi::Env env, const SANE_Option_Descriptor* d, Napi::Value v) {
  if (d->type == SANE_TYPE_BOOL) {
    if (!v.IsBoolean()) throw Napi::TypeError::New(env, std::string("option ") + Text(env, d->name).Utf8Value() + " takes a boolean");
    return v.As<Napi::Boolean>().Value() ? SANE_TRUE : SANE_FALSE;
  }
  if (!v.IsNumber()) throw Napi::TypeError::New(env, std::string("option ") + Text(env, d->name).Utf8Value() + " takes a number");
  double n = v.As<Napi::Number>().DoubleValue();
  if (d->type == SANE_TYPE_FIXED) return SANE_FIX(n);
  return static_cast<SANE_Word>(n);
}

Napi::Object Info(Napi::Env env, SANE_Int info, Napi::Value value) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("inexact", (info & SANE_INFO_INEXACT) != 0);
  o.Set("reloadOptions", (info & SANE_INFO_RELOAD_OPTIONS) != 0);
  o.Set("reloadParams", (info & SANE_INFO_RELOAD_PARAMS) != 0);
  o.Set("value", value);
  return o;
}

std::string Label(const SANE_Option_Descriptor* d, SANE_Int index) {
  return d->name && *d->name ? std::string(d->name) : "#" + std::to_string(index);
}

}  // namespace

Napi::Array DescribeOptions(Napi::Env env, SANE_Handle handle) {
  SANE_Int count = OptionCount(env, handle);
  Napi::Array list = Napi::Array::New(env);
  uint32_t out = 0;
  for (SANE_Int i = 1; i < count; i++) {
    const SANE_Option_Descriptor* d = sane_get_option_descriptor(handle, i);
    if (d) list.Set(out++, Describe(env, d, i));
  }
  return list;
}

SANE_Int ResolveOption(Napi::Env env, SANE_Handle handle, Napi::Value key, const SANE_Option_Descriptor** out) {
  SANE_Int count = OptionCount(env, handle);
  if (key.IsNumber()) {
    SANE_Int index = key.As<Napi::Number>().Int32Value();
    const SANE_Option_Descriptor* d = index > 0 && index < count ? sane_get_option_descriptor(handle, index) : nullptr;
    if (!d) throw UsageError(env, "no_such_option", "no option #" + std::to_string(index));
    *out = d;
    return index;
  }
  if (!key.IsString()) throw Napi::TypeError::New(env, "an option is named by its index or its name");
  std::string name = key.As<Napi::String>().Utf8Value();
  for (SANE_Int i = 1; i < count; i++) {
    const SANE_Option_Descriptor* d = sane_get_option_descriptor(handle, i);
    if (d && d->name && name == d->name && d->type != SANE_TYPE_GROUP) {
      *out = d;
      return i;
    }
  }
  throw UsageError(env, "no_such_option", "the device has no option named '" + name + "'");
}

Napi::Value ReadOption(Napi::Env env, SANE_Handle handle, SANE_Int index, const SANE_Option_Descriptor* d) {
  if (d->type == SANE_TYPE_GROUP || d->type == SANE_TYPE_BUTTON) return env.Null();
  std::vector<uint8_t> buf = ValueBuffer(d);
  SANE_Status status = sane_control_option(handle, index, SANE_ACTION_GET_VALUE, buf.data(), nullptr);
  if (status != SANE_STATUS_GOOD) throw SaneError(env, status, "get option " + Label(d, index));
  return DecodeValue(env, d, buf);
}

Napi::Object WriteOption(Napi::Env env, SANE_Handle handle, SANE_Int index, const SANE_Option_Descriptor* d,
                         Napi::Value value) {
  if (d->type == SANE_TYPE_GROUP) throw UsageError(env, "invalid", "option " + Label(d, index) + " is a group heading");
  std::vector<uint8_t> buf = ValueBuffer(d);
  void* data = buf.data();
  if (d->type == SANE_TYPE_BUTTON) {
    data = nullptr;
  } else if (d->type == SANE_TYPE_STRING) {
    if (!value.IsString()) throw Napi::TypeError::New(env, "option " + Label(d, index) + " takes a string");
    std::string s = value.As<Napi::String>().Utf8Value();
    // d->size counts the terminating NUL.
    if (s.size() + 1 > static_cast<size_t>(d->size)) {
      throw UsageError(env, "invalid", "value too long for option " + Label(d, index));
    }
    std::memcpy(buf.data(), s.c_str(), s.size() + 1);
  } else {
    const size_t count = WordCount(d);
    std::vector<SANE_Word> words(count);
    if (value.IsArray()) {
      Napi::Array array = value.As<Napi::Array>();
      if (array.Length() != count) {
        throw UsageError(env, "invalid", "option " + Label(d, index) + " takes " + std::to_string(count) + " values");
      }
      for (uint32_t i = 0; i < count; i++) words[i] = EncodeWord(env, d, array.Get(i));
    } else {
      // One value for an array option fills every element, as scanimage does.
      SANE_Word w = EncodeWord(env, d, value);
      for (auto& slot : words) slot = w;
    }
    std::memcpy(buf.data(), words.data(), count * sizeof(SANE_Word));
  }
  SANE_Int info = 0;
  SANE_Status status = sane_control_option(handle, index, SANE_ACTION_SET_VALUE, data, &info);
  if (status != SANE_STATUS_GOOD) throw SaneError(env, status, "set option " + Label(d, index));
  return Info(env, info, d->type == SANE_TYPE_BUTTON ? env.Null() : DecodeValue(env, d, buf));
}

Napi::Object WriteOptionAuto(Napi::Env env, SANE_Handle handle, SANE_Int index, const SANE_Option_Descriptor* d) {
  SANE_Int info = 0;
  SANE_Status status = sane_control_option(handle, index, SANE_ACTION_SET_AUTO, nullptr, &info);
  if (status != SANE_STATUS_GOOD) throw SaneError(env, status, "set option " + Label(d, index) + " to auto");
  return Info(env, info, ReadOption(env, handle, index, d));
}

}  // namespace bitig_sane
