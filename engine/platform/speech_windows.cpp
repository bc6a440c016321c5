// Read-aloud on Windows: not yet. espeak-ng is a Linux library here, and the Windows voice (SAPI,
// whose sapi.h MinGW ships) is not wired up, so Available() is false and the reader hides its
// read-aloud button and speed slider, as it does on Linux when espeak-ng cannot start.
#include "platform/platform.h"

namespace lectern::platform {

struct Speech::Impl {};

Speech::Speech() : m(std::make_unique<Impl>()) {}
Speech::~Speech() = default;
bool Speech::Available() const { return false; }
void Speech::Speak(const std::string&, int, const std::string&) {}
void Speech::Speak(const std::vector<SpeechPart>&, int) {}
std::optional<SpeechPlan> Speech::Plan(const std::vector<SpeechPart>&) const { return std::nullopt; }
std::optional<VoiceChoice> Speech::VoiceFor(const std::string&) const { return std::nullopt; }
void Speech::Pause() {}
void Speech::Resume() {}
void Speech::Stop() {}
bool Speech::Speaking() const { return false; }
bool Speech::Paused() const { return false; }
void Speech::SetOnChange(std::function<void()>) {}
void Speech::SetOnPart(std::function<void(const std::string&, size_t)>) {}

}  // namespace lectern::platform
