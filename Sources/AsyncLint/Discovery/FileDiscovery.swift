import LightSyntax
import Reporting

/// A source file to analyse.
public struct SourceFile: Sendable, Hashable {
    /// Where to read it.
    public var absolutePath: String
    /// What reports print: relative to the working directory, `/`-separated.
    public var displayPath: String
    public var language: SourceLanguage
    /// Read only so that the project index can resolve calls into it: a file of the project
    /// around the files named on the command line (`FileDiscovery.projectContext`), never
    /// reported on.
    public var isContext = false
}

/// Finds the files to check under the paths the user gave.
///
/// Directories are walked in name order; hidden entries (a leading `.`), entries matched by a
/// `.gitignore` (the repository's ones above the starting directory, and each directory's own
/// for its subtree) or by `--exclude` are skipped, and so are installed third-party code and
/// virtual environments (`site-packages`, `node_modules`, `__pypackages__`, a directory holding
/// `pyvenv.cfg`), which ruff leaves out too: a `python -m venv venv` inside the project has no
/// `.gitignore`. A path named on the command line is always checked, whatever its name. Each directory is walked once, identified by device and inode,
/// so a symbolic link back to an ancestor cannot loop.
public struct FileDiscovery: Sendable {
    public var workingDirectory: String
    public var excludes: ExcludeSet

    public init(workingDirectory: String, excludeGlobs: [String]) {
        self.workingDirectory = workingDirectory
        self.excludes = ExcludeSet(globs: excludeGlobs, workingDirectory: workingDirectory)
    }

    public struct Result: Sendable {
        /// Sorted by display path, each file once.
        public var files: [SourceFile] = []
        public var errors: [FileError] = []
        public var notes: [FileNote] = []
        /// Which of `ListedNames.names` each walked directory holds.
        var listedNames = ListedNames()
    }

    public func discover(_ paths: [String]) -> Result {
        var walk = Walk(discovery: self)
        for path in paths {
            walk.visitRoot(path)
        }
        var result = walk.result
        // Walks list a directory's files in name order, so this is mostly a check that they
        // are sorted (`a/x.py` comes after `a.py`, though `a` is listed first).
        result.files.sort { PathText.bytewisePrecedes($0.displayPath, $1.displayPath) }
        // A file reached from two of the paths given is checked once: equal absolute paths
        // have equal display paths, so copies are neighbours now.
        if paths.count > 1 {
            var unique: [SourceFile] = []
            unique.reserveCapacity(result.files.count)
            for file in result.files where unique.last?.absolutePath != file.absolutePath { unique.append(file) }
            result.files = unique
        }
        return result
    }

    /// Files named on the command line are checked as part of their project, so that a
    /// pre-commit hook, which names the files a commit touches, sees a helper in another file
    /// as `check .` does: the files of the same languages under each named file's project root
    /// (the nearest directory above it holding one of `projectMarkers`), walked as a directory
    /// is, less the `known` ones, marked `isContext`. Directories named are projects of their
    /// own: nothing is added for them. Problems met on the way are not reported (those files
    /// were not asked for).
    public func projectContext(of paths: [String], known: [SourceFile]) -> Result {
        var roots: [String] = []
        var languages: Set<SourceLanguage> = []
        // Without a marker, a script's own directory: Python imports its sibling modules
        // (the script's directory is on `sys.path`), and it is walked one level deep only.
        var scriptDirectories: [String] = []
        for path in paths {
            let absolute = PathText.absolute(path, workingDirectory: workingDirectory)
            guard let language = FrontEnds.language(forPath: absolute),
                  case .success(let status) = FileSystem.status(absolute, followLinks: true), status.kind != .directory
            else { continue }
            if let root = Self.projectRoot(above: absolute) {
                languages.insert(language)
                if !roots.contains(root) { roots.append(root) }
            } else if let directory = Self.scriptDirectory(of: absolute) {
                languages.insert(language)
                if !scriptDirectories.contains(directory) { scriptDirectories.append(directory) }
            }
        }
        guard !roots.isEmpty || !scriptDirectories.isEmpty else { return Result() }
        var walk = Walk(discovery: self)
        for root in roots { walk.visitRoot(root) }
        walk.shallowDirectories = Set(scriptDirectories)
        for directory in scriptDirectories { walk.visitRoot(directory) }
        let knownPaths = Set(known.map(\.absolutePath))
        var result = Result()
        result.listedNames = walk.result.listedNames
        // One walk for every root: a directory is walked once, so nested roots list no file twice.
        for var file in walk.result.files where languages.contains(file.language) && !knownPaths.contains(file.absolutePath) {
            file.isContext = true
            result.files.append(file)
        }
        return result
    }

