import FuzzSupport

/// The Python scan and front end: any bytes give the same scan twice and a well-formed tree, the same one twice.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzChecks.frontEnd(FuzzChecks.bytes(data, size), language: .python)
    return 0
}

FuzzChecks.runLibFuzzer(testOneInput)
