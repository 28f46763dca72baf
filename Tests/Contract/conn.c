#include "conn.h"
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

static const uint8_t PREFACE[8] = { 'A', 'R', 'P', 'C', '\r', '\n', 1, 0 };

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
    int fd = -1;
    if (getaddrinfo(host, port, &hints, &res) != 0) return -1;
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) continue;
        /* A backstop for every blocking call, including connect and the handshake. */
        struct timeval tv = { .tv_sec = READ_TIMEOUT_MS / 1000 };
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

int conn_tls(conn_t *c, const endpoint_t *ep, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->fd = -1;
    c->next_stream = 1;
    c->peer_max_streams = 100;
    c->peer_initial_window = 262144;
    c->peer_max_message = 4194304;
    c->peer_max_metadata = 8192;
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (!c->ctx) goto ssl_fail;
    SSL_CTX_set_min_proto_version(c->ctx, TLS1_3_VERSION);
    SSL_CTX_set_verify(c->ctx, SSL_VERIFY_PEER, NULL);
    if (SSL_CTX_load_verify_locations(c->ctx, ep->ca, NULL) != 1 ||
        SSL_CTX_use_certificate_chain_file(c->ctx, ep->cert) != 1 ||
        SSL_CTX_use_PrivateKey_file(c->ctx, ep->key, SSL_FILETYPE_PEM) != 1)
        goto ssl_fail;
    c->fd = tcp_connect(ep->host, ep->port);
    if (c->fd < 0) {
        snprintf(err, errlen, "connect %s:%s: %s", ep->host, ep->port, strerror(errno));
        return -1;
    }
    c->ssl = SSL_new(c->ctx);
    if (!c->ssl) goto ssl_fail;
    SSL_set_fd(c->ssl, c->fd);
    SSL_set_tlsext_host_name(c->ssl, "localhost");
    if (SSL_set1_host(c->ssl, "localhost") != 1) goto ssl_fail;
    if (SSL_connect(c->ssl) != 1) goto ssl_fail;
    return 0;
ssl_fail:
    snprintf(err, errlen, "TLS: %s", ERR_error_string(ERR_get_error(), NULL));
    return -1;
}

int conn_open(conn_t *c, const endpoint_t *ep, char *err, size_t errlen)
{
    if (conn_tls(c, ep, err, errlen)) return -1;
    if (conn_write(c, PREFACE, sizeof PREFACE) ||
        conn_send_frame(c, F_SETTINGS, 0, 0, NULL, 0)) {
        snprintf(err, errlen, "sending preface and SETTINGS failed");
        return -1;
    }
    /* No stream before the server's SETTINGS (section 1). */
    frame_t f;
    int r = conn_read_frame(c, &f, READ_TIMEOUT_MS);
    if (r != 1 || f.type != F_SETTINGS) {
        snprintf(err, errlen, "expected the server's SETTINGS first, got %s",
                 r == 1 ? "another frame" : r == 0 ? "a close" : "a timeout");
        if (r == 1) frame_free(&f);
        return -1;
    }
    r = conn_handle_control(c, &f);
    frame_free(&f);
    if (r != 1) {
        snprintf(err, errlen, "malformed server SETTINGS");
        return -1;
    }
    return 0;
}

void conn_close(conn_t *c)
{
    if (c->ssl) {
        SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
    }
    if (c->fd >= 0) close(c->fd);
    if (c->ctx) SSL_CTX_free(c->ctx);
    c->ssl = NULL;
    c->ctx = NULL;
    c->fd = -1;
}

int conn_write(conn_t *c, const void *data, size_t n)
{
    size_t done = 0;
    while (done < n) {
        int w = SSL_write(c->ssl, (const uint8_t *)data + done, (int)(n - done));
        if (w <= 0) return -1;
        done += (size_t)w;
    }
    return 0;
}

int conn_send_frame(conn_t *c, uint8_t type, uint8_t flags, uint32_t stream,
                    const void *payload, uint32_t length)
{
    uint8_t h[FRAME_HEADER_SIZE];
    frame_header_encode(h, type, flags, stream, length);
    if (conn_write(c, h, sizeof h)) return -1;
    return length ? conn_write(c, payload, length) : 0;
}

/* Reads exactly n bytes before the deadline: 1 ok, 0 clean close, -1 otherwise. */
static int read_exact(conn_t *c, uint8_t *out, size_t n, long deadline)
{
    size_t done = 0;
    while (done < n) {
        if (SSL_pending(c->ssl) == 0) {
            long left = deadline - now_ms();
            if (left <= 0) return -1;
            struct pollfd p = { .fd = c->fd, .events = POLLIN };
            int pr = poll(&p, 1, (int)left);
            if (pr < 0 && errno == EINTR) continue;
            if (pr <= 0) return -1;
        }
        int r = SSL_read(c->ssl, out + done, (int)(n - done));
        if (r <= 0) {
            int e = SSL_get_error(c->ssl, r);
            if (e == SSL_ERROR_WANT_READ) continue;
            /* A close (TLS close_notify or TCP FIN/RST) before any byte of a frame. */
            if (done == 0 && (e == SSL_ERROR_ZERO_RETURN || e == SSL_ERROR_SYSCALL || e == SSL_ERROR_SSL)) {
                c->closed = 1;
                ERR_clear_error();
                return 0;
            }
            ERR_clear_error();
            return -1;
        }
        done += (size_t)r;
    }
    return 1;
}

int conn_read_frame(conn_t *c, frame_t *f, int timeout_ms)
{
    long deadline = now_ms() + timeout_ms;
    uint8_t h[FRAME_HEADER_SIZE];
    memset(f, 0, sizeof *f);
    int r = read_exact(c, h, sizeof h, deadline);
    if (r != 1) return r;
    frame_header_decode(h, f);
    uint32_t limit = f->type == F_MESSAGE ? 4194304u : MAX_CONTROL_PAYLOAD;
    if (f->length > limit) return -1;
    if (f->length == 0) return 1;
    f->payload = malloc(f->length);
    if (!f->payload) return -1;
    if (read_exact(c, f->payload, f->length, deadline) != 1) {
        frame_free(f);
        return -1;
    }
    return 1;
}

int conn_handle_control(conn_t *c, const frame_t *f)
{
    cursor_t cur = { f->payload, f->length, 0 };
    switch (f->type) {
    case F_SETTINGS:
        if (f->stream != 0 || f->length % 6 != 0 || c->got_settings) return -1;
        c->got_settings = 1;
        while (cur.pos < cur.len) {
            uint16_t id;
            uint32_t v;
            get_u16(&cur, &id);
            get_u32(&cur, &v);
            if (id == 1) c->peer_max_streams = v;
            else if (id == 2) c->peer_initial_window = v;
            else if (id == 3) c->peer_max_message = v;
            else if (id == 4) c->peer_max_metadata = v;
        }
        return 1;
    case F_PING:
        if (f->stream != 0 || f->length != 8) return -1;
        if (!(f->flags & FL_ACK))
            conn_send_frame(c, F_PING, FL_ACK, 0, f->payload, 8);
        return 1;
    case F_GOAWAY: {
        char *msg = NULL;
        if (f->stream != 0 || get_u32(&cur, &c->goaway_last_stream) ||
            get_u32(&cur, &c->goaway_code) || get_string(&cur, &msg))
            return -1;
        snprintf(c->goaway_message, sizeof c->goaway_message, "%s", msg);
        free(msg);
        c->got_goaway = 1;
        return 1;
    }
    default:
        return 0;
    }
}
