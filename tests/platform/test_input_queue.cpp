// The input queue between GLFW and Dear ImGui (engine/platform/input_queue.h): no press is lost
// however quickly it is released, each key changes at most once a frame, events keep their order,
// and a key keeps the modifiers it was pressed with. Generated streams of key presses as quick
// typists, remote desktops and switch devices send them, cut into frames at random points.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "platform/input_queue.h"

namespace lectern::platform {
namespace {

constexpr int kRight = 262, kEnter = 257, kOne = 49, kTab = 258, kLeftCtrl = 341, kLeftShift = 340, kRightCtrl = 345;

TEST(InputQueue, TapReleasedBeforeTheFrameIsDownForOneFrameThenUp) {
    InputQueue q;
    q.Key(kRight, true);
    q.Key(kRight, false);
    q.NextFrame();
    EXPECT_TRUE(q.KeyDown(kRight));
    EXPECT_TRUE(q.Pending());
    q.NextFrame();
    EXPECT_FALSE(q.KeyDown(kRight));
    EXPECT_FALSE(q.Pending());
}

TEST(InputQueue, TenTapsInOneFrameAreTenPresses) {
    InputQueue q;
    for (int i = 0; i < 10; ++i) {
        q.Key(kRight, true);
        q.Key(kRight, false);
    }
    int presses = 0;
    bool was_down = false;
    for (int frame = 0; frame < 100 && q.Pending(); ++frame) {
        q.NextFrame();
        presses += q.KeyDown(kRight) && !was_down;
        was_down = q.KeyDown(kRight);
    }
    EXPECT_EQ(presses, 10);
    EXPECT_FALSE(q.Pending());
}

TEST(InputQueue, QuickCtrlEnterKeepsCtrlWhileEnterIsDown) {
    InputQueue q;
    q.Key(kLeftCtrl, true);
    q.Key(kEnter, true);
    q.Key(kEnter, false);
    q.Key(kLeftCtrl, false);
    q.NextFrame();
    EXPECT_TRUE(q.KeyDown(kEnter));
    EXPECT_TRUE(q.Ctrl());
    q.NextFrame();
    EXPECT_FALSE(q.KeyDown(kEnter));
}

TEST(InputQueue, CtrlPressedAfterEnterIsNotAChord) {
    InputQueue q;
    q.Key(kEnter, true);
    q.Key(kRightCtrl, true);
    q.NextFrame();
    EXPECT_TRUE(q.KeyDown(kEnter));
    EXPECT_FALSE(q.Ctrl());
    q.NextFrame();
    EXPECT_TRUE(q.Ctrl());
}

TEST(InputQueue, KeyReleasesCountsAReleaseOnlyOnceItsFrameComes) {
    InputQueue q;
    q.Key(kLeftCtrl, true);
    q.Key(kEnter, true);
    q.Key(kEnter, false);
    q.Key(kLeftCtrl, false);
    q.Key(kTab, false);  // a release of a key that is up changes nothing and is not counted
    EXPECT_EQ(q.KeyReleases(), 0u);
    q.NextFrame();  // Ctrl and Enter down
    EXPECT_EQ(q.KeyReleases(), 0u);
    q.NextFrame();  // Enter up; Ctrl waits (a modifier after another key changed)
    EXPECT_EQ(q.KeyReleases(), 1u);
    q.NextFrame();
    EXPECT_EQ(q.KeyReleases(), 2u);
    EXPECT_FALSE(q.Pending());
}

TEST(InputQueue, ReleaseAllLetsGoOfEveryHeldKeyAfterWhatIsQueued) {
    // N held in a window that closes, with Ctrl and a mouse button down and a Tab still queued.
    InputQueue q;
    q.Key(kLeftCtrl, true);
    q.MouseButton(0, true);
    q.NextFrame();
    q.Key(kOne, true);
    q.Key(kTab, true);
    q.Key(kTab, false);
    q.ReleaseAll();
    for (int frame = 0; frame < 20 && q.Pending(); ++frame) q.NextFrame();
    EXPECT_FALSE(q.Pending());
    EXPECT_FALSE(q.Ctrl());
    EXPECT_FALSE(q.KeyDown(kOne));
    EXPECT_FALSE(q.KeyDown(kTab));
    EXPECT_FALSE(q.MouseDown(0));
    EXPECT_EQ(q.KeyReleases(), 3u);  // Tab, 1, Ctrl: each once
}

TEST(InputQueue, QuickClickIsDownForOneFrame) {
    InputQueue q;
    q.MouseButton(0, true);
    q.MouseButton(0, false);
    q.MouseButton(1, true);
    q.NextFrame();
    EXPECT_TRUE(q.MouseDown(0));
    EXPECT_FALSE(q.MouseDown(1));  // waits behind the release before it: events keep their order
    q.NextFrame();
    EXPECT_FALSE(q.MouseDown(0));
    EXPECT_TRUE(q.MouseDown(1));
}

TEST(InputQueue, OneCharacterAFrameInOrder) {
    InputQueue q;
    for (unsigned int c : {unsigned('p'), unsigned('g'), 0x645u /* Arabic meem */, 0x4E2Du /* Chinese zhong */}) q.Char(c);
    std::vector<unsigned int> seen;
    for (int frame = 0; frame < 10 && q.Pending(); ++frame) {
        q.NextFrame();
        ASSERT_EQ(q.Chars().size(), 1u);
        seen.push_back(q.Chars()[0]);
    }
    EXPECT_EQ(seen, (std::vector<unsigned int>{'p', 'g', 0x645u, 0x4E2Du}));
    q.NextFrame();
    EXPECT_TRUE(q.Chars().empty());
}

TEST(InputQueue, IgnoresCodesOutsideItsTablesAndRepeatedStates) {
    InputQueue q;
    q.Key(-1, true);
    q.Key(InputQueue::kKeys, true);
    q.MouseButton(InputQueue::kButtons, true);
    q.Char(0);
    EXPECT_FALSE(q.Pending());
    q.Key(kTab, false);  // a release of a key that is up (focus came back with it held)
    q.Key(kTab, true);
    q.Key(kTab, true);
    q.NextFrame();
    EXPECT_TRUE(q.KeyDown(kTab));
    EXPECT_FALSE(q.Pending());
}

TEST(InputQueue, SystemRepeatIsOnePressAFrameOfAHeldKeyAndNothingAfterItsRelease) {
    InputQueue q;
    q.Key(kTab, true);
    q.Repeat(kTab);
    q.Repeat(kTab);
    q.Key(kTab, false);
    q.Repeat(kTab);  // came after the release (a window system's stale repeat): dropped
    q.NextFrame();
    EXPECT_TRUE(q.KeyDown(kTab));
    EXPECT_FALSE(q.KeyRepeated(kTab));  // the press is not a repeat
    q.NextFrame();
    EXPECT_TRUE(q.KeyRepeated(kTab));
    q.NextFrame();
    EXPECT_TRUE(q.KeyRepeated(kTab));  // the second repeat waits for a frame of its own
    q.NextFrame();
    EXPECT_FALSE(q.KeyDown(kTab));
    EXPECT_FALSE(q.KeyRepeated(kTab));
    EXPECT_FALSE(q.Pending());
    q.NextFrame();
    EXPECT_FALSE(q.KeyRepeated(kTab));
}

TEST(InputQueue, HeldKeyWithoutSystemRepeatsNeverRepeatsHoweverManyFrames) {
    // A tap whose release reaches us late on a busy machine: many frames with the key down.
    InputQueue q;
    q.Key(kTab, true);
    int repeats = 0;
    for (int frame = 0; frame < 200; ++frame) {
        q.NextFrame();
        repeats += q.KeyRepeated(kTab);
    }
    q.Key(kTab, false);
    q.NextFrame();
    EXPECT_EQ(repeats, 0);
    EXPECT_FALSE(q.KeyDown(kTab));
}

TEST(InputQueue, RepeatKeepsItsPlaceAmongOtherKeys) {
    // Shift held, Tab repeating: each repeat still has Shift (Shift+Tab, Shift+Tab), and a key
    // pressed after a repeat waits behind it.
    InputQueue q;
    q.Key(kLeftShift, true);
    q.Key(kTab, true);
    q.NextFrame();
    q.Repeat(kTab);
    q.Key(kOne, true);
    q.NextFrame();
    EXPECT_TRUE(q.KeyRepeated(kTab));
    EXPECT_TRUE(q.Shift());
    EXPECT_TRUE(q.KeyDown(kOne));  // another key may change in the repeat's frame, as with presses
    q.Repeat(kTab);
    q.Key(kLeftShift, false);
    q.NextFrame();
    EXPECT_TRUE(q.KeyRepeated(kTab));
    EXPECT_TRUE(q.Shift());  // Shift waits: a modifier after another key changed this frame
    q.NextFrame();
    EXPECT_FALSE(q.Shift());
}

// What a keyboard can send: presses and releases of a few keys (modifiers among them) and the
// characters they type, each key alternating down and up.
struct Sent {
    enum Kind { Key, Button, Char } kind;
    int code;
    bool down;
};

std::vector<Sent> RandomStream(std::mt19937& rng, int length) {
    const int keys[] = {kRight, kEnter, kOne, kTab, kLeftCtrl, kLeftShift, kRightCtrl};
    std::vector<Sent> out;
    bool down[InputQueue::kKeys] = {};
    bool button = false;
    std::uniform_int_distribution<int> pick(0, 9);
    while (static_cast<int>(out.size()) < length) {
        int r = pick(rng);
        if (r < 7) {
            int key = keys[r];
            down[key] = !down[key];
            out.push_back({Sent::Key, key, down[key]});
            if (key == kOne && down[key]) out.push_back({Sent::Char, '1', true});
        } else if (r < 8) {
            button = !button;
            out.push_back({Sent::Button, 0, button});
        } else {
            out.push_back({Sent::Char, 'a' + r, true});
        }
    }
    return out;
}

TEST(InputQueue, GeneratedStreamsLoseNothingAndKeepOrderAndChords) {
    for (unsigned seed = 1; seed <= 400; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        std::mt19937 rng(seed);
        const std::vector<Sent> stream = RandomStream(rng, 60);
        // Feed it in bursts of 0-8 events between frames (0: a frame with nothing new).
        InputQueue q;
        std::uniform_int_distribution<int> burst(0, 8);
        size_t fed = 0;
        struct FrameState {
            std::vector<bool> keys;
            bool button, ctrl, shift;
            std::vector<unsigned int> chars;
        };
        std::vector<FrameState> frames;
        frames.push_back({std::vector<bool>(InputQueue::kKeys, false), false, false, false, {}});
        for (int guard = 0; guard < 1000 && (fed < stream.size() || q.Pending()); ++guard) {
            for (int n = burst(rng); n > 0 && fed < stream.size(); --n, ++fed) {
                const Sent& s = stream[fed];
                if (s.kind == Sent::Key) q.Key(s.code, s.down);
                else if (s.kind == Sent::Button) q.MouseButton(s.code, s.down);
                else q.Char(static_cast<unsigned int>(s.code));
            }
            q.NextFrame();
            FrameState f{std::vector<bool>(InputQueue::kKeys), q.MouseDown(0), q.Ctrl(), q.Shift(), q.Chars()};
            for (int k = 0; k < InputQueue::kKeys; ++k) f.keys[k] = q.KeyDown(k);
            frames.push_back(f);
        }
        ASSERT_EQ(fed, stream.size());
        ASSERT_FALSE(q.Pending()) << "the queue never emptied";
        // The count a test waits for: every key release sent, once the queue is empty.
        uint64_t releases = 0;
        for (const Sent& s : stream) releases += s.kind == Sent::Key && !s.down;
        EXPECT_EQ(q.KeyReleases(), releases);

        // Replay the stream against the frames: each event must appear as a change in some frame,
        // never earlier than the event before it; a key's press must see the modifiers that were
        // down when it was sent; each frame has at most one character.
        size_t frame = 1;
        bool ctrl_l = false, ctrl_r = false, shift = false;
        std::vector<int> change_frame(InputQueue::kKeys + 1, 0);  // last frame each key/button changed
        for (const Sent& s : stream) {
            if (s.kind == Sent::Char) {
                while (frame < frames.size() && frames[frame].chars.empty()) ++frame;
                ASSERT_LT(frame, frames.size()) << "character " << s.code << " was never delivered";
                ASSERT_EQ(frames[frame].chars.size(), 1u);
                EXPECT_EQ(frames[frame].chars[0], static_cast<unsigned int>(s.code));
                frames[frame].chars.clear();  // consumed
                continue;
            }
            const int slot = s.kind == Sent::Key ? s.code : InputQueue::kKeys;
            auto state = [&](size_t i) { return s.kind == Sent::Key ? static_cast<bool>(frames[i].keys[s.code]) : frames[i].button; };
            // The first frame, from `frame` on, where this key or button takes its new state
            // having had the old one in the frame before.
            size_t at = std::max(frame, static_cast<size_t>(change_frame[slot]) + 1);
            while (at < frames.size() && !(state(at) == s.down && state(at - 1) != s.down)) ++at;
            ASSERT_LT(at, frames.size()) << "a " << (s.down ? "press" : "release") << " of " << s.code << " was lost";
            // No state in between: the key did not change twice in one frame.
            for (size_t i = std::max(frame, static_cast<size_t>(change_frame[slot]) + 1); i < at; ++i)
                ASSERT_NE(state(i), s.down) << "key " << s.code << " changed before its event";
            change_frame[slot] = static_cast<int>(at);
            frame = at;
            if (s.code == kLeftCtrl && s.kind == Sent::Key) ctrl_l = s.down;
            if (s.code == kRightCtrl && s.kind == Sent::Key) ctrl_r = s.down;
            if (s.code == kLeftShift && s.kind == Sent::Key) shift = s.down;
            if (s.kind == Sent::Key && s.down && !InputQueue::IsModifier(s.code)) {
                EXPECT_EQ(frames[at].ctrl, ctrl_l || ctrl_r) << "key " << s.code << " lost or gained Ctrl";
                EXPECT_EQ(frames[at].shift, shift) << "key " << s.code << " lost or gained Shift";
            }
        }
    }
}

}  // namespace
}  // namespace lectern::platform
