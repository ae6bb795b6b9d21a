// Interposed stdio entry points (shared library testkit_interpose): std::ofstream and std::ifstream open files
// with fopen64, not open.
#include <testkit/interpose/detail/exported.hpp>

#include <cstdio>

TK_INTERPOSE(FILE*, fopen, (const char* path, const char* mode), fopen, (path, mode))
TK_INTERPOSE(FILE*, fopen64, (const char* path, const char* mode), fopen, (path, mode))
