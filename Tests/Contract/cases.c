/* The table of contract cases: one row per case, in the order they run. */
#include "case_support.h"

const contract_case_t CASES[] = {
    { "empty_unary", empty_unary, 0 },
    { "large_unary", large_unary, 0 },
    { "client_streaming", client_streaming, 0 },
    { "server_streaming", server_streaming, 0 },
    { "ping_pong", ping_pong, 0 },
    { "empty_stream", empty_stream, 0 },
    { "custom_metadata", custom_metadata, 0 },
    { "status_code_and_message", status_code_and_message, 0 },
    { "special_status_message", special_status_message, 0 },
    { "unimplemented_method", unimplemented_method, 0 },
    { "unimplemented_service", unimplemented_service, 0 },
    { "cancel_after_begin", cancel_after_begin, 0 },
    { "cancel_after_first_response", cancel_after_first_response, 0 },
    { "timeout_on_sleeping_server", timeout_on_sleeping_server, 0 },
    { "echo_identity", echo_identity, 0 },
    { "health_check", health_check, 0 },
    { "health_watch", health_watch, 0 },
    { "reflection_list_services", reflection_list_services, 0 },
    { "reflection_file_containing_symbol", reflection_file_containing_symbol, 0 },
    { "reflection_file_by_filename", reflection_file_by_filename, 0 },
    { "ingest_pixel_events", ingest_pixel_events, 0 },
    { "ingest_empty_batch", ingest_empty_batch, 0 },
    { "late_frames_ignored", late_frames_ignored, 0 },
    { "bad_preface", bad_preface, 1 },
    { "oversize_frame", oversize_frame, 1 },
};
const int CASE_COUNT = (int)(sizeof CASES / sizeof CASES[0]);
