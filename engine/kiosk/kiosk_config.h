// Kiosk configuration: the file an administrator writes to turn a machine into a classroom kiosk,
// and the administrator's PIN file beside the progress database.
//
// Why it is shaped like this: the kiosk is set up once by someone with a text editor and then
// runs unattended, so a typo must fail loudly with file:line:col (house rule 4), every problem in
// one pass, never silently fall back to a default that turns kiosk mode off. Relative paths are
// refused because a systemd unit's working directory is not the folder the admin was thinking of.
//
// File format (UTF-8; a UTF-8 BOM and CRLF line ends are accepted):
//
//     # Lectern kiosk settings. Lines are "key = value"; '#' starts a comment line.
//     kiosk = true
//     course = /usr/local/share/lectern/content/human-rights-security-cooperation
//     data_dir = /var/lib/lectern-kiosk
//     idle_timeout_seconds = 300
//     countdown_seconds = 30
//     admin_chord = Ctrl+Alt+Shift+A
//     text_size = 100
//     theme = light
//     allow_guest = true
//
//   - One setting per line; spaces around key and value are ignored. A value may be wrapped in
//     double quotes (no escapes) to keep leading or trailing spaces. '#' only starts a comment at
//     the beginning of a line, so '#' inside a path is kept.
//   - Keys are lower case; an unknown or repeated key is an error. Every key is optional.
//   - Booleans: true/false, yes/no, on/off, 1/0 (any case).
//
//   key                   default             values
//   kiosk                 false               boolean; the app's --kiosk flag turns it on too
//   course                (the bundled course) absolute path of a course folder
//   data_dir              DefaultDataDir()    absolute path; progress.sqlite3 and admin.pin live here
//   idle_timeout_seconds  300                 30 to 86400: no input this long signs the learner out
//   countdown_seconds     30                  5 to 600 and less than idle_timeout_seconds: the
//                                             "Are you still there?" warning before sign-out
//   admin_chord           Ctrl+Alt+Shift+A    two or more of Ctrl, Alt, Shift, Super (one of them
//                                             Ctrl or Alt) + one key A-Z, 0-9 or F1-F12; not
//                                             Ctrl+Alt+F<n>, which switches virtual terminals
//   text_size             100                 100 to 200 (percent; a trailing % is allowed)
//   theme                 light               light, dark, contrast or yellow
//   allow_guest           true                boolean: offer "Continue as guest" (saves nothing)
//   sign_in               list                list: the sign-in screen lists learners' names;
//                                             type: it shows none, learners type their own (names
//                                             are personal data in plain view of the room)
//
// Search order (FindKioskConfig): --kiosk-config PATH (which must exist), else
// $XDG_CONFIG_HOME/lectern/kiosk.conf ($HOME/.config when XDG_CONFIG_HOME is unset or relative,
// as the XDG spec says), else /etc/lectern/kiosk.conf, else built-in defaults. On Windows:
// %APPDATA%\Lectern\kiosk.conf, else %ProgramData%\Lectern\kiosk.conf (SystemKioskConfigPath).
//
// How the app uses it:
//   start-up      KioskConfigResult r = FindKioskConfig(options.kiosk_config);
//                 kiosk mode = options.kiosk || (r.config && r.config->kiosk).
//                 If !r.ok(): print r.diagnostics.FormatAll() to stderr. Not in kiosk mode: exit
//                 2. In kiosk mode carry on with r.best_effort with kiosk forced on (a typo must
//                 never free the learners) and show the diagnostics behind the admin chord. If
//                 r.KeyFailed("data_dir"), do not open a store at all (run as "not saving" with a
//                 banner for staff): falling back to the default folder would start a second,
//                 empty database and learners would think their work was lost.
//   admin exit    ReadAdminPinHash(data_dir): Ok -> TryPin with ReadAdminGate(data_dir), saving
//                 with WriteAdminGate. Missing -> the first screen in kiosk mode asks whoever set
//                 the machine up to choose the administrator PIN (WriteAdminPinHash); until then
//                 there is no way out. Insecure/Malformed/Unreadable -> no way out; show message.
#pragma once

