// Declarations only (see include/LibFuzzerDriver.h); the definition is libFuzzer's, linked by
// `-sanitize=fuzzer`. SwiftPM wants at least one source file in a C target.
#include "LibFuzzerDriver.h"
