// End-to-end import benchmark: generates N realistic QRadar Suite audit lines (seeded), then
// imports the file into a fresh store exactly as `cadfscope import` does, and prints events/s,
// MB/s, peak RSS and store bytes per event (indexes included).
// Usage: bench_import [COUNT] [WORKDIR] [GROUP_COMMIT_EVENTS]
// (the last one overrides WriterOptions::groupCommitEvents, to compare transaction sizes)
//
// Findings (1M events, 1.1 GB, 2 cores shared with other builds; CPU per event per thread read
// from /proc/self/task/*/stat, the figure that does not depend on the load):
//   before (zlib 5, one row per INSERT, SHA-1 after the import), load 6:
//     24k events/s wall, 25.1 us CPU/event: writer 12.0, producer (read, parse, classify, batch,
//     then SHA-1) 6.7, zlib 5.8, checkpointer 0.7; 370 bytes/event, RSS 362 MB.
//   after with zstd 1 (measured on a branch, not kept: the product's libraries are fixed to
//     zlib), load 6: 32k events/s wall, 17.6 us CPU/event: writer 9.6, producer 5.2, SHA-1 1.15
//     (own thread, beside the import), zstd 1.0, checkpointer 0.6; 364 bytes/event.
//   kept (zlib 5 stays, 5.8 us on its own thread): ~22.4 us CPU/event in all, so the wall floor
//   on an idle 2-core machine is max(writer 9.6-11.9, 22.4 / 2) = ~11.2 us, ~89k events/s.
// What paid:
//   - 16 rows per INSERT: the statement's cursors on the table and its ten indexes are opened and
//     closed once per 16 rows (sqlite3VdbeHalt, malloc/free were 10% of the writer); 1 -> 8 rows
//     saved ~1.4 us per event in a replay of the same rows (32 rows: within the noise). With the
//     next item, writer 13.3 -> 11.9 us in bench_import.
//   - SQLITE_CONFIG_MEMSTATUS off: a global mutex around every sqlite3_malloc/free, ~4% of the
//     writer.
//   - (not kept) zstd level 1 instead of zlib level 5 for raw blocks: 5.8 -> 1.0 us, and 6 bytes
//     per event less; zlib levels 1-3 are 2x faster than 5 but give 406 bytes/event (> 400).
//   - SHA-1 of the file beside the import instead of after it: ~1 s less wall per 1.1 GB.
// What each index costs the writer (replay of these rows, 16 rows per INSERT, CPU per row):
//   table + (ts, digest) 1.1 us; (service|outcome|code|action, ts) ~0.4 us each; (initiator, ts)
//   0.6; (address, ts) 0.7; (target, ts) 1.4 (300k distinct targets: inserts all over the tree);
//   all together 6.3 (cache misses make the sum more than its parts). Every one of them is used
//   by a filter (models/filter/filter_sql.cpp), so none was dropped.
// Not worth it (replay, within the noise): page_size 16 KiB (-0.2 us, new stores only),
// synchronous=OFF (-0.2 us; WAL + NORMAL never corrupts the file on a crash: kept).
//
// Where the writer's time goes (issue 2's 100k events/s; 1M events, load 5-8, CPU of the writer
// thread per event timed around each step with CLOCK_THREAD_CPUTIME_ID, and perf): the INSERT
// into events with its ten indexes 6.0-6.8 us (sqlite3BtreeIndexMoveto alone 15% of the thread:
// one descent per index per row), dictionary look-ups 2.2, rollups 1.1 to count + 1.4 to upsert
// at COMMIT (RollupAccumulator: three node-based hash maps, a malloc and a free per new key),
// COMMIT 1.0-1.4, raw block append 0.6. The writer never waits (0.05 s per 1M for jobs, 0.07 s
// for the compressor); the parser waits for queue room half the time.
//   - kept: 128k-event transactions (was 32k): COMMIT 1.0-1.8 -> 0.6 us, rollup upserts 1.3 ->
//     0.9, checkpointer 0.75 -> 0.4; writer 15.0 -> 13.8 us, all threads 27.9 -> 26.2 us (three
//     rounds each, load 6); peak RSS +13 MB. 64k gave half of it, 256k ~0.3 us more for 10 MB.
//     The gain grows with the store: on 3M events writer 15.1 -> 11.2 us, checkpointer 1.2 ->
//     0.5, all threads 28.8 -> 23.6 us (load 6-7). With the 3-hour rollups of main (merged
//     tree, two rounds, load 5): writer 10.1 -> 9.3 us, all threads 22.2 -> 21.1 us.
//   - not kept: zlib 4 (-0.3 us, 394 bytes/event), zlib 3 (-1.9 us, 413 bytes/event > 400);
//     cache_size 256 MB, synchronous=OFF, mmap_size 1 GiB (INSERT 6.4 vs 6.3 us: within the
//     noise); nice +5 on the parser, compressor,
//     digest and checkpointer threads so the writer gets its core: 41k -> 35k events/s (load 5),
//     the checkpointer falls behind.
//   - not kept, bulk import into a new store (secondary indexes built at the end): without the
//     eight (column, ts) and cadf_id indexes the INSERT takes 1.3 instead of 7.3 us, COMMIT 0.4
//     instead of 1.3, checkpointer 0.3 instead of 0.8: writer 17.1 -> 10.1 us. But CREATE INDEX
//     of the eight on the 1M rows costs 5.5 s CPU (5.2 user + 0.4 sys; 7.0-8.7 s wall, PRAGMA
//     threads=2 or 0; SQLite's sorter, a linked-list merge sort that waits on memory), on one
//     core while the other idles: net -1 us CPU per event but a 5 s serial tail, slower end to
//     end on 2 cores than keeping the indexes up to date.
// Ceiling then: all threads together needed ~23-26 us CPU per event (writer ~11-14, zlib 5.5,
// parser 5.0, SHA-1 1.2, checkpointer 0.4), so 2 cores topped out near ~83k events/s.
//
// The last steps to 100k (2026-11-25; `bench_import 1000000 DIR`, median of 5-9 runs at load
// ~2; on this shared VM the same build's medians drift by up to 5% from one hour to the next,
// so compare builds back to back):
//   - SHA-1 of the file through SHA-NI (2.2 GB/s, QCryptographicHash 1.1): 1.2 -> 0.5 us.
//   - raw deflate instead of zlib streams (no Adler-32 over each block and its dictionary):
//     compressor 5.4 -> 5.1 us. Then level 5 tuned (chain 16, nice 258): 4.85 -> 4.6 us and
//     1 byte per event less (replay of the real blocks). Tuned levels 1-3 reach 3.5 us but 89-97
//     bytes of block per event instead of 79: the store would pass 400 bytes per event.
//   - the event digest of compact JSON straight from the slice (the scanner counts skipped
//     whitespace; no stripping copy): 92.6k -> 98.0k events/s, 19.3 -> 18.4 us.
//   - the file's SHA-1 hashed by the importing thread while the writer's queue is full, instead
//     of a thread of its own: at each COMMIT only the writer runs (the parser waits for room, the
//     compressor for blocks), and the hash fills that gap instead of competing for the cores.
//   - 256k-event transactions (half as many such gaps): 93.9k -> 95.9k, +21 MB peak.
//   Result: median of 9: 101.3k events/s (99.0-104.6k), 17.6 us CPU per event: writer 8.0,
//   parser 4.8, compressor 4.8, checkpointer 0.4; 388 bytes/event; peak RSS 416 MB.
// Measured and not kept: a bigger writer queue (12-20 batches: within the noise, +70-120 MB:
// the writer is the bottleneck thread, so the queue is full again right after each commit);
// the digest thread at SCHED_IDLE (as good, but an unprivileged thread cannot leave SCHED_IDLE
// when the import needs the digest); reusing the written batches' events and records for the
// next ones (moving 1.5 KB Events between pools cost more than malloc: parser 5.05 -> 5.27 us,
// writer 8.41 -> 8.78 us); writer cache 256 MB, checkpoint thresholds 16k and 32k pages.
#include "bench/thread_cpu.h"
#include "models/ingest/file_importer.h"
#include "models/ingest/import_classifier.h"
#include "models/store/store_writer.h"
#include "tools/loggen/log_generator.h"
#include "tools/loggen/url_templates.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/resource.h>

