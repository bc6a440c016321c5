#include "kiosk/kiosk_config.h"
#include "os/files.h"
#include "os/system.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>

namespace lectern {

namespace {

constexpr size_t kMaxConfigBytes = 64 * 1024;
constexpr size_t kMaxLineBytes = 4096;

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view Trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return s.substr(b, e - b);
}

std::string Errno(const std::string& what, const std::string& path, int err) {
    return what + " " + path + ": " + std::strerror(err);
}

// Length of the valid UTF-8 sequence at s[i], or 0 (overlong forms, surrogates and code points
// past U+10FFFF are invalid).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07;
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

// Edit distance, for "did you mean" on unknown keys.
size_t Distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[b.size()];
}

const std::vector<std::string>& KnownKeys() {
    static const std::vector<std::string> keys = {
        "kiosk", "course", "data_dir", "idle_timeout_seconds", "countdown_seconds",
        "admin_chord", "text_size", "theme", "allow_guest", "sign_in"};
    return keys;
}

std::optional<bool> ParseBool(std::string_view v) {
    std::string s = Lower(v);
    if (s == "true" || s == "yes" || s == "on" || s == "1") return true;
    if (s == "false" || s == "no" || s == "off" || s == "0") return false;
    return std::nullopt;
}

// Plain decimal digits only: "300s", "3e2", "-5" and " 30" are all refused.
std::optional<long long> ParseWhole(std::string_view v) {
    if (v.empty() || v.size() > 12) return std::nullopt;
    long long n = 0;
    for (char c : v) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

bool IsAbsolutePath(std::string_view v) { return !v.empty() && v.front() == '/'; }


// Notes the line's key in bad_keys if the line added an error (whatever check found it).
struct LineKeyRecorder {
    LineKeyRecorder(const Diagnostics& d, std::vector<std::string>& keys)
        : diagnostics(d), bad_keys(keys), errors_before(d.ErrorCount()) {}
    LineKeyRecorder(const LineKeyRecorder&) = delete;
    LineKeyRecorder& operator=(const LineKeyRecorder&) = delete;

    const Diagnostics& diagnostics;
    std::vector<std::string>& bad_keys;
    int errors_before;
    std::string key;

    ~LineKeyRecorder() {
        if (!key.empty() && diagnostics.ErrorCount() > errors_before &&
            std::find(bad_keys.begin(), bad_keys.end(), key) == bad_keys.end()) {
            bad_keys.push_back(key);
        }
    }
};

}  // namespace

bool KioskConfigResult::KeyFailed(const std::string& key) const {
    return std::find(bad_keys.begin(), bad_keys.end(), key) != bad_keys.end();
}

// ---- the admin chord ----------------------------------------------------------------------------

int KeyChord::KeyCode() const {
    if (key.size() == 1) return static_cast<unsigned char>(key[0]);
    if (key.size() >= 2 && key[0] == 'F') {
        int n = std::atoi(key.c_str() + 1);
        if (n >= 1 && n <= 12) return 289 + n;  // GLFW_KEY_F1 = 290
    }
    return -1;
}

std::string KeyChord::Format() const {
    std::string out;
    if (ctrl) out += "Ctrl+";
    if (alt) out += "Alt+";
    if (shift) out += "Shift+";
    if (super) out += "Super+";
    return out + key;
}

