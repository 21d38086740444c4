#if canImport(Glibc)
import Glibc
#endif

/// How this process asks glibc's allocator to behave: a policy of the command-line tool, so it
/// lives here and not in the library. (Giving the freed pages back between the two passes,
/// `Linter.returnFreedMemory`, is the library's: only it knows when the parse trees are gone,
/// and it changes no setting a host process made.)
enum MemoryTuning {
    /// Keeps blocks of 4 MiB and more (the buffers and token and node arrays of big files) in
    /// their own mappings, returned to the system when freed. By default glibc raises that
    /// threshold (up to 32 MiB) each time such a block is freed, and from then on big blocks
    /// come from the heap, where the summaries pass 2 keeps alive are scattered among freed
    /// blocks that cannot be given back. Python corpus, peak RSS: 86.6 MB by default, 74 MB with
    /// the threshold fixed at 4 MiB or 1 MiB (wall time unchanged within noise), 71 MB at glibc's
    /// starting 128 KiB (but 7 % slower: every mid-sized file's arrays were fresh pages).
    /// `mallopt` is not in Swift's Glibc module; it is found by name, and nothing happens where
    /// it is missing (another C library).
    static func keepLargeBlocksMapped() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let mmapThreshold: Int32 = -3   // M_MMAP_THRESHOLD in <malloc.h>
        _ = mallopt(mmapThreshold, 4 << 20)
        // One arena per core, not glibc's eight per core: the workers' freed trees then leave fewer
        // part-used heaps for the summaries to pin. Python corpus, peak RSS (medians of 5):
        // 65.3 MB with the default, 63.7 MB with one arena per core (2 here, wall time within
        // noise), 61.8 MB with a single arena (but 17 % slower: the workers wait on its lock).
        let arenaMax: Int32 = -8   // M_ARENA_MAX
        _ = mallopt(arenaMax, Int32(clamping: max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        #endif
    }
}
