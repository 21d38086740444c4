import LightSyntax

/// Pass 1's result for one file (DESIGN.md, "The pipeline"): what pass 2 needs to resolve calls
/// across files, and nothing else. The tree is gone once this exists, so every string is
/// interned once per file in `strings` and the records refer to it by index.
public struct FileSummary: Sendable {
    /// The path findings are reported under.
    public var path: String
    public var language: SourceLanguage
    /// Python: the dotted module (`pkg.sub.mod`, `pkg` for `pkg/__init__.py`); Swift: the SwiftPM
    /// target, else the directory.
    public var module: String {
        didSet { moduleHash = WordHash.of(module) }
    }
    /// `WordHash` of `module` (pass 2 keys resolutions by it).
    private(set) var moduleHash: UInt64
    /// The file's place in the run (the driver's file index): with `ProjectUniverse`, how the
    /// index tells which files it has and asks for the others.
    public var sourceIndex: Int32 = -1
    public internal(set) var strings: [String] = []
    /// `WordHash` of each string, made with the summary (on the worker that parsed the file):
    /// pass 2 groups calls by name through these instead of hashing the strings again.
    var hashes: [UInt64] = []
    var functions: [FunctionSummary] = []
    /// Swift, by function (its index in `functions`): when its `directBlocking` is a call that
    /// a declaration of the project would make the project's own (`usleep(…)` with a
    /// `func usleep` in another file of the module), the blocking calls after it, in order, up
    /// to the first that no declaration can change (one per declaration): the index takes the
    /// first that its module does not shadow. Here, not in each function: it is empty for
    /// nearly every one, and an array field was 8 bytes more for each of the Python corpus's
    /// 60,000 functions.
    var laterBlocking: [Int32: [BlockingCallSummary]] = [:]
    /// Python classes by qualified name, with their bases' qualified names (project bases are
    /// followed for `self.method()`).
    var classes: [ClassSummary] = []
    /// Python module-level imports (`bound name` → qualified name): `from .helpers import read_file`
    /// in a package's `__init__.py` makes `pkg.read_file` mean `pkg.helpers.read_file`.
    var moduleImports: [StringID: StringID] = [:]
    /// Swift types declared as protocols: a call through one is dynamic dispatch.
    var protocols: Set<StringID> = []
    /// Swift stored properties whose type has blocking members (`let lock = NSLock()`), per
    /// type: an extension of the type in another file calls `lock.lock()` on it.
    var propertyTypes: [PropertyTypeSummary] = []
    /// Swift: in an extension of a type the file does not declare, async code called a blocking
    /// member name (`lock()`) on a property the file cannot type (`lock`): the property's type
    /// is in another file (`propertyTypes` there), and the file is checked again knowing it.
    var unresolvedProperties: [PropertyTypeSummary] = []
    /// Swift types declared at file level (not extensions): in the module they shadow the
    /// system's types of the same name (`Finding.unlessProjectDeclares`).
    var declaredTypes: Set<StringID> = []
    /// Swift actors the file declares whose isolated sync methods run on the cooperative pool
    /// (no `unownedExecutor` of their own): an extension of one in another file of the module is
    /// actor code too (`CrossFileActors`).
    var poolActors: Set<StringID> = []
    /// Swift types the file extends without declaring them: one may be an actor of another file.
    var extendedTypes: Set<StringID> = []
    var calls: [CallSite] = []
    /// Python: module-level names bound to a value of a catalogue type (`http =
    /// requests.Session()`), by name → the type's name: another module's async code calling
    /// `http.get(...)` through an import blocks as the file's own would.
    var typedGlobals: [StringID: TypedGlobal] = [:]
    /// Python: the file's async library, which the advice of its findings names.
    var flavor: PythonLibraryFlavor = .asyncio

    /// Interning is per summary. While it is built, an open-addressing table over `hashes`
    /// finds a string's id: slot → id + 1, 0 for an empty slot; its size is a power of two at
    /// least twice the strings' count. (A `[String: StringID]` hashed every text with SipHash
    /// on top of the `WordHash` the summary keeps anyway: pass 1 interns some 230,000 texts on
    /// the Python corpus.)
    private var slots: [Int32] = []