std::optional<KeyChord> ParseKeyChord(std::string_view text, std::string* why) {
    auto fail = [&](std::string reason) -> std::optional<KeyChord> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        size_t plus = text.find('+', start);
        parts.emplace_back(Trim(text.substr(start, plus == std::string_view::npos ? std::string_view::npos
                                                                                  : plus - start)));
        if (plus == std::string_view::npos) break;
        start = plus + 1;
    }
    KeyChord chord;
    int modifiers = 0;
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
        std::string m = Lower(parts[i]);
        bool* flag = nullptr;
        if (m == "ctrl" || m == "control") flag = &chord.ctrl;
        else if (m == "alt") flag = &chord.alt;
        else if (m == "shift") flag = &chord.shift;
        else if (m == "super" || m == "win" || m == "meta") flag = &chord.super;
        else if (m.empty()) return fail("an empty part between '+' signs");
        else return fail("'" + parts[i] + "' is not a modifier (Ctrl, Alt, Shift or Super)");
        if (*flag) return fail("'" + parts[i] + "' is given twice");
        *flag = true;
        ++modifiers;
    }
    std::string key = parts.back();
    std::string upper = key;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    bool valid_key = false;
    if (upper.size() == 1 && ((upper[0] >= 'A' && upper[0] <= 'Z') || (upper[0] >= '0' && upper[0] <= '9'))) {
        valid_key = true;
    } else if (upper.size() >= 2 && upper.size() <= 3 && upper[0] == 'F') {
        std::optional<long long> n = ParseWhole(std::string_view(upper).substr(1));
        valid_key = n && *n >= 1 && *n <= 12 && upper[1] != '0';
    }
    if (key.empty()) return fail("no key after the modifiers");
    if (!valid_key) return fail("'" + key + "' is not a key this chord can use (A-Z, 0-9 or F1-F12)");
    chord.key = upper;
    // A chord a learner could hit by leaning on the keyboard, or one Shift+letter away from
    // typing, is no lock at all.
    if (modifiers < 2 || !(chord.ctrl || chord.alt)) {
        return fail("use at least two modifiers, one of them Ctrl or Alt (for example Ctrl+Alt+Shift+A)");
    }
    if (chord.ctrl && chord.alt && upper[0] == 'F' && upper.size() > 1) {
        return fail("Ctrl+Alt+F1 to F12 switch virtual terminals and never reach the program");
    }
    return chord;
}

// ---- the configuration --------------------------------------------------------------------------

