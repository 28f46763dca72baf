// grpcbench: a closed-loop gRPC load client for arpc.test.v1.TestService over
// mutual TLS, the gRPC counterpart of attrbench (docs/BENCHMARKS.md). Each of
// --connections channels keeps --concurrency calls in flight; every call is
// restarted as soon as it ends. The completion-queue API drives them all from
// --threads threads (1 by default: the client shares the machine with the
// server). Prints one JSON object, in attrbench's schema, on stdout.
#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "arpc/test/v1/test.grpc.pb.h"
#include "flags.h"

namespace {

using arpc::test::v1::Empty;
using arpc::test::v1::SimpleRequest;
using arpc::test::v1::SimpleResponse;
using arpc::test::v1::StreamingOutputCallRequest;
using arpc::test::v1::StreamingOutputCallResponse;
using arpc::test::v1::TestService;

constexpr char kUsage[] =
    "usage: grpcbench --target HOST:PORT --ca ca.crt --cert client.crt --key client.key\n"
    "  [--server-name localhost] [--scenario unary|stream] [--connections 1] [--concurrency 1]\n"
    "  [--payload 0] [--stream-messages 10] [--duration 10] [--warmup 2] [--server-pid PID]\n"
    "  [--label grpc-cpp] [--threads 1]";

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

struct Options {
  std::string target, ca, cert, key, server_name, scenario, label;
  int connections, concurrency, threads, stream_messages;
  int64_t payload;
  double duration, warmup;
  long server_pid;
};

// The measured window, [start, end) in NowNs(); both unset (max) until the
// main thread opens and closes it.
struct Window {
  std::atomic<int64_t> start{std::numeric_limits<int64_t>::max()};
  std::atomic<int64_t> end{std::numeric_limits<int64_t>::max()};
  bool Contains(int64_t t) const {
    return t >= start.load(std::memory_order_relaxed) && t < end.load(std::memory_order_relaxed);
  }
  bool Closed(int64_t t) const { return t >= end.load(std::memory_order_relaxed); }
};

// What one worker saw inside the window.
struct Stats {
  uint64_t calls = 0, errors = 0, messages = 0;
  std::vector<int64_t> latencies_ns;
  std::string first_error;
};

// One slot of the closed loop: the call in flight and, once it ends, the next.
// The Call itself is the completion-queue tag; `step` says which operation
// completed.
struct Call {
  enum class Step { kUnaryFinish, kStreamStart, kStreamRead, kStreamFinish };

  TestService::Stub* stub;
  Step step;
  bool live = false;
  int64_t started_ns = 0;
  int received = 0;
  std::optional<grpc::ClientContext> context;  // a context serves one call only
  grpc::Status status;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Empty>> empty_call;
  std::unique_ptr<grpc::ClientAsyncResponseReader<SimpleResponse>> unary_call;
  std::unique_ptr<grpc::ClientAsyncReader<StreamingOutputCallResponse>> stream_call;
  Empty empty_response;
  SimpleResponse unary_response;
  StreamingOutputCallResponse stream_response;
};

// A thread with its own completion queue, driving its share of the calls.
class Worker {
 public:
  Worker(const Options& options, const Window& window) : options_(options), window_(window) {
    if (options.payload > 0) {
      unary_request_.set_response_size(static_cast<int32_t>(options.payload));
      unary_request_.mutable_payload()->mutable_body()->assign(options.payload, '\0');
    }
    for (int i = 0; i < options.stream_messages; i++)
      stream_request_.add_response_parameters()->set_size(static_cast<int32_t>(options.payload));
  }

  void AddSlot(TestService::Stub* stub) {
    calls_.push_back(std::make_unique<Call>());
    calls_.back()->stub = stub;
  }

  void Start() { thread_ = std::thread([this] { Run(); }); }
  void Join() { thread_.join(); }
  Stats& stats() { return stats_; }

