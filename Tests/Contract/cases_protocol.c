/* Protocol behaviour seen from the client: late frames, bad preface, oversize frame. */
#include "case_support.h"

int late_frames_ignored(conn_t *c, const endpoint_t *ep, char *why)
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

int bad_preface(conn_t *unused, const endpoint_t *ep, char *why)
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

int oversize_frame(conn_t *unused, const endpoint_t *ep, char *why)
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
