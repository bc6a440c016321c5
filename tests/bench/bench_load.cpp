// Load benchmark: lectern::LoadCourse (read, parse, validate, resolve, index) on the bundled
// course and on synthetic courses of 100, 1,000 and 10,000 pages (about 250 words each) written
// once, at start, by tools/gen_course.py into a temporary folder that is removed at the end.
//
//   build/bin/bench_load                                                  # everything
//   build/bin/bench_load --benchmark_filter='BM_LoadCourse/pages:10000/'  # one measure, one size
//   build/bin/bench_load --benchmark_filter='/threads:1'                   # the files one at a time
//
// Each measure loads with LoadOptions::threads 0 (the files course.xml names read a few at once,
// one thread per core) and 1 (one at a time, on the caller's thread).
// Three measures, in milliseconds per load, with pages/s and bytes/s of XML read:
//   BM_LoadCourse         LoadCourse alone: read, check, parse, build, validate, index. The
//                         course it returns is freed outside the timing (a course is loaded
//                         once and lives for the session; freeing it is not part of loading).
//   BM_LoadAndFreeCourse  LoadCourse and then the LoadResult going out of scope, as in the
//                         first version of this benchmark (freeing ~1 million small model
//                         allocations is a good part of that on the 10,000-page course).
//   BM_LoadBundledCourse  LoadCourse on content/human-rights-security-cooperation.
// Besides the wall-clock time, each reports `cpu_ms/load`: the whole process's CPU time (every
// thread's, std::clock) per load. On a shared, busy machine wall-clock times swing with the
// load; CPU time is the steadier measure of the loader's own work.
// Set LECTERN_BENCH_KEEP=1 to keep the generated courses (their folder is printed).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>

#include "course/loader.h"

namespace fs = std::filesystem;

namespace {

const int kSizes[] = {100, 1000, 10000};

struct Generated {
    std::string path;
    std::uintmax_t bytes = 0;  // total size of the course's XML files
};

std::map<int, Generated>& Courses() {
    static std::map<int, Generated> courses;
    return courses;
}

std::uintmax_t XmlBytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && entry.path().extension() == ".xml") total += entry.file_size();
    return total;
}

// Writes a course of `pages` pages into `dir`; false (with a message) on failure.
bool Generate(int pages, const fs::path& dir) {
    const std::string cmd = "/usr/bin/python3 '" LECTERN_SOURCE_DIR "/tools/gen_course.py' --pages " +
                            std::to_string(pages) + " '" + dir.string() + "'";
    const int rc = std::system(cmd.c_str());
    if (rc != 0) {
        std::fprintf(stderr, "bench_load: '%s' failed (status %d)\n", cmd.c_str(), rc);
        return false;
    }
    return true;
}

// One load outside the timing, to check the course is valid and has the pages we expect.
bool CheckCourse(benchmark::State& state, const Generated& course, int pages) {
    lectern::LoadResult r = lectern::LoadCourse(course.path);
    if (!r.ok()) {
        std::fprintf(stderr, "%s", r.diagnostics.FormatAll().substr(0, 4000).c_str());
        state.SkipWithError("the generated course does not load");
        return false;
    }
    if (static_cast<int>(r.course->reading_order.size()) != pages) {
        state.SkipWithError("the loaded course does not have the expected number of pages");
        return false;
    }
    return true;
}

// The process's CPU time (all threads) spent in the timed loop, per load.
class ProcessCpu {
public:
    void Pause() { m_spent += std::clock() - m_start; }
    void Resume() { m_start = std::clock(); }
    void Report(benchmark::State& state) const {
        const double loads = static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
        state.counters["cpu_ms/load"] = 1000.0 * static_cast<double>(m_spent) / CLOCKS_PER_SEC / loads;
    }

private:
    std::clock_t m_start = std::clock(), m_spent = 0;
};

void Counters(benchmark::State& state, const Generated& course, int pages) {
    state.counters["pages"] = pages;
    state.counters["pages/s"] = benchmark::Counter(static_cast<double>(pages) * static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate);
    state.SetBytesProcessed(static_cast<int64_t>(course.bytes) * state.iterations());
}

