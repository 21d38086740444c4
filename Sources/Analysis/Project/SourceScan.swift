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
    public var imports: [ScannedImport] {
        importFacts.map { ScannedImport(module: $0.module.map(string), name: string($0.name), alias: $0.alias.map(string)) }
    }
    /// Python `class Name(Base, …)` headers: the class's name and the bases' dotted names.
    public var classes: [ScannedClass] {
        classFacts.map { ScannedClass(name: string($0.name), bases: classBases[$0.bases].map(string)) }
    }
    /// The names after `func` (Swift) or `def` (Python).
    public var functionNames: [String] { functionNameRanges.map(string) }
    /// Swift: the names of getters, which a read runs and a call does not: a computed
    /// property's (`var config: Config {`) and `subscript`.
    public var getterNames: [String] { getterNameRanges.map(string) }

    /// The names of `imports`, `classes` and `functionNames`, one after another, each as written
    /// (a dotted name without the white space around its dots): one buffer a file instead of a
    /// String a name. The index hashes them from here (`ScannedPythonFile`); the Strings above
    /// are made only when asked for.
    var names: [UInt8] = []
    var importFacts: [ImportFact] = []
    var classFacts: [ClassFact] = []
    /// The bases of `classFacts`, one class after another.
    var classBases: [NameRange] = []
    var functionNameRanges: [NameRange] = []
    var getterNameRanges: [NameRange] = []

    func string(_ name: NameRange) -> String {
        names.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[name.start..<name.end]), as: UTF8.self) }
    }
    /// Swift: the names after `protocol`.
    public var protocolNames: [String] = []
    /// Swift: the (last) names after `struct`, `class`, `enum`, `actor`, `extension`, `protocol`:
    /// a member of a type is declared only in a file that names it so.
    public var typeNames: [String] = []
    /// Swift: those of `typeNames` after `struct`, `class`, `enum`, `actor`, `protocol` (not
    /// `extension`): only a declaration makes a system type's name the project's own
    /// (`Finding.unlessProjectDeclares`).
    public var declaredTypeNames: [String] = []
    /// Python: the calls that start a line, `name(` or `a.b.name(`, where a call whose value is
    /// thrown away can be (a superset: a line inside brackets counts too): the last name's
    /// `WordHash`, and for a dotted callee also `WordHash.pair` of the last two names; sorted.
    public var statementCalls: [UInt64] = []
    /// Python: the `WordHash` of each word that starts a line and is followed by `=` (not
    /// `==`), `,` or `:` (an assignment, a tuple target, an annotation; a superset, repeats
    /// kept): a name so bound may not be what an import bound it to (see `ScannedPythonFile`).
    var assignedNames: [UInt64] = []

    public init() {}

    /// - Parameter indexFacts: also collect what the project index needs (imports, declarations,
    ///   words) of a file that is not parsed: when `mayHaveFindings` comes out true, they are
    ///   left empty (the file is parsed, and its summary says more).
    public static func scan(_ bytes: [UInt8], language: SourceLanguage, vocabulary: ScanVocabulary,
                            indexFacts: Bool) -> SourceScan {
        // The scanner's inner loops do not check for the end of the buffer: each of them stops at
        // a line end, so the buffer must end with one. The few files that do not are scanned with
        // one appended, which changes no fact: nothing follows it.
        guard let last = bytes.last else { return SourceScan() }
        guard last == 0x0A || last == 0x0D else {
            return scan(bytes + [0x0A], language: language, vocabulary: vocabulary, indexFacts: indexFacts)
        }
        let filter = vocabulary.filter(for: language)
        return bytes.withUnsafeBufferPointer { buffer in
            ByteClass.table.withUnsafeBufferPointer { classes in
                filter.lengthMasks.withUnsafeBufferPointer { masks in
                    var scanner = Scanner(bytes: buffer, classes: classes, language: language, triggers: filter.triggers,
                                          lengthMasks: masks, indexFacts: indexFacts)
                    scanner.run()
                    // The scan's readers skip numbers, comments inside import lists and the
                    // names they read, so a byte ≥ 0x80 there is not seen: the flag decides
                    // whether the file is checked for invalid UTF-8, so it must be exact.
                    if !scanner.result.hasNonASCII { scanner.result.hasNonASCII = Self.hasByteAbove7F(buffer) }
                    return scanner.result
                }
            }
        }
    }

    /// Eight bytes at a time: a small fraction of the scan's own cost.
    static func hasByteAbove7F(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var k = 0
        var any: UInt64 = 0
        while bytes.count - k >= 8 {
            any |= raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            k += 8
        }
        if any & 0x8080_8080_8080_8080 != 0 { return true }
        while k < bytes.count {
            if bytes[k] >= 0x80 { return true }
            k += 1
        }
        return false
    }
}

