/// What the index's demand needs of an unparsed Swift file's functions, without a tree: which
/// are free (not declared directly in a type's body: the only ones a bare call `f(…)` from
/// another type can mean), the type whose body declares each of the others (`ByteBuffer.write(…)`
/// can only mean a `write` declared in a `ByteBuffer` body), and each one's parameter labels.
///
/// On the corpus, 200 of the 239 Swift files the index asked for declared no function outside a
/// type: a method that shared its name with a bare call somewhere was enough to parse them.
///
/// One pass over the bytes, braces counted outside comments and string literals. Safe in one
/// direction only, as the index needs: a function is called a member only when the innermost
/// open brace around it is a type's body (`struct`/`class`/`enum`/`actor`/`extension`/
/// `protocol` and a name); a function in any other brace (a function body, a closure, an
/// accessor) counts as free, which can only ask for a file more. When the braces do not balance
/// (or the file uses a literal this pass does not read), the answer is nil: every function may
/// be free or a member of any type the file declares or extends.
public enum SwiftDeclarationScan {
    /// What the walk tells of a file's functions.
    public struct Declarations: Sendable, Equatable {
        /// Every function, sorted by key: `memberKey` of the last name of the innermost type
        /// whose body declares it and its own name (as the index keys `swiftMembers`), or
        /// `freeKey` of its name.
        public var signatures: [Signature]
        /// Every type name was read as the index spells its members' owner. When not (not a
        /// plain capitalized name, backticks, `extension A .B`), a method may be a member of
        /// any type the file declares or extends, whatever its key says.
        public var membersKnown: Bool
    }

    public struct Signature: Sendable, Equatable {
        public var key: UInt64
        /// Its parameters as the index matches a call's labels against them (`label`, `label=`
        /// with a default value, `_` for none; see `ProjectIndex.accepts`), nil where the list
        /// is not one this pass reads for sure.
        public var parameters: [String]?
        /// A getter (a computed property's or a subscript's), which only a read runs; else a
        /// `func`, which only a call runs.
        public var isGetter = false
    }

    /// A free function's key among `Declarations.signatures`. (A collision with a member's key
    /// can only ask for a file more.)
    public static func freeKey(name: String) -> UInt64 { WordHash.of(name) }

    /// A member's key: `WordHash.pair` of its type's last name and its name. (A collision can
    /// only ask for a file more.)
    public static func memberKey(type: String, name: String) -> UInt64 {
        WordHash.pair(WordHash.of(type), WordHash.of(name))
    }

    /// After a `var`'s name: whether a type annotation and then `{` follow on the line (`var
    /// config: Config {`), the head of a computed property (or of one with observers and no
    /// initial value, which can only ask for a file more). Not when `=` comes first: a stored
    /// property's value, whatever braces it holds.
    public static func isComputedPropertyHead(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var k = start
        let end = min(bytes.count, start + 512)
        while k < end && (bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t")) { k += 1 }
        guard k < end, bytes[k] == UInt8(ascii: ":") else { return false }
        k += 1
        while k < end {
            switch bytes[k] {
            case UInt8(ascii: "{"):
                return true
            case UInt8(ascii: "="), UInt8(ascii: ";"), 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: "\""):
                return false
            default:
                k += 1
            }
        }
        return false
    }

    /// The file's functions, or nil when its braces cannot be trusted.
    public static func declarations(_ bytes: [UInt8]) -> Declarations? {
        bytes.withUnsafeBufferPointer { buffer in
            var scan = Walk(bytes: buffer)
            guard scan.run() else { return nil }
            return Declarations(signatures: scan.signatures.sorted { $0.key < $1.key }, membersKnown: scan.membersKnown)
        }
    }

