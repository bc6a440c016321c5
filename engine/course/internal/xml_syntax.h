// Where an XML file first stops being well-formed, in words an author can act on, with the line
// and the column (in characters). tinyxml2 reports "mismatched end tag (XMLElement
// name=strong)" and a line only; the loader asks this scanner when tinyxml2 refuses a file.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lectern {

struct XmlSyntaxError {
    int line = 0;
    int col = 0;  // characters, 1-based
    std::string message;
};

// The first well-formedness problem in `text` (UTF-8), or nothing if this scanner finds none
// (tinyxml2's own message is then used).
std::optional<XmlSyntaxError> FindXmlSyntaxError(std::string_view text);

}  // namespace lectern
