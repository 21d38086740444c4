#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls discovery and reading need, with errors as messages that name the cause.
enum FileSystem {
    enum Kind: Sendable, Equatable { case regular, directory, symbolicLink, other }

    struct Status: Sendable {
        var kind: Kind
        /// Device and inode: what tells whether a directory was already walked (symlink loops).
        var identity: FileIdentity
    }

    struct FileIdentity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// `stat` (following links) or `lstat`; on failure the `strerror` text.
    static func status(_ path: String, followLinks: Bool) -> Result<Status, SystemError> {
        var info = stat()
        let rc = followLinks ? stat(path, &info) : lstat(path, &info)
        guard rc == 0 else { return .failure(SystemError(errno: errno)) }
        let type = info.st_mode & S_IFMT
        let kind: Kind
        switch type {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        return .success(Status(kind: kind, identity: FileIdentity(device: UInt64(truncatingIfNeeded: info.st_dev), inode: UInt64(truncatingIfNeeded: info.st_ino))))
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// One name in a directory, with what `readdir` says it is.
    struct DirectoryEntry: Sendable {
        var name: String
        /// From `d_type`: nil when the file system does not say (then only `lstat` can tell).
        var kind: Kind?
        /// False when the name's bytes are not UTF-8: `name` then holds U+FFFD in their place,
        /// a name no `stat` can find.
        var nameIsUTF8: Bool
    }

    /// The entries of a directory (without `.` and `..`), sorted bytewise by name so walks are
    /// deterministic. `d_type` spares discovery an `lstat` per file.
    static func directoryListing(_ path: String) -> Result<[DirectoryEntry], SystemError> {
        guard let dir = opendir(path) else { return .failure(SystemError(errno: errno)) }
        defer { closedir(dir) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(dir) {
            let listed: DirectoryEntry? = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { cName in
                    let dot = CChar(UInt8(ascii: "."))
                    if cName[0] == dot && (cName[1] == 0 || (cName[1] == dot && cName[2] == 0)) { return nil }
                    if let name = String(validatingCString: cName) {
                        return DirectoryEntry(name: name, kind: nil, nameIsUTF8: true)
                    }
                    return DirectoryEntry(name: String(cString: cName), kind: nil, nameIsUTF8: false)
                }
            }
            guard var listed else { continue }
            listed.kind = kind(ofEntryType: entry.pointee.d_type)
            entries.append(listed)
        }
        entries.sort { PathText.bytewisePrecedes($0.name, $1.name) }
        return .success(entries)
    }

    private static func kind(ofEntryType type: UInt8) -> Kind? {
        switch Int(type) {
        case Int(DT_REG): return .regular
        case Int(DT_DIR): return .directory
        case Int(DT_LNK): return .symbolicLink
        case Int(DT_FIFO), Int(DT_SOCK), Int(DT_CHR), Int(DT_BLK): return .other
        default: return nil
        }
    }

    /// The whole file in one buffer: `open`, `fstat`, then `read` until end of file.
    ///
    /// `O_NONBLOCK` keeps a FIFO that happens to be named `x.py` from hanging the run; anything
    /// that is not a regular file is refused after `fstat`.
    static func readFile(_ path: String) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.system(SystemError(errno: errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.system(SystemError(errno: errno))) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { return .failure(.isDirectory) }
        if type != S_IFREG { return .failure(.notRegularFile) }
        // The size is a hint: the file may grow or shrink while it is read. Read straight into
        // uninitialised storage (zeroing it first cost as much as the read), one byte more than
        // the size so that end of file shows in the same call.
        let expected = max(Int(info.st_size), 0) + 1
        var failure: Int32?
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initializedCount in
            var count = 0
            while count < expected {
                let n = read(fd, buffer.baseAddress! + count, expected - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                count += n
                // Exactly the size `fstat` gave, asked for one byte more: a regular file's read
                // comes back short only at its end, so that is the end, and no second `read` is
                // needed to see it return 0 (one system call fewer for every file).
                if count == expected - 1 { break }
            }
            initializedCount = count
        }
        if let failure { return .failure(.system(SystemError(errno: failure))) }
        guard bytes.count == expected else { return .success(bytes) }
        // It grew: the rest in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.system(SystemError(errno: errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return .success(bytes)
    }

    /// Creates or truncates `path` and writes `bytes` to it; on failure the `strerror` text.
    static func writeFile(_ path: String, _ bytes: [UInt8]) -> SystemError? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return SystemError(errno: errno) }
        var failure: SystemError? = nil
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = SystemError(errno: errno)
                    return
                }
                done += n
            }
        }
        if close(fd) != 0 && failure == nil { failure = SystemError(errno: errno) }
        return failure
    }

    static func currentDirectory() -> String? {
        guard let cwd = getcwd(nil, 0) else { return nil }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}

struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    var code: Int32
    init(errno: Int32) { self.code = errno }
    var description: String { String(cString: strerror(code)) }
    var isNoSuchFile: Bool { code == ENOENT }
}

enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
    case isDirectory, notRegularFile
    case system(SystemError)

    var description: String {
        switch self {
        case .isDirectory: return "is a directory"
        case .notRegularFile: return "not a regular file"
        case .system(let error): return error.description
        }
    }
}
