import LightSyntax

/// Pass 2 (DESIGN.md): every file's `FileSummary` together. Resolves calls to the project's own
/// functions across files, computes which sync functions block (transitively, as a fixpoint
/// over the call graph) and reports AL110 (a blocking project function called in an async
/// context) and, for Python, AL202 across files (a project coroutine function called as a
/// statement). Precision first: a call that may mean several functions that disagree, or that
/// dispatches through a protocol, stays silent.
///
/// The driver parses only the files where a per-file rule may fire (see `SourceScan`) and hands
/// their summaries over with a `ProjectUniverse` describing the rest. `filesToLoad()` then names
/// the other files the findings depend on: those defining what calls in async code reach,
/// transitively, and those that may call a project coroutine function as a statement. The
/// driver summarizes them and builds the index again, until nothing more is asked for.
public struct ProjectIndex {
    private(set) var summaries: [FileSummary]
    let catalogue: RuleCatalogue
    let universe: ProjectUniverse
    /// The files (`FileSummary.sourceIndex`) already summarized.
    public private(set) var loaded: Set<Int32>
    /// Files the resolutions so far would have needed (see `filesToLoad`).
    let demand = DemandLog()
    /// `filesToLoad`'s walk over the call graph, kept from round to round.
    var walk = DemandWalk()
    /// User-marked (configuration `blockingFunctions`): qualified names that block although the
    /// index cannot see why (a C extension, a library helper).
    let blockingFunctions: Set<String>
    /// User-marked (configuration `safeFunctions`): project functions that never count as
    /// blocking (a helper that only blocks on a cold path), so nothing propagates through them.
    let safeFunctions: Set<String>
    /// The findings wanted: a rule left out asks for no file and computes nothing of its own.
    let rules: ProjectRules

    /// A function anywhere in the project: its file and its index in that file's summary.
    struct FunctionRef: Hashable, Sendable {
        var file: Int32
        var function: Int32
    }

    /// Why a sync function blocks: the first hop of its chain.
    enum BlockingReason: Sendable {
        case direct(BlockingCallSummary, file: Int32)
        case marked(String)
        case calls(FunctionRef)
        /// A call to a library function the user marked as blocking.
        case callsMarked(String, file: Int32, line: Int32, column: Int32)
        /// A blocking method of another module's typed value (`http.get(...)` after
        /// `from .deps import http`): the value's hop, then the method's at the call.
        case callsValue(ChainHop, method: String, file: Int32, line: Int32, column: Int32)
    }

    /// Keyed by the names' `WordHash`, which the summaries carry (made on the workers): the
    /// tables hold tens of thousands of qualified names, and hashing each of them as a String
    /// (SipHash, 600 instructions a lookup) was half of building them on the serial path.
    /// Python functions by the `WordHash` of their qualified name alone (`pythonFunctions(named:)`
    /// tells two names of one hash apart by their text): 24 bytes a slot instead of 40 with the
    /// name's String in the key, 1 MB of the Python corpus's peak.
    private var pythonFunctionGroups: [UInt64: FunctionGroup] = [:]
    private var pythonClasses: [HashedText: [String]] = [:]
    /// The file (`sourceIndex`) each module and class was taken from: the last in file order
    /// wins, also when files arrive out of order (`add`).
    private var pythonModuleSource: [HashedText: Int32] = [:]
    private var pythonClassSource: [HashedText: Int32] = [:]
    private var pythonModules: [HashedText: Int32] = [:]
    private var swiftMembers: [String: [FunctionRef]] = [:]
    private var swiftFreeFunctions: [String: [FunctionRef]] = [:]
    private var swiftProtocols: Set<String> = []
    /// The keys (`SwiftDeclarationScan.memberKey` of the owner's last name, `freeKey`) of every
    /// getter of the project: the summaries' and those the scans of the other files may hold
    /// (`ProjectUniverse.swiftGetterKeys`). A property read that none of them can answer is
    /// dropped from its summary (`dropUnanswerableReads`).
    private var swiftGetterKeys = HashFilter()
    /// Declarations of the project that make catalogued calls the project's own, per module
    /// (`firstBlockingCall`).
    private var shadowedDeclarations: Set<ModuleDeclaration> = []
    /// The declarations the summaries' shadowable blocking calls name (`collectShadowedDeclarations`).
    private var shadowingCandidates: Set<ModuleDeclaration> = []
    /// Why each sync function blocks; filled by `computeBlocking`.
    private(set) var blocking = BlockingTable()
    private var blockingComputed = false
    /// The names of calls that construct a class whose `__init__` blocks (the class's and its
    /// inheriting subclasses'), found by the fixpoint: AL110 candidates besides the blocking
    /// functions' own names.
    private var constructingNames: Set<UInt64> = []
    /// `WordHash` of every name a summary types at module level (`FileSummary.typedGlobals`),
    /// made by `computeBlocking`: a call whose callee's next-to-last name is none of them is no
    /// call on such a value, told without making a String.
    private var typedGlobalNames: Set<UInt64> = []
    /// `WordHash` of every blocking method of those values' types, or nil when one of the types
    /// blocks in any method (a redis client): the cheaper test, on the call's own name.
    private var typedGlobalMethods: Set<UInt64>? = []
    /// Per user-marked name list, whether it is empty: most runs have none, and then no
    /// function's names need to be spelled out.
    private var hasUserMarks: Bool { !blockingFunctions.isEmpty || !safeFunctions.isEmpty }
    /// What each AL110 / AL202 candidate call resolves to, kept from the fixpoint's pass over
    /// the calls so the findings do not resolve them again (file → call → callees).
    private var resolvedCandidates: [[Int32: [FunctionRef]]] = []
    /// Resolutions by what they depend on (`cacheKey`), for the fixpoint and the findings.
    private var qualifiedCache: [ResolutionKey: [FunctionRef]] = [:]

    /// Without a universe the summaries are the whole project.
    public init(summaries: [FileSummary], catalogue: RuleCatalogue, blockingFunctions: [String] = [],
                safeFunctions: [String] = [], universe: ProjectUniverse = ProjectUniverse(),
                rules: ProjectRules = .all) {
        self.summaries = summaries
        self.catalogue = catalogue
        self.rules = rules
        self.blockingFunctions = Set(blockingFunctions)
        self.safeFunctions = Set(safeFunctions)
        self.universe = universe
        self.loaded = Set(summaries.map(\.sourceIndex))
        buildTables()
    }

    // MARK: Tables

    /// Summaries of more files (those `filesToLoad` asked for). They may come in any order:
    /// every list of candidates is kept in file order (`sourceIndex`) and the fixpoint and the
    /// findings visit the files in that order, so the chains are those of an index built from
    /// every summary at once.
    public mutating func add(_ more: [FileSummary]) {
        let start = summaries.count
        summaries += more
        for summary in more { loaded.insert(summary.sourceIndex) }
        buildTables(from: start)
        qualifiedCache = [:]
    }

