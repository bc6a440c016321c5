// Course files written inline by the loader's tests.
#pragma once

#include <string>

namespace lectern::test {

// A module with one lesson and one page whose content is `body`: body starts on line 4 of the
// file, so a test that puts a fault on body's first line expects line 4.
inline std::string ModuleXml(const std::string& body) {
    return "<module id=\"m\" title=\"M\">\n"
           "  <lesson id=\"l\" title=\"L\">\n"
           "    <page id=\"p\" title=\"P\">\n" +
           body +
           "\n    </page>\n"
           "  </lesson>\n"
           "</module>\n";
}

}  // namespace lectern::test