    /// What marks a project's root directory.
    static let projectMarkers = [".git", "pyproject.toml", "setup.py", "setup.cfg", "Package.swift", ".asynclint.toml"]

    /// The nearest directory above `file` holding one of `projectMarkers`; never the home
    /// directory or `/` (a home directory kept in git is no project to walk whole).
    static func projectRoot(above file: String) -> String? {
        let home = homeDirectory
        var directory = PathText.parent(file)
        while directory != "/" && directory != home {
            for marker in projectMarkers where FileSystem.exists(PathText.join(directory, marker)) { return directory }
            directory = PathText.parent(directory)
        }
        return nil
    }

    /// The directory of a file outside any project, unless it is the home directory or `/`.
    static func scriptDirectory(of file: String) -> String? {
        let directory = PathText.parent(file)
        return directory == "/" || directory == homeDirectory ? nil : directory
    }

    /// `$HOME`, absolute: never a project to walk whole.
    static var homeDirectory: String? {
        environmentVariable("HOME").map { PathText.absolute($0, workingDirectory: "/") }
    }

    func display(_ absolutePath: String) -> String {
        PathText.displayPath(absolutePath, workingDirectory: workingDirectory)
    }

    /// The state of one discovery run.
    private struct Walk {
        let discovery: FileDiscovery
        var result = Result()
        var walkedDirectories: Set<FileSystem.FileIdentity> = []
        /// Directories whose subdirectories are not walked.
        var shallowDirectories: Set<String> = []

        init(discovery: FileDiscovery) { self.discovery = discovery }

        mutating func visitRoot(_ path: String) {
            let absolute = PathText.absolute(path, workingDirectory: discovery.workingDirectory)
            switch FileSystem.status(absolute, followLinks: true) {
            case .failure(let error):
                result.errors.append(FileError(path: discovery.display(absolute), message: error.description))
            case .success(let status) where status.kind == .directory:
                walkDirectory(absolute, identity: status.identity, ignores: ancestorIgnores(of: absolute), isNamed: true)
            case .success:
                // Named explicitly: checked even if hidden, ignored or excluded.
                guard let language = FrontEnds.language(forPath: absolute) else {
                    result.notes.append(FileNote(path: discovery.display(absolute),
                                                 message: "skipped: not a .py, .pyi or .swift file"))
                    return
                }
                addFile(absolute, language: language)
            }
        }

        /// Duplicates (one file under two of the paths given) are dropped after sorting.
        mutating func addFile(_ absolute: String, language: SourceLanguage) {
            result.files.append(SourceFile(absolutePath: absolute, displayPath: discovery.display(absolute), language: language))
        }

