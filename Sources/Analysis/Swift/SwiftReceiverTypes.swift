import LightSyntax

/// What a local name is known to hold.
struct SwiftLocalBinding {
    var name: Symbol
    /// The inferred type name (`DispatchSemaphore`), nil when unknown: an unknown binding still
    /// shadows an outer one of the same name.
    var typeName: String?
    /// Bound to `URL(string: "http(s)://…")`: what makes `Data(contentsOf:)` network I/O.
    var isRemoteURL: Bool
    /// 1 for the file's top level.
    var depth: Int
    /// The index in `locals` of the previous binding of the same name still in scope (-1: none).
    var shadowed: Int32 = -1
}

/// The local names in scope during the walk, and the stored properties of every type in the file
/// (with its extensions): the receiver-type inference of DESIGN.md, kept local and cheap.
struct SwiftReceiverTypes {
    private var locals: [SwiftLocalBinding] = []
    private var scopeStarts: [Int] = []
    /// Per symbol (indexed by its raw value): the index in `locals` of its newest binding (-1:
    /// none); each binding links to the one it shadows. A flat array instead of a dictionary of
    /// index lists: lookups run for every name the checker infers, and a function of a million
    /// `let`s stays linear (HostileInputTests, scripts/hostile-scale.sh).
    private var newestBySymbol: [Int32]
    /// Per symbol: the index of its first file-level binding (-1: none).
    private var firstTopLevelBySymbol: [Int32]
    /// Type name → property name → type name, from the whole file (properties are often declared
    /// after the methods that use them, and extensions elsewhere in the file).
    private(set) var storedProperties: [String: [Symbol: String]] = [:]

    /// The owner under which the file's global variables are recorded (no type has this name).
    static let fileScope = "#file"

    /// `symbolCount`: the number of symbols of the tree whose names are declared.
    init(symbolCount: Int = 0) {
        newestBySymbol = [Int32](repeating: -1, count: symbolCount)
        firstTopLevelBySymbol = [Int32](repeating: -1, count: symbolCount)
    }

    mutating func enterScope() { scopeStarts.append(locals.count) }

    mutating func leaveScope() {
        guard let start = scopeStarts.popLast() else { return }
        // The bindings removed are the newest, so each is the newest of its name.
        var index = locals.count - 1
        while index >= start {
            let slot = Int(locals[index].name.raw)
            newestBySymbol[slot] = locals[index].shadowed
            if firstTopLevelBySymbol[slot] == Int32(index) { firstTopLevelBySymbol[slot] = -1 }
            index -= 1
        }
        locals.removeSubrange(start...)
    }

    mutating func declare(_ name: Symbol, typeName: String?, isRemoteURL: Bool = false) {
        guard !name.isNone else { return }
        let slot = Int(name.raw)
        if slot >= newestBySymbol.count {
            // Symbols made after the check began (none today): grow rather than trap.
            let grown = slot + 1 - newestBySymbol.count
            newestBySymbol.append(contentsOf: repeatElement(-1, count: grown))
            firstTopLevelBySymbol.append(contentsOf: repeatElement(-1, count: grown))
        }
        let depth = scopeStarts.count
        let index = Int32(locals.count)
        if depth <= 1 && firstTopLevelBySymbol[slot] < 0 { firstTopLevelBySymbol[slot] = index }
        locals.append(SwiftLocalBinding(name: name, typeName: typeName, isRemoteURL: isRemoteURL, depth: depth,
                                        shadowed: newestBySymbol[slot]))
        newestBySymbol[slot] = index
    }

    /// A name declared in a function, closure or block around the current point.
    func localBinding(_ name: Symbol) -> SwiftLocalBinding? {
        let slot = Int(name.raw)
        guard slot >= 0, slot < newestBySymbol.count else { return nil }
        var index = newestBySymbol[slot]
        while index >= 0 {
            if locals[Int(index)].depth > 1 { return locals[Int(index)] }
            index = locals[Int(index)].shadowed
        }
        return nil
    }

    /// Whether a name is declared in a function, closure or block around the current point.
    func hasLocalBinding(_ name: Symbol) -> Bool {
        let slot = Int(name.raw)
        guard slot >= 0, slot < newestBySymbol.count else { return false }
        var index = newestBySymbol[slot]
        while index >= 0 {
            if locals[Int(index)].depth > 1 { return true }
            index = locals[Int(index)].shadowed
        }
        return false
    }

    /// A name declared at the file's top level (looked up after locals and properties).
    func topLevelBinding(_ name: Symbol) -> SwiftLocalBinding? {
        let slot = Int(name.raw)
        guard slot >= 0, slot < firstTopLevelBySymbol.count else { return nil }
        let index = firstTopLevelBySymbol[slot]
        return index < 0 ? nil : locals[Int(index)]
    }

