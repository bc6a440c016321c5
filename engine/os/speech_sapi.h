// Windows' own speech (SAPI 5) as platform/speech_windows.cpp needs it: the COM and Win32 calls
// stay in os/ (tests/core/test_architecture.cpp), the reading thread and its state in platform/.
// Windows only (speech_sapi_windows.cpp). An object is used on the thread that made it: it starts
// COM there, in a multithreaded apartment of that thread's own.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace lectern::os {

struct SapiVoiceInfo {
    std::string name;                  // its token's Name attribute, made unique ("Microsoft Zira Desktop")
    std::vector<std::string> locales;  // its Language attribute's LCIDs as locale names ("en-US"); may be none
};

class SapiVoice {
public:
    // Starts COM on this thread, makes the voice (CoCreateInstance(CLSID_SpVoice)) and lists the
    // installed voices; Error() says why when any of it failed or the voice refuses its first call
    // (wine 8 makes the object but answers every method with E_NOTIMPL).
    SapiVoice();
    ~SapiVoice();
    SapiVoice(const SapiVoice&) = delete;
    SapiVoice& operator=(const SapiVoice&) = delete;
    const std::string& Error() const;  // "" when the voice can be used
    const std::vector<SapiVoiceInfo>& Voices() const;
    // Reads `text` (UTF-8, always as text: a course's "<" is no SAPI markup) in the voice named
    // `voice` at `rate` (SAPI's -10..10), replacing what was being read; returns at once.
    // "" or why SAPI refused.
    std::string Speak(const std::string& voice, const std::string& text, long rate);
    bool Pause();   // SAPI counts pauses: one Resume for each
    bool Resume();
    void Purge();   // ends what is being read
    bool Done();    // what Speak started has ended
private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace lectern::os
