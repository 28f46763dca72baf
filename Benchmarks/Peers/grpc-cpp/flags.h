// Small helpers shared by echo_server and grpcbench: `--name value` /
// `--name=value` flags and whole-file reads. Header-only on purpose.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace bench {

[[noreturn]] inline void Fail(const std::string& message, int code = 2) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::exit(code);
}

// Flags as given on the command line; every flag takes a value.
class Flags {
 public:
  Flags(int argc, char** argv, const std::string& usage) : usage_(usage) {
    for (int i = 1; i < argc; i++) {
      std::string arg = argv[i];
      if (arg == "-h" || arg == "--help") {
        std::printf("%s\n", usage.c_str());
        std::exit(0);
      }
      if (arg.rfind("--", 0) != 0) Fail("unexpected argument '" + arg + "'\n" + usage);
      std::string name = arg.substr(2), value;
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        Fail("--" + name + " needs a value\n" + usage);
      }
      values_[name] = value;
    }
  }

  // The value of --name, or `fallback` when absent; a required flag passes nullptr.
  std::string String(const std::string& name, const char* fallback) {
    auto it = values_.find(name);
    if (it != values_.end()) {
      used_[name] = true;
      return it->second;
    }
    if (fallback == nullptr) Fail("--" + name + " is required\n" + usage_);
    return fallback;
  }

  // An integer flag >= min; without a fallback it is required.
  long long Int(const std::string& name, long long min) { return ParseInt(name, String(name, nullptr), min); }
  long long Int(const std::string& name, long long fallback, long long min) {
    return ParseInt(name, String(name, std::to_string(fallback).c_str()), min);
  }

  double Double(const std::string& name, double fallback, double min) {
    std::string text = String(name, std::to_string(fallback).c_str());
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(value >= min))
      Fail("--" + name + ": expected a number >= " + std::to_string(min) + ", got '" + text + "'");
    return value;
  }

  // Call after reading every flag: an unknown one is an error.
  void RejectUnknown() {
    for (const auto& [name, value] : values_)
      if (!used_.count(name)) Fail("unknown flag --" + name + "\n" + usage_);
  }

 private:
  static long long ParseInt(const std::string& name, const std::string& text, long long min) {
    char* end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < min)
      Fail("--" + name + ": expected an integer >= " + std::to_string(min) + ", got '" + text + "'");
    return value;
  }

  std::string usage_;
  std::map<std::string, std::string> values_;
  std::map<std::string, bool> used_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace bench
