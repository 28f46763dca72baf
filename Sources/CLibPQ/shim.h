// Debian's libpq (libpq-dev); the include path comes from pkg-config.
#ifndef ATTR_CLIBPQ_SHIM_H
#define ATTR_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
