import Foundation
import LibFuzzerDriver

extension FuzzChecks {
    /// Runs libFuzzer with this process's arguments (`-max_total_time=…`, corpus directories)
    /// and exits with its status.
    public static func runLibFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = LLVMFuzzerRunDriver(&argc, &argv, testOneInput)
        exit(status)
    }
}
