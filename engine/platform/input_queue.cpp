#include "platform/input_queue.h"

#include <algorithm>
#include <iterator>

namespace lectern::platform {

namespace {
// GLFW's key codes (glfw3.h), spelled out so this file needs no window system header.
constexpr int kLeftShift = 340, kLeftControl = 341, kLeftAlt = 342, kLeftSuper = 343;
constexpr int kRightShift = 344, kRightControl = 345, kRightAlt = 346, kRightSuper = 347;
}  // namespace

bool InputQueue::IsModifier(int key) { return key >= kLeftShift && key <= kRightSuper; }

void InputQueue::Key(int key, bool down) {
    if (key >= 0 && key < kKeys) m_events.push_back({Kind::Key, down, static_cast<unsigned int>(key)});
}

void InputQueue::Repeat(int key) {
    if (key >= 0 && key < kKeys) m_events.push_back({Kind::Repeat, true, static_cast<unsigned int>(key)});
}

void InputQueue::MouseButton(int button, bool down) {
    if (button >= 0 && button < kButtons) m_events.push_back({Kind::Button, down, static_cast<unsigned int>(button)});
}

void InputQueue::Char(unsigned int codepoint) {
    if (codepoint != 0) m_events.push_back({Kind::Char, true, codepoint});
}

void InputQueue::ReleaseAll() {
    bool keys[kKeys];
    bool buttons[kButtons];
    std::copy(std::begin(m_keys), std::end(m_keys), keys);
    std::copy(std::begin(m_buttons), std::end(m_buttons), buttons);
    for (const Event& e : m_events) {
        if (e.kind == Kind::Key) keys[e.code] = e.down;
        if (e.kind == Kind::Button) buttons[e.code] = e.down;
    }
    for (int k = 0; k < kKeys; ++k)
        if (keys[k]) Key(k, false);
    for (int b = 0; b < kButtons; ++b)
        if (buttons[b]) MouseButton(b, false);
}

void InputQueue::NextFrame() {
    m_chars.clear();
    std::fill(std::begin(m_repeated), std::end(m_repeated), false);
    bool key_changed[kKeys] = {};
    bool button_changed[kButtons] = {};
    bool other_key_changed = false;  // a key that is not a modifier changed this frame
    while (!m_events.empty()) {
        const Event e = m_events.front();
        if (e.kind == Kind::Key) {
            const int key = static_cast<int>(e.code);
            if (m_keys[key] == e.down) {  // nothing changes (a repeated press or release)
                m_events.pop_front();
                continue;
            }
            if (key_changed[key]) break;
            if (IsModifier(key) && other_key_changed) break;
            m_keys[key] = e.down;
            key_changed[key] = true;
            if (!e.down) ++m_key_releases;
            if (!IsModifier(key)) other_key_changed = true;
        } else if (e.kind == Kind::Repeat) {
            const int key = static_cast<int>(e.code);
            if (!m_keys[key]) {  // let go already: the release came before this frame's repeat
                m_events.pop_front();
                continue;
            }
            if (key_changed[key]) break;
            m_repeated[key] = true;
            key_changed[key] = true;
            if (!IsModifier(key)) other_key_changed = true;
        } else if (e.kind == Kind::Button) {
            const int button = static_cast<int>(e.code);
            if (m_buttons[button] == e.down) {
                m_events.pop_front();
                continue;
            }
            if (button_changed[button]) break;
            m_buttons[button] = e.down;
            button_changed[button] = true;
        } else {
            if (!m_chars.empty()) break;
            m_chars.push_back(e.code);
        }
        m_events.pop_front();
    }
}

bool InputQueue::KeyDown(int key) const { return key >= 0 && key < kKeys && m_keys[key]; }

bool InputQueue::KeyRepeated(int key) const { return key >= 0 && key < kKeys && m_repeated[key]; }

bool InputQueue::MouseDown(int button) const { return button >= 0 && button < kButtons && m_buttons[button]; }

bool InputQueue::Ctrl() const { return m_keys[kLeftControl] || m_keys[kRightControl]; }
bool InputQueue::Shift() const { return m_keys[kLeftShift] || m_keys[kRightShift]; }
bool InputQueue::Alt() const { return m_keys[kLeftAlt] || m_keys[kRightAlt]; }
bool InputQueue::Super() const { return m_keys[kLeftSuper] || m_keys[kRightSuper]; }

}  // namespace lectern::platform