    private struct Walk {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        /// Per open brace: the index in `typeNames` of the type whose body it opened, -1 for
        /// any other brace.
        var braces: [Int32] = []
        /// A type keyword and its name were read: the next `{` opens that type's body (the
        /// index of its name in `typeNames`).
        var typeBodyPending: Int32 = -1
        /// The `WordHash` of each type's last name.
        var typeNames: [UInt64] = []
        /// See `Declarations`.
        var membersKnown = true
        var signatures: [Signature] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// Whether the braces balanced.
        mutating func run() -> Bool {
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

        private mutating func run(classes: UnsafePointer<UInt8>) -> Bool {
            let n = bytes.count
            while i < n {
                var kind = classes[Int(bytes[i])]
                while kind == Self.plain {
                    i += 1
                    guard i < n else { return braces.isEmpty }
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
                        guard skipBlockComment() else { return false }
                    } else {
                        i += 1
                    }
                case UInt8(ascii: "\""):
                    guard skipString(hashes: 0) else { return false }
                case UInt8(ascii: "#"):
                    guard skipHashes(depth: 0) else { return false }
                case UInt8(ascii: "{"):
                    braces.append(typeBodyPending)
                    typeBodyPending = -1
                    i += 1
                case UInt8(ascii: "}"):
                    guard braces.popLast() != nil else { return false }
                    i += 1
                default:
                    // "`": a backticked name is a name, never a keyword.
                    i += 1
                    while i < n && Self.isWordByte(bytes[i]) { i += 1 }
                    if i < n && bytes[i] == UInt8(ascii: "`") { i += 1 }
                }
            }
            return braces.isEmpty
        }

        /// Whether a word of this first byte and length may be one of the keywords `word` looks
        /// for (`var` 3; `func`, `enum` 4; `class`, `actor` 5; `struct` 6; `protocol` 8;
        /// `extension`, `subscript` 9).
        @inline(__always) private static func mayBeKeyword(first: UInt8, length: Int) -> Bool {
            switch first {
            case UInt8(ascii: "f"), UInt8(ascii: "e"): return length == 4 || length == 9
            case UInt8(ascii: "c"), UInt8(ascii: "a"): return length == 5
            case UInt8(ascii: "s"): return length == 6 || length == 9
            case UInt8(ascii: "v"): return length == 3
            case UInt8(ascii: "p"): return length == 8
            default: return false
            }
        }

        private mutating func word(_ start: Int, _ end: Int) {
            if equals(start, end, "var") || equals(start, end, "subscript") {
                // A getter (`SwiftFileCheck.summarizeGetter`): a computed property's, with no
                // parameters, or a subscript's, whose parameters are left unknown (they have no
                // labels unless written twice). The braces after it are walked as any others.
                let type = braces.last ?? -1
                var name = start..<end
                if equals(start, end, "var") {
                    skipSpace()
                    guard let read = nameRange(), SwiftDeclarationScan.isComputedPropertyHead(bytes, from: i) else { return }
                    name = read
                }
                let key = type >= 0 ? WordHash.pair(typeNames[Int(type)], hash(name)) : hash(name)
                signatures.append(Signature(key: key, parameters: equals(start, end, "var") ? [] : nil, isGetter: true))
            } else if equals(start, end, "func") {
                skipSpace()
                guard let name = nameRange() else { return }
                let type = braces.last ?? -1
                let key = type >= 0 ? WordHash.pair(typeNames[Int(type)], hash(name)) : hash(name)
                // The parameter list, read whole or not at all: on any doubt the walk goes on
                // right after the name, as it did before, and the function matches every call.
                let afterName = i
                let parameters = parameterLabels()
                if parameters == nil { i = afterName }
                signatures.append(Signature(key: key, parameters: parameters))
            } else if equals(start, end, "struct") || equals(start, end, "class") || equals(start, end, "enum")
                        || equals(start, end, "actor") || equals(start, end, "extension") || equals(start, end, "protocol") {
                let save = i
                skipSpace()
                let nameStart = i
                guard var name = nameRange() else { i = save; return }
                // `class func`, `class var`, `for actor in …`: a modifier or an identifier, no type.
                if SortedHashes.contains(Self.notTypeNameHashes, hash(name)) {
                    i = nameStart
                    return
                }
                // `extension Outer.Inner`: members are owned by the last name.
                while i + 1 < bytes.count && bytes[i] == UInt8(ascii: ".") && Self.isWordStart(bytes[i + 1]) {
                    i += 1
                    guard let next = nameRange() else { break }
                    name = next
                }
                if bytes[nameStart] == UInt8(ascii: "`")
                    || !SwiftReceiverTypes.isPlainTypeName(UnsafeBufferPointer(rebasing: bytes[name])) || startsDottedRest() {
                    membersKnown = false
                }
                typeBodyPending = Int32(typeNames.count)
                typeNames.append(hash(name))
            }
        }