namespace fs = std::filesystem;

namespace {

// User + system time of every thread of the process so far: on a shared machine this is the
// figure that does not depend on what else runs.
double cpuSeconds() {
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char** argv) {
    const long count = argc > 1 ? std::atol(argv[1]) : 1000000;
    const fs::path dir =
        argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "cadfscope-bench";
    fs::create_directories(dir);
    const fs::path log = dir / "bench.log";
    const fs::path db = dir / "bench.cadfscope";
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(db.string() + suffix);

    std::string error;
    const auto urls = cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON, &error);
    if (urls.empty()) {
        std::fprintf(stderr, "bench_import: %s\n", error.c_str());
        return 1;
    }
    // The log is kept between runs (same count, same seed): profiles then show the import only.
    const fs::path stamp = dir / "bench.count";
    std::ifstream stampIn(stamp);
    long stampedCount = -1;
    stampIn >> stampedCount;
    if (stampedCount != count || !fs::exists(log)) {
        cadf::loggen::GeneratorOptions options;
        options.seed = 2026;
        options.count = count;
        cadf::loggen::LogGenerator generator(options, urls);
        std::ofstream out(log, std::ios::binary);
        std::string line;
        cadf::loggen::GeneratedTruth truth;
        while (generator.next(line, truth)) {
            out.write(line.data(), std::streamsize(line.size()));
            out.put('\n');
        }
        std::ofstream(stamp) << count;
    }
    const auto logBytes = fs::file_size(log);

