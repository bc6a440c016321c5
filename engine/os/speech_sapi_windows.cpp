// SAPI 5 for read-aloud on Windows (os/speech_sapi.h). sapi.h and libsapi.a come with MinGW.
#include "os/speech_sapi.h"

#include <windows.h>
#include <sapi.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <cwchar>

namespace lectern::os {

namespace {

std::wstring Wide(const std::string& utf8) {
    if (utf8.empty()) return {};
    const int n = MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), nullptr, 0);
    std::wstring out(static_cast<size_t>(std::max(n, 0)), L'\0');
    if (n > 0) MultiByteToWideChar(CP_UTF8, 0, utf8.data(), static_cast<int>(utf8.size()), out.data(), n);
    return out;
}

std::string Narrow(const wchar_t* wide) {
    if (!wide || !*wide) return {};
    const int n = WideCharToMultiByte(CP_UTF8, 0, wide, -1, nullptr, 0, nullptr, nullptr);
    std::string out(static_cast<size_t>(std::max(n, 1)), '\0');
    if (n > 0) WideCharToMultiByte(CP_UTF8, 0, wide, -1, out.data(), n, nullptr, nullptr);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::string Hresult(const char* call, HRESULT hr) {
    char text[96];
    std::snprintf(text, sizeof text, "%s returned 0x%08lX", call, static_cast<unsigned long>(hr));
    return text;
}

// A COM pointer released when it goes out of scope.
template <typename T>
struct Com {
    T* p = nullptr;
    Com() = default;
    Com(const Com&) = delete;
    Com& operator=(const Com&) = delete;
    Com(Com&& other) noexcept : p(other.p) { other.p = nullptr; }
    ~Com() { Reset(); }
    void Reset() {
        if (p) p->Release();
        p = nullptr;
    }
    T* operator->() const { return p; }
    T** out() { return &p; }
};

// A string attribute of a voice token ("Name", "Language"), or "".
std::wstring Attribute(ISpDataKey* attributes, const wchar_t* name) {
    wchar_t* value = nullptr;
    if (FAILED(attributes->GetStringValue(name, &value)) || !value) return {};
    std::wstring out = value;
    CoTaskMemFree(value);
    return out;
}

}  // namespace

struct SapiVoice::Impl {
    bool com = false;
    std::string error;
    Com<ISpVoice> voice;
    std::vector<SapiVoiceInfo> voices;
    std::vector<Com<ISpObjectToken>> tokens;  // voices[i]'s token

    std::string Start() {
        HRESULT hr = CoInitializeEx(nullptr, COINIT_MULTITHREADED);
        if (FAILED(hr)) return "COM could not start: " + Hresult("CoInitializeEx", hr);
        com = true;
        hr = CoCreateInstance(CLSID_SpVoice, nullptr, CLSCTX_ALL, IID_ISpVoice, reinterpret_cast<void**>(voice.out()));
        if (FAILED(hr)) return "Windows speech (SAPI) could not be started: " + Hresult("CoCreateInstance(SpVoice)", hr);
        Com<ISpObjectTokenCategory> category;
        hr = CoCreateInstance(CLSID_SpObjectTokenCategory, nullptr, CLSCTX_ALL, IID_ISpObjectTokenCategory,
                              reinterpret_cast<void**>(category.out()));
        Com<IEnumSpObjectTokens> list;
        if (SUCCEEDED(hr)) hr = category->SetId(SPCAT_VOICES, FALSE);
        if (SUCCEEDED(hr)) hr = category->EnumTokens(nullptr, nullptr, list.out());
        if (FAILED(hr)) return "Windows speech (SAPI) could not list its voices: " + Hresult("EnumTokens", hr);
        for (;;) {
            Com<ISpObjectToken> token;
            if (list->Next(1, token.out(), nullptr) != S_OK) break;
            Com<ISpDataKey> attributes;
            if (FAILED(token->OpenKey(L"Attributes", attributes.out()))) continue;
            SapiVoiceInfo info;
            // "409" or "409;9": LCIDs in hexadecimal, the first the voice's own.
            const std::wstring language = Attribute(attributes.p, L"Language");
            for (const wchar_t* p = language.c_str(); *p;) {
                wchar_t* end = nullptr;
                const unsigned long lcid = std::wcstoul(p, &end, 16);
                if (end == p) break;
                wchar_t locale[LOCALE_NAME_MAX_LENGTH] = {};
                if (lcid && LCIDToLocaleName(static_cast<LCID>(lcid), locale, LOCALE_NAME_MAX_LENGTH, 0) > 0)
                    info.locales.push_back(Narrow(locale));
                p = *end == L';' ? end + 1 : end;
            }
            info.name = Narrow(Attribute(attributes.p, L"Name").c_str());
            if (info.name.empty()) info.name = "voice " + std::to_string(voices.size() + 1);
            for (const SapiVoiceInfo& v : voices)
                if (v.name == info.name) info.name += " (" + std::to_string(voices.size() + 1) + ")";
            voices.push_back(std::move(info));
            tokens.push_back(std::move(token));
        }
        // A voice that does not work answers its first call with an error.
        hr = voice->SetRate(0);
        if (FAILED(hr)) return "Windows speech (SAPI) did not answer: " + Hresult("SetRate", hr);
        return "";
    }
};

SapiVoice::SapiVoice() : m(std::make_unique<Impl>()) { m->error = m->Start(); }

SapiVoice::~SapiVoice() {
    m->tokens.clear();
    m->voice.Reset();  // before COM ends on this thread
    if (m->com) CoUninitialize();
}

const std::string& SapiVoice::Error() const { return m->error; }
const std::vector<SapiVoiceInfo>& SapiVoice::Voices() const { return m->voices; }

std::string SapiVoice::Speak(const std::string& voice, const std::string& text, long rate) {
    if (!m->error.empty()) return m->error;
    for (size_t i = 0; i < m->voices.size(); ++i)
        if (m->voices[i].name == voice) m->voice->SetVoice(m->tokens[i].p);
    m->voice->SetRate(std::clamp(rate, -10L, 10L));
    const HRESULT hr = m->voice->Speak(Wide(text).c_str(), SPF_ASYNC | SPF_PURGEBEFORESPEAK | SPF_IS_NOT_XML, nullptr);
    return FAILED(hr) ? "Windows speech (SAPI) could not read: " + Hresult("Speak", hr) : "";
}

bool SapiVoice::Pause() { return m->error.empty() && SUCCEEDED(m->voice->Pause()); }
bool SapiVoice::Resume() { return m->error.empty() && SUCCEEDED(m->voice->Resume()); }

void SapiVoice::Purge() {
    if (m->error.empty()) m->voice->Speak(nullptr, SPF_PURGEBEFORESPEAK, nullptr);
}

bool SapiVoice::Done() { return !m->error.empty() || m->voice->WaitUntilDone(0) == S_OK; }

}  // namespace lectern::os
