// Reads Google Benchmark JSON output (--benchmark_out) and prints the ratios docs/performance.md
// talks about: re2_loop / set, std_regex / set, and classify(set) / parse, per snapshot.
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "nlohmann/json.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return std::fprintf(stderr, "usage: ratios BENCH.json\n"), 2;
  std::ifstream in(argv[1]);
  nlohmann::json doc = nlohmann::json::parse(in);
  std::map<std::string, double> ns;  // name -> cpu ns per iteration
  std::map<std::string, double> rate;
  for (const auto& b : doc["benchmarks"]) {
    // With --benchmark_repetitions the medians are named "<name>_median"; plain runs have no suffix.
    std::string name = b["name"];
    if (b.value("run_type", "") == "aggregate") {
      if (b.value("aggregate_name", "") != "median") continue;
      name = b.value("run_name", name);
    }
    // A fixed iteration count shows up in the name ("/iterations:2"): drop it.
    if (auto at = name.find("/iterations:"); at != std::string::npos) name.erase(at);
    std::string unit = b.value("time_unit", "ns");
    double scale = unit == "ns" ? 1 : unit == "us" ? 1e3 : unit == "ms" ? 1e6 : 1e9;
    ns[name] = b["cpu_time"].get<double>() * scale;
    if (b.contains("controls/s")) rate[name] = b["controls/s"].get<double>();
  }
  std::printf("%-11s %12s %14s %12s %15s %14s %10s %12s\n", "snapshot", "set", "controls/s", "re2_loop/set",
              "std_regex/set", "classify/parse", "reply", "frame");
  for (const char* s : {"small", "typical_en", "typical_de", "huge"}) {
    std::string k = s;
    auto get = [&](const std::string& name) { return ns.count(name) ? ns[name] : 0.0; };
    double set = get("classify/set/" + k), loop = get("classify/re2_loop/" + k), stdre = get("classify/std_regex/" + k),
           parse = get("parse/" + k), frame = get("frame/" + k), reply = get("reply/" + k);
    if (set == 0) continue;
    char pbuf[32] = "-", fbuf[32] = "-", rbuf[32] = "-";
    if (reply > 0) std::snprintf(rbuf, sizeof rbuf, "%.1f us", reply / 1e3);
    if (parse > 0) std::snprintf(pbuf, sizeof pbuf, "%.2f", set / parse);
    if (frame > 0) std::snprintf(fbuf, sizeof fbuf, "%.1f us", frame / 1e3);
    std::printf("%-11s %9.1f us %14.0f %12.1f %15.1f %14s %10s %12s\n", s, set / 1e3, rate["classify/set/" + k],
                loop / set, stdre / set, pbuf, rbuf, fbuf);
  }
  return 0;
}
