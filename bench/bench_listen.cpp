// bench_listen [N] [UDP_RATE] [UDP_SECONDS]: the live listener under load, against rsyslogd.
//
// Generates N distinct QRadar Suite events (cadfscope_loggen), then, each against a fresh
// receiver process on 127.0.0.1:
//   1. TCP, octet counting, one connection, as fast as the receiver takes it (blocking writes:
//      TCP back-pressure paces the sender). Sustained events/s = N / (first byte .. all stored),
//      where "stored" is `cadfscope listen` exiting after SIGTERM with everything flushed and its
//      JSON summary saying events == N (zero loss), or rsyslogd's output file holding N lines.
//   2. UDP at UDP_RATE datagrams/s for UDP_SECONDS: loss = sent - stored (kernel and own drops).
// Peak RSS is the receiver's VmHWM. The same sender code drives `cadfscope listen` and
// `rsyslogd -n` (imtcp/imudp to a file, %rawmsg%) in the same run.
//
// Measured 2026-11-25 (load ~2.3; the sender shares the two cores): `bench_listen 1000000 20000
// 5`: cadfscope TCP 99.9k and 106.2k events/s, 0 lost, 16.3-17.1 us CPU per event, peak RSS
// 425-434 MiB; rsyslogd 327-329k. With 300000: 99.8-106.3k (92-96k an hour earlier on the same
// build), 220-226 MiB. UDP 100k datagrams at 20k/s: 0 lost, for both.
#include "bench/thread_cpu.h"
#include "tools/loggen/log_generator.h"
#include "tools/loggen/url_templates.h"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

long peakRssKb(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::atol(line.c_str() + 6);
    }
    return -1;
}

struct Child {
    pid_t pid = -1;
    int errFd = -1; // the child's stderr
};

