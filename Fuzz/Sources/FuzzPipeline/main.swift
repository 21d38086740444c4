import FuzzSupport

/// Front end → analysis → every reporter, for both languages on every input (one corpus
/// serves both: a Python seed mutated into Swift-looking bytes is still worth running).
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzChecks.bytes(data, size)
    FuzzChecks.pipeline(bytes, language: .python)
    FuzzChecks.pipeline(bytes, language: .swift)
    return 0
}

FuzzChecks.runLibFuzzer(testOneInput)
