/* The interop cases on arpc.test.v1.TestService. */
#include "case_support.h"

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
int connection_still_serves(conn_t *c, char *why)
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

int empty_unary(conn_t *c, const endpoint_t *ep, char *why)
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

int large_unary(conn_t *c, const endpoint_t *ep, char *why)
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

int client_streaming(conn_t *c, const endpoint_t *ep, char *why)
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

int server_streaming(conn_t *c, const endpoint_t *ep, char *why)
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

int ping_pong(conn_t *c, const endpoint_t *ep, char *why)
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

int empty_stream(conn_t *c, const endpoint_t *ep, char *why)
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

int custom_metadata(conn_t *c, const endpoint_t *ep, char *why)
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

int status_code_and_message(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    return echo_status(c, UNKNOWN, "test status message", why);
}

int special_status_message(conn_t *c, const endpoint_t *ep, char *why)
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

int unimplemented_method(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    return expect_unimplemented(c, TEST "UnimplementedCall", why);
}

int unimplemented_service(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    return expect_unimplemented(c, "/arpc.test.v1.UnimplementedService/UnimplementedCall", why);
}

int cancel_after_begin(conn_t *c, const endpoint_t *ep, char *why)
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

int cancel_after_first_response(conn_t *c, const endpoint_t *ep, char *why)
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

int timeout_on_sleeping_server(conn_t *c, const endpoint_t *ep, char *why)
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

int echo_identity(conn_t *c, const endpoint_t *ep, char *why)
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