/// A name of the facts: `SourceScan.names[start..<end]`.
struct NameRange: Sendable {
    var start: Int
    var end: Int
}

/// A `ScannedImport` as ranges of `SourceScan.names` (`*` is one there too).
struct ImportFact: Sendable {
    var module: NameRange?
    var name: NameRange
    var alias: NameRange?
}

/// A `ScannedClass` as a range of `SourceScan.names` and one of `SourceScan.classBases`.
struct ClassFact: Sendable {
    var name: NameRange
    var bases: Range<Int>
    /// `class` starts its line: a module-level class (its qualified name is `module.Name`).
    var isTopLevel: Bool
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
    let python: WordFilter
    let swift: WordFilter

    /// `getters`: Swift's scan reads getters (`var name: T {`, `subscript`), which only the
    /// project index asks about; a run without it leaves `var` and `subscript` unread.
    public init(catalogue: RuleCatalogue, getters: Bool = true) {
        var python: Set<String> = ["async", "await"]
        for creator in catalogue.python.taskCreators {
            python.insert(creator.split(separator: ".").last.map(String.init) ?? creator)
        }
        for type in catalogue.python.types { python.formUnion(type.taskMethods ?? []) }
        // `loop.call_soon(flush)` in sync code (a protocol's `data_received`): the callback runs
        // on the loop, so the file is parsed for it.
        for callback in catalogue.python.loopCallbacks {
            if let method = callback.method { python.insert(method) }
            if let call = callback.call { python.insert(call.split(separator: ".").last.map(String.init) ?? call) }
        }
        // `actor`: an actor's isolated sync methods run on the pool (`SwiftAsyncOrigin.actorIsolated`).
        var swift: Set<String> = ["async", "await", "actor"]
        swift.formUnion(catalogue.swift.taskAPINames)
        // A name whose every task API is a member-only one (`.task`, SwiftUI's modifier) counts
        // only right after a dot: `task` alone is a common variable name, and a file with one
        // should not be parsed for it.
        let taskAPIs = catalogue.swift.taskAPIs
        for name in catalogue.swift.taskAPINames {
            let entries = taskAPIs.filter { SwiftAPISignature(parsing: $0.api).member == name }
            if !entries.isEmpty && entries.allSatisfy({ $0.api.hasPrefix(".") }) {
                swift.remove(name)
                swift.insert("." + name)
            }
        }
        self.python = WordFilter(triggers: python.sorted(), keywords: ["import", "from", "class", "def"])
        self.swift = WordFilter(triggers: swift.sorted(),
                                keywords: ["func", "protocol", "struct", "class", "enum", "actor", "extension"]
                                    + (getters ? ["var", "subscript"] : []))
    }

    func filter(for language: SourceLanguage) -> WordFilter {
        language == .python ? python : swift
    }
}

/// Which words the scan looks at more closely than skipping them: only those whose first byte and
/// length are a trigger's or a keyword's (most words are neither, and one table look-up says so).
struct WordFilter: Sendable {
    let triggers: [[UInt8]]
    /// Two tables of 256 masks, indexed by a word's first byte: bit `min(length, 63)` is set when
    /// a trigger (the first table), a trigger or a keyword (the second) of that length starts
    /// with that byte. (The scan stops at the first trigger, so no table of keywords alone.)
    let lengthMasks: [UInt64]

    static let triggers = 0, triggersOrKeywords = 256