    private mutating func buildTables(from start: Int = 0) {
        if start == 0 {
            swiftProtocols = universe.swiftProtocols
            swiftGetterKeys = universe.swiftGetterKeys
        }
        dropUnanswerableReads(from: start)
        // Room for every new function up front: the tables were rehashed a dozen times over
        // while they grew to tens of thousands of names.
        var newFunctions = 0, newClasses = 0
        for f in start..<summaries.count {
            newFunctions += summaries[f].functions.count
            newClasses += summaries[f].classes.count
        }
        pythonFunctionGroups.reserveCapacity(pythonFunctionGroups.count + newFunctions)
        pythonClasses.reserveCapacity(pythonClasses.count + newClasses)
        pythonClassSource.reserveCapacity(pythonClassSource.count + newClasses)
        let order = summaries.map(\.sourceIndex)
        func appendInFileOrder(_ ref: FunctionRef, to list: inout [FunctionRef]) {
            Self.insertInFileOrder(ref, into: &list, sourceIndex: order)
        }
        for f in start..<summaries.count {
            let summary = summaries[f]
            let file = Int32(f)
            switch summary.language {
            case .python:
                let module = HashedText(text: summary.module, hash: summary.moduleHash)
                if (pythonModuleSource[module] ?? -1) <= summary.sourceIndex {
                    pythonModules[module] = file
                    pythonModuleSource[module] = summary.sourceIndex
                }
                // A property's setter is never called by its name: a read runs the getter.
                for (i, function) in summary.functions.enumerated() where !function.isPropertySetter {
                    let ref = FunctionRef(file: file, function: Int32(i))
                    pythonFunctionGroups[summary.hash(function.qualifiedName), default: FunctionGroup()].add(ref, sourceIndex: order)
                }
                for cls in summary.classes {
                    let name = summary.hashedText(cls.qualifiedName)
                    if (pythonClassSource[name] ?? -1) <= summary.sourceIndex {
                        pythonClasses[name] = cls.bases.map(summary.string)
                        pythonClassSource[name] = summary.sourceIndex
                    }
                }
            case .swift:
                for p in summary.protocols { swiftProtocols.insert(summary.string(p)) }
                for (i, function) in summary.functions.enumerated() {
                    let ref = FunctionRef(file: file, function: Int32(i))
                    let name = summary.string(function.name)
                    if let owner = function.owner {
                        appendInFileOrder(ref, to: &swiftMembers[summary.string(owner) + "." + name, default: []])
                    } else {
                        appendInFileOrder(ref, to: &swiftFreeFunctions[name, default: []])
                    }
                }
            }
        }
        collectShadowedDeclarations(from: start)
    }

    /// Drops from the new summaries the Swift property reads that no getter of the project can
    /// answer: pass 1 records a read wherever a getter might run (`self.count`, `store.config`,
    /// a bare `config`), some 11,000 on the Swift corpus, while the project declares getters of
    /// few of those names in the receiver's type, and a read resolves to getters only
    /// (`matching`). A read of `Type.name` needs a getter keyed by the type's last name and
    /// `name`, a bare `name` a free one or one of the enclosing type's, as `resolve` and the
    /// demand look for them; what is dropped would resolve to nothing and ask for no file.
    private mutating func dropUnanswerableReads(from start: Int) {
        var hasReads = false
        for f in start..<summaries.count where summaries[f].language == .swift {
            for i in summaries[f].functions.indices where summaries[f].functions[i].isGetter {
                let function = summaries[f].functions[i]
                let name = summaries[f].hash(function.name)
                swiftGetterKeys.insert(function.owner.map { WordHash.pair(Self.lastPartHash(summaries[f], $0), name) } ?? name)
            }
            hasReads = hasReads || summaries[f].calls.contains { $0.role.contains(.propertyRead) }
        }
        guard hasReads else { return }
        let keys = swiftGetterKeys
        for f in start..<summaries.count where summaries[f].language == .swift
            && summaries[f].calls.contains(where: { $0.role.contains(.propertyRead) }) {
            let summary = summaries[f]
            summaries[f].calls.removeAll { call in
                guard call.role.contains(.propertyRead) else { return false }
                switch call.target {
                case .member(let type, let name, _, _):
                    return !keys.mayContain(WordHash.pair(Self.lastPartHash(summary, type), summary.hash(name)))
                case .bare(let enclosing, let name, _, _):
                    let nameHash = summary.hash(name)
                    if keys.mayContain(nameHash) { return false }
                    guard let enclosing else { return true }
                    return !keys.mayContain(WordHash.pair(Self.lastPartHash(summary, enclosing), nameHash))
                case .qualified, .method:
                    return false
                }
            }
        }
    }

