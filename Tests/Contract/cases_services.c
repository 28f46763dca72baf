/* Every RPC of health and reflection. */
#include "case_support.h"

int health_check(conn_t *c, const endpoint_t *ep, char *why)
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

int health_watch(conn_t *c, const endpoint_t *ep, char *why)
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

int reflection_list_services(conn_t *c, const endpoint_t *ep, char *why)
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

int reflection_file_containing_symbol(conn_t *c, const endpoint_t *ep, char *why)
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

int reflection_file_by_filename(conn_t *c, const endpoint_t *ep, char *why)
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
