/* One call (stream) on a connection (docs/PROTOCOL.md sections 3 and 5). */
#ifndef ARPC_CALL_H
#define ARPC_CALL_H
#include "conn.h"
#include <protobuf-c/protobuf-c.h>

enum { CALL_OPEN, CALL_DONE, CALL_FAILED };

typedef struct {
    conn_t *conn;
    uint32_t id;
    int64_t send_window; /* credit for MESSAGE frames to the server */
    int state;
    int got_headers;
    metadata_t headers, trailers;
    int status;      /* from TRAILERS, when state == CALL_DONE */
    char *message;   /* status message */
    char error[256]; /* why, when state == CALL_FAILED */
} call_t;

/* Sends CALL. timeout_us 0 = no deadline; end: set END_STREAM on it. */
int call_start(call_t *call, conn_t *c, const char *method, uint64_t timeout_us,
               const metadata_t *md, int end);
/* Sends one MESSAGE (waiting for window credit if needed). */
int call_send(call_t *call, const ProtobufCMessage *msg, int end);
int call_end(call_t *call);
int call_cancel(call_t *call, uint8_t code);
/* Waits for the next MESSAGE: 1 = a message (*out malloc'd), 0 = the call
 * ended (TRAILERS; see status), -1 = failure or timeout (see error). */
int call_recv(call_t *call, uint8_t **out, size_t *len, int timeout_ms);
/* Receives until TRAILERS, counting (and discarding) messages. */
int call_finish(call_t *call, int *messages, int timeout_ms);
void call_free(call_t *call);

/* Unary helper: request in, response bytes out; returns status or -1. */
int unary(conn_t *c, const char *method, const ProtobufCMessage *req,
          const metadata_t *md, uint8_t **resp, size_t *resp_len, call_t *out);

#endif