    init(triggers: [String], keywords: [String]) {
        self.triggers = triggers.map { Array($0.utf8) }
        var masks = [UInt64](repeating: 0, count: 512)
        func add(_ word: String, to table: Int) {
            // A member-only trigger (`.task`) is the word after its dot.
            let name = word.utf8.first == UInt8(ascii: ".") ? word.utf8.dropFirst() : Substring(word).utf8
            guard let first = name.first else { return }
            masks[table + Int(first)] |= 1 << UInt64(min(name.count, 63))
        }
        for trigger in triggers {
            add(trigger, to: Self.triggers)
            add(trigger, to: Self.triggersOrKeywords)
        }
        for keyword in keywords { add(keyword, to: Self.triggersOrKeywords) }
        lengthMasks = masks
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
        return word.withUTF8 { of(bytes: $0) }
    }

    static func of(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = seed
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    /// `a.b` from the hashes of `a` and `b`.
    @inline(__always) public static func pair(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ second ^ 0x5bd1_e995
    }
}

/// Byte classes, in an order that lets the hot loops decide with one comparison: below
/// `lineEnd` a line goes on, from `nonASCII` on a word does, from `digit` on an ASCII one.
private enum ByteClass {
    /// Punctuation, form feed, control bytes: they end a line start.
    static let other: UInt8 = 0
    /// Space and tab: they keep a line start.
    static let space: UInt8 = 1
    /// `\n` and `\r`.
    static let lineEnd: UInt8 = 2
    /// Bytes ≥ 0x80: identifier bytes (letters beyond ASCII), as for Python and Swift.
    static let nonASCII: UInt8 = 3
    static let digit: UInt8 = 4
    /// ASCII letters and `_`.
    static let letter: UInt8 = 5

    static let table: [UInt8] = {
        var t = [UInt8](repeating: other, count: 256)
        t[Int(UInt8(ascii: " "))] = space
        t[Int(UInt8(ascii: "\t"))] = space
        t[0x0A] = lineEnd
        t[0x0D] = lineEnd
        for b in 0x80...0xFF { t[b] = nonASCII }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = digit }
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = letter }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = letter }
        t[Int(UInt8(ascii: "_"))] = letter
        return t
    }()

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool { c >= nonASCII }
    @inline(__always) static func startsWord(_ c: UInt8) -> Bool { c >= nonASCII && c != digit }
}

private struct Scanner {
    /// Ends with a line end (see `SourceScan.scan`): every loop over word bytes, spaces or a
    /// comment stops there, so those loops need not check for the end.
    let bytes: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    /// `ByteClass.table`.
    let classes: UnsafePointer<UInt8>
    let language: SourceLanguage
    let triggers: [[UInt8]]
    /// `WordFilter.lengthMasks`.
    let lengthMasks: UnsafePointer<UInt64>
    let indexFacts: Bool
    var result = SourceScan()
    var i = 0
    /// See `addStatementCall`.
    private var seenCalls: [UInt64] = []
    private var seenCallBits = 0
    private var seenZeroCall = false
    /// The 64 bytes from `blockBase` on (fewer at the buffer's end), a bit a byte (byte `k` is
    /// bit `k`): which are word bytes (letters, digits, `_`, bytes ≥ 0x80) and which line ends.
    /// See `nextStop`.
    private var blockBase = -64   // no block yet: every start is 64 or more past it
    /// Python statement calls are read (index facts of a Python file): then `nextStop` stops at
    /// every line end, for the next line's start; else a line's start is no different from its
    /// middle, and only the buffer's last byte ends the scan.
    private let readsStatements: Bool
    private var blockWords: UInt64 = 0
    private var blockLineEnds: UInt64 = 0

    init(bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<UInt8>, language: SourceLanguage,
         triggers: [[UInt8]], lengthMasks: UnsafeBufferPointer<UInt64>, indexFacts: Bool) {
        self.bytes = bytes
        self.base = bytes.baseAddress!
        self.classes = classes.baseAddress!
        self.language = language
        self.triggers = triggers
        self.lengthMasks = lengthMasks.baseAddress!
        self.indexFacts = indexFacts
        self.readsStatements = indexFacts && language == .python
    }

    @inline(__always) private func classOf(_ index: Int) -> UInt8 { classes[Int(base[index])] }

    /// Whether a table of `WordFilter.lengthMasks` lists the first byte and length of the word.
    @inline(__always) private func mayMatch(_ table: Int, start: Int, end: Int) -> Bool {
        Self.mayMatch(lengthMasks + table, first: base[start], length: end &- start)
    }

