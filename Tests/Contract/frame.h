/* ARPC/1 frame codec (docs/PROTOCOL.md sections 2-4): headers, strings,
 * metadata blocks, settings. Pure functions on byte buffers, no I/O. */
#ifndef ARPC_FRAME_H
#define ARPC_FRAME_H
#include <stddef.h>
#include <stdint.h>

enum {
    F_SETTINGS = 0x00, F_CALL = 0x01, F_HEADERS = 0x02, F_MESSAGE = 0x03,
    F_END_STREAM = 0x04, F_TRAILERS = 0x05, F_CANCEL = 0x06,
    F_WINDOW_UPDATE = 0x07, F_PING = 0x08, F_GOAWAY = 0x09
};
enum { FL_END_STREAM = 0x01, FL_COMPRESSED = 0x02, FL_ACK = 0x01 };
enum { FRAME_HEADER_SIZE = 10, MAX_CONTROL_PAYLOAD = 65536 };

typedef struct {
    uint8_t type, flags;
    uint32_t stream;
    uint32_t length;
    uint8_t *payload; /* malloc'd, length bytes (NULL when 0) */
} frame_t;

#define MD_MAX 32
typedef struct {
    int n;
    struct { char key[256]; uint8_t *val; size_t len; } e[MD_MAX];
} metadata_t;

/* A growable output buffer. */
typedef struct { uint8_t *p; size_t len, cap; } buf_t;
void buf_put(buf_t *b, const void *data, size_t n);
void buf_u8(buf_t *b, uint8_t v);
void buf_u16(buf_t *b, uint16_t v);
void buf_u32(buf_t *b, uint32_t v);
void buf_u64(buf_t *b, uint64_t v);
void buf_string(buf_t *b, const char *s);
void buf_metadata(buf_t *b, const metadata_t *md);
void buf_free(buf_t *b);

void frame_header_encode(uint8_t out[FRAME_HEADER_SIZE], uint8_t type,
                         uint8_t flags, uint32_t stream, uint32_t length);
void frame_header_decode(const uint8_t in[FRAME_HEADER_SIZE], frame_t *f);
void frame_free(frame_t *f);

/* A read cursor over a payload; every get fails (returns -1) past the end. */
typedef struct { const uint8_t *p; size_t len, pos; } cursor_t;
int get_u8(cursor_t *c, uint8_t *v);
int get_u16(cursor_t *c, uint16_t *v);
int get_u32(cursor_t *c, uint32_t *v);
/* A string: malloc'd, NUL-terminated copy. */
int get_string(cursor_t *c, char **s);
int get_metadata(cursor_t *c, metadata_t *md);

void md_add(metadata_t *md, const char *key, const void *val, size_t len);
/* First value of key, or NULL. */
const uint8_t *md_get(const metadata_t *md, const char *key, size_t *len);
void md_free(metadata_t *md);

#endif
