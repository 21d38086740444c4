import FuzzSupport

/// The Swift scans and front end: any bytes give the same scans twice and a well-formed tree, the same one twice.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzChecks.frontEnd(FuzzChecks.bytes(data, size), language: .swift)
    return 0
}

FuzzChecks.runLibFuzzer(testOneInput)
