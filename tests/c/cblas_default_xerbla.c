/* liblinmux's own cblas_xerbla prints the reference's message and returns:
 * the program goes on (exit status 0 with the messages on stderr). */
#include <stdio.h>

#include "linmux/cblas.h"

int main(void) {
    double a[4] = {1, 2, 3, 4}, b[4] = {1, 0, 0, 1}, c[4] = {-1, -1, -1, -1};
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, -1, 2, 2, 1.0, a, 2, b, 2, 0.0, c, 2);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 1, b, 2, 0.0, c, 2);
    if (c[0] != -1 || c[3] != -1) return 2;
    printf("returned\n");
    return 0;
}
