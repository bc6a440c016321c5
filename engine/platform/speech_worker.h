// What platform::Speech is on every system: the caller's side of a speech worker thread. Speak,
// Pause, Resume and Stop only queue a Command under the state's mutex and return (the frame
// never waits for a synthesiser or a sound card); one worker thread per Speech takes them and
// makes every call to the engine. speech_common.cpp holds the public methods, the same on every
// system; each engine holds its worker:
//   speech.cpp          espeak-ng (Linux)
//   speech_windows.cpp  SAPI 5 (Windows)
// Private to platform/.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "platform/platform.h"

namespace lectern::platform {

// Next (espeak-ng only): the part being read ended by itself and another follows.
enum class CommandKind { Speak, Next, Pause, Resume, Stop, Quit };

struct Command {
    CommandKind kind;
    std::vector<SpeechPart> parts;  // Speak: the page, a piece per language
    int words_per_minute = 175;     // espeak-ng's normal rate, and about SAPI's at 0
};

// Shared by the caller and the worker (and the engine's own threads, when it has some); the
// worker keeps it alive too, in case a hung engine outlives ~Speech. An engine may extend it.
struct SpeechState {
    virtual ~SpeechState() = default;

    std::mutex mutex;
    std::condition_variable wake;  // a new command (and, for espeak-ng, an abort)
    std::deque<Command> commands;
    bool speaking = false;      // what Speaking() reports: an utterance is playing or paused
    bool paused = false;
    bool failed = false;        // the engine cannot read: Available() is false
    std::string why;            // when failed: the engine's reason, if it gives one
    bool abort = false;         // the current synthesis must end (espeak-ng's discard pacing)
    bool voices_known = false;  // the engine has listed its voices (or failed)
    std::vector<EspeakVoice> voices;
    std::function<void()> on_change;
    std::function<void(const std::string&, size_t)> on_part;

    // With the mutex held.
    void Push(Command command) {
        commands.push_back(std::move(command));
        wake.notify_all();
    }
};

// Each engine's (speech.cpp, speech_windows.cpp): its state, made once per Speech; the worker
// thread's body, which sets `done` when it has finished with the engine; and what ~Speech undoes
// once the worker has ended or been left behind.
std::shared_ptr<SpeechState> NewSpeechState();
void RunSpeechWorker(std::shared_ptr<SpeechState> state, std::promise<void> done);
void SpeechEnded();

}  // namespace lectern::platform
