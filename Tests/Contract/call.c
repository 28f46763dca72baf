#include "call.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(call_t *call, const char *why)
{
    call->state = CALL_FAILED;
    snprintf(call->error, sizeof call->error, "%s", why);
    return -1;
}

int call_start(call_t *call, conn_t *c, const char *method, uint64_t timeout_us,
               const metadata_t *md, int end)
{
    memset(call, 0, sizeof *call);
    call->conn = c;
    call->id = c->next_stream;
    c->next_stream += 2; /* ids only increase; odd like the first, 1 */
    call->send_window = c->peer_initial_window;
    call->status = -1;
    buf_t b = { 0 };
    buf_string(&b, method);
    buf_u64(&b, timeout_us);
    buf_metadata(&b, md);
    int r = conn_send_frame(c, F_CALL, end ? FL_END_STREAM : 0, call->id, b.p, (uint32_t)b.len);
    buf_free(&b);
    return r ? fail(call, "sending CALL failed") : 0;
}

/* Handles one incoming frame: connection-level ones, and ours. Returns 1 for a
 * MESSAGE of ours (payload handed over in *out), 0 otherwise, -1 on failure. */
static int dispatch(call_t *call, frame_t *f, uint8_t **out, size_t *len)
{
    int r = conn_handle_control(call->conn, f);
    if (r < 0) return fail(call, "malformed connection-level frame");
    if (r == 1) return 0;
    if (f->stream != call->id) return 0; /* an earlier (cancelled) stream */
    cursor_t cur = { f->payload, f->length, 0 };
    switch (f->type) {
    case F_HEADERS:
        if (call->got_headers || get_metadata(&cur, &call->headers) || cur.pos != cur.len)
            return fail(call, "bad or second HEADERS");
        call->got_headers = 1;
        return 0;
    case F_WINDOW_UPDATE: {
        uint32_t inc;
        if (get_u32(&cur, &inc) || inc == 0 || inc > 0x7fffffffu)
            return fail(call, "bad WINDOW_UPDATE");
        call->send_window += inc;
        return 0;
    }
    case F_MESSAGE: {
        /* Credit the server back at once: we consume every message. */
        uint8_t inc[4];
        uint32_t n = FRAME_HEADER_SIZE + f->length;
        for (int i = 0; i < 4; i++) inc[i] = (uint8_t)(n >> (24 - 8 * i));
        conn_send_frame(call->conn, F_WINDOW_UPDATE, 0, call->id, inc, 4);
        if (f->flags & FL_COMPRESSED) return fail(call, "COMPRESSED MESSAGE");
        *out = f->payload;
        *len = f->length;
        f->payload = NULL;
        return 1;
    }
    case F_TRAILERS: {
        uint8_t code;
        if (get_u8(&cur, &code) || get_string(&cur, &call->message) ||
            get_metadata(&cur, &call->trailers) || cur.pos != cur.len)
            return fail(call, "malformed TRAILERS");
        call->status = code;
        call->state = CALL_DONE;
        return 0;
    }
    default:
        return 0; /* unknown types are ignored */
    }
}

static int pump(call_t *call, uint8_t **out, size_t *len, int timeout_ms)
{
    frame_t f;
    int r = conn_read_frame(call->conn, &f, timeout_ms);
    if (r == 0) return fail(call, "connection closed by the server");
    if (r < 0) return fail(call, "no frame in time (timeout, oversize frame or read error)");
    r = dispatch(call, &f, out, len);
    frame_free(&f);
    return r;
}

int call_send(call_t *call, const ProtobufCMessage *msg, int end)
{
    while (call->state == CALL_OPEN && call->send_window <= 0) {
        uint8_t *m;
        size_t l;
        int r = pump(call, &m, &l, READ_TIMEOUT_MS);
        if (r < 0) return -1;
        if (r == 1) free(m); /* a response while we wait: not expected here */
    }
    if (call->state != CALL_OPEN) return 0; /* TRAILERS came: stop sending */
    size_t n = protobuf_c_message_get_packed_size(msg);
    uint8_t *p = malloc(n ? n : 1);
    protobuf_c_message_pack(msg, p);
    int r = conn_send_frame(call->conn, F_MESSAGE, end ? FL_END_STREAM : 0, call->id, p, (uint32_t)n);
    free(p);
    call->send_window -= (int64_t)(FRAME_HEADER_SIZE + n);
    return r ? fail(call, "sending MESSAGE failed") : 0;
}

int call_end(call_t *call)
{
    return conn_send_frame(call->conn, F_END_STREAM, 0, call->id, NULL, 0)
               ? fail(call, "sending END_STREAM failed") : 0;
}

int call_cancel(call_t *call, uint8_t code)
{
    call->state = CALL_DONE;
    call->status = code;
    return conn_send_frame(call->conn, F_CANCEL, 0, call->id, &code, 1);
}

int call_recv(call_t *call, uint8_t **out, size_t *len, int timeout_ms)
{
    while (call->state == CALL_OPEN) {
        int r = pump(call, out, len, timeout_ms);
        if (r != 0) return r;
    }
    return call->state == CALL_DONE ? 0 : -1;
}

int call_finish(call_t *call, int *messages, int timeout_ms)
{
    uint8_t *m;
    size_t l;
    int r;
    *messages = 0;
    while ((r = call_recv(call, &m, &l, timeout_ms)) == 1) {
        free(m);
        (*messages)++;
    }
    return r;
}

void call_free(call_t *call)
{
    md_free(&call->headers);
    md_free(&call->trailers);
    free(call->message);
    call->message = NULL;
}

int unary(conn_t *c, const char *method, const ProtobufCMessage *req,
          const metadata_t *md, uint8_t **resp, size_t *resp_len, call_t *call)
{
    *resp = NULL;
    *resp_len = 0;
    if (call_start(call, c, method, 0, md, 0) || call_send(call, req, 1)) return -1;
    int r = call_recv(call, resp, resp_len, READ_TIMEOUT_MS);
    if (r < 0) return -1;
    if (r == 1) {
        int extra;
        if (call_finish(call, &extra, READ_TIMEOUT_MS) < 0) return -1;
        if (extra) return fail(call, "more than one response to a unary call");
    }
    return call->status;
}