    @inline(__always) private static func mayMatch(_ masks: UnsafePointer<UInt64>, first: UInt8, length: Int) -> Bool {
        (masks[Int(first)] &>> UInt64(truncatingIfNeeded: length < 63 ? length : 63)) & 1 != 0
    }

    mutating func run() {
        let n = bytes.count
        // Locals: the calls below take `self` inout, and the loops should not reload these.
        let base = self.base, classes = self.classes
        let statements = readsStatements
        // The words that matter: the triggers, and the keywords of the index facts.
        let candidates = indexFacts ? WordFilter.triggersOrKeywords : WordFilter.triggers
        var i = 0
        scanning: while true {
            // At the start of a line (and of the file), past its indentation and empty lines.
            i = skipIndentation(from: i)
            guard i < n else { break }
            if statements && ByteClass.startsWord(classes[Int(base[i])]) {
                i = statementCall(at: i, candidates: candidates)
                if result.mayHaveFindings { return stopAtTrigger() }
                guard i < n else { break }
            }
            // The rest of the line: only a line end or a word that may be a trigger or keyword
            // stops the scan there (`nextStop`); numbers, other words and punctuation are passed.
            while true {
                let start = nextStop(from: i, candidates: candidates)
                if classes[Int(base[start])] == ByteClass.lineEnd {
                    i = start &+ 1
                    guard i < n else { break scanning }
                    continue scanning
                }
                i = wordEnd(from: start, base: base, classes: classes)
                self.i = i
                word(start: start, end: i)
                i = self.i
                if result.mayHaveFindings { return stopAtTrigger() }
                guard i < n else { break scanning }
            }
        }
        // Each hash is there once already (`addStatementCall`).
        if statements { result.statementCalls.sort() }
    }

    /// Where the rest of a line needs a closer look: the first line end from `start` on (with
    /// `readsStatements`; else the buffer's last byte), or the first word before it whose
    /// first byte and length are a candidate's (`WordFilter`), as
    /// the scalar loop found it: a word is a run of word bytes, a run that starts with a digit
    /// is a number, and a word byte at `start` starts a word whatever precedes it. (A byte ≥ 0x80
    /// in a word passed here is not noted: `SourceScan.scan` looks for one over the whole
    /// buffer when the scan saw none.)
    ///
    /// 64 bytes at a time: the bytes are classified eight at a time into two bit masks
    /// (`ByteMasks`), and the words are then found from the masks' bits. A loop over the bytes
    /// had two hard-to-predict branches a word (its start and its end); this has about one a
    /// line. The buffer ends with a line end, so there is always a stop.
    @inline(__always)
    private mutating func nextStop(from start: Int, candidates: Int) -> Int {
        if start < blockBase || start &- blockBase >= 64 { loadBlock(at: start) }
        let offset = start &- blockBase
        let fromStart = UInt64.max << UInt64(offset)
        var words = blockWords
        var starts = (words & ~(words << 1) | words & (1 << UInt64(offset))) & fromStart
        var lineEnds = blockLineEnds & fromStart
        let masks = lengthMasks + candidates
        while true {
            let lineEnd = lineEnds.trailingZeroBitCount
            var before = lineEnd == 64 ? starts : starts & ((1 << UInt64(lineEnd)) &- 1)
            while before != 0 {
                let bit = before.trailingZeroBitCount
                before &= before &- 1
                let first = base[blockBase &+ bit]
                var length = (~(words >> UInt64(bit))).trailingZeroBitCount
                if bit &+ length == 64 {
                    // The word goes on into the next block: on from its byte in this block's last place.
                    length = wordEnd(from: blockBase &+ 63, base: base, classes: classes) &- (blockBase &+ bit)
                }
                if Self.mayMatch(masks, first: first, length: length) { return blockBase &+ bit }
            }
            if lineEnd < 64 { return blockBase &+ lineEnd }
            // No line end in this block: on to the next, where a word may go on from this one.
            let carry = words >> 63
            loadBlock(at: blockBase &+ 64)
            words = blockWords
            starts = words & ~(words << 1 | carry)
            lineEnds = blockLineEnds
        }
    }

