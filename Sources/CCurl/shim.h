// Debian's libcurl headers, plus typed static inline wrappers for the
// variadic curl_easy_setopt / curl_easy_getinfo (Swift cannot call C
// variadics) and for the option constants that are macros.
#ifndef ATTR_CCURL_SHIM_H
#define ATTR_CCURL_SHIM_H

#include <curl/curl.h>

typedef size_t (*attr_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
typedef int (*attr_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t downloaded,
                                           curl_off_t upload_total, curl_off_t uploaded);

static inline CURLcode attr_curl_setopt_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode attr_curl_setopt_offset(CURL *curl, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode attr_curl_setopt_string(CURL *curl, CURLoption option, const char *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode attr_curl_setopt_pointer(CURL *curl, CURLoption option, void *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode attr_curl_setopt_slist(CURL *curl, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(curl, option, value);
}

static inline CURLcode attr_curl_setopt_mime(CURL *curl, curl_mime *mime) {
    return curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
}

static inline CURLcode attr_curl_setopt_data_callback(CURL *curl, CURLoption option, attr_curl_data_callback callback) {
    return curl_easy_setopt(curl, option, callback);
}

static inline CURLcode attr_curl_setopt_progress_callback(CURL *curl, attr_curl_progress_callback callback) {
    return curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, callback);
}

static inline CURLcode attr_curl_getinfo_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}

static inline CURLcode attr_curl_getinfo_offset(CURL *curl, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(curl, info, value);
}

static inline CURLcode attr_curl_getinfo_string(CURL *curl, CURLINFO info, char **value) {
    return curl_easy_getinfo(curl, info, value);
}

static inline long attr_curl_global_all(void) { return CURL_GLOBAL_ALL; }
static inline long attr_curl_auth_basic(void) { return (long)CURLAUTH_BASIC; }
static inline long attr_curl_ssh_auth_password(void) { return CURLSSH_AUTH_PASSWORD; }
static inline long attr_curl_ssh_auth_publickey(void) { return CURLSSH_AUTH_PUBLICKEY; }
static inline long attr_curl_proto_http_https(void) { return CURLPROTO_HTTP | CURLPROTO_HTTPS; }
static inline size_t attr_curl_readfunc_abort(void) { return CURL_READFUNC_ABORT; }
static inline size_t attr_curl_zero_terminated(void) { return CURL_ZERO_TERMINATED; }

#endif
