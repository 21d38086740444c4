#if canImport(Glibc)
import Glibc
#endif

/// How this process asks glibc's allocator to behave: a policy of the command-line tool, so it
/// lives here and not in the library.
enum MemoryTuning {
    /// Keeps blocks of 128 KiB and more (file buffers, token and node arrays of big files) in
    /// their own mappings, returned to the system when freed. By default glibc raises that
    /// threshold after the first such block is freed, and from then on big blocks come from the
    /// heap, where the summaries pass 2 keeps alive are scattered among freed blocks that cannot
    /// be given back: the Python corpus peaked at 84 MB that way against 71 MB with the threshold
    /// fixed. `mallopt` is not in Swift's Glibc module; it is found by name, and nothing happens
    /// where it is missing (another C library).
    static func keepLargeBlocksMapped() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD in <malloc.h>
        _ = mallopt(mmapThreshold, 128 * 1024)
        #endif
    }
}
