// base/: what every folder may use and that is about none of them. Header-only; includes nothing
// of Lectern's.
//
// Result<T>: a value, or a sentence saying why there is none, for operations whose callers only
// tell success from failure and show or log the reason (a file written, a folder made). Where a
// caller must act differently on different failures, the failure stays a typed `enum class`
// beside the message instead (StoreError in progress_store.h, PinHashError in pin.h,
// ReadResult::Status in os/files.h): those are not Results. Status is Result<void>: success, or
// why not.
//
//   Result<std::string> r = MoveAside(path, now);
//   if (!r) Report(r.message()); else UsePath(*r);
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace lectern {

template <class T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}  // implicit: `return value;` succeeds
    // The failure: `message` says what failed and where (the path, the system's reason).
    static Result Fail(std::string message) {
        Result r;
        r.m_message = std::move(message);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    // Only when ok().
    const T& operator*() const { return *m_value; }
    T& operator*() { return *m_value; }
    const T* operator->() const { return &*m_value; }
    // Only when !ok(): why.
    const std::string& message() const { return m_message; }

private:
    Result() = default;
    std::optional<T> m_value;
    std::string m_message;
};

template <>
class Result<void> {
public:
    static Result Ok() { return Result(true, {}); }
    static Result Fail(std::string message) { return Result(false, std::move(message)); }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const std::string& message() const { return m_message; }

private:
    Result(bool ok, std::string message) : m_ok(ok), m_message(std::move(message)) {}
    bool m_ok;
    std::string m_message;
};

using Status = Result<void>;

}  // namespace lectern
