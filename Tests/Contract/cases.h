/* The contract cases. Adding one for a new RPC: write a function with the
 * case_fn signature in the cases_*.c file of its service, declare it in
 * case_support.h and add one row to CASES in cases.c. */
#ifndef ARPC_CASES_H
#define ARPC_CASES_H
#include "conn.h"

#define WHY_LEN 512
/* c: an open connection (NULL for raw cases, which make their own from ep).
 * Returns 0 on pass, else fills why. */
typedef int (*case_fn)(conn_t *c, const endpoint_t *ep, char *why);

typedef struct {
    const char *name;
    case_fn fn;
    int raw; /* the case makes its own connection */
} contract_case_t;

extern const contract_case_t CASES[];
extern const int CASE_COUNT;

#endif
