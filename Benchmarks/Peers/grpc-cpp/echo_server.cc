// A benchmark peer: arpc.test.v1.TestService (EmptyCall, UnaryCall,
// StreamingOutputCall) on gRPC C++'s callback API over mutual TLS, with the
// same certificates as attrd. Prints `listening on PORT` once bound, then
// serves until SIGTERM or SIGINT. Other methods answer UNIMPLEMENTED.
#include <grpcpp/alarm.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>

#include "arpc/test/v1/test.grpc.pb.h"
#include "flags.h"

namespace {

using arpc::test::v1::Empty;
using arpc::test::v1::SimpleRequest;
using arpc::test::v1::SimpleResponse;
using arpc::test::v1::StreamingOutputCallRequest;
using arpc::test::v1::StreamingOutputCallResponse;

// One StreamingOutputCall: writes one response per ResponseParameters entry,
// in order, waiting interval_us first when it is set; deletes itself when done.
class ResponseStreamer final : public grpc::ServerWriteReactor<StreamingOutputCallResponse> {
 public:
  explicit ResponseStreamer(const StreamingOutputCallRequest* request) : request_(request) {
    WriteNext();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "write failed"));
      return;
    }
    WriteNext();
  }

  void OnDone() override { delete this; }

 private:
  void WriteNext() {
    if (next_ == request_->response_parameters_size()) {
      Finish(grpc::Status::OK);
      return;
    }
    const auto& parameters = request_->response_parameters(next_++);
    response_.mutable_payload()->mutable_body()->assign(std::max(0, parameters.size()), '\0');
    if (parameters.interval_us() > 0) {
      auto at = std::chrono::system_clock::now() + std::chrono::microseconds(parameters.interval_us());
      alarm_.Set(at, [this](bool) { StartWrite(&response_); });
    } else {
      StartWrite(&response_);
    }
  }

  const StreamingOutputCallRequest* request_;  // owned by the call, valid until OnDone
  StreamingOutputCallResponse response_;
  grpc::Alarm alarm_;
  int next_ = 0;
};

class EchoService final : public arpc::test::v1::TestService::CallbackService {
  grpc::ServerUnaryReactor* EmptyCall(grpc::CallbackServerContext* context, const Empty*,
                                      Empty*) override {
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerUnaryReactor* UnaryCall(grpc::CallbackServerContext* context,
                                      const SimpleRequest* request,
                                      SimpleResponse* response) override {
    auto* reactor = context->DefaultReactor();
    if (request->has_response_status() && request->response_status().code() != 0) {
      reactor->Finish(grpc::Status(static_cast<grpc::StatusCode>(request->response_status().code()),
                                   request->response_status().message()));
      return reactor;
    }
    response->mutable_payload()->mutable_body()->assign(std::max(0, request->response_size()), '\0');
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerWriteReactor<StreamingOutputCallResponse>* StreamingOutputCall(
      grpc::CallbackServerContext*, const StreamingOutputCallRequest* request) override {
    return new ResponseStreamer(request);
  }
};

}  // namespace

int main(int argc, char** argv) {
  bench::Flags flags(argc, argv,
                     "usage: echo_server --port P --cert server.crt --key server.key --ca ca.crt "
                     "[--host 127.0.0.1]");
  std::string host = flags.String("host", "127.0.0.1");
  int port = static_cast<int>(flags.Int("port", 0));
  std::string cert = bench::ReadFile(flags.String("cert", nullptr));
  std::string key = bench::ReadFile(flags.String("key", nullptr));
  std::string ca = bench::ReadFile(flags.String("ca", nullptr));
  flags.RejectUnknown();

  // Block the stop signals before gRPC starts its threads, so that they
  // inherit the mask and only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // Mutual TLS: a client certificate chaining to --ca is required.
  grpc::SslServerCredentialsOptions tls(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  tls.pem_root_certs = ca;
  tls.pem_key_cert_pairs.push_back({key, cert});

  EchoService service;
  grpc::ServerBuilder builder;
  int bound_port = 0;
  builder.AddListeningPort(host + ":" + std::to_string(port), grpc::SslServerCredentials(tls),
                           &bound_port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server || bound_port == 0) bench::Fail("cannot listen on " + host + ":" + std::to_string(port), 1);

  std::printf("listening on %d\n", bound_port);
  std::fflush(stdout);

  int received = 0;
  sigwait(&stop_signals, &received);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  return 0;
}
