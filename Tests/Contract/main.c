/* arpc-contract: the ARPC/1 contract tests against a live attrd.
 * Usage: arpc-contract HOST PORT CA CERT KEY [CASE...] */
#include "cases.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s HOST PORT CA CERT KEY [CASE...]\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN); /* a closed connection is an error, not a death */
    endpoint_t ep = { argv[1], argv[2], argv[3], argv[4], argv[5] };
    for (int a = 6; a < argc; a++) {
        int known = 0;
        for (int i = 0; i < CASE_COUNT; i++) known |= strcmp(argv[a], CASES[i].name) == 0;
        if (!known) {
            fprintf(stderr, "no case named %s\n", argv[a]);
            return 2;
        }
    }
    int passed = 0, failed = 0;
    for (int i = 0; i < CASE_COUNT; i++) {
        const contract_case_t *k = &CASES[i];
        int wanted = argc == 6;
        for (int a = 6; a < argc; a++) wanted |= strcmp(argv[a], k->name) == 0;
        if (!wanted) continue;
        char why[WHY_LEN] = "";
        conn_t c;
        int rc;
        if (k->raw) {
            rc = k->fn(NULL, &ep, why);
        } else if (conn_open(&c, &ep, why, sizeof why) != 0) {
            rc = -1;
            conn_close(&c);
        } else {
            rc = k->fn(&c, &ep, why);
            conn_close(&c);
        }
        if (rc == 0) {
            printf("ok %s\n", k->name);
            passed++;
        } else {
            printf("FAIL %s: %s\n", k->name, why);
            failed++;
        }
        fflush(stdout);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
