import LightSyntax

/// Where a file sits in its project: the Python module it is, or the Swift module (target) it
/// belongs to. Pure path arithmetic over a `fileExists` probe, so Analysis stays free of the
/// file system and tests can describe a layout without one.
public enum ProjectLayout {
    /// Python: the dotted module path from the package layout. The file's directories count as
    /// packages upward as long as they hold an `__init__.py`; `pkg/__init__.py` is `pkg`. A
    /// `.pyi` stub beside its `.py` gets `shadowedStubPrefix` in front.
    public static func pythonModule(forFile path: String, fileExists: (String) -> Bool) -> String {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let file = components.popLast() else { return "" }
        let stem = file.hasSuffix(".pyi") ? String(file.dropLast(4)) : file.hasSuffix(".py") ? String(file.dropLast(3)) : file
        var parts = stem == "__init__" ? [] : [stem]
        while let directory = components.last, !directory.isEmpty,
              fileExists((components + ["__init__.py"]).joined(separator: "/")) {
            parts.insert(directory, at: 0)
            components.removeLast()
        }
        let module = parts.joined(separator: ".")
        return isShadowedStub(path, fileExists: fileExists) ? shadowedStubPrefix + module : module
    }

    /// A `.pyi` stub with its `.py` beside it.
    public static func isShadowedStub(_ path: String, fileExists: (String) -> Bool) -> Bool {
        path.hasSuffix(".pyi") && fileExists(String(path.dropLast()))
    }

    /// The module of a `.pyi` stub beside its `.py` starts with this, which is no Python
    /// identifier, so no import resolves into it: the stub's `def`s have no bodies, the
    /// module's functions are the `.py`'s, and two definitions of every name would make each
    /// call ambiguous (AL110 silent).
    public static let shadowedStubPrefix = "<stub>"

