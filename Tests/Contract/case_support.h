/* What the case files share: includes, checks, status codes, message types,
 * and the case functions the CASES table (cases.c) lists. */
#ifndef ARPC_CASE_SUPPORT_H
#define ARPC_CASE_SUPPORT_H
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


/* Whether the connection still serves a call (EmptyCall) after a case's abuse. */
int connection_still_serves(conn_t *c, char *why);

/* The cases. */
int empty_unary(conn_t *c, const endpoint_t *ep, char *why);
int large_unary(conn_t *c, const endpoint_t *ep, char *why);
int client_streaming(conn_t *c, const endpoint_t *ep, char *why);
int server_streaming(conn_t *c, const endpoint_t *ep, char *why);
int ping_pong(conn_t *c, const endpoint_t *ep, char *why);
int empty_stream(conn_t *c, const endpoint_t *ep, char *why);
int custom_metadata(conn_t *c, const endpoint_t *ep, char *why);
int status_code_and_message(conn_t *c, const endpoint_t *ep, char *why);
int special_status_message(conn_t *c, const endpoint_t *ep, char *why);
int unimplemented_method(conn_t *c, const endpoint_t *ep, char *why);
int unimplemented_service(conn_t *c, const endpoint_t *ep, char *why);
int cancel_after_begin(conn_t *c, const endpoint_t *ep, char *why);
int cancel_after_first_response(conn_t *c, const endpoint_t *ep, char *why);
int timeout_on_sleeping_server(conn_t *c, const endpoint_t *ep, char *why);
int echo_identity(conn_t *c, const endpoint_t *ep, char *why);
int health_check(conn_t *c, const endpoint_t *ep, char *why);
int ingest_pixel_events(conn_t *c, const endpoint_t *ep, char *why);
int ingest_empty_batch(conn_t *c, const endpoint_t *ep, char *why);
int health_watch(conn_t *c, const endpoint_t *ep, char *why);
int reflection_list_services(conn_t *c, const endpoint_t *ep, char *why);
int reflection_file_containing_symbol(conn_t *c, const endpoint_t *ep, char *why);
int reflection_file_by_filename(conn_t *c, const endpoint_t *ep, char *why);
int late_frames_ignored(conn_t *c, const endpoint_t *ep, char *why);
int bad_preface(conn_t *c, const endpoint_t *ep, char *why);
int oversize_frame(conn_t *c, const endpoint_t *ep, char *why);

#endif