    /// Classifies the bytes from `start` on into `blockWords` and `blockLineEnds`.
    private mutating func loadBlock(at start: Int) {
        blockBase = start
        var words: UInt64 = 0, lineEnds: UInt64 = 0
        if bytes.count &- start >= 64 {
            for group in 0..<8 {
                let x = ByteMasks.load(base, at: start &+ 8 &* group)
                words |= ByteMasks.wordBytes(x) << UInt64(8 &* group)
                lineEnds |= ByteMasks.lineEnds(x) << UInt64(8 &* group)
            }
        } else {
            for k in 0..<(bytes.count &- start) {
                let kind = classes[Int(base[start &+ k])]
                if ByteClass.isWordByte(kind) { words |= 1 << UInt64(k) }
                if kind == ByteClass.lineEnd { lineEnds |= 1 << UInt64(k) }
            }
        }
        blockWords = words
        // The buffer's last byte is a line end (`SourceScan.scan`): with no statements to read,
        // it alone ends the scan.
        let last = bytes.count &- 1 &- start
        blockLineEnds = readsStatements ? lineEnds : (last < 64 ? lineEnds & (1 << UInt64(last)) : 0)
    }

    /// Appends a statement call's hash unless it is there already. The hashes seen are kept in
    /// an open-addressed table (0 marks an empty slot; a hash that is 0 is noted apart): on the
    /// Python corpus three of four statement calls repeat one of their file (`self.assertEqual(`,
    /// `parser.add_argument(` …), and sorting them all at the end cost more than this.
    private mutating func addStatementCall(_ hash: UInt64) {
        if hash == 0 {
            if !seenZeroCall {
                seenZeroCall = true
                result.statementCalls.append(0)
            }
            return
        }
        if seenCalls.isEmpty {
            seenCallBits = 6
            seenCalls = [UInt64](repeating: 0, count: 1 << seenCallBits)
        }
        guard Self.insert(hash, into: &seenCalls, bits: seenCallBits) else { return }
        result.statementCalls.append(hash)
        // At most half full, so a probe ends soon.
        if result.statementCalls.count * 2 > seenCalls.count {
            seenCallBits += 1
            var table = [UInt64](repeating: 0, count: 1 << seenCallBits)
            for held in result.statementCalls where held != 0 { _ = Self.insert(held, into: &table, bits: seenCallBits) }
            seenCalls = table
        }
    }