Child spawn(const std::vector<std::string>& args) {
    Child c;
    int pipeFds[2];
    if (pipe(pipeFds) != 0)
        return c;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    std::vector<char*> argv;
    for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (posix_spawn(&c.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0)
        c.pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    c.errFd = pipeFds[0];
    return c;
}

// Reads the child's stderr until a line "listening on PROTO://127.0.0.1:PORT" for each wanted
// protocol; returns the ports in that order.
std::vector<int> readPorts(int fd, const std::vector<std::string>& protos) {
    std::string text;
    std::vector<int> ports(protos.size(), 0);
    char buf[4096];
    const auto t0 = Clock::now();
    while (since(t0) < 10) {
        bool all = true;
        for (std::size_t i = 0; i < protos.size(); ++i) {
            const std::string key = protos[i] + "://127.0.0.1:";
            const auto at = text.find(key);
            if (at != std::string::npos && text.find('\n', at) != std::string::npos)
                ports[i] = std::atoi(text.c_str() + at + key.size());
            all = all && ports[i] != 0;
        }
        if (all)
            return ports;
        const ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        text.append(buf, std::size_t(n));
    }
    std::fprintf(stderr, "bench_listen: no port from the receiver: %s\n", text.c_str());
    return {};
}

int freePort(int type) {
    const int fd = socket(AF_INET, type, 0);
    sockaddr_in a = {};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    close(fd);
    return ntohs(a.sin_port);
}

sockaddr_in loopback(int port) {
    sockaddr_in a = {};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

// Writes the whole octet-counted stream over one TCP connection; blocking writes are the
// back-pressure. Returns false on a connection error.
bool sendTcp(int port, const std::string& stream) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a = loopback(port);
    for (int i = 0; i < 100; ++i) {
        if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0)
            break;
        if (i == 99)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::size_t off = 0;
    while (off < stream.size()) {
        const ssize_t n =
            write(fd, stream.data() + off, std::min<std::size_t>(stream.size() - off, 1 << 18));
        if (n <= 0) {
            close(fd);
            return false;
        }
        off += std::size_t(n);
    }
    close(fd);
    return true;
}

// Sends `count` datagrams at `rate` per second (paced every millisecond).
void sendUdp(int port, const std::vector<std::string>& lines, long count, long rate) {
    const int fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a = loopback(port);
    const auto t0 = Clock::now();
    for (long i = 0; i < count; ++i) {
        const std::string& m = lines[std::size_t(i) % lines.size()];
        sendto(fd, m.data(), m.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a);
        const auto due = t0 + std::chrono::microseconds((i + 1) * 1000000 / rate);
        if (Clock::now() < due)
            std::this_thread::sleep_until(due);
    }
    close(fd);
}

// Waits for the child and returns its CPU time (user + system, every thread).
double reap(pid_t pid) {
    int status = 0;
    rusage usage = {};
    wait4(pid, &status, 0, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long countLines(const fs::path& path) {
    std::ifstream in(path);
    long n = 0;
    std::string line;
    while (std::getline(in, line))
        ++n;
    return n;
}

struct Result {
    double cpuSeconds = 0; // user + system of the receiver process, all threads
    double seconds = 0;
    long stored = 0;
    long sent = 0;
    long rssKb = 0;
    std::string note;
    std::map<std::string, double> threads; // CPU per thread name when the sender was done
};

std::string readFile(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// cadfscope listen: stdout (the JSON summary) goes to a file through a shell-free wrapper.
Result runCadfscope(const fs::path& dir, const std::string& proto, const std::string& stream,
                    const std::vector<std::string>& lines, long count, long rate) {
    Result r;
    const fs::path db = dir / ("listen-" + proto + ".cadfdb");
    fs::remove(db);
    fs::remove(db.string() + "-wal");
    const fs::path out = dir / ("listen-" + proto + ".json");
    const std::string cmd = std::string(CADFSCOPE_BINARY) + " listen --db " + db.string() + " --" +
                            proto + " 127.0.0.1:0 --stats-interval 0 --json > " + out.string();
    Child c = spawn({"/bin/sh", "-c", "exec " + cmd});
    const std::vector<int> ports = readPorts(c.errFd, {proto});
    if (ports.empty())
        return r;
    const auto t0 = Clock::now();
    if (proto == "tcp") {
        if (!sendTcp(ports[0], stream))
            r.note = "connection failed";
        r.sent = count;
    } else {
        sendUdp(ports[0], lines, count, rate);
        r.sent = count;
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // datagrams in flight
    }
    r.rssKb = peakRssKb(c.pid);
    r.threads = cadf::bench::threadCpuSeconds(std::to_string(c.pid));
    kill(c.pid, SIGTERM);
    r.cpuSeconds = reap(c.pid);
    r.seconds = since(t0);
    close(c.errFd);
    const std::string text = readFile(out);
    try {
        const auto j = nlohmann::json::parse(text);
        r.stored = j.at("events").get<long>() + j.at("duplicates").get<long>();
        if (proto == "udp")
            r.note = "kernel drops " + std::to_string(j.at("dropped_kernel").get<long>()) +
                     ", own drops " + std::to_string(j.at("dropped_own").get<long>());
    } catch (const std::exception& e) {
        r.note = std::string("no summary: ") + e.what();
    }
    return r;
}

Result runRsyslog(const fs::path& dir, const std::string& proto, const std::string& stream,
                  const std::vector<std::string>& lines, long count, long rate) {
    Result r;
    const fs::path work = dir / ("rsyslog-" + proto);
    fs::remove_all(work);
    fs::create_directories(work);
    const fs::path output = work / "out.log";
    const int port = freePort(proto == "tcp" ? SOCK_STREAM : SOCK_DGRAM);
    std::ofstream conf(work / "rsyslog.conf");
    conf << "global(workDirectory=\"" << work.string() << "\" maxMessageSize=\"64k\")\n"
         << "module(load=\"im" << proto << "\")\n"
         << "template(name=\"raw\" type=\"string\" string=\"%rawmsg%\\n\")\n"
         << "input(type=\"im" << proto << "\" address=\"127.0.0.1\" port=\"" << port
         << "\" ruleset=\"bench\")\n"
         << "ruleset(name=\"bench\") { action(type=\"omfile\" file=\"" << output.string()
         << "\" template=\"raw\" asyncWriting=\"on\" flushOnTXEnd=\"off\" ioBufferSize=\"256k\") "
            "}\n";
    conf.close();
    Child c = spawn({"/usr/sbin/rsyslogd", "-n", "-f", (work / "rsyslog.conf").string(), "-i",
                     (work / "pid").string()});
    std::this_thread::sleep_for(std::chrono::milliseconds(700)); // no "ready" line to wait for
    const auto t0 = Clock::now();
    if (proto == "tcp") {
        if (!sendTcp(port, stream))
            r.note = "connection failed";
    } else {
        sendUdp(port, lines, count, rate);
    }
    r.sent = count;
    // Done when the output holds every line, or nothing more arrives for 2 s.
    long last = -1;
    auto lastChange = Clock::now();
    while (true) {
        const long n = countLines(output);
        if (n >= count)
            break;
        if (n != last) {
            last = n;
            lastChange = Clock::now();
        } else if (since(lastChange) > 2) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    r.seconds = since(t0);
    r.rssKb = peakRssKb(c.pid);
    kill(c.pid, SIGTERM);
    r.cpuSeconds = reap(c.pid);
    close(c.errFd);
    r.stored = countLines(output);
    return r;
}

void print(const char* who, const char* what, const Result& r) {
    std::printf("%-9s %-4s sent %8ld  stored %8ld  lost %6ld  %7.2f s  %8.0f events/s  cpu %6.2f s "
                "(%5.1f us/event)  peak RSS %6.1f MiB  %s\n",
                who, what, r.sent, r.stored, r.sent - r.stored, r.seconds,
                r.seconds > 0 ? double(r.stored) / r.seconds : 0.0, r.cpuSeconds,
                r.stored > 0 ? r.cpuSeconds * 1e6 / double(r.stored) : 0.0,
                double(r.rssKb) / 1024.0, r.note.c_str());
    if (r.stored > 0)
        cadf::bench::printThreadCpu({}, r.threads, double(r.stored));
}

} // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::atol(argv[1]) : 500000;
    const long udpRate = argc > 2 ? std::atol(argv[2]) : 20000;
    const long udpSeconds = argc > 3 ? std::atol(argv[3]) : 5;
    const fs::path dir = fs::temp_directory_path() / "cadfscope-bench-listen";
    fs::create_directories(dir);
    signal(SIGPIPE, SIG_IGN);

    std::string error;
    const auto urls = cadf::loggen::loadUrlTemplates(CADFSCOPE_INVENTORY_JSON, &error);
    if (urls.empty()) {
        std::fprintf(stderr, "bench_listen: %s\n", error.c_str());
        return 1;
    }
    cadf::loggen::GeneratorOptions o;
    o.seed = 5;
    o.count = n;
    cadf::loggen::LogGenerator gen(o, urls);
    std::vector<std::string> lines;
    lines.reserve(std::size_t(n));
    std::string stream;
    std::string line;
    cadf::loggen::GeneratedTruth truth;
    while (gen.next(line, truth)) {
        stream += std::to_string(line.size());
        stream += ' ';
        stream += line;
        lines.push_back(line);
    }
    const long udpCount = std::min<long>(udpRate * udpSeconds, n);
    // Wall-clock rates depend on what else runs on the machine: say how busy it was.
    std::ifstream loadavg("/proc/loadavg");
    std::string load;
    std::getline(loadavg, load);
    std::printf("load average at start: %s (%u cores)\n", load.c_str(),
                std::thread::hardware_concurrency());
    std::printf("bench_listen: %ld events, %.1f MB octet-counted (%.0f bytes/event); UDP %ld "
                "datagrams at %ld/s\n",
                n, double(stream.size()) / 1e6, double(stream.size()) / double(n), udpCount,
                udpRate);
    std::fflush(stdout);

    print("cadfscope", "tcp", runCadfscope(dir, "tcp", stream, lines, n, 0));
    std::fflush(stdout);
    print("cadfscope", "udp", runCadfscope(dir, "udp", stream, lines, udpCount, udpRate));
    std::fflush(stdout);
    if (access("/usr/sbin/rsyslogd", X_OK) == 0) {
        print("rsyslogd", "tcp", runRsyslog(dir, "tcp", stream, lines, n, 0));
        std::fflush(stdout);
        print("rsyslogd", "udp", runRsyslog(dir, "udp", stream, lines, udpCount, udpRate));
    } else {
        std::printf("rsyslogd not installed: no comparison\n");
    }
    return 0;
}