    public init(path: String, language: SourceLanguage, module: String) {
        self.path = path
        self.language = language
        self.module = module
        self.moduleHash = WordHash.of(module)
    }

    mutating func intern(_ text: String) -> StringID {
        var text = text
        let hash = text.withUTF8 { WordHash.of(bytes: $0) }
        return intern(text, hash: hash)
    }

    /// `intern` of a text given as UTF-8 (valid: the bytes of other Strings): the String is
    /// made only when the text is new to the summary.
    mutating func intern(utf8 bytes: UnsafeBufferPointer<UInt8>) -> StringID {
        intern(hash: WordHash.of(bytes: bytes), matching: { Self.equals($0, bytes) },
               making: { String(decoding: bytes, as: UTF8.self) })
    }

    /// Whether a String's UTF-8 is these bytes (compared where the String keeps them).
    private static func equals(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { held in
            held.count == bytes.count && (held.isEmpty || memcmpEqual(held.baseAddress!, bytes.baseAddress!, held.count))
        } ?? text.utf8.elementsEqual(bytes)
    }

    @inline(__always) private static func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }

    /// The text's id, its `WordHash` given.
    private mutating func intern(_ text: String, hash: UInt64) -> StringID {
        intern(hash: hash, matching: { $0 == text }, making: { text })
    }

    /// The id of the text with this `WordHash` that `matching` accepts among the strings held,
    /// or of a new one `making` makes (open addressing in `slots`, ids plus one, 0 empty).
    @inline(__always)
    private mutating func intern(hash: UInt64, matching: (String) -> Bool, making: () -> String) -> StringID {
        if slots.count < 2 * (strings.count + 1) { resizeSlots(toHold: strings.count + 1) }
        let mask = slots.count - 1
        var slot = Self.slot(of: hash, mask: mask)
        while true {
            let held = slots[slot]
            if held == 0 { break }
            let id = Int(held - 1)
            if hashes[id] == hash && matching(strings[id]) { return StringID(id) }
            slot = (slot + 1) & mask
        }
        let id = StringID(strings.count)
        slots[slot] = id + 1
        strings.append(making())
        hashes.append(hash)
        return id
    }

    /// `intern(string(a) + separator + string(b))`: the text is made with one allocation and
    /// one copy of each part, and hashed on from `a`'s hash (FNV-1a folds the bytes in order),
    /// not again from its first byte. (Every function's and class's qualified name is made so.)
    mutating func intern(joining a: StringID, _ separator: StaticString, _ b: StringID) -> StringID {
        var first = strings[Int(a)], second = strings[Int(b)]
        let gap = UnsafeRawBufferPointer(start: separator.utf8Start, count: separator.utf8CodeUnitCount)
        var hash = hashes[Int(a)]
        for byte in gap { hash = WordHash.step(hash, byte) }
        second.withUTF8 { tail in for byte in tail { hash = WordHash.step(hash, byte) } }
        let count = first.utf8.count + gap.count + second.utf8.count
        let text = first.withUTF8 { head in
            second.withUTF8 { tail in
                String(unsafeUninitializedCapacity: count) { buffer in
                    let raw = UnsafeMutableRawBufferPointer(buffer)
                    raw.copyMemory(from: UnsafeRawBufferPointer(head))
                    UnsafeMutableRawBufferPointer(rebasing: raw[head.count...]).copyMemory(from: gap)
                    UnsafeMutableRawBufferPointer(rebasing: raw[(head.count + gap.count)...]).copyMemory(from: UnsafeRawBufferPointer(tail))
                    return count
                }
            }
        }
        return intern(text, hash: hash)
    }

    /// The first slot to probe: the hash's high bits after a multiply (FNV's low bits alone
    /// follow the last byte too closely).
    @inline(__always) private static func slot(of hash: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    private mutating func resizeSlots(toHold count: Int) {
        var size = 16
        while size < 2 * count { size *= 2 }
        guard size > slots.count else { return }
        var table = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Self.slot(of: hash, mask: mask)
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(id + 1)
        }
        slots = table
    }

    /// Room for about `count` strings in the build-time lookup table, so that it is not grown
    /// and rehashed step by step (it is dropped by `finish()`).
    mutating func reserveStrings(_ count: Int) {
        resizeSlots(toHold: count)
        strings.reserveCapacity(count)
        hashes.reserveCapacity(count)
    }

    func string(_ id: StringID) -> String { strings[Int(id)] }

    /// Drops the build-time lookup table: only the strings themselves travel to pass 2.
    mutating func finish() {
        slots = []
        // The arrays grew by doubling; the summaries of a thousand files wait for pass 2, so
        // each keeps just its elements (`reserveCapacity` never shrinks).
        Self.shrink(&strings)
        Self.shrink(&functions)
        Self.shrink(&classes)
        Self.shrink(&calls)
        Self.shrink(&hashes)
    }

    private static func shrink<Element>(_ array: inout [Element]) {
        guard array.capacity > array.count + array.count / 8 + 4 else { return }
        var exact: [Element] = []
        exact.reserveCapacity(array.count)
        exact.append(contentsOf: array)
        array = exact
    }

    /// `WordHash` of a string: a 64-bit name for grouping (a collision only makes pass 2 look at
    /// a call more; what the call resolves to is still decided by its text).
    func hash(_ id: StringID) -> UInt64 {
        Int(id) < hashes.count ? hashes[Int(id)] : WordHash.of(strings[Int(id)])
    }

    /// Whether the file declares this at file level (a free function, a type that is no
    /// extension): see `Finding.unlessProjectDeclares`.
    public func declares(_ declaration: ProjectDeclaration) -> Bool {
        switch declaration {
        case .function(let name):
            return functions.contains { $0.owner == nil && !$0.isGetter && strings[Int($0.name)] == name }
        case .type(let name):
            return declaredTypes.contains { strings[Int($0)] == name }
        }
    }

    /// The declaration that would make a blocking call the project's own (`BlockingCallSummary.unlessDeclared`).
    func shadowingDeclaration(_ call: BlockingCallSummary) -> ProjectDeclaration? {
        guard call.isShadowable else { return nil }
        let name = string(call.unlessDeclared)
        return call.unlessDeclaredIsType ? .type(name) : .function(name)
    }

    public var hasUnresolvedProperties: Bool { !unresolvedProperties.isEmpty }

    /// `unresolvedProperties` as (type, property) names.
    public var unresolvedPropertyNames: [(type: String, property: String)] {
        unresolvedProperties.map { (strings[Int($0.owner)], strings[Int($0.name)]) }
    }

    /// The types of the stored properties of `type` recorded in `propertyTypes`, by name.
    public func propertyTypes(of type: String) -> [String: String] {
        var found: [String: String] = [:]
        for property in propertyTypes where strings[Int(property.owner)] == type {
            found[strings[Int(property.name)]] = strings[Int(property.type)]
        }
        return found
    }

    public var functionCount: Int { functions.count }
    public var callCount: Int { calls.count }
}

