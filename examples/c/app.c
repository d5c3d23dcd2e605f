/* A C client of liblinmux: the linmux API and unchanged CBLAS code.
 *   cc -std=c99 -Wall -Wextra -Werror -pedantic app.c $(pkg-config --cflags --libs linmux)
 *   LINMUX_BACKEND=openblas ./a.out */
#include <math.h>
#include <stdio.h>

#include <linmux.h>
#include <linmux/cblas.h>

int main(void) {
    char name[64];
    const double a[4] = {4, 3, 6, 3}, b[2] = {10, 12};
    double x[2], c[4];
    if (linmux_backend_name(NULL, name, sizeof name, NULL) != LINMUX_STATUS_OK) {
        fprintf(stderr, "linmux: %s\n", linmux_last_error_message());
        return 1;
    }
    if (linmux_dsolve(NULL, LINMUX_ROW_MAJOR, 2, 1, a, 2, b, 1, x, 1) != LINMUX_STATUS_OK) {
        fprintf(stderr, "solve: %s\n", linmux_last_error_message());
        return 1;
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 2, a, 2, 0.0, c, 2);
    printf("backend: %s\nx = (%g, %g)\nA*A = [[%g, %g], [%g, %g]]\n", name, x[0], x[1], c[0], c[1], c[2], c[3]);
    return fabs(x[0] - 1) < 1e-12 && fabs(x[1] - 2) < 1e-12 && c[0] == 34 && c[3] == 27 ? 0 : 1;
}
