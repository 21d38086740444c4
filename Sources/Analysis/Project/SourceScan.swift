import LightSyntax

/// What the driver learns from a file's bytes without parsing it: whether any per-file rule could
/// fire there, and what the project index needs to know to decide whether it must parse the file
/// after all (what it imports, which functions and protocols it declares, which calls start a line).
///
/// Every per-file rule needs an async context or a task API, and neither can be written without
/// one of a few words (`async`, `await`, or the name of a catalogued task API such as
/// `create_task` or `Task`). Most files of a code base have none of them: on the Python corpus 84 %.
/// Those files are not parsed at all unless the project index asks for them.
///
/// One pass over the bytes. Strings and comments are not told apart from code, which can only
/// turn a "no" into a "maybe" (the file is then parsed), never the other way round. (Words are
/// compared by a 64-bit hash: a collision, too, can only add a file.)
public struct SourceScan: Sendable {
    /// A word some per-file rule needs is in the file.
    public var mayHaveFindings = false
    /// A byte ≥ 0x80: only then is the file checked for invalid UTF-8.
    public var hasNonASCII = false
    /// Python `import` / `from … import` statements (also inside functions, and in strings: a
    /// superset).
    public var imports: [ScannedImport] = []
    /// Python `class Name(Base, …)` headers: the class's name and the bases' dotted names.
    public var classes: [ScannedClass] = []
    /// The names after `func` (Swift) or `def` (Python).
    public var functionNames: [String] = []
    /// Swift: the names after `protocol`.
    public var protocolNames: [String] = []
    /// Swift: the (last) names after `struct`, `class`, `enum`, `actor`, `extension`, `protocol`:
    /// a member of a type is declared only in a file that names it so.
    public var typeNames: [String] = []
    /// Python: the calls that start a line, `name(` or `a.b.name(`, where a call whose value is
    /// thrown away can be (a superset: a line inside brackets counts too): the last name's
    /// `WordHash`, and for a dotted callee also `WordHash.pair` of the last two names; sorted.
    public var statementCalls: [UInt64] = []

    public init() {}

    /// - Parameter indexFacts: also collect what the project index needs (imports, declarations, words).
    public static func scan(_ bytes: [UInt8], language: SourceLanguage, vocabulary: ScanVocabulary,
                            indexFacts: Bool) -> SourceScan {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(bytes: buffer, language: language, vocabulary: vocabulary, indexFacts: indexFacts)
            scanner.run()
            return scanner.result
        }
    }
}

public struct ScannedImport: Sendable, Equatable {
    /// `from` module as written, leading dots kept (`..pkg`); nil for `import a.b`.
    public var module: String?
    /// The imported dotted name (`a.b`, `fetch`, `*`).
    public var name: String
    /// The `as` name, if any.
    public var alias: String?

    public init(module: String?, name: String, alias: String?) {
        self.module = module
        self.name = name
        self.alias = alias
    }
}

public struct ScannedClass: Sendable, Equatable {
    public var name: String
    /// The bases' dotted names as written (`Base`, `pkg.Base`; subscripts and keywords left out).
    public var bases: [String]
}

/// The words that make a file worth parsing for the per-file rules, per language, from the
/// catalogue: `async`, `await`, and the names of the task APIs (AL201, AL204 fire outside async code).
public struct ScanVocabulary: Sendable {
    let python: [[UInt8]]
    let swift: [[UInt8]]

    public init(catalogue: RuleCatalogue) {
        let index = catalogue.python.index
        var python: Set<String> = ["async", "await"]
        for creator in index.taskCreators { python.insert(creator.split(separator: ".").last.map(String.init) ?? creator) }
        for type in index.types { python.formUnion(type.taskMethods) }
        var swift: Set<String> = ["async", "await"]
        swift.formUnion(catalogue.swift.index.taskAPINames)
        self.python = python.sorted().map { Array($0.utf8) }
        self.swift = swift.sorted().map { Array($0.utf8) }
    }