    /// Whether the hash was not in the table (it is now). The slot comes from the hash's bits
    /// mixed by one multiply: FNV-1a's low bits alone cluster.
    @inline(__always)
    private static func insert(_ hash: UInt64, into table: inout [UInt64], bits: Int) -> Bool {
        table.withUnsafeMutableBufferPointer { table in
            let mask = table.count - 1
            var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
            while true {
                let held = table[slot]
                if held == hash { return false }
                if held == 0 {
                    table[slot] = hash
                    return true
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// A trigger was found: the file is parsed, so the index never looks at its facts, and
    /// reading on for them would be wasted (a parsed file is a quarter of the Python corpus's
    /// bytes). Only `hasNonASCII` is left to learn, and `scan` looks for that over the whole
    /// buffer when no word showed it. The facts read so far are dropped: a file that may have
    /// findings has none, rather than a part of them.
    private mutating func stopAtTrigger() {
        let hasNonASCII = result.hasNonASCII
        result = SourceScan()
        result.mayHaveFindings = true
        result.hasNonASCII = hasNonASCII
    }

    /// The end of the word starting at `start`, noting a byte ≥ 0x80 in it. Every loop stops at
    /// the line end that ends the buffer at the latest.
    @inline(__always) private mutating func wordEnd(from start: Int, base: UnsafePointer<UInt8>,
                                                    classes: UnsafePointer<UInt8>) -> Int {
        var end = start &+ 1
        // Letters, digits and `_` (most words): one comparison a byte.
        while classes[Int(base[end])] >= ByteClass.digit { end &+= 1 }
        if (base[start] | base[end]) >= 0x80 {
            result.hasNonASCII = true
            while ByteClass.isWordByte(classes[Int(base[end])]) { end &+= 1 }
        }
        return end
    }

    /// Past spaces, tabs and line ends; eight spaces at a time (indentation) where eight bytes are left.
    @inline(__always) private func skipIndentation(from start: Int) -> Int {
        let n = bytes.count
        var i = start
        while i < n {
            if base[i] == UInt8(ascii: " ") && n &- i >= 8 {
                let notSpaces = ByteMasks.load(base, at: i) ^ 0x2020_2020_2020_2020
                // The first byte that is no space is the lowest one not zero here.
                i &+= notSpaces == 0 ? 8 : notSpaces.trailingZeroBitCount &>> 3
                continue
            }
            let kind = classOf(i)
            guard kind == ByteClass.space || kind == ByteClass.lineEnd else { break }
            i &+= 1
        }
        return i
    }

    /// A line starting with a word: a keyword statement (`import`, `class`: handled as usual), or
    /// perhaps `a.b.name(`, whose last name is recorded. Returns where the line goes on.
    private mutating func statementCall(at start: Int, candidates: Int) -> Int {
        let end = wordEnd(from: start, base: base, classes: classes)
        i = end
        if mayMatch(candidates, start: start, end: end) {
            word(start: start, end: end)
            // `word` may have read on (an import list, a class header): then this is no call.
            guard i == end else { return i }
        }
        // Most lines go on with neither a call nor a dot (`x = …`, `return x`, `if x:`): the
        // byte after the word and its spaces says so, without the loop below. (The buffer ends
        // with a line end, so the spaces end before it.)
        while base[i] == UInt8(ascii: " ") || base[i] == UInt8(ascii: "\t") { i &+= 1 }
        switch base[i] {
        case UInt8(ascii: "("), UInt8(ascii: "."), UInt8(ascii: "\\"), 0x0C: break
        case UInt8(ascii: "="):
            // (The buffer ends with a line end, so the byte after `=` is there.)
            if base[i &+ 1] != UInt8(ascii: "=") { result.assignedNames.append(hash(start..<end)) }
            return i
        case UInt8(ascii: ","), UInt8(ascii: ":"):
            result.assignedNames.append(hash(start..<end))
            return i
        default: return i
        }
        // The last two names, hashed only for a call.
        var last = start..<end
        var previous: Range<Int>?
        while true {
            skipSpace(newlines: false)
            guard i < bytes.count else { return i }
            if base[i] == UInt8(ascii: "(") {
                let lastHash = hash(last)
                addStatementCall(lastHash)
                if let previous {
                    let previousHash = hash(previous)
                    if previousHash != 0 { addStatementCall(WordHash.pair(previousHash, lastHash)) }
                }
                return i
            }
            guard base[i] == UInt8(ascii: ".") else { return i }
            i += 1
            skipSpace(newlines: false)
            let nameStart = i
            guard skipIdentifier() else { return i }
            previous = last
            last = nameStart..<i
        }
    }

    @inline(__always) private func equals(_ start: Int, _ end: Int, _ text: StaticString) -> Bool {
        guard end - start == text.utf8CodeUnitCount else { return false }
        let p = text.utf8Start
        for k in 0..<(end - start) where base[start + k] != p[k] { return false }
        return true
    }

    /// Every identifier passes here once, also those read inside an import or class header.
    /// Most words are no trigger: their first byte and length say so.
    @inline(__always) private mutating func note(start: Int, end: Int) {
        guard !result.mayHaveFindings, mayMatch(WordFilter.triggers, start: start, end: end) else { return }
        for trigger in triggers {
            if trigger.first == UInt8(ascii: ".") {
                // `.task`: the word must follow a dot.
                guard trigger.count - 1 == end - start, start > 0, base[start - 1] == UInt8(ascii: ".") else { continue }
                if (1..<trigger.count).allSatisfy({ base[start + $0 - 1] == trigger[$0] }) { result.mayHaveFindings = true }
            } else if trigger.count == end - start {
                if trigger.indices.allSatisfy({ base[start + $0] == trigger[$0] }) { result.mayHaveFindings = true }
            }
        }
    }

    /// A word whose first byte and length are a trigger's or a keyword's.
    private mutating func word(start: Int, end: Int) {
        note(start: start, end: end)
        // Every keyword looked for here is 3 to 9 bytes of lowercase letters.
        let length = end - start
        guard indexFacts, length >= 3, length <= 9, base[start] >= UInt8(ascii: "a") else { return }
        switch language {
        case .python:
            if equals(start, end, "import") {
                importList(module: nil)
            } else if equals(start, end, "from") {
                fromImport()
            } else if equals(start, end, "class") {
                classHeader(isTopLevel: start == 0 || base[start &- 1] == UInt8(ascii: "\n") || base[start &- 1] == UInt8(ascii: "\r"))
            } else if equals(start, end, "def") {
                skipSpace(newlines: false)
                if let name = identifier(allowBackticks: false) { result.functionNameRanges.append(name) }
            }
        case .swift:
            if equals(start, end, "func") {
                skipSpace(newlines: true)
                if let name = identifier(allowBackticks: true) { result.functionNameRanges.append(name) }
            } else if equals(start, end, "var") {
                // A computed property's getter, which a read runs: `var config: T {`.
                skipSpace(newlines: true)
                if let name = identifier(allowBackticks: true) {
                    if SwiftDeclarationScan.isComputedPropertyHead(bytes, from: i) {
                        result.getterNameRanges.append(name)
                    } else {
                        drop(from: name.start)
                    }
                }
            } else if equals(start, end, "subscript") {
                result.getterNameRanges.append(keep(start, end))
            } else if equals(start, end, "protocol") {
                skipSpace(newlines: true)
                if let range = identifier(allowBackticks: true) {
                    let name = take(range)
                    result.protocolNames.append(name)
                    result.typeNames.append(name)
                    result.declaredTypeNames.append(name)
                }
            } else if equals(start, end, "struct") || equals(start, end, "class") || equals(start, end, "enum")
                        || equals(start, end, "actor") || equals(start, end, "extension") {
                let declares = !equals(start, end, "extension")
                skipSpace(newlines: true)
                // `extension Outer.Inner`: members are looked up by the last name.
                if let name = dottedName() {
                    let last = ProjectIndex.lastPart(take(name))
                    result.typeNames.append(last)
                    if declares { result.declaredTypeNames.append(last) }
                }
            }
        }
    }

    // MARK: Python statements

    /// `from .pkg.mod import a, b as c` / `from x import (a,\n b)` / `from x import *`.
    private mutating func fromImport() {
        skipSpace(newlines: false)
        var dots = 0
        while i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            dots += 1
            i += 1
            skipSpace(newlines: false)
        }
        // The module's name is the dots and the dotted name after them.
        let kept = result.names.count
        result.names.append(contentsOf: repeatElement(UInt8(ascii: "."), count: dots))
        // `from . import x`: after the dots, `import` is the keyword, not a module's name.
        let afterDots = i
        if let name = dottedName(), dots > 0 && isImport(name) {
            i = afterDots
            drop(from: name.start)
        }
        guard result.names.count > kept else { return }
        let module = NameRange(start: kept, end: result.names.count)
        skipSpace(newlines: false)
        let start = i
        while i < bytes.count && ByteClass.startsWord(classOf(i)) { i += 1 }
        guard equals(start, i, "import") else { return drop(from: kept) }
        importList(module: module)
    }

    /// The names after `import`: dotted names with optional `as` names, comma-separated, up to
    /// the end of the logical line (or the closing parenthesis).
    private mutating func importList(module: NameRange?) {
        skipSpace(newlines: false)
        var parenthesized = false
        if i < bytes.count && bytes[i] == UInt8(ascii: "(") {
            parenthesized = true
            i += 1
        }
        while true {
            skipSpace(newlines: parenthesized)
            guard i < bytes.count else { return }
            let name: NameRange
            if bytes[i] == UInt8(ascii: "*") {
                i += 1
                result.names.append(UInt8(ascii: "*"))
                name = NameRange(start: result.names.count - 1, end: result.names.count)
            } else if let dotted = dottedName() {
                name = dotted
            } else {
                return
            }
            skipSpace(newlines: parenthesized)
            var alias: NameRange?
            let save = i
            if skipIdentifier(), equals(save, i, "as") {
                skipSpace(newlines: parenthesized)
                alias = identifier(allowBackticks: false)
            } else {
                i = save
            }
            result.importFacts.append(ImportFact(module: module, name: name, alias: alias))
            skipSpace(newlines: parenthesized)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ",") else { return }
            i += 1
        }
    }

    /// `class Name(Base, pkg.Other[T], metaclass=M):` — the name and the bases' dotted names.
    private mutating func classHeader(isTopLevel: Bool) {
        skipSpace(newlines: false)
        guard let name = identifier(allowBackticks: false) else { return }
        skipSpace(newlines: false)
        let bases = result.classBases.count
        if i < bytes.count && bytes[i] == UInt8(ascii: "(") {
            i += 1
            var depth = 0
            var expectingBase = true
            while i < bytes.count {
                skipSpace(newlines: true)
                guard i < bytes.count else { break }
                let b = bytes[i]
                if depth == 0 && expectingBase, ByteClass.startsWord(classes[Int(b)]), let dotted = dottedName() {
                    skipSpace(newlines: true)
                    // `metaclass=M` is a keyword, not a base.
                    if !(i < bytes.count && bytes[i] == UInt8(ascii: "=")) {
                        result.classBases.append(dotted)
                    } else {
                        drop(from: dotted.start)
                    }
                    expectingBase = false
                    continue
                }
                if ByteClass.isWordByte(classes[Int(b)]) {
                    // Any other word (in a subscript, a keyword's value) still counts as a word.
                    if !skipIdentifier() { i += 1 }
                    continue
                }
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 { i += 1; result.classFacts.append(ClassFact(name: name, bases: bases..<result.classBases.count, isTopLevel: isTopLevel)); return }
                    depth -= 1
                case UInt8(ascii: ","): if depth == 0 { expectingBase = true }
                default: break
                }
                i += 1
                if depth > 64 { break }
            }
        }
        result.classFacts.append(ClassFact(name: name, bases: bases..<result.classBases.count, isTopLevel: isTopLevel))
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
        guard i < bytes.count, ByteClass.startsWord(classOf(i)) else { return false }
        let start = i
        // The line end that ends the buffer stops it.
        repeat { i &+= 1 } while ByteClass.isWordByte(classOf(i))
        note(start: start, end: i)
        return true
    }

    /// Appends `bytes[start..<end]` to the facts' names.
    private mutating func keep(_ start: Int, _ end: Int) -> NameRange {
        let kept = result.names.count
        result.names.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        return NameRange(start: kept, end: result.names.count)
    }

    /// Forgets the names from `start` on (read, and then not kept in a fact).
    private mutating func drop(from start: Int) {
        result.names.removeLast(result.names.count - start)
    }

    /// The last name read as a String, no longer kept in the names (Swift's protocols and types).
    private mutating func take(_ name: NameRange) -> String {
        let text = result.string(name)
        drop(from: name.start)
        return text
    }

    private func isImport(_ name: NameRange) -> Bool {
        result.names[name.start..<name.end].elementsEqual("import".utf8)
    }

    /// An identifier, kept in the names.
    private mutating func identifier(allowBackticks: Bool) -> NameRange? {
        guard i < bytes.count else { return nil }
        if allowBackticks && bytes[i] == UInt8(ascii: "`") {
            let start = i + 1
            var end = start
            while end < bytes.count && ByteClass.isWordByte(classOf(end)) { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "`"), end > start else { return nil }
            i = end + 1
            note(start: start, end: end)
            return keep(start, end)
        }
        let start = i
        guard skipIdentifier() else { return nil }
        return keep(start, i)
    }

    private func hash(_ word: Range<Int>) -> UInt64 {
        var h = WordHash.seed
        for k in word { h = WordHash.step(h, base[k]) }
        return h
    }

    /// `a.b.c` (white space around the dots allowed, as Python does), kept in the names as its
    /// parts joined by dots (without the white space: the bytes as written when there is none).
    private mutating func dottedName() -> NameRange? {
        let start = i
        guard skipIdentifier() else { return nil }
        var name = keep(start, i)
        while true {
            let save = i
            skipSpace(newlines: false)
            guard i < bytes.count, bytes[i] == UInt8(ascii: ".") else { i = save; break }
            i += 1
            skipSpace(newlines: false)
            let partStart = i
            guard skipIdentifier() else { i = save; break }
            result.names.append(UInt8(ascii: "."))
            name.end = keep(partStart, i).end
        }
        return name
    }
}
