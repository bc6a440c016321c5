// One function per screen (house style rule 2), each over the model, the shared view state, its
// own state struct and the actions. Shared helpers for the frame live in app_frame.cpp.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <imgui_internal.h>

#include "progress/progress_status.h"
#include "ui/rich_text.h"
#include "ui/ui.h"

namespace lectern::ui {

struct Frame {
    const ViewModel& model;
    ViewState& state;  // shared by every screen; a screen's own struct is passed beside the frame
    Actions& actions;
    const Fonts& fonts;
    const Theme& theme;
    RichContext rich;
};

void DrawHomeScreen(Frame& f);
void DrawReaderScreen(Frame& f, ReaderState& reader);
// Closes the contents drawn over the page in a narrow window (Escape, a click elsewhere).
void CloseContentsOverlay(ViewState& view, ReaderState& reader);
void DrawGlossaryScreen(Frame& f, GlossaryState& glossary);
void DrawReferencesScreen(Frame& f, GlossaryState& glossary);
void DrawHelpScreen(Frame& f);
void DrawErrorScreen(Frame& f);
void DrawQuizScreen(Frame& f, QuizState& qs);
void DrawProgressScreen(Frame& f);
void DrawLearnersScreen(Frame& f, SignInState& sign_in);
void DrawAdminScreen(Frame& f, AdminState& admin);
void DrawIdleWarning(Frame& f);
void DrawWatchOverlay(Frame& f);
// Facilitator notes for what is on screen (present mode). private_screen: the presenter's own
// window on a second monitor, which also shows the answer key.
void DrawPresenterNotes(Frame& f, bool private_screen);
// Presenter view on one display: the width of the notes panel beside a screen `total_w` wide
// (the reader, a quiz), 0 when the notes are elsewhere (a private window), hidden (N) or when
// this is not the presenter view.
float PresenterNotesWidth(const Frame& f, float total_w);
// That panel, drawn at the cursor.
void PresenterNotesPanel(Frame& f, ImVec2 size);

// Where the quiz screen drew its parts in the last frame (screen coordinates), for tests: the
// question's first answer control, the scrolling region, and the pinned actions with the
// rectangle they are clipped to (all zero when not drawn).
struct QuizLayout {
    bool has_first_control = false;
    ImRect first_control;
    ImRect region;
    ImRect actions;
    ImRect actions_clip;
};
QuizLayout LastQuizLayout();

// The quiz intro's facts ("5 questions. Pass mark 80%: at least 4 of 5 right. Unlimited
// attempts; you have used 0.") and the result's verdict (no "try again" when no attempt is left).
std::string QuizIntroFacts(const Quiz& quiz, int pool_size, int used);
const char* QuizOutcomeText(bool passed, bool can_try_again);
// What the screens say about keeping the learner's work. A presenter's room keeps nothing (present
// mode saves no progress), so there they say nothing about saving or "your progress"; a guest keeps
// nothing either, and is told so (and how to keep their work) instead of being promised a resume.
const char* QuizIntroNote(bool present, bool guest);
const char* HomeNotice(bool present, bool guest);
const char* WhoIsSignedIn(bool present, bool guest);
// A lesson's row on the progress screen: "2/3 pages, 1/1 checks", or "2/3 pages" with no check.
std::string PagesAndChecks(const LessonStatus& ls);

// Every key the running mode answers to, as (keys, what they do) rows for the help screen:
// the presenter's keys in present mode, the administrator's chord on a kiosk.
std::vector<std::pair<std::string, std::string>> HelpKeys(const ViewModel& model);
// Width of the reading column for the space available (a readable measure of ~70 characters).
float ReadingWidth(const Fonts& fonts, float available);
// A button drawn with the accent colour (the one obvious next step on a screen).
bool PrimaryButton(const char* label, const Theme& theme, const ImVec2& size = ImVec2(0, 0));
// A button label (in the current font) wrapped to fit `width` with the button's padding.
std::string ButtonLabel(const std::string& text, float width);
// Puts the next button (labelled `label`, current font) on this row when it ends before
// `right` (screen x), else starts a row: button rows wrap at the column, at any text size.
void SameLineIfItFits(const char* label, float right, float spacing = -1.0f, float extra = 0.0f);
// Key helpers: true once when pressed and no text field has the keyboard.
bool KeyPressed(ImGuiKey key);
bool CharPressed(char c);
// Space / Shift+Space / Page Down / Page Up / Home / End (and Up / Down while no control shows a
// focus ring) scroll the current window: call inside each screen's scrolling panel.
void ScrollKeys();
// Flags for a screen's panels (child windows): Tab and Shift+Tab run through all of them in
// the order they are drawn, as one document.
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NavFlattened;
// True when what is drawn now reads from the right: the language around it (the interface's
// catalog over every screen, the course's, a page's or a passage's inside the reading column)
// is right to left. Rows of controls, rows of a list and bars start from that side, so a page's
// own buttons follow the page, as a browser's follow the dir around them.
bool ReadingFromRight();
// When reading from the right, moves the cursor so an item `item_width` wide ends at the right
// edge of the column that starts at the cursor and is `column_width` wide.
void AtReadingStart(float item_width, float column_width);
// The same for the button labelled `label` (current font).
void ButtonAtReadingStart(const char* label, float column_width);
// Text (current font, one line) at the reading start of a column `column_width` wide.
void TextAtReadingStart(const char* text, float column_width);
// A text field (InputText) with `hint` shown while it is empty. Dear ImGui's InputTextWithHint
// puts the hint, and an empty field's caret, at the field's left in either direction: here both
// are at its reading start, its right when reading from the right. Text that needs shaping
// (Arabic, Devanagari) is shown shaped over or under it (ShapedFieldOverlay), except in a
// password field. Returns what InputText does.
bool FieldWithHint(const char* id, const char* hint, char* buf, size_t size, ImGuiInputTextFlags flags = 0);
bool FieldWithHint(const char* id, const char* hint, std::string* text, ImGuiInputTextFlags flags = 0);
// Dear ImGui's InputInt with − and + buttons (`step`), `width` wide in all, mirrored when reading
// from the right (Dear ImGui puts the buttons at the field's right in either direction). True on
// Enter in the field (with ImGuiInputTextFlags_EnterReturnsTrue); the buttons only change *value.
bool StepIntField(const char* id, int* value, int step, float width, ImGuiInputTextFlags flags);
// BeginCombo whose arrow is at the reading start's far side: at the left, with the preview ending
// at the right, when reading from the right. EndCombo as usual when it returns true.
bool ComboAtReadingStart(const char* id, const char* preview);
// Indents the next item by `indent` from the reading start: moves the cursor right when reading
// from the left; reading from the right the item ends `indent` short of the column's right edge,
// so the caller makes it that much narrower.
void IndentFromReadingStart(float indent);
// A selectable row `width` wide (0: the available width) whose text wraps instead of being cut
// off (titles run long), drawn from the reading start after `lead` pixels (room for an arrow):
// each line starts at the left, or ends at the right when reading from the right. *text_pos is
// where the first line starts (mirrored: its right end). True when clicked, Enter or Space.
bool ReadingRow(const char* id, const std::string& logical, ImFont* font, bool selected, float lead, float width, ImVec2* text_pos);
// "← Back" (current font) at the reading start of a column `column_width` wide; true when pressed.
bool BackButton(float column_width);
// The width a button labelled `label` takes in the current font.
float ButtonWidth(const char* label);
// Controls side by side from the reading start: left to right, or from the right edge of the
// column leftwards when the interface is mirrored (a browser's dir="rtl" form row); a control
// that does not fit starts the next row. Call Next with each control's width just before drawing
// it, instead of SameLine.
class ControlRow {
public:
    explicit ControlRow(float column_width);
    void Next(float width);

private:
    float m_start_x = 0, m_width = 0, m_used = 0;
    bool m_first = true, m_mirrored = false;
};
// Centres the next content of `width` in the current window.
void CenterColumn(float width);

}  // namespace lectern::ui
