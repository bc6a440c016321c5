// Keys, mouse buttons and characters queued between the window system and Dear ImGui.
//
// Dear ImGui 1.86 reads only the state of each key (io.KeysDown) once a frame, so a press and its
// release that both arrive between two frames are never seen: a quick tap, a remote desktop, a
// switch device or a busy machine loses keys. This queue keeps every event and hands them out a
// frame at a time, as Dear ImGui 1.87+ does with its own queue ("trickling"): in one frame each
// key or button changes at most once, so a tap is down for one frame and up the next.
//
// A held key repeats when the system says so (its key-repeat events, timed by the keyboard
// settings the person chose, or off if they turned repeating off), never by a clock of ours:
// Dear ImGui's own repeat counts frame time, so on a busy machine a 80 ms tap whose release
// reached us a few slow frames late became two Tabs (a PIN typed into the wrong field).
//
// Pure bookkeeping, no window system and no ImGui: the platform feeds it from GLFW callbacks and
// copies its state into io each frame; unit tests drive it directly.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

namespace lectern::platform {

class InputQueue {
public:
    static constexpr int kKeys = 512;    // io.KeysDown's size (GLFW key codes)
    static constexpr int kButtons = 5;   // io.MouseDown's size

    // Key codes of the modifiers (GLFW's), which make chords: see NextFrame.
    static bool IsModifier(int key);

    // Events in the order they happened. Out-of-range keys and buttons are ignored.
    void Key(int key, bool down);
    // The system's key repeat of a held key: one more press of it, in a frame of its own. A
    // repeat of a key whose release has already been delivered is stale and dropped.
    void Repeat(int key);
    void MouseButton(int button, bool down);
    void Char(unsigned int codepoint);

    // Queues a release of every key and button that is down once the queued events have been
    // delivered: for a window that closes while keys are held in it, whose releases the window
    // system then sends nowhere (they would stay down for ever, Ctrl included).
    void ReleaseAll();

    // Events still waiting for a frame: the loop must not sleep while this is true.
    bool Pending() const { return !m_events.empty(); }

    // Moves this frame's events from the queue into the state, oldest first, and stops before
    // the first event that must wait for the next frame:
    // - a key or button that already changed this frame (its release after its press, a second
    //   tap of the same key), so every change is seen for at least one frame;
    // - a modifier (Ctrl, Shift, Alt, Super) changing after another key changed this frame, so a
    //   key keeps the modifiers it was pressed with (Ctrl+Enter is a chord; Enter then Ctrl is not);
    // - a second character, so two quick shortcut letters are two frames, never one.
    void NextFrame();

    bool KeyDown(int key) const;
    // The key is held and the system repeated it this frame.
    bool KeyRepeated(int key) const;
    bool MouseDown(int button) const;
    bool Ctrl() const;
    bool Shift() const;
    bool Alt() const;
    bool Super() const;
    // Characters typed this frame (set by NextFrame).
    const std::vector<unsigned int>& Chars() const { return m_chars; }
    // Key releases handed to frames so far: once it counts a key's release, the frame its press
    // went to is over (end-to-end tests wait for this before they look at the screen).
    std::uint64_t KeyReleases() const { return m_key_releases; }

private:
    enum class Kind : std::uint8_t { Key, Repeat, Button, Char };
    struct Event {
        Kind kind;
        bool down;
        unsigned int code;  // key, button or codepoint
    };
    std::deque<Event> m_events;
    bool m_keys[kKeys] = {};
    bool m_repeated[kKeys] = {};
    bool m_buttons[kButtons] = {};
    std::vector<unsigned int> m_chars;
    std::uint64_t m_key_releases = 0;
};

}  // namespace lectern::platform