    /// `WordHash` of a type name's last part (`Outer.Inner` → `Inner`), as the scans key members.
    private static func lastPartHash(_ summary: FileSummary, _ type: StringID) -> UInt64 {
        let hasDot = summary.strings[Int(type)].utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains(UInt8(ascii: "."))
        } ?? true
        return hasDot ? WordHash.of(lastPart(summary.string(type))) : summary.hash(type)
    }

    /// The functions of one Python qualified name, in file order: nearly always one, kept without
    /// an array of its own (tens of thousands of names: an array each was a heap block each to
    /// make on the serial path, hold through pass 2, and free).
    /// (Made empty and added to in place, `table[name, default: FunctionGroup()].add(…)`: one
    /// hash a function.)
    struct FunctionGroup {
        /// File -1 while the group is empty; a table holds no empty group.
        private var first = FunctionRef(file: -1, function: -1)
        private var more: [FunctionRef] = []

        var functions: [FunctionRef] { first.file < 0 ? [] : [first] + more }

        /// Adds a function, in file order (see `insertInFileOrder`).
        mutating func add(_ ref: FunctionRef, sourceIndex: [Int32]) {
            if first.file < 0 {
                first = ref
                return
            }
            var all = functions
            ProjectIndex.insertInFileOrder(ref, into: &all, sourceIndex: sourceIndex)
            first = all[0]
            more = Array(all.dropFirst())
        }
    }

    /// Inserts behind every candidate of an earlier file (or an earlier function of the same
    /// file): files mostly arrive in order, so this is mostly an append.
    static func insertInFileOrder(_ ref: FunctionRef, into list: inout [FunctionRef], sourceIndex: [Int32]) {
        func precedes(_ a: FunctionRef, _ b: FunctionRef) -> Bool {
            let ka = sourceIndex[Int(a.file)], kb = sourceIndex[Int(b.file)]
            if ka != kb { return ka < kb }
            return a.file != b.file ? a.file < b.file : a.function < b.function
        }
        var k = list.count
        while k > 0 && precedes(ref, list[k - 1]) { k -= 1 }
        list.insert(ref, at: k)
    }

    /// Positions in `summaries` in file order (`sourceIndex`, then position): the order an index
    /// built from every summary at once would visit them in.
    func fileOrder() -> [Int] {
        summaries.indices.sorted { a, b in
            let ka = summaries[a].sourceIndex, kb = summaries[b].sourceIndex
            return ka != kb ? ka < kb : a < b
        }
    }

    func function(_ ref: FunctionRef) -> FunctionSummary { summaries[Int(ref.file)].functions[Int(ref.function)] }

    /// How a function is named in messages and chains and in the user's lists: Python's
    /// qualified name without the module (`Store.load`, `read_file`), Swift's `Type.method`.
    func displayName(_ ref: FunctionRef) -> String {
        let summary = summaries[Int(ref.file)]
        let q = summary.string(function(ref).qualifiedName)
        if summary.language == .python, !summary.module.isEmpty, q.hasPrefix(summary.module + ".") {
            return String(q.dropFirst(summary.module.count + 1))
        }
        return q
    }

    /// The names a user may write for a function in `blockingFunctions` / `safeFunctions`.
    private func userNames(_ ref: FunctionRef) -> [String] {
        if !hasUserMarks { return [] }
        let summary = summaries[Int(ref.file)]
        let q = summary.string(function(ref).qualifiedName)
        return summary.language == .python ? [q] : [q, summary.module + "." + q]
    }

    // MARK: Resolution

    /// The project functions a call may mean; empty when it means none of them (a library call)
    /// or cannot be told (a protocol requirement).
    mutating func resolveCaching(_ call: CallSite, in file: Int32) -> [FunctionRef] {
        let key = cacheKey(call, in: file)
        if let known = qualifiedCache[key] { return known }
        let found = resolve(call, in: file)
        qualifiedCache[key] = found
        return found
    }

    /// What a call's resolution depends on: a name is called from many places. The texts are
    /// the summaries' own strings, shared, not concatenated, and hashed by the `WordHash` each
    /// summary keeps for them (hashing the texts again was most of a lookup).
    enum ResolutionKey: Hashable {
        case qualified(HashedText)
        /// `isRead`: a property read, which only getters match.
        case method(owner: HashedText, name: HashedText, isRead: Bool)
        case swift(SwiftCall)

        /// One word for the hasher, mixed from the parts' `WordHash`es: feeding every part
        /// (six for a Swift call) made hashing a key most of a demand-walk step. Equality still
        /// compares the texts.
        func hash(into hasher: inout Hasher) {
            switch self {
            case .qualified(let name):
                hasher.combine(name.hash)
            case .method(let owner, let name, let isRead):
                hasher.combine(WordHash.pair(owner.hash, name.hash) ^ (isRead ? 3 : 1))
            case .swift(let call):
                var mixed = WordHash.pair(call.type?.hash ?? 2, call.name.hash)
                mixed = WordHash.pair(mixed, call.labels.hash)
                mixed = WordHash.pair(mixed, call.module.hash)
                mixed = WordHash.pair(mixed, UInt64(UInt8(bitPattern: call.trailingClosures)) << 2
                                      | (call.isRead ? 2 : 0) | (call.isMember ? 1 : 0))
                hasher.combine(mixed)
            }
        }
    }

    /// A summary's string with its `WordHash`: equal texts have equal hashes, so `==` compares
    /// the texts only when the hashes agree, and hashing feeds the 64 bits alone.
    struct HashedText: Hashable {
        var text: String
        var hash: UInt64

        init(text: String, hash: UInt64) {
            self.text = text
            self.hash = hash
        }

        init(_ text: String) { self.init(text: text, hash: WordHash.of(text)) }

        static func == (a: HashedText, b: HashedText) -> Bool { a.hash == b.hash && a.text == b.text }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    struct SwiftCall: Hashable {
        /// `Type.name(…)` (members only), not a bare `name(…)` (members, then free functions).
        var isMember: Bool
        /// A member call's type; a bare call's enclosing type, nil outside one.
        var type: HashedText?
        var name: HashedText
        var labels: HashedText
        var trailingClosures: Int8
        /// A bare call's file's module (its own module's free functions come first); "" for
        /// a member call.
        var module: HashedText
        /// A read of a property or subscript (`CallSite.Role.propertyRead`), which only getters match.
        var isRead: Bool
    }

    func cacheKey(_ call: CallSite, in file: Int32) -> ResolutionKey {
        // The arrays alone: a copy of the whole summary retains every one of its arrays.
        let strings = summaries[Int(file)].strings, hashes = summaries[Int(file)].hashes
        func text(_ id: StringID) -> HashedText {
            let i = Int(id)
            return HashedText(text: strings[i], hash: i < hashes.count ? hashes[i] : WordHash.of(strings[i]))
        }
        switch call.target {
        case .qualified(let q): return .qualified(text(q))
        case .method(let owner, let name):
            return .method(owner: text(owner), name: text(name), isRead: call.role.contains(.propertyRead))
        case .member(let type, let name, let labels, let trailing):
            return .swift(SwiftCall(isMember: true, type: text(type), name: text(name), labels: text(labels),
                                    trailingClosures: trailing, module: HashedText(text: "", hash: WordHash.seed),
                                    isRead: call.role.contains(.propertyRead)))
        case .bare(let enclosing, let name, let labels, let trailing):
            return .swift(SwiftCall(isMember: false, type: enclosing.map(text), name: text(name), labels: text(labels),
                                    trailingClosures: trailing,
                                    module: HashedText(text: summaries[Int(file)].module, hash: summaries[Int(file)].moduleHash),
                                    isRead: call.role.contains(.propertyRead)))
        }
    }

    func resolve(_ call: CallSite, in file: Int32) -> [FunctionRef] {
        // The strings alone: a copy of the whole summary retains every one of its arrays.
        let strings = summaries[Int(file)].strings
        func string(_ id: StringID) -> String { strings[Int(id)] }
        switch call.target {
        case .qualified(let q):
            return resolvePython(string(q), depth: 0)
        case .method(let owner, let name):
            var visited: [String] = []
            let found = resolvePythonMethod(string(name), inClass: string(owner), visited: &visited)
            // `self.data` runs the getter of a property `data`, never a method of that name.
            return call.role.contains(.propertyRead) ? found.filter { function($0).isGetter } : found
        case .member(let type, let name, let labels, let trailing):
            let typeName = string(type)
            if swiftProtocols.contains(typeName) { return [] }
            let arguments = SwiftCallLabels(string(labels), trailingClosures: Int(trailing))
            let getters = call.role.contains(.propertyRead)
            demandSwiftMembers(of: typeName, named: string(name), arguments: arguments, getters: getters)
            return matching(swiftMembers[typeName + "." + string(name)] ?? [], arguments, getters: getters)
        case .bare(let enclosing, let name, let labels, let trailing):
            let nameText = string(name)
            let arguments = SwiftCallLabels(string(labels), trailingClosures: Int(trailing))
            let getters = call.role.contains(.propertyRead)
            demandSwiftFunctions(named: nameText, enclosingType: enclosing.map(string), arguments: arguments, getters: getters)
            if let enclosing {
                let typeName = string(enclosing)
                let members = matching(swiftMembers[typeName + "." + nameText] ?? [], arguments, getters: getters)
                // Inside a protocol extension an implicit-self call dispatches dynamically.
                if swiftProtocols.contains(typeName) && !members.isEmpty { return [] }
                if !members.isEmpty { return members }
            }
            let free = matching(swiftFreeFunctions[nameText] ?? [], arguments, getters: getters)
            // The file's own module first, as Swift's name lookup does.
            let module = summaries[Int(file)].module
            let local = free.filter { summaries[Int($0.file)].module == module }
            return local.isEmpty ? free : local
        }
    }

    private func resolvePython(_ q: String, depth: Int) -> [FunctionRef] {
        demandPythonModules(containing: q, calling: true)
        let found = pythonFunctions(named: q)
        if !found.isEmpty { return found }
        guard depth < 8 else { return [] }
        // `pkg.read_file` where `pkg/__init__.py` says `from .helpers import read_file`.
        // The prefixes are slices of `q` at its dots, longest first (no parts array is built:
        // this runs for every call the walk resolves).
        let utf8 = q.utf8
        var dot = utf8.lastIndex(of: UInt8(ascii: "."))
        while let end = dot {
            let prefix = String(q[..<end])
            let afterDot = utf8.index(after: end)
            if let file = pythonModules[HashedText(prefix)] {
                let summary = summaries[Int(file)]
                let rest = q[afterDot...]
                let nextDot = rest.utf8.firstIndex(of: UInt8(ascii: "."))
                let part = nextDot.map { rest[..<$0] } ?? rest
                for (bound, target) in summary.moduleImports where summary.string(bound) == part {
                    // The target, then what followed the bound name (`.rest` with its dot).
                    let tail = nextDot.map { String(q[$0...]) } ?? ""
                    return resolvePython(summary.string(target) + tail, depth: depth + 1)
                }
                // `Config(...)`: constructing a class runs its `__init__`.
                if nextDot == nil, pythonClasses[HashedText(q)] != nil {
                    var visited: [String] = []
                    return resolvePythonMethod("__init__", inClass: q, visited: &visited)
                }
                return []
            }
            // A module of the run not summarized: it imports nothing this name runs through
            // (else `demandPythonModules` asked for it), and the longest module decides, as
            // in an index of every file. A module's name through a namespace package is its
            // own name again.
            if universe.pythonModules[prefix] != nil {
                if let module = universe.pythonModuleAliases[prefix] {
                    return resolvePython(module + q[end...], depth: depth + 1)
                }
                return []
            }
            dot = utf8[..<end].lastIndex(of: UInt8(ascii: "."))
        }
        return []
    }

    /// A method of a class or, failing that, of its project bases in order (Python's MRO,
    /// simplified to a depth-first search).
    private func resolvePythonMethod(_ name: String, inClass cls: String, visited: inout [String]) -> [FunctionRef] {
        // A short list: a class's bases are a handful deep, and a Set hashed every name.
        guard !visited.contains(cls), visited.count < 32 else { return [] }
        visited.append(cls)
        demandPythonModules(containing: cls)
        // `super().save()` names the base as the class's file imports it: a package's re-export,
        // or a name through a namespace package.
        if pythonClasses[HashedText(cls)] == nil, let resolved = resolvedClassName(cls), resolved != cls {
            return resolvePythonMethod(name, inClass: resolved, visited: &visited)
        }
        let found = pythonFunctions(named: cls + "." + name)
        if !found.isEmpty { return found }
        for base in pythonClasses[HashedText(cls)] ?? [] {
            demandPythonModules(containing: base)
            let resolved = pythonClasses[HashedText(base)] != nil ? base : resolvedClassName(base)
            guard let resolved else { continue }
            let found = resolvePythonMethod(name, inClass: resolved, visited: &visited)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// A base class imported through a package's re-export.
    private func resolvedClassName(_ q: String) -> String? {
        demandPythonModules(containing: q)
        // The module and the last name, cut at the last dot (on UTF-8 code units).
        guard let dot = q.utf8.lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let prefix = String(q[..<dot])
        let last = q[q.utf8.index(after: dot)...]
        if pythonModules[HashedText(prefix)] == nil, let module = universe.pythonModuleAliases[prefix] {
            let canonical = module + "." + last
            return pythonClasses[HashedText(canonical)] != nil ? canonical : resolvedClassName(canonical)
        }
        guard !prefix.isEmpty, !last.isEmpty, let file = pythonModules[HashedText(prefix)] else { return nil }
        let summary = summaries[Int(file)]
        for (bound, target) in summary.moduleImports where summary.string(bound) == last {
            let t = summary.string(target)
            return pythonClasses[HashedText(t)] != nil ? t : nil
        }
        return nil
    }

    /// Swift overloads whose parameters accept the call's labels (defaulted parameters may be
    /// left out; trailing closures fill the last parameters).
    /// A call matches functions, a read (`getters`) the getters of properties and subscripts.
    private func matching(_ candidates: [FunctionRef], _ arguments: SwiftCallLabels, getters: Bool) -> [FunctionRef] {
        // Each candidate's interned parameters are compared where they are: an overloaded name
        // is matched against every overload, and no String is made for it.
        candidates.filter { ref in
            let f = function(ref)
            guard f.isGetter == getters else { return false }
            let strings = summaries[Int(ref.file)].strings
            return arguments.areAccepted(by: f.parameters.lazy.map { strings[Int($0)] })
        }
    }

    /// Simplified from Swift's rules: the trailing closures take the last parameters, and the
    /// labelled arguments match the others in order, skipping those with a default value.
    static func accepts<Parameters: Collection, Label: StringProtocol>(
        _ parameters: Parameters, labels: [Label], trailingClosures: Int) -> Bool
        where Parameters.Element: StringProtocol {
        guard parameters.count >= trailingClosures else { return false }
        var next = 0
        for parameter in parameters.dropLast(trailingClosures) {
            let hasDefault = parameter.hasSuffix("=")
            let label = hasDefault ? parameter.dropLast() : parameter[...]
            if next < labels.count && labels[next] == label {
                next += 1
            } else if !hasDefault {
                return false
            }
        }
        return next == labels.count
    }

    /// A Swift call's argument labels as resolution compares them (`_` for an unlabelled
    /// argument, trailing closures counted apart), split once per resolution.
    struct SwiftCallLabels {
        let labels: [Substring]
        let trailingClosures: Int

        /// From the summary's `a:b` form.
        init(_ labels: String, trailingClosures: Int) {
            self.labels = labels.isEmpty ? [] : labels.split(separator: ":", omittingEmptySubsequences: false)
            self.trailingClosures = trailingClosures
        }

        func areAccepted<Parameters: Collection>(by parameters: Parameters) -> Bool where Parameters.Element: StringProtocol {
            ProjectIndex.accepts(parameters, labels: labels, trailingClosures: trailingClosures)
        }
    }

    // MARK: The fixpoint

    /// A worklist over the call graph, keyed by name: when a function turns out to block, only
    /// the calls that name it are resolved, and its caller blocks once every function the call
    /// may mean blocks. Most calls never name a blocking function and are never resolved. A cycle
    /// with no blocking call in it never enters the worklist, so the loop ends.
    private mutating func computeBlocking() {
        guard !blockingComputed else { return }
        blockingComputed = true
        blocking = BlockingTable(functionCounts: summaries.map(\.functions.count))
        for summary in summaries where summary.language == .python {
            for (name, typed) in summary.typedGlobals {
                typedGlobalNames.insert(summary.hash(name))
                guard let t = catalogue.python.index.typesByName[summary.string(typed.type)] else { continue }
                let type = catalogue.python.index[t]
                if type.anyMethod != nil { typedGlobalMethods = nil }
                for method in type.methods.keys { typedGlobalMethods?.insert(WordHash.of(method)) }
            }
        }
        let order = fileOrder()
        // `load_cfg(...)` after `from pkg import load_cfg`, where `pkg` re-exports
        // `read_config as load_cfg`: named as written, it is a call of `read_config` too.
        let aliases = reExportAliases()
        if rules.contains(.blockingViaHelper) { computeBlockingFunctions(order: order, aliases: aliases) }
        // The calls that may become findings, resolved only when their name is that of a
        // blocking function or a coroutine function.
        // `Config(...)` runs a blocking `Config.__init__`: the call is named after the class.
        var blockingNames = constructingNames
        blocking.forEachBlockingFunction { ref in blockingNames.insert(summaries[Int(ref.file)].hash(function(ref).name)) }
        var coroutineNames = rules.contains(.crossFileAwaits) ? coroutineNameHashes() : []
        if !aliases.isEmpty {
            blockingNames.formUnion(Self.withAliases(Array(blockingNames), aliases))
            coroutineNames.formUnion(Self.withAliases(Array(coroutineNames), aliases))
        }
        resolvedCandidates = Array(repeating: [:], count: summaries.count)
        for f in order {
            let summary = summaries[f]
            var candidates: [Int32: [FunctionRef]] = [:]
            for (c, call) in summary.calls.enumerated() {
                let name = summary.hash(call.name)
                guard (call.role.contains(.inAsyncContext) && blockingNames.contains(name))
                        || (call.role.contains(.discardedValue) && coroutineNames.contains(name)) else { continue }
                let callees = resolveCaching(call, in: Int32(f))
                if !callees.isEmpty { candidates[Int32(c)] = callees }
            }
            resolvedCandidates[f] = candidates
        }
    }

    /// `WordHash` of the name before the last dot (`http` in `app.deps.http.get`), or nil when
    /// there are fewer than two dots.
    static func nextToLastNameHash(_ q: String) -> UInt64? {
        q.utf8.withContiguousStorageIfAvailable { bytes -> UInt64? in
            guard let last = bytes.lastIndex(of: UInt8(ascii: ".")),
                  let before = bytes[..<last].lastIndex(of: UInt8(ascii: ".")) else { return nil }
            return WordHash.of(bytes: UnsafeBufferPointer(rebasing: bytes[(before + 1)..<last]))
        } ?? nil
    }

    /// Whether the call runs a blocking body of the callee: a sync function that blocks, and for
    /// a generator function, only when the call's result is iterated right there.
    private func runsBlocking(_ callee: FunctionRef, for call: CallSite) -> Bool {
        let f = function(callee)
        return !f.isAsync && blocking[callee] != nil && (!f.isGenerator || call.role.contains(.iterated))
    }

    /// The class whose `__init__` a Python function is, or nil.
    private func initializerOwner(_ ref: FunctionRef) -> String? {
        let summary = summaries[Int(ref.file)]
        let f = function(ref)
        guard summary.language == .python, let owner = f.owner, summary.hash(f.name) == Self.initializerHash else { return nil }
        return summary.string(owner)
    }

    /// The project's Python functions of a qualified name, in file order.
    private func pythonFunctions(named q: String) -> [FunctionRef] {
        guard let group = pythonFunctionGroups[WordHash.of(q)] else { return [] }
        let functions = group.functions
        func named(_ ref: FunctionRef) -> Bool { summaries[Int(ref.file)].string(function(ref).qualifiedName) == q }
        return functions.allSatisfy(named) ? functions : functions.filter(named)
    }

    /// Python classes by the last name of each of their bases (`WordHash`).
    private func subclassesByBaseName() -> [UInt64: [String]] {
        var subclasses: [UInt64: [String]] = [:]
        for (cls, bases) in pythonClasses {
            for base in bases { subclasses[WordHash.of(Self.lastPart(base)), default: []].append(cls.text) }
        }
        return subclasses
    }

    /// The names (`WordHash` of the last name) a call constructing a class that runs `owner`'s
    /// `__init__` has: the class's, and those of its subclasses that define no `__init__` of
    /// their own, transitively. Matched by last name, which can only add a call to resolve: the
    /// resolution itself follows the real bases.
    private func constructorNames(of owner: String, subclasses: [UInt64: [String]]) -> [UInt64] {
        var names: [UInt64] = [WordHash.of(Self.lastPart(owner))]
        var pending = [owner]
        var seen: Set<String> = [owner]
        while let cls = pending.popLast(), seen.count < 256 {
            for sub in subclasses[WordHash.of(Self.lastPart(cls))] ?? [] where seen.insert(sub).inserted {
                guard pythonFunctions(named: sub + ".__init__").isEmpty else { continue }
                names.append(WordHash.of(Self.lastPart(sub)))
                pending.append(sub)
            }
        }
        return names
    }

    /// The other names a function may be called by, through a re-export under another name
    /// (`from .io import read_config as load_cfg` in a package's `__init__.py`, parsed or
    /// not): by the `WordHash` of the last name of what is imported, the names bound to it.
    private func reExportAliases() -> [UInt64: [UInt64]] {
        var aliases: [UInt64: [UInt64]] = [:]
        for summary in summaries where summary.language == .python {
            for (bound, target) in summary.moduleImports {
                let boundHash = summary.hash(bound)
                guard let last = Self.lastNameHash(summary.string(target)), last != boundHash else { continue }
                aliases[last, default: []].append(boundHash)
            }
        }
        for (file, scanned) in universe.pythonFiles where !loaded.contains(file) {
            for binding in scanned.bindings where binding.fromImport && !binding.isStar && binding.bound != binding.target.last {
                aliases[binding.target.last, default: []].append(binding.bound)
            }
        }
        // Sorted and unique: the unparsed files come in no fixed order, and the fixpoint's first
        // blocking callee (the chain shown) must not depend on it.
        for key in aliases.keys { aliases[key] = SortedHashes.unique(aliases[key]!) }
        return aliases
    }

    /// The names, then every alias of one, transitively, in a fixed order (`reExportAliases`).
    static func withAliases(_ names: [UInt64], _ aliases: [UInt64: [UInt64]]) -> [UInt64] {
        var all = names
        var seen = Set(names)
        var k = 0
        while k < all.count {
            for alias in aliases[all[k]] ?? [] where seen.insert(alias).inserted { all.append(alias) }
            k += 1
        }
        return all
    }

    /// `WordHash` of the last dotted name of `q` (`read_config` in `pkg.io.read_config`).
    static func lastNameHash(_ q: String) -> UInt64? {
        q.utf8.withContiguousStorageIfAvailable { bytes -> UInt64 in
            let start = bytes.lastIndex(of: UInt8(ascii: ".")).map { $0 + 1 } ?? 0
            return WordHash.of(bytes: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// `WordHash` of every Python coroutine function's name.
    func coroutineNameHashes() -> Set<UInt64> {
        var names: Set<UInt64> = []
        for summary in summaries where summary.language == .python {
            for function in summary.functions where function.isCoroutine { names.insert(summary.hash(function.name)) }
        }
        return names
    }

    /// The fixpoint: which sync functions block, and why (`blocking`).
    private mutating func computeBlockingFunctions(order: [Int], aliases: [UInt64: [UInt64]]) {
        // The propagating calls of sync functions, grouped by the callee's name (`HashGroups`:
        // in file order within a name, as a dictionary of arrays had them, at a fraction of
        // its cost).
        var callers: [(name: UInt64, file: Int32, call: Int32)] = []
        var worklist: [FunctionRef] = []
        let readsTypedGlobals = !typedGlobalNames.isEmpty
        for f in order {
            let summary = summaries[f]
            let file = Int32(f)
            for (i, function) in summary.functions.enumerated() where !function.isAsync {
                let ref = FunctionRef(file: file, function: Int32(i))
                if case .blocks(let reason) = ownVerdict(ref) {
                    blocking[ref] = reason
                    worklist.append(ref)
                }
            }
            for (c, call) in summary.calls.enumerated() where call.role.contains(.propagates) && call.caller >= 0 {
                let caller = FunctionRef(file: file, function: call.caller)
                if summary.functions[Int(call.caller)].isAsync { continue }
                if isMarkedSafe(caller) { continue }
                if blocking[caller] == nil, let marked = markedLibraryCall(call, in: summary) {
                    blocking[caller] = .callsMarked(marked, file: file, line: call.startLine, column: call.startColumn)
                    worklist.append(caller)
                    continue
                }
                // `http.get(...)` on another module's `http = requests.Session()`.
                if readsTypedGlobals, blocking[caller] == nil, summary.language == .python,
                   let use = blockingUseOfImportedValue(call, in: summary) {
                    blocking[caller] = .callsValue(use.value, method: use.method, file: file, line: call.startLine,
                                                   column: call.startColumn)
                    worklist.append(caller)
                    continue
                }
                callers.append((summary.hash(call.name), file, Int32(c)))
            }
        }
        let callersByName = HashGroups(count: callers.count, key: { callers[$0].name })
        var subclasses: [UInt64: [String]]?
        while let callee = worklist.popLast() {
            var names = [summaries[Int(callee.file)].hash(function(callee).name)]
            // A blocking `__init__`: calls constructing its class (or a subclass that inherits it).
            if let owner = initializerOwner(callee) {
                if subclasses == nil { subclasses = subclassesByBaseName() }
                let constructing = constructorNames(of: owner, subclasses: subclasses!)
                constructingNames.formUnion(constructing)
                names += constructing
            }
            if !aliases.isEmpty { names = Self.withAliases(names, aliases) }
            for name in names { callersByName.forEachItem(withKey: name) { k in
                let (_, file, c) = callers[k]
                let call = summaries[Int(file)].calls[Int(c)]
                let caller = FunctionRef(file: file, function: call.caller)
                if blocking[caller] != nil { return }
                let callees = resolveCaching(call, in: file)
                if !callees.isEmpty && callees.allSatisfy({ runsBlocking($0, for: call) }) {
                    blocking[caller] = .calls(callees[0])
                    worklist.append(caller)
                }
            } }
        }
    }

    /// What a sync function's own body and the user's marks settle before any of its calls is
    /// resolved: it never blocks (marked safe), it blocks (a blocking call of its own, or marked
    /// blocking), or nil: its calls decide. The fixpoint starts from these; the demand walk
    /// follows no call of a function they settle.
    enum OwnVerdict {
        case safe
        case blocks(BlockingReason)
    }

    func ownVerdict(_ ref: FunctionRef) -> OwnVerdict? {
        let names = userNames(ref)   // none without marks
        if names.contains(where: safeFunctions.contains) { return .safe }
        if let direct = firstBlockingCall(ref) { return .blocks(.direct(direct, file: ref.file)) }
        if let marked = names.first(where: blockingFunctions.contains) { return .blocks(.marked(marked)) }
        return nil
    }

    /// The first catalogued call of a function's own body that blocks: one that a declaration
    /// of its module makes the project's own (`usleep(…)` with a `func usleep` in another file,
    /// as `Finding.unlessProjectDeclares` drops the per-file finding) does not count.
    func firstBlockingCall(_ ref: FunctionRef) -> BlockingCallSummary? {
        let f = function(ref)
        guard let first = f.directBlocking else { return nil }
        guard first.isShadowable else { return first }
        let summary = summaries[Int(ref.file)]
        for call in [first] + (summary.laterBlocking[ref.function] ?? []) {
            guard let declaration = summary.shadowingDeclaration(call) else { return call }
            if !shadowedDeclarations.contains(ModuleDeclaration(module: summary.module, declaration: declaration)) { return call }
        }
        return nil
    }

    /// A declaration of the project in a Swift module.
    struct ModuleDeclaration: Hashable {
        var module: String
        var declaration: ProjectDeclaration
    }

    /// The declarations that the shadowable blocking calls of the summaries name and that a
    /// summarized file of the same module makes (`FileSummary.declares`). The calling file
    /// declares none of them (its walk weighed its own declarations), so any file of the module
    /// may hold one. Worked out for the summaries from `start` on: their calls against every
    /// summary, and the earlier calls' declarations against them (each round adds files).
    private mutating func collectShadowedDeclarations(from start: Int) {
        var fresh: [ModuleDeclaration] = []
        for f in start..<summaries.count where summaries[f].language == .swift {
            // By index, not `for summary in summaries`: a copy of each summary retains all its arrays.
            for i in summaries[f].functions.indices {
                guard let first = summaries[f].functions[i].directBlocking, first.isShadowable else { continue }
                for call in [first] + (summaries[f].laterBlocking[Int32(i)] ?? []) {
                    guard let declaration = summaries[f].shadowingDeclaration(call) else { continue }
                    let item = ModuleDeclaration(module: summaries[f].module, declaration: declaration)
                    if shadowingCandidates.insert(item).inserted { fresh.append(item) }
                }
            }
        }
        guard !shadowingCandidates.isEmpty else { return }
        // By module: a declaration counts only in its own.
        var all: [String: [ModuleDeclaration]] = [:], new: [String: [ModuleDeclaration]] = [:]
        for item in shadowingCandidates { all[item.module, default: []].append(item) }
        for item in fresh { new[item.module, default: []].append(item) }
        // Earlier files were weighed against the earlier candidates already.
        for f in (new.isEmpty ? start : 0)..<summaries.count where summaries[f].language == .swift {
            guard let items = (f >= start ? all : new)[summaries[f].module] else { continue }
            for item in items where summaries[f].declares(item.declaration) { shadowedDeclarations.insert(item) }
        }
    }

    private func isMarkedSafe(_ ref: FunctionRef) -> Bool {
        hasUserMarks && userNames(ref).contains(where: safeFunctions.contains)
    }

    /// A Python call of a library function the user marked as blocking.
    private func markedLibraryCall(_ call: CallSite, in summary: FileSummary) -> String? {
        guard !blockingFunctions.isEmpty, case .qualified(let q) = call.target else { return nil }
        let name = summary.string(q)
        return blockingFunctions.contains(name) && pythonFunctions(named: name).isEmpty ? name : nil
    }

    // MARK: Findings

    /// The chain from a blocking function down to the blocking API (the function itself first).
    func chain(from start: FunctionRef) -> [ChainHop] {
        var hops: [ChainHop] = []
        var current = start
        var seen: Set<FunctionRef> = []
        while seen.insert(current).inserted {
            let f = function(current)
            hops.append(ChainHop(name: displayName(current), path: summaries[Int(current.file)].path,
                                 line: Int(f.line), column: Int(f.column)))
            switch blocking[current] {
            case .direct(let call, let file):
                let summary = summaries[Int(file)]
                hops.append(ChainHop(name: summary.string(call.description), path: summary.path,
                                     line: Int(call.line), column: Int(call.column)))
                return hops
            case .marked(let name):
                // The mark is on this function itself: its hop says so, under the name the
                // configuration gives it, rather than naming the function twice.
                hops[hops.count - 1].name = name + " (marked blocking)"
                return hops
            case .callsMarked(let name, let file, let line, let column):
                hops.append(ChainHop(name: name + "()", path: summaries[Int(file)].path, line: Int(line),
                                     column: Int(column)))
                return hops
            case .callsValue(let value, let method, let file, let line, let column):
                hops.append(value)
                hops.append(ChainHop(name: method + "()", path: summaries[Int(file)].path, line: Int(line),
                                     column: Int(column)))
                return hops
            case .calls(let next):
                current = next
            case nil:
                return hops
            }
        }
        return hops
    }

    /// AL110 and cross-file AL202, in `Finding.reportOrder` per file.
    public func findings() -> [Finding] {
        var index = self
        index.computeBlocking()
        return index.reportedFindings()
    }

    private func reportedFindings() -> [Finding] {
        var found: [Finding] = []
        let helperRule = rules.contains(.blockingViaHelper) ? catalogue.rule(code: "AL110") : nil
        let awaitRule = rules.contains(.crossFileAwaits) ? catalogue.rule(code: "AL202") : nil
        let readsTypedGlobals = helperRule != nil && !typedGlobalNames.isEmpty
        for f in fileOrder() {
            let summary = summaries[f]
            let file = Int32(f)
            if readsTypedGlobals && summary.language == .python {
                // (A callback handed to the loop is no call of the value's method here.)
                for call in summary.calls where call.role.contains(.inAsyncContext) && !call.role.contains(.loopCallback) {
                    if let finding = blockingCallOnImportedValue(call, in: summary, rule: helperRule!) { found.append(finding) }
                }
            }
            for (c, callees) in resolvedCandidates[f] {
                let call = summary.calls[Int(c)]
                if call.role.contains(.inAsyncContext), let helperRule,
                   let finding = blockingViaHelper(call, callees: callees, in: file, rule: helperRule) {
                    found.append(finding)
                }
                if call.role.contains(.discardedValue), let awaitRule,
                   let finding = missingAwait(call, callees: callees, in: file, rule: awaitRule) {
                    found.append(finding)
                }
            }
            // A user-marked library function resolves to no project function.
            if !blockingFunctions.isEmpty, let helperRule {
                for call in summary.calls where call.role.contains(.inAsyncContext) && markedLibraryCall(call, in: summary) != nil {
                    if let finding = blockingViaHelper(call, callees: [], in: file, rule: helperRule) { found.append(finding) }
                }
            }
        }
        return found.sorted(by: Finding.reportOrder)
    }

    private func blockingViaHelper(_ call: CallSite, callees: [FunctionRef], in file: Int32, rule: Rule) -> Finding? {
        let summary = summaries[Int(file)]
        let written = summary.string(call.written)
        let hops: [ChainHop]
        if let marked = markedLibraryCall(call, in: summary) {
            hops = [ChainHop(name: marked + "()", path: summary.path, line: Int(call.startLine), column: Int(call.startColumn))]
        } else {
            guard let first = callees.first, callees.allSatisfy({ runsBlocking($0, for: call) }) else { return nil }
            // `await checksum(p)` on a decorated `def`: the decorator made it async.
            if call.role.contains(.awaited) && callees.contains(where: { function($0).isWrapped }) { return nil }
            hops = chain(from: first)
        }
        var finding = Finding.blockingViaHelper(path: summary.path, range: call.range, rule: rule, language: summary.language,
                                                callee: written, asyncFunction: call.context.map(summary.string), chain: hops)
        if call.role.contains(.propertyRead) && summary.language == .python {
            finding.message = "`\(written)` (a property) blocks" + (call.context.map { " in `async def \(summary.string($0))`" } ?? "")
                + ": " + hops.map(\.name).joined(separator: " → ")
            finding.help = "Read it once off the loop (`await asyncio.to_thread(lambda: \(written))`), or make the loading "
                + "an async method and await it."
        } else if call.role.contains(.loopCallback), let scheduler = call.context.map(summary.string) {
            finding = Finding.blockingLoopCallback(path: summary.path, range: call.range, rule: rule, callee: written,
                                                   scheduler: scheduler, chain: hops)
        } else if call.role.contains(.offloadArgument) {
            // `await asyncio.to_thread(load(p))`: the user meant to offload, and the call is the argument.
            finding.message += "; the call runs right here, not in the thread it is handed to"
            finding.help = "Pass the function and its arguments instead of calling it: `asyncio.to_thread(\(written), ...)`."
        }
        finding.message = summary.flavor.translate(finding.message)
        finding.help = summary.flavor.translate(finding.help)
        return finding
    }

    /// `http.get(...)` in async code, where `http` is a module-level value of another module
    /// (`from .deps import http`, or `deps.http`) whose summary says it is a catalogue type with
    /// that method blocking (`http = requests.Session()`): AL110, blocking through the project's
    /// own value, with the value as the chain's hop. (The per-file rule reports the file's own
    /// values under their API's rule; this one needs the project index, and goes with it.)
    private func blockingCallOnImportedValue(_ call: CallSite, in summary: FileSummary, rule: Rule) -> Finding? {
        guard let use = blockingUseOfImportedValue(call, in: summary) else { return nil }
        let written = summary.string(call.written)
        let place = call.context.map { " in `async def \(summary.string($0))`" } ?? ""
        let advice = summary.flavor.translate(use.api.use).replacingOccurrences(of: "{callee}", with: written)
            .replacingOccurrences(of: "{method}", with: use.method)
        return Finding(path: summary.path, range: call.range, rule: rule, language: .python,
                       message: "`\(written)()` blocks\(place): \(use.value.name) → \(use.method)()",
                       help: "Use \(advice) instead (`\(use.global)` is made in `\(use.module)` and blocks the event loop here as it would there).",
                       chain: [use.value])
    }

    /// A call of a blocking method on a module-level value of another module that its summary
    /// types (`FileSummary.typedGlobals`): the value's hop (`app.deps.http (a requests.Session)`),
    /// the method, the API, and the value's name and module; nil for any other call.
    private func blockingUseOfImportedValue(_ call: CallSite, in summary: FileSummary)
        -> (value: ChainHop, method: String, api: BlockingAPI, global: String, module: String)? {
        guard case .qualified(let target) = call.target,
              typedGlobalMethods?.contains(summary.hash(call.name)) ?? true else { return nil }
        let q = summary.string(target)
        guard let name = Self.nextToLastNameHash(q), typedGlobalNames.contains(name) else { return nil }
        let utf8 = q.utf8
        guard let methodDot = utf8.lastIndex(of: UInt8(ascii: ".")),
              let globalDot = utf8[..<methodDot].lastIndex(of: UInt8(ascii: ".")) else { return nil }
        let method = String(q[utf8.index(after: methodDot)...])
        let global = q[utf8.index(after: globalDot)..<methodDot]
        var module = String(q[..<globalDot])
        if pythonModules[HashedText(module)] == nil, let primary = universe.pythonModuleAliases[module] { module = primary }
        guard let file = pythonModules[HashedText(module)] else { return nil }
        let owner = summaries[Int(file)]
        guard let typed = owner.typedGlobals.first(where: { owner.string($0.key) == global })?.value,
              let t = catalogue.python.index.typesByName[owner.string(typed.type)] else { return nil }
        let type = catalogue.python.index[t]
        guard let api = type.blockingAPI(for: method), api.propagates else { return nil }
        let value = ChainHop(name: "\(module).\(global) (\(type.description))", path: owner.path,
                             line: Int(typed.line), column: Int(typed.column))
        return (value, method, api, String(global), module)
    }

    private func missingAwait(_ call: CallSite, callees: [FunctionRef], in file: Int32, rule: Rule) -> Finding? {
        let summary = summaries[Int(file)]
        guard summary.language == .python else { return nil }
        // The file's own coroutine functions are the per-file AL202's.
        guard let first = callees.first, callees.allSatisfy({ $0.file != file && function($0).isCoroutine }) else {
            return nil
        }
        let written = summary.string(call.written)
        let name = displayName(first)
        let what = written == name ? "`\(written)(...)`" : "`\(written)(...)` (`\(name)`)"
        let use: PythonUnawaitedUses.Use = call.role.contains(.truthTested) ? .truthTested : .discarded
        // (A loop callback's call site here is the function handed over: a `lambda`'s returned
        // coroutine is the per-file rule's only.)
        let text = call.role.contains(.loopCallback)
            ? PythonLoopCallbacks.droppedCoroutineText(written: written, coroutine: name,
                                                       scheduler: call.context.map(summary.string) ?? "?", inLambda: false)
            // (A call site in an `async def` is one pass 1 visited there: it has that role.)
            : PythonMissingAwaitRule.findingText(what, written: written, use, inAsyncFunction: call.role.contains(.inAsyncContext))
        return Finding(path: summary.path, range: call.range, rule: rule, language: .python,
                       message: summary.flavor.translate(text.message), help: summary.flavor.translate(text.help))
    }
}

extension ProjectIndex {
    /// Why each function blocks (nil: it does not), by `FunctionRef`, in flat arrays: the
    /// fixpoint asks it some 85,000 times on the Python corpus, where a dictionary keyed by
    /// `FunctionRef` cost a fifth of the pass. Four bytes a function; the reasons only for the
    /// few that block.
    struct BlockingTable {
        /// Per file, where its functions start in `slots`.
        private var functionBase: [Int] = [0]
        /// Per function, its reason's position in `reasons`, -1 for none.
        private var slots: [Int32] = []
        private var reasons: [BlockingReason] = []

        init() {}

        init(functionCounts: [Int]) {
            functionBase.reserveCapacity(functionCounts.count + 1)
            for count in functionCounts { functionBase.append(functionBase[functionBase.count - 1] + count) }
            slots = [Int32](repeating: -1, count: functionBase[functionBase.count - 1])
        }

        subscript(ref: FunctionRef) -> BlockingReason? {
            get {
                let slot = slots[functionBase[Int(ref.file)] + Int(ref.function)]
                return slot < 0 ? nil : reasons[Int(slot)]
            }
            set {
                let position = functionBase[Int(ref.file)] + Int(ref.function)
                guard let newValue else { slots[position] = -1; return }
                if slots[position] >= 0 {
                    reasons[Int(slots[position])] = newValue
                } else {
                    slots[position] = Int32(reasons.count)
                    reasons.append(newValue)
                }
            }
        }

        func forEachBlockingFunction(_ body: (FunctionRef) -> Void) {
            for file in 0..<(functionBase.count - 1) {
                for k in functionBase[file]..<functionBase[file + 1] where slots[k] >= 0 {
                    body(FunctionRef(file: Int32(file), function: Int32(k - functionBase[file])))
                }
            }
        }
    }
}

extension FileSummary {
    /// A string of the summary with the `WordHash` made when it was interned.
    func hashedText(_ id: StringID) -> ProjectIndex.HashedText { ProjectIndex.HashedText(text: string(id), hash: hash(id)) }
}

/// The findings a `ProjectIndex` is built for. The driver leaves out what no configuration
/// selects: with neither, it builds no index at all.
public struct ProjectRules: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// AL110: the fixpoint over sync functions, and the demand for what async code calls.
    public static let blockingViaHelper = ProjectRules(rawValue: 1)
    /// AL202 across files: the coroutine functions' callers, and the demand for them.
    public static let crossFileAwaits = ProjectRules(rawValue: 2)
    public static let all: ProjectRules = [.blockingViaHelper, .crossFileAwaits]

    private static let byCode: [(code: String, rule: ProjectRules)] = [("AL110", .blockingViaHelper), ("AL202", .crossFileAwaits)]

    /// The rules whose findings `selected` (rule codes) lets through.
    public init(selected: Set<String>) {
        self = ProjectRules(Self.byCode.filter { selected.contains($0.code) }.map(\.rule))
    }

    /// The rules' codes.
    public var codes: Set<String> { Set(Self.byCode.filter { contains($0.rule) }.map(\.code)) }
}