    /// Python: the dotted package a directory is (`/r/app/services` is `app.services` when both
    /// hold an `__init__.py`; empty when it holds none), as `pythonModule` has it for the
    /// directory's `__init__.py`. Built on the parent's answer, which `known` keeps: the driver
    /// asks for every directory of a corpus, and splitting each absolute path anew cost a
    /// hundred thousand instructions a directory, on one core before any file was read.
    public static func pythonPackage(ofDirectory directory: Substring, known: inout [Substring: String],
                                     fileExists: (String) -> Bool) -> String {
        if let answer = known[directory] { return answer }
        var answer = ""
        if let slash = directory.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let name = directory[directory.utf8.index(after: slash)...]
            if !name.isEmpty, fileExists(directory + "/__init__.py") {
                let parent = pythonPackage(ofDirectory: directory[..<slash], known: &known, fileExists: fileExists)
                answer = parent.isEmpty ? String(name) : parent + "." + name
            }
        } else if !directory.isEmpty, fileExists(directory + "/__init__.py") {
            answer = String(directory)
        }
        known[directory] = answer
        return answer
    }

    /// Swift: the target of a SwiftPM package (`<root>/Sources/<Target>/…` or
    /// `<root>/Tests/<Target>/…` under a directory holding `Package.swift`), else the directory.
    public static func swiftModule(forFile path: String, fileExists: (String) -> Bool) -> String {
        let directories = Array(path.split(separator: "/", omittingEmptySubsequences: false).map(String.init).dropLast())
        // The innermost `Sources/<Target>` wins: a package vendored inside another is its own.
        for index in stride(from: directories.count - 1, through: 1, by: -1) {
            let part = directories[index - 1]
            guard part == "Sources" || part == "Tests" || part == "Plugins" else { continue }
            let root = directories[0..<(index - 1)].joined(separator: "/")
            if fileExists(root.isEmpty ? "Package.swift" : root + "/Package.swift") { return directories[index] }
        }
        return directories.joined(separator: "/")
    }

    /// The package a run of `dots` leading dots names in a relative import of `module`. When
    /// that climbs above the module's top package, the directories above it count as namespace
    /// packages (PEP 420: no `__init__.py` needed): `from ..util import x` in `app/api/h.py`,
    /// where `app/api` has no `__init__.py` (module `h`, `namespacePrefix` `app.api`), is
    /// `app.util`.
    static func relativePackage(dots: Int, of module: String, namespacePrefix: String, isPackage: Bool) -> String? {
        let relative = String(repeating: ".", count: dots)
        if let package = absoluteModule(relative, from: module, isPackage: isPackage) { return package }
        guard !namespacePrefix.isEmpty else { return nil }
        return absoluteModule(relative, from: module.isEmpty ? namespacePrefix : namespacePrefix + "." + module,
                              isPackage: isPackage)
    }

    /// The names a module may be imported by through namespace packages, besides its own: its
    /// name under each of the directories `namespacePrefix` holds, innermost first (`db` in
    /// `app/`, no `__init__.py`, is also `app.db`).
    public static func namespaceAliases(of module: String, namespacePrefix: String) -> [String] {
        guard !namespacePrefix.isEmpty, !module.isEmpty else { return [] }
        var aliases: [String] = []
        var prefix = namespacePrefix[...]
        while true {
            let start = prefix.utf8.lastIndex(of: UInt8(ascii: ".")).map { prefix.utf8.index(after: $0) } ?? prefix.startIndex
            aliases.append(String(namespacePrefix[start...]) + "." + module)
            guard start > namespacePrefix.startIndex else { break }
            prefix = namespacePrefix[..<namespacePrefix.utf8.index(before: start)]
        }
        return aliases
    }

    /// The namespace packages a file may be imported through: the names of the directories
    /// above its top package (its own directory when that is no package), innermost last,
    /// at most `levels` of them and only while each is an identifier (a project's root
    /// directory, `my-app-1.2`, or `/` ends it). `package` is the package its directory is.
    public static func namespacePrefix(ofDirectory directory: Substring, package: String, levels: Int = 2) -> String {
        var current = directory
        // Up past the package's own directories: `pkg.sub` is two.
        var packageParts = package.isEmpty ? 0 : package.utf8.reduce(1) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 }
        while packageParts > 0, let slash = current.utf8.lastIndex(of: UInt8(ascii: "/")) {
            current = current[..<slash]
            packageParts -= 1
        }
        guard packageParts == 0 else { return "" }
        var names: [Substring] = []
        while names.count < levels, let slash = current.utf8.lastIndex(of: UInt8(ascii: "/")) {
            let name = current[current.utf8.index(after: slash)...]
            guard isIdentifier(name) else { break }
            names.append(name)
            current = current[..<slash]
        }
        return names.reversed().joined(separator: ".")
    }

    /// A Python identifier as a directory name can be one (ASCII letters, digits, `_`, not
    /// starting with a digit; a keyword is not excluded, nor needed to be).
    static func isIdentifier(_ name: Substring) -> Bool {
        guard let first = name.utf8.first, !(first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) else { return false }
        return name.utf8.allSatisfy { c in
            (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                || c == UInt8(ascii: "_")
        }
    }

    /// A relative import's module made absolute: `..helpers` from `pkg.sub.mod` is `pkg.helpers`.
    /// A package's own `__init__` counts as being inside the package.
    static func absoluteModule(_ relative: String, from module: String, isPackage: Bool) -> String? {
        // On UTF-8 code units, without splitting the module into an array of parts: every
        // import of every file not parsed comes through here.
        let dots = relative.utf8.prefix { $0 == UInt8(ascii: ".") }.count
        guard dots > 0 else { return relative }
        // The module's own package (itself for an `__init__`), then one package up per dot after the first.
        var package = module[...]
        var parts = module.isEmpty ? 0 : module.utf8.reduce(1) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 }
        func dropLastPart() {
            if let dot = package.utf8.lastIndex(of: UInt8(ascii: ".")) {
                package = package[..<dot]
            } else {
                package = package[package.startIndex..<package.startIndex]
            }
            parts -= 1
        }
        if !isPackage && parts > 0 { dropLastPart() }
        guard dots - 1 <= parts else { return nil }
        for _ in 0..<(dots - 1) { dropLastPart() }
        let rest = relative[relative.utf8.index(relative.startIndex, offsetBy: dots)...]
        if rest.isEmpty { return String(package) }
        return package.isEmpty ? String(rest) : package + "." + rest
    }
}