    /// Whether a name is declared at the file's top level.
    func hasTopLevelBinding(_ name: Symbol) -> Bool {
        let slot = Int(name.raw)
        return slot >= 0 && slot < firstTopLevelBySymbol.count && firstTopLevelBySymbol[slot] >= 0
    }

    /// The recorded type of a stored property: nil when the type has no such property, `""` when
    /// it has one of unknown type.
    func propertyType(_ name: Symbol, ofType typeName: String) -> String? {
        storedProperties[typeName]?[name]
    }

    mutating func recordProperty(_ name: Symbol, typeName: String?, ofType owner: String) {
        guard !name.isNone else { return }
        // A property of unknown type is recorded too (as `""`) so that it hides a top-level name.
        storedProperties[owner, default: [:]][name] = typeName ?? ""
    }

    /// An uppercase ASCII letter, then letters, digits and `_`: a name `normalizedTypeName`
    /// returns unchanged (and that `SwiftDeclarationScan` trusts to name a type as the index does).
    static func isPlainTypeName<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, first >= 65 && first <= 90 else { return false }
        return bytes.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }

    /// A written type reduced to the name the catalogue uses: `DispatchSemaphore?` →
    /// `DispatchSemaphore`, `NIOCore.EventLoopFuture<Void>` → `EventLoopFuture`, `anyEventLoopGroup`
    /// (white space is removed from type annotations) → `EventLoopGroup`. Function, tuple,
    /// collection and attributed types give nil.
    static func normalizedTypeName(_ text: String) -> String? {
        // Nearly every name is already plain (`Foo`): an uppercase ASCII letter, then letters,
        // digits and `_`, which the general path below would return unchanged. Checking the bytes
        // skips its Character and Unicode-property work (5 % of a Swift run in callgrind).
        let bytes = text.utf8
        if isPlainTypeName(bytes) { return text }
        // Printable ASCII (what type annotations nearly always are): the same steps on bytes,
        // where every byte is one `Character`.
        if bytes.allSatisfy({ $0 > 32 && $0 < 127 }) { return normalizedASCIITypeName(Array(bytes)) }
        var type = Substring(text)
        for keyword in ["any", "some", "inout", "borrowing", "consuming", "sending", "isolated"] {
            if type.hasPrefix(keyword), let next = type.dropFirst(keyword.count).first, next.isUppercase {
                type = type.dropFirst(keyword.count)
                break
            }
        }
        guard let first = type.first, first != "(", first != "[", first != "@" else { return nil }
        if let generic = type.firstIndex(of: "<") { type = type[..<generic] }
        while let last = type.last, last == "?" || last == "!" { type = type.dropLast() }
        if let dot = type.lastIndex(of: ".") { type = type[type.index(after: dot)...] }
        guard let initial = type.first, initial.isUppercase else { return nil }
        return String(type)
    }

    /// `normalizedTypeName` for printable ASCII bytes.
    private static func normalizedASCIITypeName(_ bytes: [UInt8]) -> String? {
        func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
        var low = 0, high = bytes.count
        for keyword: StaticString in ["any", "some", "inout", "borrowing", "consuming", "sending", "isolated"] {
            let count = keyword.utf8CodeUnitCount
            guard high > count, isUpper(bytes[count]) else { continue }
            var k = 0
            while k < count && bytes[k] == keyword.utf8Start[k] { k += 1 }
            if k == count {
                low = count
                break
            }
        }
        guard low < high, bytes[low] != UInt8(ascii: "("), bytes[low] != UInt8(ascii: "["),
              bytes[low] != UInt8(ascii: "@") else { return nil }
        if let generic = bytes[low..<high].firstIndex(of: UInt8(ascii: "<")) { high = generic }
        while high > low && (bytes[high - 1] == UInt8(ascii: "?") || bytes[high - 1] == UInt8(ascii: "!")) { high -= 1 }
        if let dot = bytes[low..<high].lastIndex(of: UInt8(ascii: ".")) { low = dot + 1 }
        guard low < high, isUpper(bytes[low]) else { return nil }
        return String(decoding: bytes[low..<high], as: UTF8.self)
    }

    /// Type names start with a capital letter, variables do not (Swift API design guidelines):
    /// how `Thread.sleep` is told from `thread.sleep` without a type checker.
    static func looksLikeTypeName(_ text: String) -> Bool {
        // ASCII first (nearly every name): no Unicode property lookup.
        if let byte = text.utf8.first, byte < 0x80 { return byte >= 65 && byte <= 90 }
        guard let first = text.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }
}
