/* GSL's linear algebra example (LU solve of a 4×4 system; GSL's LU and
 * its triangular solves call cblas_* level 1-3): link with -lgsl -llinmux
 * instead of -lgsl -lgslcblas. */
#include <stdio.h>
#include <gsl/gsl_linalg.h>

int main(void) {
    double a_data[] = {0.18, 0.60, 0.57, 0.96, 0.41, 0.24, 0.99, 0.58,
                       0.14, 0.30, 0.97, 0.66, 0.51, 0.13, 0.19, 0.85};
    double b_data[] = {1.0, 2.0, 3.0, 4.0};
    gsl_matrix_view m = gsl_matrix_view_array(a_data, 4, 4);
    gsl_vector_view b = gsl_vector_view_array(b_data, 4);
    gsl_vector *x = gsl_vector_alloc(4);
    gsl_permutation *p = gsl_permutation_alloc(4);
    int s;
    gsl_linalg_LU_decomp(&m.matrix, p, &s);
    gsl_linalg_LU_solve(&m.matrix, p, &b.vector, x);
    printf("x = \n");
    gsl_vector_fprintf(stdout, x, "%.10g");
    gsl_permutation_free(p);
    gsl_vector_free(x);
    return 0;
}
