#include "cases.h"
#include "call.h"
#include "arpc/health/v1/health.pb-c.h"
#include "arpc/reflection/v1/reflection.pb-c.h"
#include "arpc/test/v1/test.pb-c.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TEST "/arpc.test.v1.TestService/"
#define CHECK(cond, ...)                                  \
    do {                                                  \
        if (!(cond)) {                                    \
            snprintf(why, WHY_LEN, __VA_ARGS__);          \
            goto out;                                     \
        }                                                 \
    } while (0)
/* A call status check that reports transport failures too. */
#define CHECK_STATUS(call, st, want)                                         \
    CHECK((st) == (want), "status %d (%s), want %d%s%s", (st),              \
          (call).message ? (call).message : "", (want),                     \
          (call).state == CALL_FAILED ? ": " : "", (call).error)

enum { OK = 0, CANCELLED = 1, UNKNOWN = 2, DEADLINE_EXCEEDED = 4, UNIMPLEMENTED = 12 };

typedef Arpc__Test__V1__Empty Empty;
typedef Arpc__Test__V1__Payload Payload;
typedef Arpc__Test__V1__SimpleRequest SimpleRequest;
typedef Arpc__Test__V1__SimpleResponse SimpleResponse;
typedef Arpc__Test__V1__ResponseParameters ResponseParameters;
typedef Arpc__Test__V1__StreamingOutputCallRequest StreamingOutputCallRequest;
typedef Arpc__Test__V1__StreamingOutputCallResponse StreamingOutputCallResponse;

static uint8_t zeros[400000];

static void payload_of(Payload *p, size_t size)
{
    arpc__test__v1__payload__init(p);
    p->body.data = zeros;
    p->body.len = size;
}

/* A StreamingOutputCallRequest asking for responses of the given sizes. */
typedef struct {
    StreamingOutputCallRequest req;
    ResponseParameters params[8], *ptrs[8];
    Payload payload;
} streaming_request_t;

static void streaming_request(streaming_request_t *s, const int *sizes, int n,
                              int interval_us, size_t payload_size)
{
    arpc__test__v1__streaming_output_call_request__init(&s->req);
    for (int i = 0; i < n; i++) {
        arpc__test__v1__response_parameters__init(&s->params[i]);
        s->params[i].size = sizes[i];
        s->params[i].interval_us = interval_us;
        s->ptrs[i] = &s->params[i];
    }
    s->req.n_response_parameters = (size_t)n;
    s->req.response_parameters = s->ptrs;
    if (payload_size) {
        payload_of(&s->payload, payload_size);
        s->req.payload = &s->payload;
    }
}

/* Receives one StreamingOutputCallResponse and checks its payload size. */
static int expect_streaming_response(call_t *call, int size, char *why)
{
    uint8_t *m = NULL;
    size_t l;
    int rc = -1, r = call_recv(call, &m, &l, READ_TIMEOUT_MS);
    StreamingOutputCallResponse *resp = NULL;
    CHECK(r == 1, "expected a response of %d bytes, got %s (status %d %s)", size,
          r == 0 ? "TRAILERS" : call->error, call->status, call->message ? call->message : "");
    resp = arpc__test__v1__streaming_output_call_response__unpack(NULL, l, m);
    CHECK(resp, "response does not decode");
    CHECK(resp->payload && resp->payload->body.len == (size_t)size,
          "payload of %zu bytes, want %d", resp->payload ? resp->payload->body.len : 0, size);
    rc = 0;
out:
    if (resp) arpc__test__v1__streaming_output_call_response__free_unpacked(resp, NULL);
    free(m);
    return rc;
}