        private func hash(_ range: Range<Int>) -> UInt64 { WordHash.of(bytes: UnsafeBufferPointer(rebasing: bytes[range])) }

        /// After a type's name: a dot after spaces (`extension A .B`) would make another name
        /// the owner.
        private func startsDottedRest() -> Bool {
            var k = i
            while k < bytes.count && (bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t")
                                      || bytes[k] == 0x0A || bytes[k] == 0x0D) { k += 1 }
            return k < bytes.count && bytes[k] == UInt8(ascii: ".")
        }

        /// After a function's name: its generic clause and parameter list, each parameter as
        /// the summary records it (`SwiftFileCheck.summarizeFunction`): its label (the first of
        /// two names, else the name; `_` for none), and `=` after it when a default value
        /// follows. Only the plain shape is read (`@attributes label name: Type = default`);
        /// anything else (a keyword or backticks as a name, a list this pass cannot balance)
        /// is nil. A parameter marked `=` where the parser finds no default value only lets the
        /// function match more calls, which can only ask for a file more.
        private mutating func parameterLabels() -> [String]? {
            let n = bytes.count
            skipSpace()
            if i < n && bytes[i] == UInt8(ascii: "<") {
                guard skipGenericClause() else { return nil }
                skipSpace()
            }
            guard i < n, bytes[i] == UInt8(ascii: "(") else { return nil }
            i += 1
            var parameters: [String] = []
            while true {
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: ")") {
                    i += 1
                    return parameters
                }
                // Attributes before the names (`@_implicitSelfCapture`), as the parser skips them.
                while i < n && bytes[i] == UInt8(ascii: "@") {
                    i += 1
                    guard plainIdentifier() != nil else { return nil }
                    if i < n && (bytes[i] == UInt8(ascii: "(") || bytes[i] == UInt8(ascii: "<")) { return nil }
                    skipSpace()
                }
                // The label is the first name, also when a second (the inner name) follows.
                guard let first = plainIdentifier() else { return nil }
                skipSpace()
                if plainIdentifier() != nil { skipSpace() }
                guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                // The type and the default value, up to the `,` or `)` that ends the parameter.
                guard let hasDefault = skipParameterRest() else { return nil }
                let label = isUnderscore(first) ? "_" : text(first)
                parameters.append(hasDefault ? label + "=" : label)
                if i < n && bytes[i] == UInt8(ascii: ",") { i += 1 }
            }
        }