    func words(for language: SourceLanguage) -> [[UInt8]] {
        language == .python ? python : swift
    }
}

/// FNV-1a, 64 bits: one multiply per byte, computed while the identifier is read anyway.
public enum WordHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    public static func of(_ word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { bytes in
            var hash = seed
            for byte in bytes { hash = step(hash, byte) }
            return hash
        }
    }

    /// `a.b` from the hashes of `a` and `b`.
    @inline(__always) public static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ second ^ 0x5bd1_e995
    }
}

/// Byte classes: identifier start (letters, `_`, any byte ≥ 0x80), digit, other.
private enum ByteClass {
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = 1 }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = 1 }
        t[Int(UInt8(ascii: "_"))] = 1
        for b in 0x80...0xFF { t[b] = 1 }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = 2 }
        return t
    }()
}

private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let language: SourceLanguage
    let triggers: [[UInt8]]
    /// Per byte: whether a trigger starts with it.
    let triggerStarts: [Bool]
    let indexFacts: Bool
    var result = SourceScan()
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>, language: SourceLanguage, vocabulary: ScanVocabulary, indexFacts: Bool) {
        self.bytes = bytes
        self.language = language
        self.triggers = vocabulary.words(for: language)
        var starts = [Bool](repeating: false, count: 256)
        for trigger in triggers where !trigger.isEmpty { starts[Int(trigger[0])] = true }
        self.triggerStarts = starts
        self.indexFacts = indexFacts
    }

    mutating func run() {
        let classes = ByteClass.table
        let statements = indexFacts && language == .python
        classes.withUnsafeBufferPointer { table in
            let n = bytes.count
            // At the start of a line, past its indentation.
            var lineStart = true
            while i < n {
                let b = bytes[i]
                let kind = table[Int(b)]
                if kind == 0 {
                    if b == 0x0A || b == 0x0D {
                        lineStart = true
                    } else if b != 0x20 && b != 0x09 {
                        lineStart = false
                    }
                    i += 1
                    continue
                }
                if statements && lineStart && kind == 1 {
                    lineStart = false
                    statementCall()
                    continue
                }
                lineStart = false
                if kind == 2 {
                    // A number (`0x1f`, `1e5`): its letters are no identifier.
                    repeat { i += 1 } while i < n && table[Int(bytes[i])] != 0
                    continue
                }
                let start = i
                var high: UInt8 = 0
                repeat {
                    high |= bytes[i]
                    i += 1
                } while i < n && table[Int(bytes[i])] != 0
                if high >= 0x80 { result.hasNonASCII = true }
                word(start: start, end: i)
            }
        }
        if statements {
            result.statementCalls.sort()
            var unique: [UInt64] = []
            unique.reserveCapacity(result.statementCalls.count)
            for h in result.statementCalls where unique.last != h { unique.append(h) }
            result.statementCalls = unique
        }
    }

    /// A line starting with a word: a keyword statement (`import`, `class`: handled as usual), or
    /// perhaps `a.b.name(`, whose last name is recorded.
    private mutating func statementCall() {
        let start = i
        var hash = WordHash.seed
        var high: UInt8 = 0
        while i < bytes.count && ByteClass.table[Int(bytes[i])] != 0 {
            high |= bytes[i]
            hash = WordHash.step(hash, bytes[i])
            i += 1
        }
        if high >= 0x80 { result.hasNonASCII = true }
        var lastHash = hash
        var previousHash: UInt64 = 0
        let end = i
        word(start: start, end: end)
        // `word` may have read on (an import list, a class header): then this is no call.
        guard i == end else { return }
        while true {
            skipSpace(newlines: false)
            guard i < bytes.count else { return }
            if bytes[i] == UInt8(ascii: "(") {
                result.statementCalls.append(lastHash)
                if previousHash != 0 { result.statementCalls.append(WordHash.pair(previousHash, lastHash)) }
                return
            }
            guard bytes[i] == UInt8(ascii: ".") else { return }
            i += 1
            skipSpace(newlines: false)
            let nameStart = i
            guard skipIdentifier() else { return }
            previousHash = lastHash
            lastHash = self.hash(nameStart, i)
        }
    }

    @inline(__always) private func equals(_ start: Int, _ end: Int, _ text: StaticString) -> Bool {
        guard end - start == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        for k in 0..<(end - start) where bytes[start + k] != p[k] { return false }
        return true
    }

    /// Every identifier passes here once, also those read inside an import or class header.
    /// Most words are no trigger: their first byte says so.
    @inline(__always) private mutating func note(start: Int, end: Int) {
        guard !result.mayHaveFindings, triggerStarts[Int(bytes[start])] else { return }
        for trigger in triggers where trigger.count == end - start {
            if trigger.indices.allSatisfy({ bytes[start + $0] == trigger[$0] }) { result.mayHaveFindings = true }
        }
    }

    private mutating func word(start: Int, end: Int) {
        note(start: start, end: end)
        // Every keyword looked for here is 3 to 9 bytes of lowercase letters.
        let length = end - start
        guard indexFacts, length >= 3, length <= 9, bytes[start] >= UInt8(ascii: "a") else { return }
        switch language {
        case .python:
            if equals(start, end, "import") {
                importList(module: nil)
            } else if equals(start, end, "from") {
                fromImport()
            } else if equals(start, end, "class") {
                classHeader()
            } else if equals(start, end, "def") {
                skipSpace(newlines: false)
                if let name = identifier(allowBackticks: false) { result.functionNames.append(name) }
            }
        case .swift:
            if equals(start, end, "func") {
                skipSpace(newlines: true)
                if let name = identifier(allowBackticks: true) { result.functionNames.append(name) }
            } else if equals(start, end, "protocol") {
                skipSpace(newlines: true)
                if let name = identifier(allowBackticks: true) {
                    result.protocolNames.append(name)
                    result.typeNames.append(name)
                }
            } else if equals(start, end, "struct") || equals(start, end, "class") || equals(start, end, "enum")
                        || equals(start, end, "actor") || equals(start, end, "extension") {
                skipSpace(newlines: true)
                // `extension Outer.Inner`: members are looked up by the last name.
                if let name = dottedName() { result.typeNames.append(ProjectIndex.lastPart(name)) }
            }
        }
    }

    // MARK: Python statements

    /// `from .pkg.mod import a, b as c` / `from x import (a,\n b)` / `from x import *`.
    private mutating func fromImport() {
        skipSpace(newlines: false)
        var module: [UInt8] = []
        while i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            module.append(UInt8(ascii: "."))
            i += 1
            skipSpace(newlines: false)
        }
        // `from . import x`: after the dots, `import` is the keyword, not a module's name.
        let afterDots = i
        if let name = dottedName() {
            if name == "import" && !module.isEmpty {
                i = afterDots
            } else {
                module += name.utf8
            }
        }
        guard !module.isEmpty else { return }
        skipSpace(newlines: false)
        let start = i
        while i < bytes.count && ByteClass.table[Int(bytes[i])] == 1 { i += 1 }
        guard equals(start, i, "import") else { return }
        importList(module: String(decoding: module, as: UTF8.self))
    }

    /// The names after `import`: dotted names with optional `as` names, comma-separated, up to
    /// the end of the logical line (or the closing parenthesis).
    private mutating func importList(module: String?) {
        skipSpace(newlines: false)
        var parenthesized = false
        if i < bytes.count && bytes[i] == UInt8(ascii: "(") {
            parenthesized = true
            i += 1
        }
        while true {
            skipSpace(newlines: parenthesized)
            guard i < bytes.count else { return }
            let name: String
            if bytes[i] == UInt8(ascii: "*") {
                i += 1
                name = "*"
            } else if let dotted = dottedName() {
                name = dotted
            } else {
                return
            }
            skipSpace(newlines: parenthesized)
            var alias: String?
            let save = i
            if let word = identifier(allowBackticks: false), word == "as" {
                skipSpace(newlines: parenthesized)
                alias = identifier(allowBackticks: false)
            } else {
                i = save
            }
            result.imports.append(ScannedImport(module: module, name: name, alias: alias))
            skipSpace(newlines: parenthesized)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return }
            i += 1
        }
    }

    /// `class Name(Base, pkg.Other[T], metaclass=M):` — the name and the bases' dotted names.
    private mutating func classHeader() {
        skipSpace(newlines: false)
        guard let name = identifier(allowBackticks: false) else { return }
        skipSpace(newlines: false)
        var bases: [String] = []
        if i < bytes.count && bytes[i] == UInt8(ascii: "(") {
            i += 1
            var depth = 0
            var expectingBase = true
            while i < bytes.count {
                skipSpace(newlines: true)
                guard i < bytes.count else { break }
                let b = bytes[i]
                if depth == 0 && expectingBase, ByteClass.table[Int(b)] == 1, let dotted = dottedName() {
                    skipSpace(newlines: true)
                    // `metaclass=M` is a keyword, not a base.
                    if !(i < bytes.count && bytes[i] == UInt8(ascii: "=")) { bases.append(dotted) }
                    expectingBase = false
                    continue
                }
                if ByteClass.table[Int(b)] != 0 {
                    // Any other word (in a subscript, a keyword's value) still counts as a word.
                    if identifier(allowBackticks: false) == nil { i += 1 }
                    continue
                }
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 { i += 1; result.classes.append(ScannedClass(name: name, bases: bases)); return }
                    depth -= 1
                case UInt8(ascii: ","): if depth == 0 { expectingBase = true }
                default: break
                }
                i += 1
                if depth > 64 { break }
            }
        }
        result.classes.append(ScannedClass(name: name, bases: bases))
    }

    // MARK: Pieces

    /// Spaces and tabs, a backslash line continuation, and with `newlines` also line ends and
    /// `#` comments (inside brackets a statement goes on).
    private mutating func skipSpace(newlines: Bool) {
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C: i += 1
            case UInt8(ascii: "\\") where i + 1 < bytes.count && (bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D):
                i += 2
            case 0x0A where newlines, 0x0D where newlines: i += 1
            case UInt8(ascii: "#") where newlines && language == .python:
                while i < bytes.count && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
            case UInt8(ascii: "/") where newlines && language == .swift && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/"):
                while i < bytes.count && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
            default: return
            }
        }
    }

    /// `identifier` without making a String (the word still counts as a word).
    private mutating func skipIdentifier() -> Bool {
        guard i < bytes.count, ByteClass.table[Int(bytes[i])] == 1 else { return false }
        let start = i
        while i < bytes.count && ByteClass.table[Int(bytes[i])] != 0 { i += 1 }
        note(start: start, end: i)
        return true
    }

    private mutating func identifier(allowBackticks: Bool) -> String? {
        guard i < bytes.count else { return nil }
        if allowBackticks && bytes[i] == UInt8(ascii: "`") {
            let start = i + 1
            var end = start
            while end < bytes.count && ByteClass.table[Int(bytes[end])] != 0 { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "`"), end > start else { return nil }
            i = end + 1
            note(start: start, end: end)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        let start = i
        guard skipIdentifier() else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
    }

    private func hash(_ start: Int, _ end: Int) -> UInt64 {
        var h = WordHash.seed
        for k in start..<end { h = WordHash.step(h, bytes[k]) }
        return h
    }

    /// `a.b.c` (white space around the dots allowed, as Python does).
    private mutating func dottedName() -> String? {
        guard var text = identifier(allowBackticks: false) else { return nil }
        while true {
            let save = i
            skipSpace(newlines: false)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ".") else { i = save; return text }
            i += 1
            skipSpace(newlines: false)
            guard let next = identifier(allowBackticks: false) else { i = save; return text }
            text += "." + next
        }
    }
}
