#pragma once

// CPU time per thread of this process, by thread name, read from /proc/self/task/*/stat: on a
// shared machine the figure that does not depend on the load, and per thread it shows which one
// sets the pace (the store writer, the parser, the compressor...).
#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace cadf::bench {

// Seconds of user + system time per thread name (threads of one name added up) of `pid`, this
// process by default.
inline std::map<std::string, double> threadCpuSeconds(const std::string& pid = "self") {
    std::map<std::string, double> out;
    const std::string tasks = "/proc/" + pid + "/task";
    DIR* dir = opendir(tasks.c_str());
    if (!dir)
        return out;
    const double tick = double(sysconf(_SC_CLK_TCK));
    while (const dirent* entry = readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        std::ifstream file(tasks + "/" + entry->d_name + "/stat");
        std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        const auto open = text.find('(');
        const auto close = text.rfind(')');
        if (open == std::string::npos || close == std::string::npos)
            continue;
        const std::string name = text.substr(open + 1, close - open - 1);
        // After ") ": state, then fields 4..; utime and stime are fields 14 and 15.
        std::istringstream rest(text.substr(close + 2));
        std::string field;
        double utime = 0, stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14)
                utime = std::stod(field);
            if (i == 15)
                stime = std::stod(field);
        }
        out[name] += (utime + stime) / tick;
    }
    closedir(dir);
    return out;
}

// One line per thread: "  name  X.XX s  Y.Y us/item".
// CPU time of the calling thread in ms: its own work, whatever the machine's load.
inline double currentThreadCpuMs() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Prints each thread's CPU between the two readings; returns their sum.
inline double printThreadCpu(const std::map<std::string, double>& before,
                             const std::map<std::string, double>& after, double items) {
    double total = 0;
    for (const auto& [name, seconds] : after) {
        const auto it = before.find(name);
        const double used = seconds - (it == before.end() ? 0.0 : it->second);
        total += used;
        if (used < 0.005)
            continue;
        std::printf("  thread %-16s %6.2f s %6.2f us per event\n", name.c_str(), used,
                    used * 1e6 / items);
    }
    return total;
}

} // namespace cadf::bench
