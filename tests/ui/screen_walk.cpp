// See screen_walk.h.
#include "screen_walk.h"

#include <imgui.h>
#include <imgui_internal.h>
#include <unistd.h>
#include <utf8proc.h>

#include <csignal>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "course/course_text.h"
#include "learning/attempt.h"
#include "learning/session.h"
#include "platform/fonts.h"
#include "ui/input.h"
#include "ui/screens.h"
#include "ui/ui.h"
#include "in_child.h"
#include "../helpers/scoped_env.h"

namespace lectern::test {
namespace {

// Which glyph of which font a texel of the atlas belongs to: a quad whose texture coordinates
// fall in a glyph but do not span all of it was cut on the CPU (ImGui's fine clipping).
class GlyphMap {
public:
    void Build(const ImFontAtlas& atlas) {
        m_w = atlas.TexWidth;
        m_h = atlas.TexHeight;
        m_texel.assign(static_cast<size_t>(m_w) * m_h, -1);
        m_glyphs.clear();
        for (const ImFont* font : atlas.Fonts)
            for (const ImFontGlyph& g : font->Glyphs) {
                if (!g.Visible) continue;
                int x0 = static_cast<int>(std::lround(g.U0 * m_w)), x1 = static_cast<int>(std::lround(g.U1 * m_w));
                int y0 = static_cast<int>(std::lround(g.V0 * m_h)), y1 = static_cast<int>(std::lround(g.V1 * m_h));
                for (int y = y0; y < y1; ++y)
                    for (int x = x0; x < x1; ++x) m_texel[static_cast<size_t>(y) * m_w + x] = static_cast<int>(m_glyphs.size());
                m_glyphs.push_back(&g);
            }
    }
    const ImFontGlyph* At(ImVec2 uv) const {
        int x = static_cast<int>(uv.x * m_w), y = static_cast<int>(uv.y * m_h);
        if (x < 0 || y < 0 || x >= m_w || y >= m_h) return nullptr;
        int i = m_texel[static_cast<size_t>(y) * m_w + x];
        return i < 0 ? nullptr : m_glyphs[i];
    }

private:
    int m_w = 0, m_h = 0;
    std::vector<int> m_texel;
    std::vector<const ImFontGlyph*> m_glyphs;
};

std::string Utf8(unsigned cp) {
    utf8proc_uint8_t buf[4];
    return std::string(reinterpret_cast<char*>(buf), utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf));
}

// Text cut at a box's edge is fine when the learner can scroll to it: sideways only with a
// horizontal scrollbar (a wide table's own box); up and down in any box that scrolls.
bool ScrollsAlong(const ImGuiWindow* w, bool horizontal) {
    for (; w; w = w->ParentWindow)
        if (horizontal ? w->ScrollbarX : w->ScrollMax.y > 0.0f) return true;
    return false;
}

// The windows that hold a reading column, centred as the screens centre it (ReadingWidth).
bool HasReadingColumn(const char* name) {
    const char* last = std::strrchr(name, '/');
    if (!last) return false;
    for (const char* n : {"/##page_", "/##quiz_", "/##home_", "/##glossary_", "/##references_", "/##progress_", "/##help_"})
        if (std::strncmp(last, n, std::strlen(n)) == 0) return true;
    return false;
}

// Measures the last frame's draw data; returns one line per fault (the text at fault quoted).
std::vector<std::string> AuditFrame(const GlyphMap& glyphs, const ui::Fonts& fonts, int* glyphs_seen) {
    std::vector<std::string> faults;
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImTextureID atlas_tex = ImGui::GetIO().Fonts->TexID;
    const float tol = 1.0f;
    for (ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden) continue;
        const ImDrawList* list = w->DrawList;
        float col_l = -1e9f, col_r = 1e9f;
        if (HasReadingColumn(w->Name)) {
            float avail = w->ContentRegionRect.Max.x - w->DC.CursorStartPos.x;
            float width = ui::ReadingWidth(fonts, avail);
            col_l = w->DC.CursorStartPos.x + (avail - width) * 0.5f;
            col_r = col_l + width;
        }
        std::map<std::string, std::string> bad;  // fault kind -> the text it cut
        std::vector<unsigned> recent;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != atlas_tex) continue;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned k = 0; k + 6 <= cmd.ElemCount;) {
                unsigned a = idx[k];
                bool quad = idx[k + 1] == a + 1 && idx[k + 2] == a + 2 && idx[k + 3] == a && idx[k + 4] == a + 2 && idx[k + 5] == a + 3;
                if (!quad) {
                    k += 3;
                    continue;
                }
                k += 6;
                const ImDrawVert& tl = vtx[a];
                const ImDrawVert& br = vtx[a + 2];
                const ImFontGlyph* gl = glyphs.At(ImVec2((tl.uv.x + br.uv.x) * 0.5f, (tl.uv.y + br.uv.y) * 0.5f));
                if (!gl) continue;
                ++*glyphs_seen;
                std::string ch = Utf8(gl->Codepoint);
                // The glyphs drawn just before, for the message: which text ran over.
                if (recent.size() >= 24) recent.erase(recent.begin());
                recent.push_back(gl->Codepoint);
                auto fault = [&](const char* kind) {
                    std::string& text = bad[kind];
                    if (text.empty()) {
                        char at[160];
                        std::snprintf(at, sizeof at, "x %.1f..%.1f y %.1f..%.1f; clip x %.1f..%.1f y %.1f..%.1f; column %.1f..%.1f: ", tl.pos.x,
                                      br.pos.x, tl.pos.y, br.pos.y, cmd.ClipRect.x, cmd.ClipRect.z, cmd.ClipRect.y, cmd.ClipRect.w, col_l, col_r);
                        text = at;
                        text += "after \"";
                        for (size_t r = 0; r + 1 < recent.size(); ++r) text += Utf8(recent[r]);
                        text += "\": ";
                    }
                    if (text.size() < 200) text += ch;
                };
                // Cut on the CPU: sideways is a fault unless the box scrolls sideways; at the
                // top or bottom, unless it scrolls (a line half out of view while scrolling).
                const float eps = 1e-5f;
                const bool cut_x = std::fabs(tl.uv.x - gl->U0) > eps || std::fabs(br.uv.x - gl->U1) > eps;
                const bool cut_y = std::fabs(tl.uv.y - gl->V0) > eps || std::fabs(br.uv.y - gl->V1) > eps;
                if ((cut_x && !ScrollsAlong(w, true)) || (cut_y && !ScrollsAlong(w, false))) fault("cut short by its box");
                const ImVec4& clip = cmd.ClipRect;
                if ((tl.pos.x < clip.x - tol || br.pos.x > clip.z + tol) && !ScrollsAlong(w, true)) fault("cut at the side");
                if ((tl.pos.y < clip.y - tol || br.pos.y > clip.w + tol) && !ScrollsAlong(w, false)) fault("cut at the top or bottom");
                if (tl.pos.x < -tol || br.pos.x > display.x + tol) fault("outside the window");
                // The column holds each glyph's advance; its ink may overhang (an italic f).
                const float pen_l = tl.pos.x - gl->X0, pen_r = pen_l + gl->AdvanceX;
                if (pen_l < col_l - tol || pen_r > col_r + tol) fault("outside the reading column");
            }
        }
        for (const auto& [kind, text] : bad) faults.push_back(std::string(w->Name) + ": " + kind + ": \"" + text + "\"");
    }
    return faults;
}

