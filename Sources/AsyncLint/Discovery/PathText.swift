#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Path arithmetic on `/`-separated strings, done lexically: the reports show the paths the
/// user typed (relative to the working directory), not where symbolic links lead.
enum PathText {
    /// `base` joined with `path` (unless `path` is absolute), with `.`, `..` and repeated
    /// slashes removed. Never ends with a slash except for the root itself.
    static func absolute(_ path: String, workingDirectory: String) -> String {
        let joined = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory == "/" ? "/" + name : directory + "/" + name
    }

    /// The path below `directory`, or nil when `path` is not inside it (or is it).
    static func relative(_ path: String, below directory: String) -> String? {
        if directory == "/" { return path == "/" ? nil : String(path.dropFirst()) }
        // Bytes, not Characters: `String.count` walks grapheme clusters, and discovery asks this
        // for every file and every `.gitignore` in force (it was most of discovery's time).
        let p = path.utf8, d = directory.utf8
        guard p.count > d.count, hasBytePrefix(path, directory) else { return nil }
        let rest = p.dropFirst(d.count)
        guard rest.first == UInt8(ascii: "/") else { return nil }
        return String(Substring(rest.dropFirst()))
    }

    /// What reports print: relative to the working directory, climbing with `..` when the file
    /// lies elsewhere, `.` for the working directory itself.
    static func displayPath(_ absolutePath: String, workingDirectory: String) -> String {
        if absolutePath == workingDirectory { return "." }
        if let below = relative(absolutePath, below: workingDirectory) { return below }
        // Outside the working directory (`asynclint check /elsewhere`): every file takes this
        // way, so it works on the UTF-8 bytes. Splitting into Substrings and comparing them as
        // Characters cost about 49,000 instructions a file (275 M for the Python corpus, before
        // the first file was read), and file names are bytes: two spellings of `é` are two
        // directories, not one.
        let target = Array(absolutePath.utf8), base = Array(workingDirectory.utf8)
        let targetParts = components(target), baseParts = components(base)
        var common = 0
        while common < targetParts.count && common < baseParts.count
                && target[targetParts[common]] == base[baseParts[common]] { common += 1 }
        var made: [UInt8] = []
        made.reserveCapacity(3 * (baseParts.count - common) + target.count)
        for _ in common..<baseParts.count {
            if !made.isEmpty { made.append(UInt8(ascii: "/")) }
            made.append(UInt8(ascii: "."))
            made.append(UInt8(ascii: "."))
        }
        for part in targetParts[common...] {
            if !made.isEmpty { made.append(UInt8(ascii: "/")) }
            made.append(contentsOf: target[part])
        }
        return made.isEmpty ? "." : String(decoding: made, as: UTF8.self)
    }

    /// The byte ranges of a path's components (empty ones, from `//` or the leading `/`, left out).
    private static func components(_ path: [UInt8]) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        for (i, byte) in path.enumerated() where byte == UInt8(ascii: "/") {
            if i > start { parts.append(start..<i) }
            start = i + 1
        }
        if path.count > start { parts.append(start..<path.count) }
        return parts
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func parent(_ path: String) -> String {
        // On the UTF-8 bytes: `lastIndex(of:)` on the String walks Characters backwards, and
        // configuration lookup asks this for every file. A `/` byte is always a whole scalar.
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        let parent = String(Substring(bytes[..<slash]))
        return parent.isEmpty ? "/" : parent
    }

    /// Byte order of the UTF-8 forms (what sorts file lists), compared with `memcmp`:
    /// `lexicographicallyPrecedes` on the UTF-8 views went byte by byte through iterators.
    static func bytewisePrecedes(_ a: String, _ b: String) -> Bool {
        let order = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right -> Bool in
                let common = min(left.count, right.count)
                let sign = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return sign != 0 ? sign < 0 : left.count < right.count
            }
        }
        if let order, let order { return order }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Whether `text`'s UTF-8 bytes start with `prefix`'s.
    static func hasBytePrefix(_ text: String, _ prefix: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { whole in
            prefix.utf8.withContiguousStorageIfAvailable { start -> Bool in
                start.count <= whole.count
                    && (start.isEmpty || memcmp(whole.baseAddress!, start.baseAddress!, start.count) == 0)
            }
        }
        if let found, let found { return found }
        return text.utf8.starts(with: prefix.utf8)
    }
}