#include "base/result.h"
#include "os/files.h"  // os::mode_t

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "course/diagnostics.h"
#include "kiosk/admin_files.h"
#include "kiosk/pin.h"

namespace lectern {

// ---- the admin chord ----------------------------------------------------------------------------

struct KeyChord {
    bool ctrl = false;
    bool alt = false;
    bool shift = false;
    bool super = false;
    std::string key;  // canonical: "A".."Z", "0".."9", "F1".."F12"

    // "Ctrl+Alt+Shift+A": modifiers always in this order.
    std::string Format() const;
    // The key's number as GLFW gives it (and so Dear ImGui 1.86's KeysDown index): a letter or a
    // digit is its ASCII code, F1..F12 are 290..301; -1 when the key is none of those.
    int KeyCode() const;
    bool operator==(const KeyChord& o) const {
        return ctrl == o.ctrl && alt == o.alt && shift == o.shift && super == o.super && key == o.key;
    }
};

// Modifier names are case-insensitive (Ctrl or Control, Alt, Shift, Super or Win or Meta); spaces
// around '+' are allowed. On failure returns nullopt and puts the reason in *why (if given).
std::optional<KeyChord> ParseKeyChord(std::string_view text, std::string* why = nullptr);

// ---- the configuration --------------------------------------------------------------------------

constexpr int kIdleTimeoutMin = 30;
constexpr int kIdleTimeoutMax = 86400;
constexpr int kCountdownMin = 5;
constexpr int kCountdownMax = 600;

struct KioskConfig {
    bool kiosk = false;
    std::string course;    // empty: the bundled course
    std::string data_dir;  // empty: DefaultDataDir() (progress_store.h)
    int idle_timeout_seconds = 300;
    int countdown_seconds = 30;
    KeyChord admin_chord{true, true, true, false, "A"};
    int text_size = 100;
    std::string theme = "light";  // the ui::ThemeFromKey keys
    bool allow_guest = true;
    bool sign_in_by_typing = false;  // sign_in = type

    std::string source;  // the file it was read from; empty: built-in defaults
};

struct KioskConfigResult {
    std::optional<KioskConfig> config;  // present when there are no errors
    Diagnostics diagnostics;            // "kiosk.conf:7:24: error: [out-of-range] ..."
    // Always filled: every line that was right applied, every wrong one left at its default. For
    // a kiosk that must keep running on a file with a typo in it (see "How the app uses it").
    KioskConfig best_effort;
    // Keys whose lines had errors (unknown keys by the name written), in file order.
    std::vector<std::string> bad_keys;

    bool ok() const { return config.has_value(); }
    bool KeyFailed(const std::string& key) const;
};

// `file_label` names the text in diagnostics (normally its path).
KioskConfigResult ParseKioskConfig(std::string_view text, const std::string& file_label);
// Reads and parses one file (at most 64 KiB; a regular file).
KioskConfigResult LoadKioskConfig(const std::string& path);

// The system-wide kiosk.conf, in os::SystemConfigDir(): /etc/lectern/kiosk.conf on Linux,
// %ProgramData%\Lectern\kiosk.conf on Windows (where "/etc/lectern" would mean C:\etc\lectern, a
// folder any user may create). Empty when the system names no such folder.
std::string SystemKioskConfigPath();

// The candidate paths, in search order. cli_path non-empty: just that one. An empty system_path
// is left out.
std::vector<std::string> KioskConfigCandidates(const std::string& cli_path,
                                               const std::string& system_path = SystemKioskConfigPath());
// Loads the first candidate that exists. cli_path given but missing: an error, not a fallback
// (the admin asked for that file). A candidate that exists but cannot be read is an error too,
// never skipped. None exists: built-in defaults (config.source empty).
KioskConfigResult FindKioskConfig(const std::string& cli_path,
                                  const std::string& system_path = SystemKioskConfigPath());

// The small private files in the data folder (admin.pin, admin.gate, kiosk-admin.conf) are in
// kiosk/admin_files.h, included above.

}  // namespace lectern
