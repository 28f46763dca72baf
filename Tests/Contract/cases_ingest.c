/* attribution.v1.Ingest from C: per-record errors and the batch limit,
 * through protoc-c types of ingest.proto alone. */
#include "case_support.h"
#include "attribution/v1/ingest.pb-c.h"
#include <time.h>

enum { INVALID_ARGUMENT = 3 };

typedef Attribution__V1__PixelEvent PixelEvent;

static void event_init(PixelEvent *e, Google__Protobuf__Timestamp *t, const char *id)
{
    attribution__v1__pixel_event__init(e);
    google__protobuf__timestamp__init(t);
    t->seconds = (int64_t)time(NULL) - 60;
    e->platform = ATTRIBUTION__V1__PIXEL_PLATFORM__PIXEL_PLATFORM_META;
    e->event_type = ATTRIBUTION__V1__PIXEL_EVENT_TYPE__PIXEL_EVENT_TYPE_PAGE_VIEW;
    e->event_id = (char *)id;
    e->event_time = t;
    e->delivery_status = ATTRIBUTION__V1__DELIVERY_STATUS__DELIVERY_STATUS_DELIVERED;
}

/* A valid event and one without an id: the first is stored (or was, by an
 * earlier run: then a duplicate), the second refused as record 1, field event_id. */
int ingest_pixel_events(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    PixelEvent good, bad;
    Google__Protobuf__Timestamp t1, t2;
    event_init(&good, &t1, "contract-c-page-view-1");
    event_init(&bad, &t2, "");
    PixelEvent *events[] = { &good, &bad };
    Attribution__V1__IngestPixelEventsRequest req = ATTRIBUTION__V1__INGEST_PIXEL_EVENTS_REQUEST__INIT;
    req.n_events = 2;
    req.events = events;
    Attribution__V1__IngestPixelEventsResponse *resp = NULL;
    call_t call;
    uint8_t *m = NULL;
    size_t l;
    int rc = -1, st = unary(c, "/attribution.v1.Ingest/IngestPixelEvents", &req.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, OK);
    resp = attribution__v1__ingest_pixel_events_response__unpack(NULL, l, m);
    CHECK(resp, "response does not decode");
    CHECK(resp->accepted + resp->duplicates == 1, "accepted %d + duplicates %d, want 1", resp->accepted,
          resp->duplicates);
    CHECK(resp->n_rejected == 1 && resp->rejected[0]->index == 1 &&
              strcmp(resp->rejected[0]->field, "event_id") == 0,
          "want record 1 refused for event_id, got %zu refusals", resp->n_rejected);
    rc = 0;
out:
    if (resp) attribution__v1__ingest_pixel_events_response__free_unpacked(resp, NULL);
    free(m);
    call_free(&call);
    return rc;
}

/* An empty batch is INVALID_ARGUMENT, and the connection goes on serving. */
int ingest_empty_batch(conn_t *c, const endpoint_t *ep, char *why)
{
    (void)ep;
    Attribution__V1__RecordOrdersRequest req = ATTRIBUTION__V1__RECORD_ORDERS_REQUEST__INIT;
    call_t call;
    uint8_t *m = NULL;
    size_t l;
    int rc = -1, st = unary(c, "/attribution.v1.Ingest/RecordOrders", &req.base, NULL, &m, &l, &call);
    CHECK_STATUS(call, st, INVALID_ARGUMENT);
    CHECK(call.message && strstr(call.message, "empty"), "message \"%s\" does not say the batch is empty",
          call.message ? call.message : "");
    if (connection_still_serves(c, why)) goto out;
    rc = 0;
out:
    free(m);
    call_free(&call);
    return rc;
}