typealias StringID = Int32

/// Catalogued calls that count when written in async code (AL101–AL107) but do not make the
/// function around them "block" for AL110. On the corpora they were what almost every chain
/// ended in, and none of them stalls: a mutex held for a critical section (the pattern NIO's
/// and Foundation's locks implement, and what RULES.md recommends instead of awaiting under a
/// lock), creating a socket (connecting is what blocks), and importing an already imported
/// module (a dictionary lookup after the first time).
enum PropagationExemptions {
    static let apis: Set<String> = [
        "pthread_mutex_lock(_:)", "pthread_mutex_unlock(_:)", "os_unfair_lock_lock(_:)",
        "NSLock.lock()", "NSLock.unlock()", "NSRecursiveLock.lock()", "NSRecursiveLock.unlock()",
        "socket.socket()", "socket.socketpair()", "importlib.import_module()",
    ]
}

/// A module-level Python value of a catalogue type, and where it is bound.
struct TypedGlobal: Sendable {
    var type: StringID
    var line: Int32
    var column: Int32
}

/// A function or method the file defines.
struct FunctionSummary: Sendable {
    /// The name as called (`read_file`, `sleep`).
    var name: StringID
    /// Python: `module.Class.method`; Swift: `Type.method` or `function`.
    var qualifiedName: StringID
    /// Swift: the type whose member it is (with its extensions); Python: the class's qualified name.
    var owner: StringID?
    /// Swift parameters as `label` or `label=` (has a default value); `_` for no label.
    var parameters: [StringID] = []
    var isAsync: Bool
    /// Python: an `async def` that the missing-await rule treats as a coroutine function.
    var isCoroutine: Bool = false
    /// Python: a sync `def` that a decorator other than the transparent ones wraps. Awaiting
    /// its call (`await checksum(p)`) says the decorator made it async (the project's own
    /// `@run_in_thread`): no AL110 there. An undecorated `def` that returns an awaitable still
    /// runs its body on the loop when called.
    var isWrapped: Bool = false
    /// Python: a property's setter or deleter (`@name.setter`): it shares the getter's qualified
    /// name, and a read of the property (`CallSite.Role.propertyRead`) runs the getter only.
    var isPropertySetter: Bool = false
    /// Python: a sync generator function: a call runs none of its body; iterating what it
    /// returns does (`CallSite.Role.iterated`).
    var isGenerator: Bool = false
    /// Swift: the getter of a computed property (`var config: Config { … }`, named `config`) or
    /// of a subscript (named `subscript`, its parameters the subscript's): a read, not a call,
    /// runs it. (The flags together: they share the padding before `line`.)
    var isGetter: Bool = false
    var line: Int32
    var column: Int32
    /// The first catalogued blocking call the body makes itself (AL101–AL107), as shown in a
    /// chain (`open()`), and where.
    var directBlocking: BlockingCallSummary?
}

