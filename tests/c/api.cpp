// The linmux C API from C++17: the header compiles as C++, complex types
// are layout-compatible with std::complex, and a few calls work.
#include <complex>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "linmux.h"

static_assert(sizeof(linmux_complex_double) == sizeof(std::complex<double>), "layout");
static_assert(alignof(linmux_complex_double) == alignof(std::complex<double>), "layout");

static int failures = 0;
#define CHECK(c)                                                             \
    do {                                                                     \
        if (!(c)) {                                                          \
            ++failures;                                                      \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s (%s)\n", __FILE__, \
                         __LINE__, #c, linmux_last_error_message());         \
        }                                                                    \
    } while (0)

int main() {
    char name[64];
    CHECK(linmux_backend_name(nullptr, name, sizeof name, nullptr) == LINMUX_STATUS_OK);
    std::printf("backend: %s\n", name);
    CHECK(std::string(linmux_version()) == LINMUX_VERSION_STRING);

    // zgemm on std::complex storage: [[1+i]]·[[2-i]] = 3+i
    std::vector<std::complex<double>> a{{1, 1}}, b{{2, -1}}, c{{0, 0}};
    linmux_complex_double one{1, 0}, zero{0, 0};
    CHECK(linmux_zgemm(nullptr, LINMUX_COL_MAJOR, LINMUX_NO_TRANS, LINMUX_NO_TRANS, one,
                       reinterpret_cast<const linmux_complex_double *>(a.data()), 1, 1, 1,
                       reinterpret_cast<const linmux_complex_double *>(b.data()), 1, 1, 1, zero,
                       reinterpret_cast<linmux_complex_double *>(c.data()), 1, 1, 1) == LINMUX_STATUS_OK);
    CHECK(c[0] == std::complex<double>(3, 1));

    // A RAII engine handle.
    struct Engine {
        linmux_engine *e = nullptr;
        ~Engine() { linmux_engine_free(e); }
    } faer;
    CHECK(linmux_engine_new("faer", &faer.e) == LINMUX_STATUS_OK);
    std::vector<double> m{4, 3, 6, 3}, rhs{10, 12}, x(2);
    CHECK(linmux_dsolve(faer.e, LINMUX_ROW_MAJOR, 2, 1, m.data(), 2, rhs.data(), 1, x.data(), 1) ==
          LINMUX_STATUS_OK);
    CHECK(std::abs(x[0] - 1) < 1e-12 && std::abs(x[1] - 2) < 1e-12);
    CHECK(linmux_dsolve(faer.e, LINMUX_ROW_MAJOR, 2, 1, nullptr, 2, rhs.data(), 1, x.data(), 1) ==
          LINMUX_STATUS_NULL_POINTER);
    if (failures) {
        std::fprintf(stderr, "api.cpp: %d failures\n", failures);
        return 1;
    }
    std::printf("api.cpp: ok\n");
    return 0;
}