    cadf::store::StoreError storeError;
    cadf::store::WriterOptions writerOptions;
    if (argc > 3)
        writerOptions.groupCommitEvents = std::atoi(argv[3]);
    // Knobs for experiments: CADF_BENCH_QUEUE=BATCHES, CADF_BENCH_CHECKPOINT_PAGES=PAGES,
    // CADF_BENCH_ZLIB=LEVEL[,GOOD,LAZY,NICE,CHAIN] (a level alone: zlib's own parameters for it).
    if (const char* pages = std::getenv("CADF_BENCH_CHECKPOINT_PAGES"))
        writerOptions.backgroundCheckpointPages = std::atoi(pages);
    if (const char* queue = std::getenv("CADF_BENCH_QUEUE"))
        writerOptions.maxQueuedBatches = std::atoi(queue);
    if (const char* zlib = std::getenv("CADF_BENCH_ZLIB")) {
        auto& t = writerOptions.compressionTuning;
        t = {};
        std::sscanf(zlib, "%d,%d,%d,%d,%d", &writerOptions.compressionLevel, &t.goodLength,
                    &t.maxLazy, &t.niceLength, &t.maxChain);
    }
    auto writer = cadf::store::StoreWriter::open(db.string(), writerOptions, &storeError);
    if (!writer) {
        std::fprintf(stderr, "bench_import: %s\n", storeError.message.c_str());
        return 1;
    }
    cadf::ingest::FileImporter importer(*writer);
    importer.setClassifier(cadf::ingest::makeImportClassifier());
    std::atomic_bool cancel{false};
    const double cpu0 = cpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    const auto threads0 = cadf::bench::threadCpuSeconds();
    const auto results = importer.importFiles({log.string()}, cancel);
    const auto threads1 = cadf::bench::threadCpuSeconds(); // before the writer's threads end
    const double cpuImported = cpuSeconds() - cpu0;
    const double importedSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    writer.reset(); // commit and close: the file size below is final
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const double cpu = cpuSeconds() - cpu0;
    const auto& r = results.front();
    if (!r.error.empty()) {
        std::fprintf(stderr, "bench_import: %s\n", r.error.c_str());
        return 1;
    }
    std::uintmax_t storeBytes = 0;
    for (const char* suffix : {"", "-wal"}) {
        std::error_code ec;
        const auto size = fs::file_size(db.string() + suffix, ec);
        if (!ec)
            storeBytes += size;
    }
    struct rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("input: %ld lines, %.1f MB (%.0f bytes/line)\n", count, double(logBytes) / 1e6,
                double(logBytes) / double(count));
    std::printf("imported: %lld events, %lld duplicates, %lld rejected in %.2f s\n",
                (long long)r.events, (long long)r.duplicates, (long long)r.rejected, seconds);
    std::printf("wall: %.2f s until the last batch was committed, %.2f s closing the store\n",
                importedSeconds, seconds - importedSeconds);
    std::printf("throughput: %.0f events/s, %.1f MB/s end to end\n",
                double(r.events + r.duplicates) / seconds, double(logBytes) / 1e6 / seconds);
    std::printf("cpu: %.2f s over all threads, %.1f us per event (%.0f events/s per core)\n", cpu,
                cpu * 1e6 / double(count), double(count) / cpu);
    const double named = cadf::bench::printThreadCpu(threads0, threads1, double(count));
    std::printf("  threads that ended before the count %.2f s; close (final checkpoint) %.2f s\n",
                cpuImported - named, cpu - cpuImported);
    std::printf("peak RSS: %.1f MB\n", double(usage.ru_maxrss) / 1024.0);
    std::printf("store: %.1f MB, %.0f bytes/event (raw lines compressed, all indexes)\n",
                double(storeBytes) / 1e6, double(storeBytes) / double(r.events ? r.events : 1));
    return 0;
}