/// A stored property of a type: `type` is its value's type (unused in `unresolvedProperties`).
struct PropertyTypeSummary: Sendable, Equatable {
    var owner: StringID
    var name: StringID
    var type: StringID
}

struct BlockingCallSummary: Sendable {
    var description: StringID
    var line: Int32
    var column: Int32
    /// Swift: the name of the declaration that, made by the project in the module, would make
    /// the call the project's own (`Finding.unlessProjectDeclares`); -1 for none.
    var unlessDeclared: StringID = -1
    /// With `unlessDeclared`: a type (`class Thread`), else a free function (`func usleep`).
    var unlessDeclaredIsType = false

    /// Whether a declaration of the project may make the call not the catalogued API.
    var isShadowable: Bool { unlessDeclared >= 0 }
}

struct ClassSummary: Sendable {
    var qualifiedName: StringID
    var bases: [StringID]
}

/// A call that may reach a project function, with the callee as far as the file can tell.
struct CallSite: Sendable {
    enum Target: Sendable {
        /// Python: a name resolved through this file's imports, made absolute (`pkg.helpers.read_file`).
        case qualified(StringID)
        /// Python: `self.method()` (or `cls.method()`) in a class: the class's qualified name.
        case method(owner: StringID, name: StringID)
        /// Swift: `self.f(…)`, `Type.f(…)`: a member of that type (or its extensions).
        case member(type: StringID, name: StringID, labels: StringID, trailingClosures: Int8)
        /// Swift: a bare `f(…)`: a method of the enclosing type if it has one, else a free function.
        case bare(enclosingType: StringID?, name: StringID, labels: StringID, trailingClosures: Int8)
    }

