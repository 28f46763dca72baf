// Debian's OpenSSL 3 headers, plus static inline wrappers for the parts of
// its API that are macros Swift cannot import (stack accessors, BIO controls).
#ifndef ATTR_COPENSSL_SHIM_H
#define ATTR_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static inline int attr_general_names_count(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

static inline const GENERAL_NAME *attr_general_names_value(const GENERAL_NAMES *names, int index) {
    return sk_GENERAL_NAME_value(names, index);
}

static inline void attr_general_names_free(GENERAL_NAMES *names) {
    GENERAL_NAMES_free(names);
}

/// Reads the subjectAltName extension; NULL when the certificate has none.
static inline GENERAL_NAMES *attr_x509_subject_alt_names(const X509 *certificate) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL);
}

static inline long attr_bio_get_mem_data(BIO *bio, char **pointer) {
    return BIO_get_mem_data(bio, pointer);
}

static inline int attr_ssl_ctx_set_min_proto_version(SSL_CTX *context, int version) {
    return (int)SSL_CTX_set_min_proto_version(context, version);
}

static inline long attr_ssl_ctx_set_mode(SSL_CTX *context, long mode) {
    return SSL_CTX_set_mode(context, mode);
}

static inline long attr_ssl_ctx_release_buffers_mode(void) {
    return SSL_MODE_RELEASE_BUFFERS;
}

static inline int attr_ssl_set_sni_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/// An empty memory BIO reports "retry" rather than end of file.
static inline void attr_bio_set_mem_retry_on_empty(BIO *bio) {
    BIO_set_mem_eof_return(bio, -1);
}

static inline unsigned long attr_xn_flag_rfc2253(void) {
    return XN_FLAG_RFC2253;
}

#endif