        mutating func walkDirectory(_ directory: String, identity: FileSystem.FileIdentity, ignores: IgnoreStack,
                                    isNamed: Bool = false) {
            guard walkedDirectories.insert(identity).inserted else { return }
            let entries: [FileSystem.DirectoryEntry]
            switch FileSystem.directoryListing(directory) {
            case .success(let listed): entries = listed
            case .failure(let error):
                result.errors.append(FileError(path: discovery.display(directory), message: "cannot list directory: \(error)"))
                return
            }
            // A virtual environment (`python -m venv` writes `pyvenv.cfg` at its top).
            if !isNamed && entries.contains(where: { $0.name == "pyvenv.cfg" }) { return }
            result.listedNames.record(directory: directory, bits: ListedNames.bits(of: entries))
            let ignoresHere = entries.contains { $0.name == ".gitignore" }
                ? ignores.adding(readIgnoreFile(in: directory)) : ignores
            for entry in entries where !entry.name.hasPrefix(".") {
                let name = entry.name
                let language = FrontEnds.language(forPath: name)
                // What `readdir` says is neither a directory nor a link needs no `lstat`: a file
                // that is not a source file needs nothing at all (ignore rules could only
                // leave it out), a source file only the ignore rules. Links, directories, names
                // that are not UTF-8 and entries of unknown type take the `lstat` path below.
                if let kind = entry.kind, kind != .directory && kind != .symbolicLink, entry.nameIsUTF8 {
                    guard let language else { continue }
                    let child = PathText.join(directory, name)
                    if ignoresHere.isIgnored(absolutePath: child, isDirectory: false) { continue }
                    if discovery.excludes.isExcluded(absolutePath: child, isDirectory: false) { continue }
                    addFile(child, language: language)
                    continue
                }
                let child = PathText.join(directory, name)
                var status: FileSystem.Status
                switch FileSystem.status(child, followLinks: false) {
                case .success(let found): status = found
                case .failure(let error):
                    // Listed a moment ago, gone or unreachable now: say so if it was a source file.
                    // A name that is not UTF-8 comes back from `readdir` with U+FFFD in place of
                    // the bad bytes, a name no `stat` can find: say that rather than "no such file".
                    if language != nil {
                        let message = error.isNoSuchFile && name.contains("\u{FFFD}")
                            ? "cannot read: the file name is not valid UTF-8 (shown with U+FFFD); rename it to check it"
                            : error.description
                        result.errors.append(FileError(path: discovery.display(child), message: message))
                    }
                    continue
                }
                if status.kind == .symbolicLink {
                    switch FileSystem.status(child, followLinks: true) {
                    case .success(let target): status = target
                    case .failure(let error):
                        // A dangling link matters only where a source file was expected.
                        if language != nil {
                            result.errors.append(FileError(path: discovery.display(child), message: "broken symbolic link: \(error)"))
                        }
                        continue
                    }
                }
                let isDirectory = status.kind == .directory
                if isDirectory && Self.installedCodeDirectories.contains(name) { continue }
                if ignoresHere.isIgnored(absolutePath: child, isDirectory: isDirectory) { continue }
                if discovery.excludes.isExcluded(absolutePath: child, isDirectory: isDirectory) { continue }
                if isDirectory {
                    if shallowDirectories.contains(directory) { continue }
                    walkDirectory(child, identity: status.identity, ignores: ignoresHere)
                } else if let language {
                    // Not only regular files: a FIFO or socket named `x.py` is reported by the reader.
                    addFile(child, language: language)
                }
            }
        }

        /// Directories of installed third-party code, never the project's own.
        static let installedCodeDirectories: Set<String> = ["site-packages", "node_modules", "__pypackages__"]

        func readIgnoreFile(in directory: String) -> IgnoreFile? {
            let path = PathText.join(directory, ".gitignore")
            guard case .success(let bytes) = FileSystem.readFile(path) else { return nil }
            return IgnoreFile(baseDirectory: directory, contents: String(decoding: bytes, as: UTF8.self))
        }

        /// The `.gitignore` files between the enclosing repository's root (the nearest ancestor
        /// holding `.git`) and the starting directory, which apply to it as they would to git.
        func ancestorIgnores(of directory: String) -> IgnoreStack {
            var ancestors: [String] = []
            var current = directory
            var repositoryRoot: String?
            while current != "/" {
                current = PathText.parent(current)
                ancestors.append(current)
                if FileSystem.exists(PathText.join(current, ".git")) {
                    repositoryRoot = current
                    break
                }
            }
            // Outside a repository, a parent's .gitignore has no authority over this tree.
            if FileSystem.exists(PathText.join(directory, ".git")) || repositoryRoot == nil { return IgnoreStack() }
            var stack = IgnoreStack()
            for ancestor in ancestors.reversed() {
                stack = stack.adding(readIgnoreFile(in: ancestor))
            }
            return stack
        }
    }
}