KioskConfigResult ParseKioskConfig(std::string_view text, const std::string& file_label) {
    KioskConfigResult result;
    Diagnostics& d = result.diagnostics;
    KioskConfig config;
    config.source = file_label;

    auto at = [&](int line, int col) { return SourceLoc{file_label, line, col}; };

    // Encodings an editor might have used by mistake: say which, once, instead of a line per byte.
    if (text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'))) {
        d.Error(at(1, 1), "not-text", "the file is UTF-16; save it as UTF-8");
        result.bad_keys = KnownKeys();  // nothing could be read: every setting is unknown
        return result;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 BOM (Notepad)

    std::map<std::string, int> seen;  // key -> line it was first set on
    int idle_line = 0, idle_col = 0, countdown_line = 0, countdown_col = 0;
    bool idle_ok = true, countdown_ok = true;

    int line_no = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        ++line_no;
        size_t end = text.find('\n', pos);
        std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() : end + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

        // A line that is rejected whole still names its key when it can, so the app knows which
        // setting it does not have (a data_dir line with a stray byte must not go unnoticed).
        auto note_key_of_rejected_line = [&]() {
            size_t eq = line.find('=');
            if (eq == std::string_view::npos) return;
            std::string key(Trim(line.substr(0, eq)));
            const auto& known = KnownKeys();
            if (std::find(known.begin(), known.end(), key) != known.end() &&
                std::find(result.bad_keys.begin(), result.bad_keys.end(), key) == result.bad_keys.end()) {
                result.bad_keys.push_back(key);
            }
        };
        if (line.size() > kMaxLineBytes) {
            d.Error(at(line_no, 1), "syntax", "line longer than 4096 bytes");
            note_key_of_rejected_line();
            continue;
        }
        // Bytes that make no sense in a text file: report the first per line with its column.
        bool bad_bytes = false;
        for (size_t i = 0; i < line.size();) {
            unsigned char c = static_cast<unsigned char>(line[i]);
            if (c == 0 || (c < 0x20 && c != '\t') || c == 0x7F) {
                d.Error(at(line_no, static_cast<int>(i) + 1), "not-text",
                        "control character 0x" + std::string(1, "0123456789abcdef"[c >> 4]) +
                            "0123456789abcdef"[c & 15] + " (is this a text file?)");
                bad_bytes = true;
                break;
            }
            size_t n = Utf8SequenceLength(line, i);
            if (n == 0) {
                d.Error(at(line_no, static_cast<int>(i) + 1), "not-text", "invalid UTF-8");
                bad_bytes = true;
                break;
            }
            i += n;
        }
        if (bad_bytes) {
            note_key_of_rejected_line();
            continue;
        }

        std::string_view trimmed = Trim(line);
        if (trimmed.empty() || trimmed.front() == '#') continue;
        LineKeyRecorder recorder(d, result.bad_keys);
        int line_indent = static_cast<int>(trimmed.data() - line.data());

        size_t eq = trimmed.find('=');
        if (eq == std::string_view::npos) {
            d.Error(at(line_no, line_indent + 1), "syntax", "expected 'key = value'");
            continue;
        }
        std::string key(Trim(trimmed.substr(0, eq)));
        recorder.key = key;
        std::string_view raw_value = trimmed.substr(eq + 1);
        std::string_view value = Trim(raw_value);
        int key_col = line_indent + 1;
        int value_col = static_cast<int>(value.data() - line.data()) + 1;
        if (value.empty()) value_col = static_cast<int>(trimmed.data() - line.data() + eq) + 2;
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
            ++value_col;
        }

        if (key.empty()) {
            d.Error(at(line_no, key_col), "syntax", "no key before '='");
            continue;
        }
        const auto& known = KnownKeys();
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string message = "unknown key '" + key + "'";
            std::string lower = Lower(key);
            std::string best;
            size_t best_distance = 3;
            for (const auto& k : known) {
                size_t dist = Distance(lower, k);
                if (dist < best_distance) best_distance = dist, best = k;
            }
            if (!best.empty()) message += "; did you mean '" + best + "'?";
            d.Error(at(line_no, key_col), "unknown-key", message);
            continue;
        }
        if (auto it = seen.find(key); it != seen.end()) {
            d.Error(at(line_no, key_col), "duplicate-key",
                    "'" + key + "' is already set on line " + std::to_string(it->second));
            continue;
        }
        seen[key] = line_no;
        if (value.empty()) {
            d.Error(at(line_no, value_col), "bad-value",
                    "'" + key + "' has no value; remove the line to use the default");
            continue;
        }

        auto bad = [&](const std::string& message) { d.Error(at(line_no, value_col), "bad-value", message); };
        auto boolean = [&](bool* out) {
            if (auto b = ParseBool(value)) *out = *b;
            else bad("'" + key + "' takes true or false, not '" + std::string(value) + "'");
        };
        auto whole = [&](int lo, int hi, const char* unit, int* out) -> bool {
            std::optional<long long> n = ParseWhole(value);
            if (!n) {
                bad("'" + key + "' takes a whole number of " + unit + ", not '" + std::string(value) + "'");
                return false;
            }
            if (*n < lo || *n > hi) {
                d.Error(at(line_no, value_col), "out-of-range",
                        "'" + key + "' must be from " + std::to_string(lo) + " to " + std::to_string(hi) + " " +
                            unit + ", not " + std::string(value));
                return false;
            }
            *out = static_cast<int>(*n);
            return true;
        };
        auto path = [&](std::string* out) {
            if (!IsAbsolutePath(value)) {
                d.Error(at(line_no, value_col), "not-absolute",
                        "'" + key + "' must be an absolute path (starting with /), not '" + std::string(value) + "'");
                return;
            }
            *out = std::string(value);
        };

        if (key == "kiosk") {
            boolean(&config.kiosk);
        } else if (key == "allow_guest") {
            boolean(&config.allow_guest);
        } else if (key == "course") {
            path(&config.course);
        } else if (key == "data_dir") {
            path(&config.data_dir);
        } else if (key == "idle_timeout_seconds") {
            idle_line = line_no;
            idle_col = value_col;
            idle_ok = whole(kIdleTimeoutMin, kIdleTimeoutMax, "seconds", &config.idle_timeout_seconds);
        } else if (key == "countdown_seconds") {
            countdown_line = line_no;
            countdown_col = value_col;
            countdown_ok = whole(kCountdownMin, kCountdownMax, "seconds", &config.countdown_seconds);
        } else if (key == "text_size") {
            std::string_view v = value;
            if (!v.empty() && v.back() == '%') value = Trim(v.substr(0, v.size() - 1));
            whole(100, 200, "percent", &config.text_size);
        } else if (key == "theme") {
            std::string t = Lower(value);
            if (t == "light" || t == "dark" || t == "contrast" || t == "yellow") config.theme = t;
            else bad("'theme' takes light, dark, contrast or yellow, not '" + std::string(value) + "'");
        } else if (key == "sign_in") {
            std::string m = Lower(value);
            if (m == "list" || m == "type") config.sign_in_by_typing = m == "type";
            else bad("'sign_in' takes list or type, not '" + std::string(value) + "'");
        } else if (key == "admin_chord") {
            std::string why;
            if (auto chord = ParseKeyChord(value, &why)) config.admin_chord = *chord;
            else bad("'admin_chord': " + why);
        }
    }

    // The warning must come before the sign-out, so the countdown has to fit inside the timeout.
    if (idle_ok && countdown_ok && config.countdown_seconds >= config.idle_timeout_seconds) {
        std::string message = "'countdown_seconds' (" + std::to_string(config.countdown_seconds) +
                              ") must be less than 'idle_timeout_seconds' (" +
                              std::to_string(config.idle_timeout_seconds) + ")";
        if (countdown_line > 0) d.Error(at(countdown_line, countdown_col), "out-of-range", message);
        else d.Error(at(idle_line, idle_col), "out-of-range", message);
        result.bad_keys.push_back("countdown_seconds");
    }

    if (!d.HasErrors()) {
        result.config = config;
    } else if (config.countdown_seconds >= config.idle_timeout_seconds) {
        // Keep the best-effort timer usable: a countdown that fits inside the timeout.
        config.countdown_seconds = std::min(30, config.idle_timeout_seconds - 1);
    }
    result.best_effort = std::move(config);
    return result;
}

