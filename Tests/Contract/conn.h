/* One ARPC/1 connection over mutual TLS (docs/PROTOCOL.md sections 1, 4-6).
 * Blocking I/O; every read waits at most a given time (no hangs). */
#ifndef ARPC_CONN_H
#define ARPC_CONN_H
#include "frame.h"
#include <openssl/ssl.h>

typedef struct {
    const char *host, *port;
    const char *ca, *cert, *key;
} endpoint_t;

typedef struct {
    int fd;
    SSL_CTX *ctx;
    SSL *ssl;
    uint32_t next_stream;
    /* The server's settings (defaults until its SETTINGS arrives). */
    uint32_t peer_max_streams, peer_initial_window, peer_max_message, peer_max_metadata;
    int got_settings;
    /* The last GOAWAY received. */
    int got_goaway;
    uint32_t goaway_last_stream, goaway_code;
    char goaway_message[4097];
    int closed; /* the server closed the connection */
} conn_t;

enum { READ_TIMEOUT_MS = 5000 };

/* TCP + TLS 1.3 handshake (server name "localhost" verified) and nothing else. */
int conn_tls(conn_t *c, const endpoint_t *ep, char *err, size_t errlen);
/* conn_tls, then preface, SETTINGS, and wait for the server's SETTINGS. */
int conn_open(conn_t *c, const endpoint_t *ep, char *err, size_t errlen);
void conn_close(conn_t *c);

int conn_write(conn_t *c, const void *data, size_t n);
int conn_send_frame(conn_t *c, uint8_t type, uint8_t flags, uint32_t stream,
                    const void *payload, uint32_t length);
/* Reads one frame within timeout_ms. Returns 1 on a frame, 0 on a clean close
 * by the server, -1 on timeout or error. Payloads over the limits are errors. */
int conn_read_frame(conn_t *c, frame_t *f, int timeout_ms);
/* Handles a connection-level frame (SETTINGS, PING, GOAWAY); returns 1 if it
 * was one, 0 otherwise, -1 on a malformed one. */
int conn_handle_control(conn_t *c, const frame_t *f);

#endif