lectern::LoadOptions Threads(const benchmark::State& state, int arg) {
    lectern::LoadOptions options;
    options.threads = static_cast<int>(state.range(arg));
    return options;
}

void BM_LoadCourse(benchmark::State& state) {
    const int pages = static_cast<int>(state.range(0));
    const Generated& course = Courses().at(pages);
    const lectern::LoadOptions options = Threads(state, 1);
    if (!CheckCourse(state, course, pages)) return;
    ProcessCpu cpu;
    for (auto _ : state) {
        lectern::LoadResult r = lectern::LoadCourse(course.path, options);
        benchmark::DoNotOptimize(r.course);
        if (!r.ok()) {
            state.SkipWithError("load failed");
            return;
        }
        state.PauseTiming();
        cpu.Pause();
        r = lectern::LoadResult();  // free the course outside the timing
        cpu.Resume();
        state.ResumeTiming();
    }
    cpu.Pause();
    cpu.Report(state);
    Counters(state, course, pages);
}

void BM_LoadAndFreeCourse(benchmark::State& state) {
    const int pages = static_cast<int>(state.range(0));
    const Generated& course = Courses().at(pages);
    const lectern::LoadOptions options = Threads(state, 1);
    if (!CheckCourse(state, course, pages)) return;
    ProcessCpu cpu;
    for (auto _ : state) {
        lectern::LoadResult r = lectern::LoadCourse(course.path, options);
        benchmark::DoNotOptimize(r.course);
        if (!r.ok()) {
            state.SkipWithError("load failed");
            return;
        }
    }
    cpu.Pause();
    cpu.Report(state);
    Counters(state, course, pages);
}

void BM_LoadBundledCourse(benchmark::State& state) {
    const std::string path = LECTERN_SOURCE_DIR "/content/human-rights-security-cooperation";
    const lectern::LoadOptions options = Threads(state, 0);
    ProcessCpu cpu;
    for (auto _ : state) {
        lectern::LoadResult r = lectern::LoadCourse(path, options);
        benchmark::DoNotOptimize(r.course);
        if (!r.ok()) {
            std::fprintf(stderr, "%s", r.diagnostics.FormatAll().substr(0, 4000).c_str());
            state.SkipWithError("the bundled course does not load");
            return;
        }
        state.PauseTiming();
        cpu.Pause();
        r = lectern::LoadResult();
        cpu.Resume();
        state.ResumeTiming();
    }
    cpu.Pause();
    cpu.Report(state);
}

// Every size with threads 0 and 1.
void SizesAndThreads(benchmark::internal::Benchmark* b) {
    b->ArgNames({"pages", "threads"});
    for (int pages : kSizes)
        for (int threads : {0, 1}) b->Args({pages, threads});
}

BENCHMARK(BM_LoadBundledCourse)->ArgName("threads")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->MinTime(1.0)->UseRealTime();
// MinTime: so that the 10,000-page course is loaded a few times, not once.
BENCHMARK(BM_LoadCourse)->Apply(SizesAndThreads)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();
BENCHMARK(BM_LoadAndFreeCourse)->Apply(SizesAndThreads)->Unit(benchmark::kMillisecond)->MinTime(2.0)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    std::error_code ec;
    fs::path base = fs::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string pattern = (base / "lectern-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
        std::perror("bench_load: mkdtemp");
        return 1;
    }
    const fs::path root = pattern;

    bool ok = true;
    for (int pages : kSizes) {
        const fs::path dir = root / ("course-" + std::to_string(pages));
        if (!Generate(pages, dir)) {
            ok = false;
            break;
        }
        Courses()[pages] = {dir.string(), XmlBytes(dir)};
    }

    if (ok) benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();

    const char* keep = std::getenv("LECTERN_BENCH_KEEP");
    if (keep && *keep && std::string(keep) != "0") {
        std::fprintf(stderr, "bench_load: courses kept in %s\n", root.c_str());
    } else {
        fs::remove_all(root, ec);
    }
    return ok ? 0 : 1;
}