/* An EmptyCall on the same connection: proves it survived what came before. */
static int connection_still_serves(conn_t *c, char *why)
{
    Empty e = ARPC__TEST__V1__EMPTY__INIT;
    call_t call;
    uint8_t *m;
    size_t l;
    int rc = -1, st = unary(c, TEST "EmptyCall", &e.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    rc = 0;
out:
    free(m);
    call_free(&call);
    return rc;
}

static int empty_unary(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    Empty e = ARPC__TEST__V1__EMPTY__INIT;
    call_t call;
    uint8_t *m;
    size_t l;
    int rc = -1, st = unary(c, TEST "EmptyCall", &e.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    CHECK(l == 0, "response of %zu bytes, want an empty message", l);
    rc = 0;
out:
    free(m);
    call_free(&call);
    return rc;
}

static int large_unary(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    SimpleRequest req = ARPC__TEST__V1__SIMPLE_REQUEST__INIT;
    Payload p;
    SimpleResponse *resp = NULL;
    call_t call;
    uint8_t *m;
    size_t l;
    payload_of(&p, 271828);
    req.payload = &p;
    req.response_size = 314159;
    int rc = -1, st = unary(c, TEST "UnaryCall", &req.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    resp = arpc__test__v1__simple_response__unpack(NULL, l, m);
    CHECK(resp && resp->payload, "response does not decode or has no payload");
    CHECK(resp->payload->body.len == 314159, "payload of %zu bytes", resp->payload->body.len);
    rc = 0;
out:
    if (resp) arpc__test__v1__simple_response__free_unpacked(resp, NULL);
    free(m);
    call_free(&call);
    return rc;
}

static int client_streaming(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const int sizes[] = { 27182, 8, 1828, 45904 };
    call_t call;
    uint8_t *m = NULL;
    size_t l;
    Arpc__Test__V1__StreamingInputCallResponse *resp = NULL;
    int rc = -1;
    CHECK(call_start(&call, c, TEST "StreamingInputCall", 0, NULL, 0) == 0, "%s", call.error);
    for (int i = 0; i < 4; i++) {
        Arpc__Test__V1__StreamingInputCallRequest req = ARPC__TEST__V1__STREAMING_INPUT_CALL_REQUEST__INIT;
        Payload p;
        payload_of(&p, (size_t)sizes[i]);
        req.payload = &p;
        CHECK(call_send(&call, &req.base, 0) == 0, "%s", call.error);
    }
    CHECK(call_end(&call) == 0, "%s", call.error);
    int r = call_recv(&call, &m, &l, READ_TIMEOUT_MS);
    CHECK(r == 1, "no response (status %d %s)", call.status, call.error);
    resp = arpc__test__v1__streaming_input_call_response__unpack(NULL, l, m);
    CHECK(resp, "response does not decode");
    CHECK(resp->aggregated_payload_size == 74922, "aggregated_payload_size %d, want 74922",
          resp->aggregated_payload_size);
    int extra;
    CHECK(call_finish(&call, &extra, READ_TIMEOUT_MS) == 0 && extra == 0, "bad end: %s", call.error);
    CHECK_STATUS(call, call.status, OK);
    rc = 0;
out:
    if (resp) arpc__test__v1__streaming_input_call_response__free_unpacked(resp, NULL);
    free(m);
    call_free(&call);
    return rc;
}

static int server_streaming(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const int sizes[] = { 31415, 9, 2653, 58979 };
    streaming_request_t s;
    call_t call;
    int rc = -1, extra;
    streaming_request(&s, sizes, 4, 0, 0);
    CHECK(call_start(&call, c, TEST "StreamingOutputCall", 0, NULL, 0) == 0, "%s", call.error);
    CHECK(call_send(&call, &s.req.base, 1) == 0, "%s", call.error);
    for (int i = 0; i < 4; i++)
        if (expect_streaming_response(&call, sizes[i], why)) goto out;
    CHECK(call_finish(&call, &extra, READ_TIMEOUT_MS) == 0 && extra == 0,
          "bad end: %d extra, %s", extra, call.error);
    CHECK_STATUS(call, call.status, OK);
    rc = 0;
out:
    call_free(&call);
    return rc;
}

static int ping_pong(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const int sizes[] = { 31415, 9, 2653, 58979 };
    static const int payloads[] = { 27182, 8, 1828, 45904 };
    call_t call;
    int rc = -1, extra;
    CHECK(call_start(&call, c, TEST "FullDuplexCall", 0, NULL, 0) == 0, "%s", call.error);
    for (int i = 0; i < 4; i++) {
        streaming_request_t s;
        streaming_request(&s, &sizes[i], 1, 0, (size_t)payloads[i]);
        CHECK(call_send(&call, &s.req.base, 0) == 0, "%s", call.error);
        if (expect_streaming_response(&call, sizes[i], why)) goto out;
    }
    CHECK(call_end(&call) == 0, "%s", call.error);
    CHECK(call_finish(&call, &extra, READ_TIMEOUT_MS) == 0 && extra == 0,
          "bad end: %d extra, %s", extra, call.error);
    CHECK_STATUS(call, call.status, OK);
    rc = 0;
out:
    call_free(&call);
    return rc;
}

static int empty_stream(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    call_t call;
    int rc = -1, n;
    CHECK(call_start(&call, c, TEST "FullDuplexCall", 0, NULL, 1) == 0, "%s", call.error);
    CHECK(call_finish(&call, &n, READ_TIMEOUT_MS) == 0, "%s", call.error);
    CHECK(n == 0, "%d responses, want none", n);
    CHECK_STATUS(call, call.status, OK);
    rc = 0;
out:
    call_free(&call);
    return rc;
}

static int custom_metadata(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const uint8_t trailing[] = { 0xab, 0xab, 0xab };
    static const char initial[] = "test_initial_metadata_value";
    metadata_t md = { 0 };
    SimpleRequest req = ARPC__TEST__V1__SIMPLE_REQUEST__INIT;
    Payload p;
    call_t call;
    uint8_t *m;
    size_t l;
    const uint8_t *v;
    md_add(&md, "x-grpc-test-echo-initial", initial, strlen(initial));
    md_add(&md, "x-grpc-test-echo-trailing-bin", trailing, 3);
    payload_of(&p, 271828);
    req.payload = &p;
    req.response_size = 314159;
    int rc = -1, st = unary(c, TEST "UnaryCall", &req.base, &md, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    v = md_get(&call.headers, "x-grpc-test-echo-initial", &l);
    CHECK(v && l == strlen(initial) && memcmp(v, initial, l) == 0,
          "x-grpc-test-echo-initial not echoed in initial metadata");
    v = md_get(&call.trailers, "x-grpc-test-echo-trailing-bin", &l);
    CHECK(v && l == 3 && memcmp(v, trailing, 3) == 0,
          "x-grpc-test-echo-trailing-bin not echoed in trailers");
    rc = 0;
out:
    free(m);
    md_free(&md);
    call_free(&call);
    return rc;
}

/* UnaryCall and FullDuplexCall asked to end with (code, message). */
static int echo_status(conn_t *c, int code, const char *message, char *why)
{
    Arpc__Test__V1__EchoStatus es = ARPC__TEST__V1__ECHO_STATUS__INIT;
    SimpleRequest req = ARPC__TEST__V1__SIMPLE_REQUEST__INIT;
    streaming_request_t s;
    call_t call = { 0 }, dup = { 0 };
    uint8_t *m = NULL;
    size_t l;
    int rc = -1, n;
    es.code = code;
    es.message = (char *)message;
    req.response_status = &es;
    int st = unary(c, TEST "UnaryCall", &req.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, code);
    CHECK(call.message && strcmp(call.message, message) == 0,
          "UnaryCall status message \"%s\"", call.message ? call.message : "");
    streaming_request(&s, NULL, 0, 0, 0);
    s.req.response_status = &es;
    CHECK(call_start(&dup, c, TEST "FullDuplexCall", 0, NULL, 0) == 0, "%s", dup.error);
    CHECK(call_send(&dup, &s.req.base, 1) == 0, "%s", dup.error);
    CHECK(call_finish(&dup, &n, READ_TIMEOUT_MS) == 0, "%s", dup.error);
    CHECK_STATUS(dup, dup.status, code);
    CHECK(dup.message && strcmp(dup.message, message) == 0,
          "FullDuplexCall status message \"%s\"", dup.message ? dup.message : "");
    rc = 0;
out:
    free(m);
    call_free(&call);
    call_free(&dup);
    return rc;
}

static int status_code_and_message(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    return echo_status(c, UNKNOWN, "test status message", why);
}

static int special_status_message(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    return echo_status(c, UNKNOWN,
                       "\t\ntest with whitespace\r\nand Unicode BMP \xe2\x98\xba and non-BMP \xf0\x9f\x98\x88\t\n",
                       why);
}

static int expect_unimplemented(conn_t *c, const char *method, char *why)
{
    Empty e = ARPC__TEST__V1__EMPTY__INIT;
    call_t call;
    uint8_t *m;
    size_t l;
    int rc = -1, st = unary(c, method, &e.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, UNIMPLEMENTED);
    rc = 0;
out:
    free(m);
    call_free(&call);
    return rc;
}

static int unimplemented_method(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    return expect_unimplemented(c, TEST "UnimplementedCall", why);
}

static int unimplemented_service(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    return expect_unimplemented(c, "/arpc.test.v1.UnimplementedService/UnimplementedCall", why);
}

static int cancel_after_begin(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    call_t call;
    int rc = -1;
    CHECK(call_start(&call, c, TEST "StreamingInputCall", 0, NULL, 0) == 0, "%s", call.error);
    CHECK(call_cancel(&call, CANCELLED) == 0, "sending CANCEL failed");
    if (connection_still_serves(c, why)) goto out;
    rc = 0;
out:
    call_free(&call);
    return rc;
}

static int cancel_after_first_response(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const int size = 31415;
    streaming_request_t s;
    call_t call;
    int rc = -1;
    streaming_request(&s, &size, 1, 0, 27182);
    CHECK(call_start(&call, c, TEST "FullDuplexCall", 0, NULL, 0) == 0, "%s", call.error);
    CHECK(call_send(&call, &s.req.base, 0) == 0, "%s", call.error);
    if (expect_streaming_response(&call, size, why)) goto out;
    CHECK(call_cancel(&call, CANCELLED) == 0, "sending CANCEL failed");
    if (connection_still_serves(c, why)) goto out;
    rc = 0;
out:
    call_free(&call);
    return rc;
}

static int timeout_on_sleeping_server(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const int size = 1;
    streaming_request_t s;
    call_t call;
    int rc = -1, n;
    streaming_request(&s, &size, 1, 5000000, 27182); /* a response after 5 s */
    CHECK(call_start(&call, c, TEST "FullDuplexCall", 100000, NULL, 0) == 0, "%s", call.error);
    CHECK(call_send(&call, &s.req.base, 0) == 0, "%s", call.error);
    /* The server's deadline (100 ms from receipt) ends the call; give it 2 s
     * before enforcing ours (section 3.5). */
    if (call_finish(&call, &n, 2000) < 0) {
        call_cancel(&call, DEADLINE_EXCEEDED);
        CHECK(0, "no TRAILERS from the server within 2 s of a 100 ms deadline (%s)", call.error);
    }
    CHECK(n == 0, "%d responses before the deadline", n);
    CHECK_STATUS(call, call.status, DEADLINE_EXCEEDED);
    rc = 0;
out:
    call_free(&call);
    return rc;
}

static int echo_identity(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    Empty e = ARPC__TEST__V1__EMPTY__INIT;
    Arpc__Test__V1__EchoIdentityResponse *resp = NULL;
    call_t call;
    uint8_t *m;
    size_t l;
    int rc = -1, st = unary(c, TEST "EchoIdentity", &e.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    resp = arpc__test__v1__echo_identity_response__unpack(NULL, l, m);
    CHECK(resp, "response does not decode");
    CHECK(strcmp(resp->tenant_id, "7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d") == 0 &&
              strcmp(resp->principal_kind, "user") == 0 && strcmp(resp->principal_id, "admin") == 0,
          "identity %s/%s/%s, want 7d3c2b1a-.../user/admin", resp->tenant_id,
          resp->principal_kind, resp->principal_id);
    rc = 0;
out:
    if (resp) arpc__test__v1__echo_identity_response__free_unpacked(resp, NULL);
    free(m);
    call_free(&call);
    return rc;
}

static int health_check(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const char *services[] = { "", "arpc.test.v1.TestService" };
    int rc = -1;
    for (int i = 0; i < 2; i++) {
        Arpc__Health__V1__HealthCheckRequest req = ARPC__HEALTH__V1__HEALTH_CHECK_REQUEST__INIT;
        Arpc__Health__V1__HealthCheckResponse *resp = NULL;
        call_t call;
        uint8_t *m;
        size_t l;
        req.service = (char *)services[i];
        int st = unary(c, "/arpc.health.v1.Health/Check", &req.base, NULL, &m, &l, &call);
        if (st == OK) resp = arpc__health__v1__health_check_response__unpack(NULL, l, m);
        if (st != OK || !resp ||
            resp->status != ARPC__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING) {
            snprintf(why, WHY_LEN, "service \"%s\": status %d %s, serving status %d", services[i],
                     st, call.message ? call.message : call.error, resp ? (int)resp->status : -1);
            i = 2;
        } else if (i == 1) {
            rc = 0;
        }
        if (resp) arpc__health__v1__health_check_response__free_unpacked(resp, NULL);
        free(m);
        call_free(&call);
    }
    return rc;
}

static int health_watch(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    Arpc__Health__V1__HealthCheckRequest req = ARPC__HEALTH__V1__HEALTH_CHECK_REQUEST__INIT;
    Arpc__Health__V1__HealthCheckResponse *resp = NULL;
    call_t call;
    uint8_t *m = NULL;
    size_t l;
    int rc = -1;
    req.service = "";
    CHECK(call_start(&call, c, "/arpc.health.v1.Health/Watch", 0, NULL, 0) == 0, "%s", call.error);
    CHECK(call_send(&call, &req.base, 1) == 0, "%s", call.error);
    CHECK(call_recv(&call, &m, &l, READ_TIMEOUT_MS) == 1, "no first status (status %d %s)",
          call.status, call.error);
    resp = arpc__health__v1__health_check_response__unpack(NULL, l, m);
    CHECK(resp && resp->status == ARPC__HEALTH__V1__HEALTH_CHECK_RESPONSE__SERVING_STATUS__SERVING,
          "first status %d, want SERVING", resp ? (int)resp->status : -1);
    CHECK(call_cancel(&call, CANCELLED) == 0, "sending CANCEL failed");
    if (connection_still_serves(c, why)) goto out;
    rc = 0;
out:
    if (resp) arpc__health__v1__health_check_response__free_unpacked(resp, NULL);
    free(m);
    call_free(&call);
    return rc;
}

static int reflection_list_services(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const char *want[] = { "arpc.health.v1.Health", "arpc.reflection.v1.ServerReflection",
                                  "arpc.test.v1.TestService" };
    Arpc__Reflection__V1__ListServicesRequest req = ARPC__REFLECTION__V1__LIST_SERVICES_REQUEST__INIT;
    Arpc__Reflection__V1__ListServicesResponse *resp = NULL;
    call_t call;
    uint8_t *m;
    size_t l;
    int rc = -1, st = unary(c, "/arpc.reflection.v1.ServerReflection/ListServices", &req.base,
                            NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    resp = arpc__reflection__v1__list_services_response__unpack(NULL, l, m);
    CHECK(resp, "response does not decode");
    for (size_t i = 1; i < resp->n_services; i++)
        CHECK(strcmp(resp->services[i - 1], resp->services[i]) < 0, "services not sorted");
    for (int w = 0; w < 3; w++) {
        int found = 0;
        for (size_t i = 0; i < resp->n_services; i++) found |= strcmp(resp->services[i], want[w]) == 0;
        CHECK(found, "%s not listed", want[w]);
    }
    rc = 0;
out:
    if (resp) arpc__reflection__v1__list_services_response__free_unpacked(resp, NULL);
    free(m);
    call_free(&call);
    return rc;
}

/* The first FileDescriptorProto of a reflection answer must be `file`
 * (FileDescriptorProto field 1, name, comes first in a serialized descriptor). */
static int check_file_descriptor(const uint8_t *m, size_t l, const char *file, char *why)
{
    Arpc__Reflection__V1__FileDescriptorResponse *resp =
        arpc__reflection__v1__file_descriptor_response__unpack(NULL, l, m);
    int rc = -1;
    size_t n = strlen(file);
    CHECK(resp && resp->n_file_descriptor_proto >= 1, "no file descriptor in the response");
    ProtobufCBinaryData d = resp->file_descriptor_proto[0];
    CHECK(d.len > n + 2 && d.data[0] == 0x0a && d.data[1] == n && memcmp(d.data + 2, file, n) == 0,
          "first descriptor is not %s", file);
    rc = 0;
out:
    if (resp) arpc__reflection__v1__file_descriptor_response__free_unpacked(resp, NULL);
    return rc;
}

static int reflection_file_containing_symbol(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    Arpc__Reflection__V1__FileContainingSymbolRequest req =
        ARPC__REFLECTION__V1__FILE_CONTAINING_SYMBOL_REQUEST__INIT;
    call_t call;
    uint8_t *m;
    size_t l;
    req.symbol = "arpc.health.v1.Health";
    int rc = -1, st = unary(c, "/arpc.reflection.v1.ServerReflection/FileContainingSymbol",
                            &req.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    rc = check_file_descriptor(m, l, "arpc/health/v1/health.proto", why);
out:
    free(m);
    call_free(&call);
    return rc;
}

static int reflection_file_by_filename(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    Arpc__Reflection__V1__FileByFilenameRequest req = ARPC__REFLECTION__V1__FILE_BY_FILENAME_REQUEST__INIT;
    call_t call;
    uint8_t *m;
    size_t l;
    req.filename = "arpc/test/v1/test.proto";
    int rc = -1, st = unary(c, "/arpc.reflection.v1.ServerReflection/FileByFilename",
                            &req.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    rc = check_file_descriptor(m, l, "arpc/test/v1/test.proto", why);
out:
    free(m);
    call_free(&call);
    return rc;
}

/* WINDOW_UPDATE and CANCEL may cross the server's TRAILERS in flight: frames
 * for a stream the server has closed are ignored (section 3.4). */
static int late_frames_ignored(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    static const uint8_t inc[4] = { 0, 0, 0x10, 0 };
    static const uint8_t cancelled = CANCELLED;
    int rc = -1;
    if (connection_still_serves(c, why)) goto out;
    uint32_t closed = c->next_stream - 2;
    CHECK(conn_send_frame(c, F_WINDOW_UPDATE, 0, closed, inc, 4) == 0 &&
              conn_send_frame(c, F_CANCEL, 0, closed, &cancelled, 1) == 0,
          "sending WINDOW_UPDATE and CANCEL failed");
    if (connection_still_serves(c, why)) goto out;
    rc = 0;
out:
    return rc;
}

/* Reads frames until a GOAWAY, then expects the connection to close. */
static int expect_goaway_and_close(conn_t *c, uint32_t code, const char *message, char *why)
{
    frame_t f;
    int rc = -1, r;
    while ((r = conn_read_frame(c, &f, READ_TIMEOUT_MS)) == 1) {
        int h = conn_handle_control(c, &f);
        frame_free(&f);
        CHECK(h >= 0, "malformed frame type 0x%02x before GOAWAY", f.type);
        if (c->got_goaway) break;
    }
    CHECK(c->got_goaway, "no GOAWAY (%s)", r == 0 ? "closed" : "timed out");
    CHECK(c->goaway_code == code, "GOAWAY code %u (%s), want %u", c->goaway_code, c->goaway_message, code);
    CHECK(!message || strcmp(c->goaway_message, message) == 0, "GOAWAY message \"%s\", want \"%s\"",
          c->goaway_message, message);
    CHECK(c->goaway_last_stream == 0, "GOAWAY last stream id %u, want 0", c->goaway_last_stream);
    r = conn_read_frame(c, &f, READ_TIMEOUT_MS);
    if (r == 1) frame_free(&f);
    CHECK(r == 0, "connection not closed after GOAWAY (%s)", r == 1 ? "another frame" : "timed out");
    rc = 0;
out:
    return rc;
}

static int bad_preface(conn_t *unused, const endpoint_t *ep, char *why)
{
    (void)unused;
    static const uint8_t preface[8] = { 'H', 'T', 'T', 'P', '\r', '\n', 1, 0 };
    conn_t c;
    int rc = -1;
    if (conn_tls(&c, ep, why, WHY_LEN)) goto out;
    CHECK(conn_write(&c, preface, sizeof preface) == 0, "sending the preface failed");
    rc = expect_goaway_and_close(&c, 1, "bad connection preface", why);
out:
    conn_close(&c);
    return rc;
}

static int oversize_frame(conn_t *unused, const endpoint_t *ep, char *why)
{
    (void)unused;
    uint8_t h[FRAME_HEADER_SIZE];
    conn_t c;
    int rc = -1;
    if (conn_open(&c, ep, why, WHY_LEN)) goto out;
    /* A PING header announcing 65 537 bytes: refused from the header alone. */
    frame_header_encode(h, F_PING, 0, 0, MAX_CONTROL_PAYLOAD + 1);
    CHECK(conn_write(&c, h, sizeof h) == 0, "sending the frame header failed");
    rc = expect_goaway_and_close(&c, 4, NULL, why);
out:
    conn_close(&c);
    return rc;
}

const contract_case_t CASES[] = {
    { "empty_unary", empty_unary, 0 },
    { "large_unary", large_unary, 0 },
    { "client_streaming", client_streaming, 0 },
    { "server_streaming", server_streaming, 0 },
    { "ping_pong", ping_pong, 0 },
    { "empty_stream", empty_stream, 0 },
    { "custom_metadata", custom_metadata, 0 },
    { "status_code_and_message", status_code_and_message, 0 },
    { "special_status_message", special_status_message, 0 },
    { "unimplemented_method", unimplemented_method, 0 },
    { "unimplemented_service", unimplemented_service, 0 },
    { "cancel_after_begin", cancel_after_begin, 0 },
    { "cancel_after_first_response", cancel_after_first_response, 0 },
    { "timeout_on_sleeping_server", timeout_on_sleeping_server, 0 },
    { "echo_identity", echo_identity, 0 },
    { "health_check", health_check, 0 },
    { "health_watch", health_watch, 0 },
    { "reflection_list_services", reflection_list_services, 0 },
    { "reflection_file_containing_symbol", reflection_file_containing_symbol, 0 },
    { "reflection_file_by_filename", reflection_file_by_filename, 0 },
    { "late_frames_ignored", late_frames_ignored, 0 },
    { "bad_preface", bad_preface, 1 },
    { "oversize_frame", oversize_frame, 1 },
};
const int CASE_COUNT = (int)(sizeof CASES / sizeof CASES[0]);
