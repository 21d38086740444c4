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
    public var module: String
    /// The file's place in the run (the driver's file index): with `ProjectUniverse`, how the
    /// index tells which files it has and asks for the others.
    public var sourceIndex: Int32 = -1
    public internal(set) var strings: [String] = []
    /// `WordHash` of each string, made with the summary (on the worker that parsed the file):
    /// pass 2 groups calls by name through these instead of hashing the strings again.
    var hashes: [UInt64] = []
    var functions: [FunctionSummary] = []
    /// Python classes by qualified name, with their bases' qualified names (project bases are
    /// followed for `self.method()`).
    var classes: [ClassSummary] = []
    /// Python module-level imports (`bound name` → qualified name): `from .helpers import read_file`
    /// in a package's `__init__.py` makes `pkg.read_file` mean `pkg.helpers.read_file`.
    var moduleImports: [StringID: StringID] = [:]
    /// Swift types declared as protocols: a call through one is dynamic dispatch.
    var protocols: Set<StringID> = []
    var calls: [CallSite] = []

    /// Interning is per summary; `index` keeps lookups cheap while the summary is built.
    private var stringIndex: [String: StringID] = [:]

    public init(path: String, language: SourceLanguage, module: String) {
        self.path = path
        self.language = language
        self.module = module
    }

    mutating func intern(_ text: String) -> StringID {
        // One hash and one probe: the `default:` subscript inserts the next id when the text
        // is new and hands back what is stored either way (a lookup, then an insert, hashed
        // every new string twice; pass 1 interns some 150 new strings a file).
        let next = StringID(strings.count)
        let id = Self.stored(&stringIndex[text, default: next])
        if id == next { strings.append(text) }
        return id
    }

    @inline(__always) private static func stored(_ value: inout StringID) -> StringID { value }

    /// Room for about `count` strings in the build-time lookup table, so that it is not grown
    /// and rehashed step by step (it is dropped by `finish()`).
    mutating func reserveStrings(_ count: Int) {
        stringIndex.reserveCapacity(count)
    }

    func string(_ id: StringID) -> String { strings[Int(id)] }

    /// Drops the build-time lookup table: only the strings themselves travel to pass 2.
    mutating func finish() {
        stringIndex = [:]
        // The arrays grew by doubling; the summaries of a thousand files wait for pass 2, so
        // each keeps just its elements (`reserveCapacity` never shrinks).
        Self.shrink(&strings)
        Self.shrink(&functions)
        Self.shrink(&classes)
        Self.shrink(&calls)
        hashes = strings.map(WordHash.of)
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
    var line: Int32
    var column: Int32
    /// The first catalogued blocking call the body makes itself (AL101–AL107), as shown in a
    /// chain (`open()`), and where.
    var directBlocking: BlockingCallSummary?
}

struct BlockingCallSummary: Sendable {
    var description: StringID
    var line: Int32
    var column: Int32
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
        var rawValue: UInt8
        /// Made when the calling sync function runs (not in a nested function or an offloaded
        /// closure): it carries "blocks" to the caller.
        static let propagates = Role(rawValue: 1 << 0)
        /// Made in an async context: a blocking callee is an AL110 finding here.
        static let inAsyncContext = Role(rawValue: 1 << 1)
        /// Python: the whole value of an expression statement (AL202 if the callee is a coroutine).
        static let discardedValue = Role(rawValue: 1 << 2)
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
    /// The async function (or closure's function) the call runs in, for messages.
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