KioskConfigResult LoadKioskConfig(const std::string& path) {
    KioskConfigResult result;
    auto fail = [&](const std::string& code, const std::string& message) {
        result.diagnostics.Error(SourceLoc{path, 0, 0}, code, message);
        result.bad_keys = KnownKeys();  // nothing could be read: every setting is unknown
        return result;
    };
    os::ReadResult read = os::ReadSmallFile(path, kMaxConfigBytes, false);
    switch (read.status) {
        case os::ReadResult::Status::Ok: break;
        case os::ReadResult::Status::NotRegular: return fail("unreadable", path + " is not a regular file");
        case os::ReadResult::Status::TooLarge:
            return fail("too-large", path + " is larger than 64 KiB; is it the right file?");
        case os::ReadResult::Status::Missing:
        case os::ReadResult::Status::Link:
        case os::ReadResult::Status::Error:
            return fail("unreadable", Errno(read.info.exists() ? "cannot read" : "cannot open", path, read.error));
    }
    const std::string& text = read.content;
    return ParseKioskConfig(text, path);
}

std::string SystemKioskConfigPath() {
    const std::string dir = os::SystemConfigDir();
    return dir.empty() ? std::string() : os::Utf8(os::Path(dir) / "kiosk.conf");
}

std::vector<std::string> KioskConfigCandidates(const std::string& cli_path, const std::string& system_path) {
    if (!cli_path.empty()) return {cli_path};
    std::vector<std::string> out;
    if (std::string dir = os::UserConfigDir(); !dir.empty()) out.push_back(dir + "/kiosk.conf");
    if (!system_path.empty()) out.push_back(system_path);
    return out;
}

KioskConfigResult FindKioskConfig(const std::string& cli_path, const std::string& system_path) {
    for (const std::string& candidate : KioskConfigCandidates(cli_path, system_path)) {
        os::FileInfo info = os::Stat(candidate);
        if (!info.exists() && info.error == ENOENT && cli_path.empty()) continue;
        // Exists (or was named on the command line, or stat failed for another reason such as
        // EACCES): this is the file, and any problem with it is reported, never skipped.
        return LoadKioskConfig(candidate);
    }
    KioskConfigResult defaults;
    defaults.config = KioskConfig{};
    return defaults;
}

}  // namespace lectern
