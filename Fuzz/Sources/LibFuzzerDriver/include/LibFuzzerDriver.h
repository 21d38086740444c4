#ifndef LIBFUZZER_DRIVER_H
#define LIBFUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry point for programs that have their own `main` (see libFuzzer's
// FuzzerInterface.h). SwiftPM gives every executable a `main` of its own, so the fuzz targets
// start libFuzzer through this instead of linking libFuzzer's `main`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
