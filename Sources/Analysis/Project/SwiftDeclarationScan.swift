/// Which of an unparsed Swift file's functions are not declared directly in a type's body: the
/// only ones a bare call `f(…)` from another type can mean (inside a type, a bare call means a
/// method of that type first, and only files that declare or extend it can hold one).
///
/// On the corpus, 200 of the 239 Swift files the index asked for declared no function outside a
/// type: a method that shared its name with a bare call somewhere was enough to parse them.
///
/// One pass over the bytes, braces counted outside comments and string literals. Safe in one
/// direction only, as the index needs: a function is called a member only when the innermost
/// open brace around it is a type's body (`struct`/`class`/`enum`/`actor`/`extension`/
/// `protocol` and a name); a function in any other brace (a function body, a closure, an
/// accessor) counts as free, which can only ask for a file more. When the braces do not balance
/// (or the file uses a literal this pass does not read), the answer is nil: every function
/// counts as free.
public enum SwiftDeclarationScan {
    /// The free functions' names (backticks removed, as `SourceScan` records them), in order,
    /// or nil when the file's braces cannot be trusted.
    public static func freeFunctionNames(_ bytes: [UInt8]) -> [String]? {
        bytes.withUnsafeBufferPointer { buffer in
            var scan = Walk(bytes: buffer)
            return scan.run()
        }
    }

    private struct Walk {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        /// Per open brace: whether it opened a type's body.
        var braces: [Bool] = []
        /// A type keyword and its name were read: the next `{` opens that type's body.
        var typeBodyPending = false
        var free: [String] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func run() -> [String]? {
            Self.byteClasses.withUnsafeBufferPointer { classes in run(classes: classes.baseAddress!) }
        }

        /// By byte: what the walk does there (see `run`). Most bytes are `plain`, skipped in
        /// the tightest loop: this pass reads every byte of most unparsed Swift files, and
        /// switching on each byte cost a tenth of a Swift corpus check.
        static let plain: UInt8 = 0, wordStart: UInt8 = 1, digit: UInt8 = 2, special: UInt8 = 3
        static let byteClasses: [UInt8] = {
            var t = (0...255).map { (b: Int) -> UInt8 in
                isWordStart(UInt8(b)) ? wordStart : isWordByte(UInt8(b)) ? digit : plain
            }
            for b in "/\"#{}`".utf8 { t[Int(b)] = special }
            return t
        }()

        /// A letter or a digit: the word or number goes on.
        @inline(__always) private static func continuesWord(_ kind: UInt8) -> Bool {
            kind == wordStart || kind == digit
        }

        private mutating func run(classes: UnsafePointer<UInt8>) -> [String]? {
            let n = bytes.count
            while i < n {
                var kind = classes[Int(bytes[i])]
                while kind == Self.plain {
                    i += 1
                    guard i < n else { return braces.isEmpty ? free : nil }
                    kind = classes[Int(bytes[i])]
                }
                if kind == Self.wordStart {
                    let start = i
                    i += 1
                    while i < n && Self.continuesWord(classes[Int(bytes[i])]) { i += 1 }
                    // A member access (`x.class`, `.enum`) is no keyword.
                    if start > 0 && bytes[start - 1] == UInt8(ascii: ".") { continue }
                    if Self.mayBeKeyword(first: bytes[start], length: i - start) { word(start, i) }
                    continue
                }
                if kind == Self.digit {
                    while i < n && Self.continuesWord(classes[Int(bytes[i])]) { i += 1 }
                    continue
                }
                switch bytes[i] {
                case UInt8(ascii: "/"):
                    if i + 1 < n && bytes[i + 1] == UInt8(ascii: "/") {
                        skipLine()
                    } else if i + 1 < n && bytes[i + 1] == UInt8(ascii: "*") {
                        guard skipBlockComment() else { return nil }
                    } else {
                        i += 1
                    }
                case UInt8(ascii: "\""):
                    guard skipString(hashes: 0) else { return nil }
                case UInt8(ascii: "#"):
                    guard skipHashes(depth: 0) else { return nil }
                case UInt8(ascii: "{"):
                    braces.append(typeBodyPending)
                    typeBodyPending = false
                    i += 1
                case UInt8(ascii: "}"):
                    guard braces.popLast() != nil else { return nil }
                    i += 1
                default:
                    // "`": a backticked name is a name, never a keyword.
                    i += 1
                    while i < n && Self.isWordByte(bytes[i]) { i += 1 }
                    if i < n && bytes[i] == UInt8(ascii: "`") { i += 1 }
                }
            }
            return braces.isEmpty ? free : nil
        }

        /// Whether a word of this first byte and length may be one of the keywords `word` looks
        /// for (`func`, `enum` 4; `class`, `actor` 5; `struct` 6; `protocol` 8; `extension` 9).
        @inline(__always) private static func mayBeKeyword(first: UInt8, length: Int) -> Bool {
            switch first {
            case UInt8(ascii: "f"), UInt8(ascii: "e"): return length == 4 || length == 9
            case UInt8(ascii: "c"), UInt8(ascii: "a"): return length == 5
            case UInt8(ascii: "s"): return length == 6
            case UInt8(ascii: "p"): return length == 8
            default: return false
            }
        }

        private mutating func word(_ start: Int, _ end: Int) {
            if equals(start, end, "func") {
                skipSpace()
                guard let name = name() else { return }
                if braces.last != true { free.append(name) }
            } else if equals(start, end, "struct") || equals(start, end, "class") || equals(start, end, "enum")
                        || equals(start, end, "actor") || equals(start, end, "extension") || equals(start, end, "protocol") {
                let save = i
                skipSpace()
                let nameStart = i
                guard let name = name() else { i = save; return }
                // `class func`, `class var`, `for actor in …`: a modifier or an identifier, no type.
                if Self.notTypeNames.contains(name) {
                    i = nameStart
                    return
                }
                typeBodyPending = true
            }
        }