// A wrong (or partly wrong) answer, so feedback, rationale and the answer key all show.
Response WrongAnswer(const Question& q) {
    switch (q.type) {
        case QuestionType::Single:
        case QuestionType::Multiple: {
            for (const Choice& c : q.choices)
                if (!c.correct) return Response::Choices({c.id});
            return Response::Choices({q.choices.front().id});
        }
        case QuestionType::TrueFalse: return Response::TrueFalse(!q.tf_answer);
        case QuestionType::Matching: {
            std::map<std::string, std::string> m;
            for (const MatchPair& p : q.pairs) m[p.id] = q.pairs.back().id;
            return Response::Matching(m);
        }
        case QuestionType::Ordering: {
            std::vector<std::string> ids;
            for (auto it = q.items.rbegin(); it != q.items.rend(); ++it) ids.push_back(it->id);
            return Response::Ordering(ids);
        }
        // A short wrong answer: a longer one scrolls inside its field, as typed text does in any field.
        case QuestionType::Text: return Response::Text("a wrong answer");
    }
    return Response::None();
}

// What is being drawn, for the message when ImGui aborts (the child's SIGABRT handler says it).
char g_drawing[512] = "";

void SayWhatWasDrawn(int sig) {
    const char head[] = "\nwhile drawing: ";
    (void)!write(2, head, sizeof head - 1);
    (void)!write(2, g_drawing, std::strlen(g_drawing));
    (void)!write(2, "\n", 1);
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// Draws every screen of one course and writes each fault to stderr. Runs in InChild (in_child.h).
class CourseWalk {
public:
    CourseWalk(std::shared_ptr<const Course> course, std::string label) : m_course(std::move(course)), m_label(std::move(label)) {
        ForEachText(*m_course, [this](std::string_view text) {
            for (uint32_t cp : platform::GlyphsToBake(text)) m_glyphs.codepoints.push_back(cp);
        });
        m_glyphs.lang = m_course->lang;
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DeltaTime = 1.0f / 60.0f;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.KeyMap[ImGuiKey_Space] = 32;
        // As the OpenGL 3 backend says: long pages draw more than 65,536 vertices in one list.
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    }
    ~CourseWalk() { ImGui::DestroyContext(); }

    int Run() {
        // A Dear ImGui assertion aborts here whatever the environment says (the player only
        // logs it: tools/cmake/imgui/lectern_imconfig.h), and the handler says what was drawn.
        ScopedEnv abort_here("LECTERN_IMGUI_ASSERT", "abort");
        std::signal(SIGABRT, SayWhatWasDrawn);
        for (float scale : {1.0f, 2.0f}) {
            platform::FontSet set;
            std::string error;
            if (!platform::BuildFontAtlas(ImGui::GetIO().Fonts, scale, m_glyphs, &set, &error)) {
                std::fprintf(stderr, "fonts: %s\n", error.c_str());
                return 2;
            }
            unsigned char* pixels;
            int w, h;
            ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
            m_map.Build(*ImGui::GetIO().Fonts);
            m_fonts = ui::Fonts{set.body, set.bold, set.italic, set.bold_italic, set.heading1, set.heading2, set.heading3,
                                set.ui, set.ui_bold, set.small, set.body_px};
            ui::ApplyTheme(ui::GetTheme(ui::ThemeId::Light), 1.0f + (m_fonts.body_px / 18.0f - 1.0f) * 0.5f);
            for (float width : {640.0f, 1280.0f, 1920.0f}) {
                ImGui::GetIO().DisplaySize = ImVec2(width, 800);
                m_where = m_label + ", " + std::to_string(static_cast<int>(scale * 100)) + "% text, " +
                          std::to_string(static_cast<int>(width)) + " px wide: ";
                WalkAll();
            }
        }
        std::fprintf(stderr, "screens drawn: %d, glyphs measured: %d, faults: %d\n", m_screens, m_glyphs_seen, m_faults);
        return m_faults ? 1 : 0;
    }

private:
    void WalkAll() {
        // A fresh learner for each size: attempts and scenario runs start over.
        m_session = std::make_unique<Session>(m_course, nullptr, std::nullopt);
        m_model = ui::ViewModel();
        m_model.course = m_course.get();
        m_model.session = m_session.get();
        m_model.diagnostics = &m_no_problems;
        m_model.load_image = [](const std::string&) { return ui::Texture{reinterpret_cast<ImTextureID>(1), 1300, 700}; };
        m_state = ui::UiState();

        Show(ui::Screen::Home, "home");
        const int pages = static_cast<int>(m_course->reading_order.size());
        for (int i = 0; i < pages; ++i) {
            const Page& page = m_course->PageAt(i);
            m_session->ShowPage(i, Now());
            Show(ui::Screen::Reader, "page " + page.id);
            m_model.present_mode = true;
            Show(ui::Screen::Reader, "page " + page.id + " in the presenter view");
            m_model.present_mode = false;
            for (const Block& b : page.blocks) {
                if (b.kind == BlockKind::Question) {
                    m_session->SetCheckResponse(*b.question, WrongAnswer(*b.question));
                    m_session->SubmitCheck(*b.question, page.id, Now());
                    Show(ui::Screen::Reader, "page " + page.id + ", check " + b.question->id + " answered");
                    m_session->RevealCheck(*b.question);
                    Show(ui::Screen::Reader, "page " + page.id + ", check " + b.question->id + " revealed");
                } else if (b.kind == BlockKind::Scenario) {
                    WalkScenario(*b.scenario, page);
                }
            }
        }
        for (const auto& quiz : AllQuizzes(*m_course)) WalkQuiz(*quiz);
        m_session->ShowPage(0, Now());
        Show(ui::Screen::Glossary, "glossary");
        Show(ui::Screen::References, "references");
        Show(ui::Screen::Help, "help");
        Show(ui::Screen::Progress, "progress");
    }

    // Every node and ending, reached along the first path found from the start.
    void WalkScenario(const Scenario& sc, const Page& page) {
        std::map<std::string, std::vector<std::string>> path{{sc.start, {}}};
        std::vector<std::string> queue{sc.start};
        for (size_t i = 0; i < queue.size(); ++i) {
            const ScenarioNode* n = sc.Find(queue[i]);
            if (!n) continue;
            for (const ScenarioChoice& c : n->choices)
                if (!path.count(c.go_to)) {
                    path[c.go_to] = path[queue[i]];
                    path[c.go_to].push_back(c.id);
                    queue.push_back(c.go_to);
                }
        }
        for (const std::string& node : queue) {
            m_session->RestartScenario(sc);
            for (const std::string& choice : path[node]) m_session->ChooseInScenario(sc, choice, Now());
            Show(ui::Screen::Reader, "page " + page.id + ", scenario " + sc.id + " at " + node);
        }
    }

    void WalkQuiz(const Quiz& quiz) {
        m_session->OpenQuiz(quiz, Now());
        Show(ui::Screen::Quiz, "quiz " + quiz.id + ", intro");
        if (!m_session->StartAttempt(quiz, Now())) return;
        const Attempt* a = m_session->ActiveAttempt();
        for (size_t i = 0; i < a->questions.size(); ++i) {
            const Question* q = FindQuestion(quiz, a->questions[i]);
            Show(ui::Screen::Quiz, "quiz " + quiz.id + ", question " + a->questions[i]);
            if (q) m_session->AnswerQuestion(q->id, WrongAnswer(*q), Now());
            Show(ui::Screen::Quiz, "quiz " + quiz.id + ", question " + a->questions[i] + " answered");
            m_session->MoveInQuiz(+1, Now());
        }
        m_session->SubmitQuiz(Now());
        Show(ui::Screen::Quiz, "quiz " + quiz.id + ", results");
        m_session->LeaveQuiz(Now());
    }

    // Draws `screen` until its layout settles (auto-sized boxes take two or three frames), then
    // measures the last frame.
    void Show(ui::Screen screen, const std::string& what) {
        std::snprintf(g_drawing, sizeof g_drawing, "%s%s", m_where.c_str(), what.c_str());
        m_state.screen = screen;
        for (int i = 0; i < 3; ++i) {
            ImGuiIO& io = ImGui::GetIO();
            ui::RemapKeyboard(io);
            ImGui::NewFrame();
            ui::Actions actions;
            m_model.page = m_session->Nav().Index();
            ui::DrawApp(m_model, m_state, actions, m_fonts);
            ImGui::Render();
            m_state.screen = screen;  // the walk, not the clicks, says where to go next
        }
        ++m_screens;
        int seen = 0;
        for (const std::string& f : AuditFrame(m_map, m_fonts, &seen)) {
            ++m_faults;
            if (m_faults <= (std::getenv("LECTERN_GENERATED_ALL") ? 100000 : 40)) std::fprintf(stderr, "%s%s: %s\n", m_where.c_str(), what.c_str(), f.c_str());
        }
        if (seen == 0) {
            ++m_faults;
            std::fprintf(stderr, "%s%s: no text was drawn (or none was recognised)\n", m_where.c_str(), what.c_str());
        }
        m_glyphs_seen += seen;
    }

    int64_t Now() { return m_now += 1000; }

    std::shared_ptr<const Course> m_course;
    std::string m_label;
    platform::GlyphRequest m_glyphs;
    GlyphMap m_map;
    ui::Fonts m_fonts;
    std::unique_ptr<Session> m_session;
    ui::ViewModel m_model;
    ui::UiState m_state;
    Diagnostics m_no_problems;
    std::string m_where;
    int64_t m_now = 1700000000000;
    int m_screens = 0, m_glyphs_seen = 0, m_faults = 0;
};

}  // namespace

DrawnCourse DrawEveryScreen(std::shared_ptr<const Course> course, const std::string& label) {
    ChildResult r = InChild([&] { return CourseWalk(course, label).Run(); });
    DrawnCourse d;
    d.signal = r.signal;
    d.code = r.exited ? r.code : -1;
    d.output = r.output;
    return d;
}

}  // namespace lectern::test
