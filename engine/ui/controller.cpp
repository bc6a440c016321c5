#include "ui/controller.h"

#include <algorithm>

namespace lectern::ui {

namespace {

bool IsSide(Screen s) { return s == Screen::Glossary || s == Screen::References || s == Screen::Help; }

}  // namespace

const char* ScreenName(Screen screen) {
    switch (screen) {
        case Screen::Home: return "home";
        case Screen::Reader: return "reader";
        case Screen::Glossary: return "glossary";
        case Screen::References: return "references";
        case Screen::Help: return "help";
        case Screen::Error: return "error";
    }
    return "?";
}

void OpenScreen(UiState& state, Screen screen) {
    if (IsSide(screen) && !IsSide(state.screen)) state.return_to = state.screen;
    state.screen = screen;
}

ControllerResult ApplyActions(const Actions& actions, Navigator* nav, UiState& state) {
    ControllerResult r;
    int before = nav ? nav->Index() : -1;
    Screen screen_before = state.screen;
    for (const Action& a : actions.list) {
        switch (a.kind) {
            case ActionKind::GoToPage:
                if (nav && nav->JumpToIndex(a.index)) state.screen = Screen::Reader;
                break;
            case ActionKind::NextPage:
                if (nav) nav->Next();
                break;
            case ActionKind::PrevPage:
                if (nav) nav->Back();
                break;
            case ActionKind::FollowLink:
                if (nav && nav->JumpTo(a.id)) state.screen = Screen::Reader;
                break;
            case ActionKind::OpenScreen:
                OpenScreen(state, a.screen);
                state.glossary_focus = a.id;
                break;
            case ActionKind::OpenTerm:
                OpenScreen(state, Screen::Glossary);
                state.glossary_focus = a.id;
                state.glossary_filter[0] = '\0';
                break;
            case ActionKind::SetTextScale: state.text_scale = std::clamp(a.value, 1.0f, 2.0f); break;
            case ActionKind::CycleTheme: state.theme = NextTheme(state.theme); break;
            case ActionKind::Quit: r.quit = true; break;
        }
    }
    r.page_changed = nav && nav->Index() != before;
    r.screen_changed = state.screen != screen_before;
    if (r.screen_changed || r.page_changed) state.focus_main = true;
    return r;
}

}  // namespace lectern::ui