        /// `<…>` after a function's name, nested; false when it does not close where this pass
        /// can tell.
        private mutating func skipGenericClause() -> Bool {
            let n = bytes.count
            var depth = 0
            while i < n {
                switch bytes[i] {
                case UInt8(ascii: "<"): depth += 1
                case UInt8(ascii: ">"):
                    depth -= 1
                    if depth == 0 { i += 1; return true }
                case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""),
                     UInt8(ascii: "/"), UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "="):
                    return false
                default: break
                }
                i += 1
            }
            return false
        }

        /// From after a parameter's colon to the `,` or `)` that ends it (not past it): whether
        /// a default value (`=` outside any bracket) is there; nil when the brackets do not
        /// balance or the text is one this pass does not read (a `<` that may compare, a
        /// string or comment it cannot skip).
        private mutating func skipParameterRest() -> Bool? {
            let n = bytes.count
            var depth = 0          // ( [ {
            var angles = 0         // generic arguments: `Array<Int>`
            var hasDefault = false
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 {
                        guard b == UInt8(ascii: ")"), angles == 0 else { return nil }
                        return hasDefault
                    }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 && angles == 0 { return hasDefault }
                case UInt8(ascii: "<"):
                    // A generic argument list follows a name directly; anything else may be a
                    // comparison in a default value.
                    guard !hasDefault, i > 0, Self.isWordByte(bytes[i - 1]) else { return nil }
                    angles += 1
                case UInt8(ascii: ">"):
                    if i > 0 && bytes[i - 1] == UInt8(ascii: "-") { break }   // `->`
                    guard angles > 0 else { return nil }
                    angles -= 1
                case UInt8(ascii: "="):
                    if depth == 0 && angles == 0 { hasDefault = true }
                case UInt8(ascii: "\""):
                    guard skipString(hashes: 0) else { return nil }
                    continue
                case UInt8(ascii: "#"):
                    guard skipHashes(depth: 0) else { return nil }
                    continue
                case UInt8(ascii: "/"):
                    if i + 1 < n && (bytes[i + 1] == UInt8(ascii: "/") || bytes[i + 1] == UInt8(ascii: "*")) { return nil }
                default:
                    break
                }
                i += 1
            }
            return nil
        }

        /// An ASCII name that is no keyword, read past; nil, and nothing read, for anything else
        /// (a name beyond ASCII, backticks, a keyword).
        private mutating func plainIdentifier() -> Range<Int>? {
            let n = bytes.count
            guard i < n, bytes[i] != UInt8(ascii: "`") else { return nil }
            let start = i
            guard let name = nameRange() else { return nil }
            // (The keywords by hash: a collision only leaves a list unread.)
            guard !bytes[name].contains(where: { $0 >= 0x80 }), !SortedHashes.contains(Self.keywordHashes, hash(name)) else {
                i = start
                return nil
            }
            return name
        }

        private func isUnderscore(_ range: Range<Int>) -> Bool {
            range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "_")
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// Swift's keywords and contextual words: the parser reads them as names there too, but a
        /// parameter named so is left unknown all the same (the function then matches every
        /// call), which costs a file more at most.
        static let keywordHashes = SortedHashes.unique([
            "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
            "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
            "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
            "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
            "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
            "super", "throws", "true", "try", "async", "some", "any", "borrowing", "consuming", "isolated",
            "sending", "nonisolated", "each", "macro", "package", "actor", "get", "set", "willSet", "didSet",
            "mutating", "nonmutating", "lazy", "weak", "unowned", "final", "required", "optional", "convenience",
            "dynamic", "override", "indirect", "prefix", "postfix", "infix", "Type", "Protocol", "copy", "discard",
            "then", "consume",
        ].map(WordHash.of))

        /// What may follow `class` (or `actor`, an identifier too) without naming a type.
        static let notTypeNameHashes = SortedHashes.unique([
            "func", "var", "let", "subscript", "init", "deinit", "static", "final", "override", "required",
            "convenience", "dynamic", "nonisolated", "public", "private", "fileprivate", "internal", "open",
            "in", "where", "is", "as", "case", "mutating", "lazy", "weak", "unowned", "indirect",
        ].map(WordHash.of))

        /// A name's bytes (without backticks), read past.
        private mutating func nameRange() -> Range<Int>? {
            let n = bytes.count
            guard i < n else { return nil }
            if bytes[i] == UInt8(ascii: "`") {
                let start = i + 1
                var end = start
                while end < n && Self.isWordByte(bytes[end]) { end += 1 }
                guard end < n, bytes[end] == UInt8(ascii: "`"), end > start else { return nil }
                i = end + 1
                return start..<end
            }
            guard Self.isWordStart(bytes[i]) else { return nil }
            let start = i
            while i < n && Self.isWordByte(bytes[i]) { i += 1 }
            return start..<i
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
