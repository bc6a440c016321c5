// base/: what every folder may use and that is about none of them. Header-only; includes nothing
// of Lectern's.
//
// Result<T, E>: a value, or the error E saying why there is none. E is a typed error: an enum code
// plus the data needed to word it (a path, a line, the system's reason), never an English
// sentence built where the error happened, so the interface can word it in the learner's
// language and a tool can word it in English from the same code (os::FileError and
// os::Describe, for example). Result<T> (E = std::string) is kept for errors that only ever reach
// a log or a terminal. Status<E> / Status is Result<void, E>: success, or why not.
//
//   Result<std::filesystem::path, os::FileError> r = MoveAside(path, now);
//   if (!r) Show(r.error().code, r.error().path); else UsePath(*r);
#pragma once

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace lectern {

template <class T, class E = std::string>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}  // implicit: `return value;` succeeds
    static Result Fail(E error) {
        Result r;
        r.m_error = std::move(error);
        return r;
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    // Only when ok().
    const T& operator*() const { return *m_value; }
    T& operator*() { return *m_value; }
    const T* operator->() const { return &*m_value; }
    T* operator->() { return &*m_value; }
    // Only when !ok(): why.
    const E& error() const { return m_error; }
    // Result<T> only: the sentence (for a log or a terminal).
    template <class U = E, class = std::enable_if_t<std::is_same_v<U, std::string>>>
    const std::string& message() const { return m_error; }

private:
    Result() = default;
    std::optional<T> m_value;
    E m_error{};
};

template <class E>
class Result<void, E> {
public:
    static Result Ok() { return Result(true, {}); }
    static Result Fail(E error) { return Result(false, std::move(error)); }
    // A failure of another kind carried over as this one's (a Status<E> from a Result<T, E>).
    template <class T>
    static Result FailWith(const Result<T, E>& other) { return Fail(other.error()); }

    bool ok() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const E& error() const { return m_error; }
    template <class U = E, class = std::enable_if_t<std::is_same_v<U, std::string>>>
    const std::string& message() const { return m_error; }

private:
    Result(bool ok, E error) : m_ok(ok), m_error(std::move(error)) {}
    bool m_ok;
    E m_error;
};

template <class E = std::string>
using StatusOf = Result<void, E>;
using Status = Result<void>;

}  // namespace lectern
