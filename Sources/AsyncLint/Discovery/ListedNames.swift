/// Whether a directory holds one of the few names the driver asks about for every directory
/// (`__init__.py` for Python packages, `Package.swift` for SwiftPM targets, the two
/// configuration files), answered from the listings discovery made anyway.
///
/// Each question was an `lstat`: some 1,700 of them on the Python corpus, 5 ms on one core
/// before any file was read. A directory discovery did not list (an ancestor of the paths
/// given, a file named on the command line) is asked of the file system as before. A listed
/// name counts whatever it is (a dangling link, a directory), as `lstat` found it.
struct ListedNames: Sendable {
    static let names = ["__init__.py", "Package.swift", ".asynclint.toml", "pyproject.toml"]

    /// Per listed directory (absolute, as discovery joined its files' paths), bit `k` for
    /// `names[k]`.
    private var held: [String: UInt8] = [:]

    init() {}

    /// The bits of `names` a listing holds.
    static func bits(of entries: [FileSystem.DirectoryEntry]) -> UInt8 {
        var bits: UInt8 = 0
        for entry in entries {
            // Only four names: most entries are passed on their first byte.
            guard let first = entry.name.utf8.first,
                  first == UInt8(ascii: "_") || first == UInt8(ascii: "P") || first == UInt8(ascii: ".")
                    || first == UInt8(ascii: "p") else { continue }
            if let k = names.firstIndex(of: entry.name) { bits |= 1 << UInt8(k) }
        }
        return bits
    }

    mutating func record(directory: String, bits: UInt8) {
        held[directory] = bits
    }

    mutating func merge(_ other: ListedNames) {
        held.merge(other.held) { mine, _ in mine }
    }

    /// Whether `path` exists: from its directory's listing when the name is one of `names` and
    /// the directory was listed, else `lstat`.
    func exists(_ path: String) -> Bool {
        let utf8 = path.utf8
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")) {
            let name = path[utf8.index(after: slash)...]
            if let k = Self.names.firstIndex(where: { $0 == name }) {
                let directory = slash == utf8.startIndex ? "/" : String(path[..<slash])
                if let bits = held[directory] { return bits & (1 << UInt8(k)) != 0 }
            }
        }
        return FileSystem.exists(path)
    }
}
