// PIN hashing cost (Argon2id, libsodium INTERACTIVE limits): a kiosk waits this long on every
// PIN entry, so it is measured here rather than asserted in a test (machines are noisy).
#include <benchmark/benchmark.h>

#include "kiosk/pin.h"

static void BM_HashPin(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(lectern::HashPin("1234"));
}
BENCHMARK(BM_HashPin)->Unit(benchmark::kMillisecond)->Iterations(5);

static void BM_VerifyPin(benchmark::State& state) {
    const std::string hash = *lectern::HashPin("1234");
    for (auto _ : state) benchmark::DoNotOptimize(lectern::VerifyPin("9999", hash));
}
BENCHMARK(BM_VerifyPin)->Unit(benchmark::kMillisecond)->Iterations(5);

BENCHMARK_MAIN();
