// A C++17 client of liblinmux: an engine per backend, side by side.
//   c++ -std=c++17 app.cpp $(pkg-config --cflags --libs linmux)
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <linmux.h>

namespace {
struct EngineDeleter {
    void operator()(linmux_engine *e) const { linmux_engine_free(e); }
};
using Engine = std::unique_ptr<linmux_engine, EngineDeleter>;

Engine make_engine(const char *name) {
    linmux_engine *e = nullptr;
    if (linmux_engine_new(name, &e) != LINMUX_STATUS_OK) {
        std::fprintf(stderr, "%s: %s\n", name, linmux_last_error_message());
    }
    return Engine(e);
}
}  // namespace

int main(int argc, char **argv) {
    std::vector<std::string> names(argv + 1, argv + argc);
    if (names.empty()) names.push_back("faer");
    const std::vector<double> a{4, 3, 6, 3};
    int bad = 0;
    for (const auto &name : names) {
        Engine e = make_engine(name.c_str());
        if (!e) { ++bad; continue; }
        double det = 0;
        if (linmux_ddet(e.get(), LINMUX_ROW_MAJOR, 2, a.data(), 2, &det) != LINMUX_STATUS_OK) ++bad;
        std::printf("%s: det = %g\n", name.c_str(), det);
        if (det > -6 + 1e-12 || det < -6 - 1e-12) ++bad;
    }
    char cur[64];
    linmux_backend_name(nullptr, cur, sizeof cur, nullptr);
    std::printf("backend: %s\n", cur);
    return bad;
}