    struct Role: OptionSet, Sendable {
        // (Two bytes: they fit in the padding between `name` and `caller`.)
        var rawValue: UInt16
        /// Made when the calling sync function runs (not in a nested function or an offloaded
        /// closure): it carries "blocks" to the caller.
        static let propagates = Role(rawValue: 1 << 0)
        /// Made in an async context: a blocking callee is an AL110 finding here.
        static let inAsyncContext = Role(rawValue: 1 << 1)
        /// Python: the whole value of an expression statement (AL202 if the callee is a coroutine).
        static let discardedValue = Role(rawValue: 1 << 2)
        /// Python: awaited (`await f()`): with a wrapping decorator on the callee, no AL110
        /// (`FunctionSummary.isWrapped`).
        static let awaited = Role(rawValue: 1 << 3)
        /// Python, with `discardedValue`: only tested for truth (`if is_ready():`).
        static let truthTested = Role(rawValue: 1 << 4)
        /// Python: the argument of an offload API (`asyncio.to_thread(load(p))`): the call runs
        /// right here, before anything is offloaded.
        static let offloadArgument = Role(rawValue: 1 << 5)
        /// Python: a callback the event loop calls (`loop.call_soon(cb)`, `PythonLoopCallbacks`),
        /// or a call a `lambda` callback makes: it runs on the loop's thread (with
        /// `inAsyncContext`); `context` is then the scheduling call (`loop.call_soon`).
        static let loopCallback = Role(rawValue: 1 << 6)
        /// No call but a read that runs a getter. Swift: a property (`store.config`, `config`)
        /// or a subscript (`store[key]`, named `subscript`), matched by getters only
        /// (`FunctionSummary.isGetter`). Python: a property of the class of `self`
        /// (`self.settings`, a `@property` or `@cached_property` of the file).
        static let propertyRead = Role(rawValue: 1 << 7)
        /// Python: the call's result is iterated where it is made (`for x in f()`, `list(f())`,
        /// a comprehension's iterable, `yield from f()`): only then does a generator
        /// function's body run (`FunctionSummary.isGenerator`).
        static let iterated = Role(rawValue: 1 << 8)
    }

    var target: Target
    /// The called function's own name (`read_file` for `helpers.read_file`): pass 2 resolves
    /// only the calls that name a blocking or coroutine function.
    var name: StringID
    var role: Role
    /// The calling function (an index into `functions`), or -1 at top level.
    var caller: Int32
    /// The callee as written (`helpers.read_file`), for messages.
    var written: StringID
    /// The async function (or closure's function) the call runs in, for messages; for a
    /// `loopCallback`, the call that scheduled it.
    var context: StringID?
    var startLine: Int32
    var startColumn: Int32
    var endLine: Int32
    var endColumn: Int32

    var range: SourceRange {
        SourceRange(start: SourceLocation(line: Int(startLine), column: Int(startColumn)),
                    end: SourceLocation(line: Int(endLine), column: Int(endColumn)))
    }
}

/// Stored property types across the files of a Swift module (review 4, #2): an extension in
/// `Repo+Async.swift` calls `lock.lock()` on a property that `Repo.swift` declares.
public enum CrossFileProperties {
    /// The property types that other files of the module record for the properties `summary`
    /// left unresolved (type → property → its type); empty when none is known.
    public static func properties(for summary: FileSummary, among summaries: [FileSummary]) -> [String: [String: String]] {
        let wanted = summary.unresolvedPropertyNames
        guard !wanted.isEmpty else { return [:] }
        var found: [String: [String: String]] = [:]
        for other in summaries where other.language == .swift && other.module == summary.module
            && other.path != summary.path && !other.propertyTypes.isEmpty {
            for (type, property) in wanted {
                if let typeName = other.propertyTypes(of: type)[property] { found[type, default: [:]][property] = typeName }
            }
        }
        return found
    }
}

/// Actors across the files of a Swift module: an `extension MyActor` in another file than
/// `actor MyActor` is actor code (its isolated sync methods run on the pool) as it is in the
/// same file.
public enum CrossFileActors {
    /// The pool actors (no executor of their own) that each module's files declare.
    public static func actorsByModule(_ summaries: [FileSummary]) -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        for summary in summaries where summary.language == .swift && !summary.poolActors.isEmpty {
            for actor in summary.poolActors { found[summary.module, default: []].insert(summary.string(actor)) }
        }
        return found
    }

    /// The actors of other files of its module that a summarized file extends.
    public static func actors(for summary: FileSummary, in actorsByModule: [String: Set<String>]) -> Set<String> {
        guard summary.language == .swift, !summary.extendedTypes.isEmpty,
              let actors = actorsByModule[summary.module] else { return [] }
        var found: Set<String> = []
        for type in summary.extendedTypes where actors.contains(summary.string(type)) { found.insert(summary.string(type)) }
        return found
    }
}
