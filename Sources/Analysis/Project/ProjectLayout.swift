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