        /// What may follow `class` (or `actor`, an identifier too) without naming a type.
        static let notTypeNames: Set<String> = [
            "func", "var", "let", "subscript", "init", "deinit", "static", "final", "override", "required",
            "convenience", "dynamic", "nonisolated", "public", "private", "fileprivate", "internal", "open",
            "in", "where", "is", "as", "case", "mutating", "lazy", "weak", "unowned", "indirect",
        ]

        private mutating func name() -> String? {
            let n = bytes.count
            guard i < n else { return nil }
            if bytes[i] == UInt8(ascii: "`") {
                let start = i + 1
                var end = start
                while end < n && Self.isWordByte(bytes[end]) { end += 1 }
                guard end < n, bytes[end] == UInt8(ascii: "`"), end > start else { return nil }
                i = end + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            guard Self.isWordStart(bytes[i]) else { return nil }
            let start = i
            while i < n && Self.isWordByte(bytes[i]) { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        private mutating func skipSpace() {
            let n = bytes.count
            while i < n {
                switch bytes[i] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0A, 0x0D: i += 1
                case UInt8(ascii: "/") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "/"): skipLine()
                case UInt8(ascii: "/") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "*"):
                    if !skipBlockComment() { i = n }
                default: return
                }
            }
        }

        private mutating func skipLine() {
            while i < bytes.count && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
        }

        /// `/* … */`, nested as Swift nests them; false when it does not end.
        private mutating func skipBlockComment() -> Bool {
            let n = bytes.count
            var depth = 0
            while i + 1 < n {
                if bytes[i] == UInt8(ascii: "/") && bytes[i + 1] == UInt8(ascii: "*") {
                    depth += 1
                    i += 2
                } else if bytes[i] == UInt8(ascii: "*") && bytes[i + 1] == UInt8(ascii: "/") {
                    depth -= 1
                    i += 2
                    if depth == 0 { return true }
                } else {
                    i += 1
                }
            }
            i = n
            return false
        }

        /// A string literal from its opening quote: `"…"` on one line or `"""…"""`, with `hashes`
        /// `#`s around a raw one; false when it does not end. An interpolation (`\(…)`, `\#(…)`
        /// in a raw one) is code: its string literals are skipped in turn, and its braces (a
        /// closure's) are its own.
        private mutating func skipString(hashes: Int, depth: Int = 0) -> Bool {
            let n = bytes.count
            let multiline = i + 2 < n && bytes[i + 1] == UInt8(ascii: "\"") && bytes[i + 2] == UInt8(ascii: "\"")
            i += multiline ? 3 : 1
            let quotes = multiline ? 3 : 1
            while i < n {
                let b = bytes[i]
                if b == UInt8(ascii: "\\") && closes(at: i + 1, quotes: 0, hashes: hashes) {
                    let afterHashes = i + 1 + hashes
                    if afterHashes < n && bytes[afterHashes] == UInt8(ascii: "(") {
                        i = afterHashes + 1
                        guard depth < 16, skipInterpolation(depth: depth + 1) else { return false }
                        continue
                    }
                    // An escape: the next byte is never the closing quote.
                    i = afterHashes + 1
                    continue
                }
                if !multiline && (b == 0x0A || b == 0x0D) { return false }
                if b == UInt8(ascii: "\"") && closes(at: i, quotes: quotes, hashes: hashes) {
                    i += quotes + hashes
                    return true
                }
                i += 1
            }
            return false
        }

        /// At a `#`: a raw string literal (`#"…"#`, `##"…"##`), skipped whole, or the `#`s of a
        /// directive (`#if`, `#selector`); false when the literal does not end.
        private mutating func skipHashes(depth: Int) -> Bool {
            let n = bytes.count
            var k = i
            while k < n && bytes[k] == UInt8(ascii: "#") { k += 1 }
            let hashes = k - i
            i = k
            guard k < n && bytes[k] == UInt8(ascii: "\"") else { return true }
            return skipString(hashes: hashes, depth: depth)
        }

        /// The code of an interpolation, after its `(`, up to and past its `)`.
        private mutating func skipInterpolation(depth: Int) -> Bool {
            let n = bytes.count
            var parentheses = 1
            while i < n {
                switch bytes[i] {
                case UInt8(ascii: "("): parentheses += 1; i += 1
                case UInt8(ascii: ")"):
                    parentheses -= 1
                    i += 1
                    if parentheses == 0 { return true }
                case UInt8(ascii: "\""):
                    guard skipString(hashes: 0, depth: depth) else { return false }
                case UInt8(ascii: "#"):
                    guard skipHashes(depth: depth) else { return false }
                default: i += 1
                }
            }
            return false
        }

        private func closes(at start: Int, quotes: Int, hashes: Int) -> Bool {
            let n = bytes.count
            guard start + quotes + hashes <= n else { return false }
            for k in 0..<quotes where bytes[start + k] != UInt8(ascii: "\"") { return false }
            for k in 0..<hashes where bytes[start + quotes + k] != UInt8(ascii: "#") { return false }
            return true
        }

        private func equals(_ start: Int, _ end: Int, _ text: StaticString) -> Bool {
            guard end - start == text.utf8CodeUnitCount else { return false }
            let p = text.utf8Start
            for k in 0..<(end - start) where bytes[start + k] != p[k] { return false }
            return true
        }

        private static func isWordStart(_ b: UInt8) -> Bool {
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == UInt8(ascii: "_") || b >= 0x80
        }

        private static func isWordByte(_ b: UInt8) -> Bool { isWordStart(b) || (b >= 0x30 && b <= 0x39) }
    }
}