 private:
  void Run() {
    for (auto& call : calls_) Begin(call.get());
    bool cancelled = false;
    for (;;) {
      void* tag = nullptr;
      bool ok = false;
      auto deadline = std::chrono::system_clock::now() + std::chrono::milliseconds(200);
      auto result = queue_.AsyncNext(&tag, &ok, deadline);
      if (result == grpc::CompletionQueue::SHUTDOWN) return;
      if (result == grpc::CompletionQueue::GOT_EVENT) Advance(static_cast<Call*>(tag), ok);
      // Calls still running 3 s after the window closed are cancelled.
      if (!cancelled && live_ > 0 && window_.Closed(NowNs() - 3'000'000'000)) {
        for (auto& call : calls_)
          if (call->live) call->context->TryCancel();
        cancelled = true;
      }
    }
  }

  // Starts the slot's next call.
  void Begin(Call* call) {
    call->empty_call.reset();
    call->unary_call.reset();
    call->stream_call.reset();
    call->context.emplace();
    call->received = 0;
    call->live = true;
    live_++;
    call->started_ns = NowNs();
    grpc::ClientContext* context = &*call->context;
    if (options_.scenario == "stream") {
      call->step = Call::Step::kStreamStart;
      call->stream_call = call->stub->PrepareAsyncStreamingOutputCall(context, stream_request_, &queue_);
      call->stream_call->StartCall(call);
    } else if (options_.payload == 0) {
      call->step = Call::Step::kUnaryFinish;
      call->empty_call = call->stub->PrepareAsyncEmptyCall(context, empty_request_, &queue_);
      call->empty_call->StartCall();
      call->empty_call->Finish(&call->empty_response, &call->status, call);
    } else {
      call->step = Call::Step::kUnaryFinish;
      call->unary_call = call->stub->PrepareAsyncUnaryCall(context, unary_request_, &queue_);
      call->unary_call->StartCall();
      call->unary_call->Finish(&call->unary_response, &call->status, call);
    }
  }

  // One completed operation of `call`.
  void Advance(Call* call, bool ok) {
    switch (call->step) {
      case Call::Step::kStreamStart:
      case Call::Step::kStreamRead:
        if (call->step == Call::Step::kStreamRead && ok) {
          call->received++;
          if (window_.Contains(NowNs())) stats_.messages++;
        }
        if (ok) {
          call->step = Call::Step::kStreamRead;
          call->stream_call->Read(&call->stream_response, call);
        } else {
          call->step = Call::Step::kStreamFinish;
          call->stream_call->Finish(&call->status, call);
        }
        return;
      case Call::Step::kUnaryFinish:
      case Call::Step::kStreamFinish:
        End(call);
        return;
    }
  }

  // The call is over: count it, then start the next unless the window closed.
  void End(Call* call) {
    int64_t now = NowNs();
    bool stream = options_.scenario == "stream";
    bool success = call->status.ok() && (!stream || call->received == options_.stream_messages);
    if (window_.Contains(now)) {
      if (success) {
        stats_.calls++;
        if (!stream) stats_.messages++;
        stats_.latencies_ns.push_back(now - call->started_ns);
      } else {
        stats_.errors++;
      }
    }
    if (!success && stats_.first_error.empty()) {
      stats_.first_error = call->status.ok()
                               ? "stream ended after " + std::to_string(call->received) + " messages"
                               : std::to_string(call->status.error_code()) + " " +
                                     call->status.error_message();
    }
    call->live = false;
    live_--;
    if (!window_.Closed(now)) {
      Begin(call);
    } else if (live_ == 0) {
      queue_.Shutdown();  // AsyncNext returns SHUTDOWN once the queue is drained
    }
  }

  const Options& options_;
  const Window& window_;
  grpc::CompletionQueue queue_;
  std::vector<std::unique_ptr<Call>> calls_;
  int live_ = 0;
  Empty empty_request_;
  SimpleRequest unary_request_;
  StreamingOutputCallRequest stream_request_;
  Stats stats_;
  std::thread thread_;
};

Options ParseOptions(int argc, char** argv) {
  bench::Flags flags(argc, argv, kUsage);
  Options o;
  o.target = flags.String("target", nullptr);
  o.ca = bench::ReadFile(flags.String("ca", nullptr));
  o.cert = bench::ReadFile(flags.String("cert", nullptr));
  o.key = bench::ReadFile(flags.String("key", nullptr));
  o.server_name = flags.String("server-name", "");
  o.scenario = flags.String("scenario", "unary");
  o.label = flags.String("label", "grpc-cpp");
  o.connections = static_cast<int>(flags.Int("connections", 1, 1));
  o.concurrency = static_cast<int>(flags.Int("concurrency", 1, 1));
  o.threads = static_cast<int>(flags.Int("threads", 1, 1));
  o.stream_messages = static_cast<int>(flags.Int("stream-messages", 10, 1));
  o.payload = flags.Int("payload", 0, 0);
  o.duration = flags.Double("duration", 10, 0.001);
  o.warmup = flags.Double("warmup", 2, 0);
  o.server_pid = static_cast<long>(flags.Int("server-pid", 0, 0));
  flags.RejectUnknown();
  if (o.scenario != "unary" && o.scenario != "stream")
    bench::Fail("--scenario: expected unary or stream, got '" + o.scenario + "'");
  if (o.payload > std::numeric_limits<int32_t>::max()) bench::Fail("--payload: too large");
  return o;
}

// One channel per connection. The channel-index argument makes every channel's
// arguments distinct, and the local subchannel pool keeps them from sharing a
// subchannel, so each one is its own TCP+TLS connection.
std::shared_ptr<grpc::Channel> Connect(const Options& o, int index) {
  grpc::SslCredentialsOptions tls;
  tls.pem_root_certs = o.ca;
  tls.pem_cert_chain = o.cert;
  tls.pem_private_key = o.key;
  grpc::ChannelArguments args;
  if (!o.server_name.empty()) args.SetSslTargetNameOverride(o.server_name);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("arpc.bench.channel_index", index);
  args.SetMaxReceiveMessageSize(-1);
  auto channel = grpc::CreateCustomChannel(o.target, grpc::SslCredentials(tls), args);

  auto deadline = std::chrono::system_clock::now() + std::chrono::seconds(10);
  for (;;) {
    grpc_connectivity_state state = channel->GetState(/*try_to_connect=*/true);
    if (state == GRPC_CHANNEL_READY) return channel;
    if (state == GRPC_CHANNEL_TRANSIENT_FAILURE || state == GRPC_CHANNEL_SHUTDOWN)
      bench::Fail("connection " + std::to_string(index) + " to " + o.target +
                      " failed (check the address, certificates and --server-name)",
                  1);
    if (!channel->WaitForStateChange(state, deadline))
      bench::Fail("connection " + std::to_string(index) + " to " + o.target + " timed out", 1);
  }
}

// utime + stime of a process in seconds, from /proc/PID/stat; nullopt if unreadable.
std::optional<double> ProcessCPUSeconds(long pid) {
  if (pid <= 0) return std::nullopt;
  FILE* file = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
  if (!file) return std::nullopt;
  char buffer[1024];
  size_t length = std::fread(buffer, 1, sizeof(buffer) - 1, file);
  std::fclose(file);
  buffer[length] = '\0';
  // The command name (field 2) may hold spaces: count fields after its ')'.
  const char* rest = std::strrchr(buffer, ')');
  unsigned long long utime = 0, stime = 0;
  if (!rest || std::sscanf(rest + 1,
                           " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                           &utime, &stime) != 2)
    return std::nullopt;
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// Nearest-rank percentile of sorted samples, in microseconds.
double PercentileUs(const std::vector<int64_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return static_cast<double>(sorted[std::max<size_t>(rank, 1) - 1]) / 1000.0;
}

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string JsonNumberOrNull(std::optional<double> value, const char* format) {
  if (!value || !std::isfinite(*value)) return "null";
  char text[64];
  std::snprintf(text, sizeof(text), format, *value);
  return text;
}

void SleepUntilNs(int64_t t) {
  int64_t left = t - NowNs();
  if (left > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(left));
}

}  // namespace

int main(int argc, char** argv) {
  Options o = ParseOptions(argc, argv);

  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<TestService::Stub>> stubs;
  for (int i = 0; i < o.connections; i++) {
    channels.push_back(Connect(o, i));
    stubs.push_back(TestService::NewStub(channels.back()));
  }

  // Slots are dealt round-robin over the workers, so each worker has a share
  // of every connection's calls.
  Window window;
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < o.threads; t++) workers.push_back(std::make_unique<Worker>(o, window));
  int slot = 0;
  for (int c = 0; c < o.connections; c++)
    for (int n = 0; n < o.concurrency; n++) workers[slot++ % o.threads]->AddSlot(stubs[c].get());
  if (slot < o.threads) workers.resize(slot);  // a worker with no slot would never stop

  int64_t begun = NowNs();
  for (auto& worker : workers) worker->Start();

  // Warm-up, then the measured window; the server's CPU is read at both edges.
  SleepUntilNs(begun + static_cast<int64_t>(o.warmup * 1e9));
  std::optional<double> cpu_start = ProcessCPUSeconds(o.server_pid);
  int64_t start = NowNs();
  window.start.store(start);
  SleepUntilNs(start + static_cast<int64_t>(o.duration * 1e9));
  int64_t end = NowNs();
  window.end.store(end);
  std::optional<double> cpu_end = ProcessCPUSeconds(o.server_pid);
  for (auto& worker : workers) worker->Join();

  Stats total;
  for (auto& worker : workers) {
    Stats& s = worker->stats();
    total.calls += s.calls;
    total.errors += s.errors;
    total.messages += s.messages;
    total.latencies_ns.insert(total.latencies_ns.end(), s.latencies_ns.begin(), s.latencies_ns.end());
    if (total.first_error.empty()) total.first_error = s.first_error;
  }
  std::sort(total.latencies_ns.begin(), total.latencies_ns.end());

  double seconds = static_cast<double>(end - start) / 1e9;
  std::optional<double> server_cpu, cpu_per_unit;
  if (cpu_start && cpu_end) {
    server_cpu = *cpu_end - *cpu_start;
    if (total.messages > 0) cpu_per_unit = *server_cpu * 1e6 / static_cast<double>(total.messages);
  }

  std::printf(
      "{\"label\": %s, \"scenario\": \"%s\", \"connections\": %d, \"concurrency\": %d, "
      "\"payload_bytes\": %lld, \"duration_s\": %.3f, \"calls\": %llu, \"errors\": %llu, "
      "\"messages\": %llu, \"qps\": %.1f, \"messages_per_s\": %.1f, \"mb_per_s\": %.3f, "
      "\"latency_us\": {\"p50\": %.1f, \"p90\": %.1f, \"p99\": %.1f, \"p999\": %.1f}, "
      "\"server_cpu_s\": %s, \"server_cpu_us_per_call\": %s}\n",
      JsonString(o.label).c_str(), o.scenario.c_str(), o.connections, o.concurrency,
      static_cast<long long>(o.payload), seconds, static_cast<unsigned long long>(total.calls),
      static_cast<unsigned long long>(total.errors), static_cast<unsigned long long>(total.messages),
      static_cast<double>(total.calls) / seconds, static_cast<double>(total.messages) / seconds,
      static_cast<double>(total.messages) * static_cast<double>(o.payload) / 1e6 / seconds,
      PercentileUs(total.latencies_ns, 0.50), PercentileUs(total.latencies_ns, 0.90),
      PercentileUs(total.latencies_ns, 0.99), PercentileUs(total.latencies_ns, 0.999),
      JsonNumberOrNull(server_cpu, "%.3f").c_str(), JsonNumberOrNull(cpu_per_unit, "%.2f").c_str());
  std::fflush(stdout);

  if (!total.first_error.empty()) std::fprintf(stderr, "grpcbench: first failure: %s\n", total.first_error.c_str());
  if (total.calls == 0) {
    std::fprintf(stderr, "grpcbench: no call succeeded in the measured window\n");
    return 1;
  }
  return 0;
}
