#include "frame.h"
#include <stdlib.h>
#include <string.h>

void buf_put(buf_t *b, const void *data, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n) cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) abort();
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->len, data, n);
    b->len += n;
}
void buf_u8(buf_t *b, uint8_t v) { buf_put(b, &v, 1); }
void buf_u16(buf_t *b, uint16_t v)
{
    uint8_t x[2] = { (uint8_t)(v >> 8), (uint8_t)v };
    buf_put(b, x, 2);
}
void buf_u32(buf_t *b, uint32_t v)
{
    buf_u16(b, (uint16_t)(v >> 16));
    buf_u16(b, (uint16_t)v);
}
void buf_u64(buf_t *b, uint64_t v)
{
    buf_u32(b, (uint32_t)(v >> 32));
    buf_u32(b, (uint32_t)v);
}
void buf_string(buf_t *b, const char *s)
{
    size_t n = strlen(s);
    buf_u16(b, (uint16_t)n);
    buf_put(b, s, n);
}
void buf_metadata(buf_t *b, const metadata_t *md)
{
    buf_u16(b, (uint16_t)(md ? md->n : 0));
    for (int i = 0; md && i < md->n; i++) {
        size_t k = strlen(md->e[i].key);
        buf_u8(b, (uint8_t)k);
        buf_put(b, md->e[i].key, k);
        buf_u16(b, (uint16_t)md->e[i].len);
        buf_put(b, md->e[i].val, md->e[i].len);
    }
}
void buf_free(buf_t *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void frame_header_encode(uint8_t out[FRAME_HEADER_SIZE], uint8_t type,
                         uint8_t flags, uint32_t stream, uint32_t length)
{
    out[0] = type;
    out[1] = flags;
    for (int i = 0; i < 4; i++) {
        out[2 + i] = (uint8_t)(stream >> (24 - 8 * i));
        out[6 + i] = (uint8_t)(length >> (24 - 8 * i));
    }
}
void frame_header_decode(const uint8_t in[FRAME_HEADER_SIZE], frame_t *f)
{
    f->type = in[0];
    f->flags = in[1];
    f->stream = (uint32_t)in[2] << 24 | (uint32_t)in[3] << 16 | (uint32_t)in[4] << 8 | in[5];
    f->length = (uint32_t)in[6] << 24 | (uint32_t)in[7] << 16 | (uint32_t)in[8] << 8 | in[9];
    f->payload = NULL;
}
void frame_free(frame_t *f)
{
    free(f->payload);
    f->payload = NULL;
}

int get_u8(cursor_t *c, uint8_t *v)
{
    if (c->pos + 1 > c->len) return -1;
    *v = c->p[c->pos++];
    return 0;
}
int get_u16(cursor_t *c, uint16_t *v)
{
    if (c->pos + 2 > c->len) return -1;
    *v = (uint16_t)(c->p[c->pos] << 8 | c->p[c->pos + 1]);
    c->pos += 2;
    return 0;
}
int get_u32(cursor_t *c, uint32_t *v)
{
    uint16_t hi, lo;
    if (get_u16(c, &hi) || get_u16(c, &lo)) return -1;
    *v = (uint32_t)hi << 16 | lo;
    return 0;
}
static int get_bytes(cursor_t *c, size_t n, uint8_t **out)
{
    if (c->pos + n > c->len) return -1;
    *out = malloc(n + 1);
    if (!*out) abort();
    memcpy(*out, c->p + c->pos, n);
    (*out)[n] = 0;
    c->pos += n;
    return 0;
}
int get_string(cursor_t *c, char **s)
{
    uint16_t n;
    if (get_u16(c, &n)) return -1;
    return get_bytes(c, n, (uint8_t **)s);
}
int get_metadata(cursor_t *c, metadata_t *md)
{
    uint16_t count;
    md->n = 0;
    if (get_u16(c, &count)) return -1;
    for (unsigned i = 0; i < count; i++) {
        uint8_t klen;
        uint16_t vlen;
        uint8_t *key, *val;
        if (get_u8(c, &klen) || klen == 0 || get_bytes(c, klen, &key)) return -1;
        if (get_u16(c, &vlen) || get_bytes(c, vlen, &val)) {
            free(key);
            return -1;
        }
        md_add(md, (char *)key, val, vlen);
        free(key);
        free(val);
    }
    return 0;
}

void md_add(metadata_t *md, const char *key, const void *val, size_t len)
{
    if (md->n >= MD_MAX) return;
    strncpy(md->e[md->n].key, key, 255);
    md->e[md->n].key[255] = 0;
    md->e[md->n].val = malloc(len + 1);
    if (!md->e[md->n].val) abort();
    memcpy(md->e[md->n].val, val, len);
    md->e[md->n].val[len] = 0;
    md->e[md->n].len = len;
    md->n++;
}
const uint8_t *md_get(const metadata_t *md, const char *key, size_t *len)
{
    for (int i = 0; i < md->n; i++)
        if (strcmp(md->e[i].key, key) == 0) {
            if (len) *len = md->e[i].len;
            return md->e[i].val;
        }
    return NULL;
}
void md_free(metadata_t *md)
{
    for (int i = 0; i < md->n; i++) free(md->e[i].val);
    md->n = 0;
}
