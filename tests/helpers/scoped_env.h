// Sets an environment variable for one test and puts the old value back afterwards, on every
// system (through os::SetEnv: POSIX setenv has no counterpart of that name in Windows' C runtime).
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include "os/system.h"

namespace lectern::test {

class ScopedEnv {
public:
    // A null `value` removes the variable for the test.
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        os::SetEnv(name, value);
    }
    ~ScopedEnv() { os::SetEnv(m_name.c_str(), m_old ? m_old->c_str() : nullptr); }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string m_name;
    std::optional<std::string> m_old;
};

}  // namespace lectern::test
