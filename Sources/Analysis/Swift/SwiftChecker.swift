import LightSyntax

/// The Swift rules over one file's tree: AL101–AL107 (blocking calls in async contexts), AL201 and
/// AL204 (discarded `Task {}` handles), AL203 (unread `async let`).
enum SwiftChecker {
    static func check(_ tree: SyntaxTree, path: String, catalogue: RuleCatalogue,
                      properties: [String: [String: String]] = [:], actors: Set<String> = []) -> [Finding] {
        guard tree.nodes.count > 1 else { return [] }
        var check = SwiftFileCheck(tree: tree, path: path, catalogue: catalogue, actors: actors)
        guard check.mayHaveAsyncCode else { return [] }
        check.injectedProperties = properties
        check.run()
        return check.findings.sorted(by: Finding.reportOrder)
    }

    /// The check and pass 1's summary in one walk. A file without async code has no findings
    /// but may hold the sync helpers that async code elsewhere calls, so it is walked too.
    /// `propertyReads`: record the reads that may run a getter (only the project index needs them).
    static func checkAndSummarize(_ tree: SyntaxTree, path: String, module: String,
                                  catalogue: RuleCatalogue, actors: Set<String> = [],
                                  propertyReads: Bool = true) -> ([Finding], FileSummary) {
        guard tree.nodes.count > 1 else { return ([], FileSummary(path: path, language: .swift, module: module)) }
        var check = SwiftFileCheck(tree: tree, path: path, catalogue: catalogue, actors: actors)
        check.summary = FileSummary(path: path, language: .swift, module: module)
        check.summarizing = true
        check.summarizesReads = propertyReads
        check.run()
        var summary = check.summary
        summary.finish()
        let findings = check.mayHaveAsyncCode ? check.findings.sorted(by: Finding.reportOrder) : []
        return (findings, summary)
    }

    /// Every rule needs an async context, an `async let` or a task API (AL204's `Task {}` too), and
    /// none of those can be written without one of these marks; most files of a NIO-style code
    /// base have none, and skip the walk.
    static func mayContainAsyncCode(_ tree: SyntaxTree, catalogue: SwiftCatalogue) -> Bool {
        hasTaskAPIName(tree, catalogue: catalogue) || hasAsyncMark(tree)
    }

    /// Whether the file has an `extension` of one of these types.
    static func extendsAny(of types: Set<String>, _ tree: SyntaxTree) -> Bool {
        guard let extensionSymbol = tree.symbols.lookup("extension") else { return false }
        for node in tree.nodes where node.kind == .typeDecl && node.detail == extensionSymbol && !node.name.isNone {
            if let name = SwiftReceiverTypes.normalizedTypeName(tree.symbols.string(node.name)), types.contains(name) { return true }
        }
        return false
    }

    /// Whether the file names a task API (`Task`, `addTask`, …) anywhere.
    static func hasTaskAPIName(_ tree: SyntaxTree, catalogue: SwiftCatalogue) -> Bool {
        for name in catalogue.taskAPINames where tree.symbols.lookup(name) != nil { return true }
        return false
    }

    /// Whether any node is an `await`, or marked async or `async let`, or declares an actor
    /// (whose isolated sync methods run on the pool: `SwiftAsyncOrigin.actorIsolated`).
    static func hasAsyncMark(_ tree: SyntaxTree) -> Bool {
        let marks: NodeFlags = [.isAsync, .asyncLet]
        let actor = tree.symbols.lookup("actor")
        for node in tree.nodes where node.kind == .await || !node.flags.isDisjoint(with: marks)
            || (actor != nil && node.kind == .typeDecl && node.detail == actor) {
            return true
        }
        return false
    }
}

/// What a type's reads skip in pass 1: its stored properties that no computed one of the
/// same name overrides, and its methods (a bare `load` names the method, not a getter).
struct PropertyReadFilter {
    var stored: [Symbol: String]
    var computed: Set<Symbol>
    var methods: Set<Symbol>

    func isStoredProperty(_ name: Symbol) -> Bool { stored[name] != nil && !computed.contains(name) }
}

/// Where the async-ness of the code being walked comes from (it shapes AL201's message).
enum SwiftAsyncOrigin: Equatable {
    case none
    case asyncFunction
    case asyncClosure
    /// The closure of an unstructured task (`Task { }`, `Task.detached { }`), or code nested in one.
    case taskClosure
    /// A synchronous method isolated to an actor of the file (not `nonisolated`, `static` or
    /// global-actor isolated, the actor without a custom executor): it runs on the actor's
    /// default executor, a cooperative pool thread, and holds the actor while it runs.
    case actorIsolated
}

struct SwiftWalkContext {
    var origin: SwiftAsyncOrigin
    /// The type whose members are being walked (for `self.x` and bare property names).
    /// The type whose members are being walked, as an index into `enclosingTypeNames`
    /// (-1: none); an index keeps the context free of reference counting.
    var enclosingTypeIndex: Int32 = -1
    /// Directly in a type's member list: a `binding` there is a stored property, not a local.
    var isTypeMemberLevel = false
    /// Pass 1: the summarized function whose body this code runs in (-1: none, or not summarizing).
    var summaryFunction: Int32 = -1
    /// The local sync function whose body this code runs in (an index into `localFunctions`; -1: none).
    var localFunction: Int32 = -1

    var isAsync: Bool { origin != .none }
}

/// The state of checking one file.
struct SwiftFileCheck {
    let tree: SyntaxTree
    let path: String
    let catalogue: RuleCatalogue
    let index: SwiftCatalogueIndex
    var findings: [Finding] = []
    var types: SwiftReceiverTypes
    /// The file names a task API: without one, no call is a task API (`taskAPI(for:)`).
    let hasTaskAPINames: Bool
    /// `SwiftChecker.mayContainAsyncCode`: without async code no context is async, so the rules
    /// cannot fire and closures need no origin analysis (the summary-only walk stays cheap).
    let mayHaveAsyncCode: Bool
    /// Pass 1: the summary's string id of the empty string (-1: not interned yet).
    var emptyStringID: StringID = -1
    /// Scratch bytes for the written form of a call (`a.b(x:_:)`), reused across calls.
    var writtenBytes: [UInt8] = []
    /// Pass 1's summary of the file, built during the walk when the project index is on.
    var summary: FileSummary
    var summarizing = false
    /// Pass 1 records the property reads that may run a getter (`summarizePropertyRead`): only
    /// the project index reads them, so a run without it leaves them out.
    var summarizesReads = true
    /// Pass 1, per symbol (by raw value): whether a bare name of it may read a getter, as far as
    /// its text and the file's free functions tell (0: not worked out yet, 1: may, 2: cannot).
    var bareReadNames: [UInt8] = []
    /// Pass 1, per entry of `enclosingTypeNames` (and `SwiftReceiverTypes.fileScope` last): the
    /// names whose reads run no getter of that type, looked up once per type declaration
    /// rather than by the type's name at every read.
    var readFilters: [PropertyReadFilter?] = []
    /// Names of the type declarations walked so far (`SwiftWalkContext.enclosingTypeIndex`).
    var enclosingTypeNames: [String] = []
    /// Pass 1: the summary's string id of each of `enclosingTypeNames` (-1: not interned yet).
    var enclosingTypeSummaryIDs: [StringID] = []
    /// The catalogue's entries per symbol of this file, looked up once per distinct name: the
    /// index in `entryList` per symbol (by raw value; -1: not looked up yet). Plain integers,
    /// so the per-symbol array costs nothing to free.
    private var entrySlots: [Int32]
    private var entryList: [SwiftNameEntries] = []
    /// The text of each symbol once made (the checks ask for the same names again and again).
    let texts: SymbolTexts
    /// Pass 1: the summary's string id of each symbol's text (-1: not interned yet).
    var summaryIDs: [StringID] = []
    /// Sync functions declared inside functions and closures, in source order, and their indices
    /// by name (empty in most files).
    var localFunctions: [SwiftLocalFunction] = []
    var localFunctionsByName: [Symbol: [Int32]] = [:]
    /// Free functions the file defines: a `sleep(_:)` call may then mean the project's own.
    private(set) var topLevelFunctionNames: Set<Symbol> = []
    /// Functions the file declares whose parameters take async functions, by name: a closure
    /// passed there is async code (empty in most files).
    private(set) var asyncClosureParameters: [Symbol: SwiftAsyncClosureParameters] = [:]
    /// Types the file declares (not extends): `Task { … }` then makes the file's own `Task`.
    private(set) var declaredTypeNames: Set<Symbol> = []
    /// Types the file declares at file level (not extensions), by name: `Thread.sleep(…)` then
    /// calls the file's own `Thread`, not Foundation's. (Empty in most files.)
    private(set) var fileLevelTypeNames: Set<String> = []
    /// Types declared inside another type, per enclosing type: they shadow only in its members.
    private(set) var nestedTypeNames: [String: Set<String>] = [:]
    /// Actors the file declares whose methods run on the default executor (the pool): an actor
    /// with an `unownedExecutor` of its own (a serial queue, a thread) is left out. With them
    /// the actors of other files of the module that the file extends (`injectedActors`).
    private(set) var poolActorNames: Set<String> = []
    /// Types the file extends (`extension X`), by normalized name.
    private(set) var extendedTypeNames: Set<String> = []
    /// Methods per type (with its extensions): inside the type, `sleep(1)` may mean `self.sleep`.
    private(set) var methodNames: [String: Set<Symbol>] = [:]
    /// Computed properties per type (with its extensions; `SwiftReceiverTypes.fileScope` for
    /// global ones): `types` records them with the stored ones, and reading one runs a getter.
    private(set) var computedProperties: [String: Set<Symbol>] = [:]
    let selfSymbol: Symbol?
    let underscoreSymbol: Symbol?
    let initSymbol: Symbol?
    let ifConfigSymbol: Symbol?
    let funcSymbol: Symbol?
    let getSymbol: Symbol?
    let subscriptSymbol: Symbol?

    /// Actors declared in other files of the module (`CrossFileActors`): an extension of one in
    /// this file is actor code.
    let injectedActors: Set<String>

    init(tree: SyntaxTree, path: String, catalogue: RuleCatalogue, actors: Set<String> = []) {
        self.tree = tree
        self.path = path
        self.catalogue = catalogue
        self.index = catalogue.swift.index
        self.selfSymbol = tree.symbols.lookup("self")
        self.underscoreSymbol = tree.symbols.lookup("_")
        self.initSymbol = tree.symbols.lookup("init")
        self.ifConfigSymbol = tree.symbols.lookup("#if")
        self.funcSymbol = tree.symbols.lookup("func")
        self.getSymbol = tree.symbols.lookup("get")
        self.subscriptSymbol = tree.symbols.lookup("subscript")
        self.summary = FileSummary(path: path, language: .swift, module: "")
        self.types = SwiftReceiverTypes(symbolCount: tree.symbols.count)
        self.hasTaskAPINames = SwiftChecker.hasTaskAPIName(tree, catalogue: catalogue.swift)
        self.injectedActors = actors
        self.mayHaveAsyncCode = hasTaskAPINames || SwiftChecker.hasAsyncMark(tree)
            || (!actors.isEmpty && SwiftChecker.extendsAny(of: actors, tree))
        self.entrySlots = [Int32](repeating: -1, count: tree.symbols.count)
        self.texts = SymbolTexts(tree.symbols)
    }

    /// Stored property types of types declared in other files (type → property → its type),
    /// given when the file is checked again for them (`FileSummary.unresolvedProperties`).
    var injectedProperties: [String: [String: String]] = [:]

    mutating func run() {
        collectDeclarations()
        if summarizing {
            summarizePropertyTypes()
            summarizeActors()
        }
        for (owner, properties) in injectedProperties {
            for (name, typeName) in properties {
                guard let symbol = tree.symbols.lookup(name), types.propertyType(symbol, ofType: owner) == nil else { continue }
                types.recordProperty(symbol, typeName: typeName, ofType: owner)
            }
        }
        walk()
    }

    /// Pass 1: the file's own pool actors, and the types it extends without declaring them (one
    /// may be an actor of another file: `CrossFileActors`).
    private mutating func summarizeActors() {
        for name in poolActorNames where fileLevelTypeNames.contains(name) { summary.poolActors.insert(summary.intern(name)) }
        for name in extendedTypeNames where !declaresType(name) { summary.extendedTypes.insert(summary.intern(name)) }
    }

    /// Pass 1: the stored properties whose type has blocking members, for extensions elsewhere.
    private mutating func summarizePropertyTypes() {
        let wanted = index.receiverTypeNames
        for (owner, properties) in types.storedProperties where owner != SwiftReceiverTypes.fileScope {
            for (name, typeName) in properties where wanted.contains(typeName) {
                summary.propertyTypes.append(PropertyTypeSummary(
                    owner: summary.intern(owner), name: summaryID(of: name), type: summary.intern(typeName)))
            }
        }
    }

    /// Whether the file declares a type of this name (at file level or nested), not only extends it.
    func declaresType(_ name: String) -> Bool {
        fileLevelTypeNames.contains(name) || nestedTypeNames.values.contains { $0.contains(name) }
    }

    mutating func entries(_ symbol: Symbol) -> SwiftNameEntries {
        let slot = Int(symbol.raw)
        guard slot >= 0, slot < entrySlots.count else { return symbol.isNone ? .empty : index.entries(for: text(symbol)) }
        let known = entrySlots[slot]
        if known >= 0 { return entryList[Int(known)] }
        let found = index.entries(for: text(symbol))
        entrySlots[slot] = Int32(entryList.count)
        entryList.append(found)
        return found
    }

    func text(_ symbol: Symbol) -> String { texts.string(symbol) }

    /// The name of the type whose members are being walked (nil outside a type).
    func enclosingType(_ context: SwiftWalkContext?) -> String? {
        guard let index = context?.enclosingTypeIndex, index >= 0 else { return nil }
        return enclosingTypeNames[Int(index)]
    }

    /// `SwiftReceiverTypes.normalizedTypeName` of a symbol's text (nil for none).
    func normalizedTypeName(_ symbol: Symbol) -> String? { texts.normalizedTypeName(symbol) }

    /// A call's callee taken apart (a method: `self` is borrowed, the tree not copied).
    func callShape(_ call: NodeID) -> SwiftCallShape {
        // Built here rather than by `SwiftCallShape(call:in:)`: handing the tree to an initializer
        // from a mutating method copied it (five retains and releases per call).
        var shape = SwiftCallShape(call: call, callee: tree[call].firstChild)
        guard !shape.callee.isNone else { return shape }
        let node = tree[shape.callee]
        switch node.kind {
        case .name:
            shape.lastName = node.name
        case .member:
            shape.lastName = node.name
            shape.isMember = true
            if !node.flags.contains(.implicitBase), !node.firstChild.isNone { shape.base = node.firstChild }
        default:
            break
        }
        return shape
    }

    /// Labels of the arguments inside the parentheses (`_` for an unlabelled one); trailing
    /// closures are left out, as in the catalogue's notation.
    func labels(of shape: SwiftCallShape) -> [String] {
        var labels: [String] = []
        var child = tree[shape.call].firstChild
        while !child.isNone {
            let node = tree[child]
            if node.kind == .argument && !node.flags.contains(.trailingClosure) {
                labels.append(node.name.isNone ? "_" : texts.string(node.name))
            }
            child = node.nextSibling
        }
        return labels
    }

    /// The text of the node's `name` symbol, or nil.
    func nameText(_ id: NodeID) -> String? {
        let symbol = tree[id].name
        return symbol.isNone ? nil : texts.string(symbol)
    }

    /// The text of the node's `detail` symbol, or nil.
    func detailText(_ id: NodeID) -> String? {
        let symbol = tree[id].detail
        return symbol.isNone ? nil : texts.string(symbol)
    }

    /// `X.init(…)`, compared by symbol: this runs for every member call of the file.
    func isInit(_ symbol: Symbol) -> Bool { !symbol.isNone && symbol == initSymbol }

    /// An `#if` block (its branches' members and statements belong to the enclosing scope).
    func isIfConfig(_ id: NodeID) -> Bool { !tree[id].detail.isNone && tree[id].detail == ifConfigSymbol }

    mutating func report(_ code: String, at node: NodeID, message: String, help: String,
                         unlessProjectDeclares declaration: ProjectDeclaration? = nil) {
        // Findings are rare: the rule is looked up when one is made (the last of a code wins, as
        // when the catalogue's rules were keyed by code).
        guard let rule = catalogue.rules.last(where: { $0.code == code }) else { return }
        var finding = Finding(path: path, range: tree.range(node), rule: rule, language: .swift,
                              message: message, help: help)
        finding.unlessProjectDeclares = declaration
        findings.append(finding)
    }

    /// Functions defined in the file, the stored properties of each type and its extensions, and
    /// the file's global variables (usable before the line that declares them).
    private mutating func collectDeclarations() {
        defer {
            // (After the walk below has recorded every type's stored and computed properties.)
            if !poolActorNames.isEmpty, let executor = tree.symbols.lookup("unownedExecutor") {
                poolActorNames = poolActorNames.filter { types.propertyType(executor, ofType: $0) == nil }
            }
        }
        collectProperties(in: tree.root, of: SwiftReceiverTypes.fileScope)
        var functionNames: Set<Symbol> = []
        for raw in tree.allNodes {
            let id = NodeID(raw)
            switch tree.kind(id) {
            case .function where !tree[id].detail.isNone && tree[id].detail == funcSymbol:
                if mayHaveAsyncCode {
                    // Every declaration of the name must take an async closure there (precision
                    // first: an overload that does not may be the one called).
                    let name = tree[id].name
                    let parameters = asyncParameters(of: id)
                    let seen = !functionNames.insert(name).inserted
                    if let known = asyncClosureParameters[name] {
                        asyncClosureParameters[name] = known.intersection(parameters)
                    } else if !parameters.isEmpty {
                        asyncClosureParameters[name] = seen ? SwiftAsyncClosureParameters() : parameters
                    }
                }
                if let owner = owningTypeName(of: id) {
                    methodNames[owner, default: []].insert(tree[id].name)
                } else {
                    topLevelFunctionNames.insert(tree[id].name)
                }
            case .typeDecl:
                guard let written = nameText(id) else { continue }
                let owner = normalizedTypeName(tree[id].name) ?? written
                if tree.detail(id) == "extension" {
                    extendedTypeNames.insert(owner)
                    // An extension of an actor of another file (not one of a type of this file's).
                    if injectedActors.contains(owner) && !fileLevelTypeNames.contains(owner) { poolActorNames.insert(owner) }
                }
                if let keyword = tree.detail(id), keyword != "extension" {
                    if keyword == "actor" { poolActorNames.insert(owner) }
                    declaredTypeNames.insert(tree[id].name)
                    if isFileLevel(id) {
                        fileLevelTypeNames.insert(owner)
                    } else if let enclosing = owningTypeName(of: id) {
                        nestedTypeNames[enclosing, default: []].insert(owner)
                    }
                }
                guard let members = tree.firstChild(id, ofKind: .block) else { continue }
                collectProperties(in: members, of: owner)
            default:
                break
            }
        }
    }

    /// The type a function is a member of, or nil for a top-level (or nested local) function.
    private func owningTypeName(of function: NodeID) -> String? {
        var current = tree[function].parent
        while !current.isNone {
            switch tree.kind(current) {
            case .typeDecl:
                guard let written = nameText(current) else { return nil }
                return normalizedTypeName(tree[current].name) ?? written
            case .function, .closure, .module:
                return nil
            default:
                current = tree[current].parent
            }
        }
        return nil
    }

    /// Whether a function is a synchronous `func` isolated to an actor of the file that runs on
    /// the pool (`SwiftAsyncOrigin.actorIsolated`): a member of the actor or of an extension of it,
    /// not `static`, `class` or `nonisolated`, and with no global-actor attribute (`@MainActor`).
    func isActorIsolatedSyncMethod(_ function: NodeID, _ context: SwiftWalkContext) -> Bool {
        guard !poolActorNames.isEmpty, context.isTypeMemberLevel, let owner = enclosingType(context),
              poolActorNames.contains(owner) else { return false }
        let node = tree[function]
        guard !node.flags.contains(.isAsync), !node.flags.contains(.notInstanceIsolated),
              !node.detail.isNone, node.detail == funcSymbol else { return false }
        for child in tree.children(function) where tree.kind(child) == .attribute {
            if let name = nameText(child), name.hasSuffix("Actor") { return false }
        }
        return true
    }

    /// Whether a type of this name that the catalogue knows (`Thread`, `FileManager`) means a type
    /// of the file's own here: one declared at file level, or inside the enclosing type.
    func isOwnType(_ name: String, _ context: SwiftWalkContext?) -> Bool {
        if fileLevelTypeNames.isEmpty && nestedTypeNames.isEmpty { return false }
        if fileLevelTypeNames.contains(name) { return true }
        guard let enclosing = enclosingType(context) else { return false }
        return nestedTypeNames[enclosing]?.contains(name) ?? false
    }

    /// Whether a bare call of this name may mean a function of the project rather than the C
    /// library's: a top-level function of the file, or a method of the enclosing type.
    func isProjectFunction(_ name: Symbol, enclosingType: String?) -> Bool {
        if topLevelFunctionNames.contains(name) { return true }
        guard let enclosingType else { return false }
        return methodNames[enclosingType]?.contains(name) ?? false
    }

    /// Whether a node has a child function of this detail (a binding's `get` accessor). A plain
    /// loop: this runs for every stored property, and a closure over the tree retained it.
    @inline(__always) private func hasChild(of node: NodeID, function detail: Symbol) -> Bool {
        var child = tree[node].firstChild
        while !child.isNone {
            if tree.kind(child) == .function && tree[child].detail == detail { return true }
            child = tree[child].nextSibling
        }
        return false
    }

    private mutating func collectProperties(in members: NodeID, of owner: String) {
        for member in tree.children(members) {
            switch tree.kind(member) {
            case .binding:
                types.recordProperty(tree[member].name, typeName: declaredType(of: member, context: nil),
                                     ofType: owner)
                if let getSymbol, hasChild(of: member, function: getSymbol) {
                    computedProperties[owner, default: []].insert(tree[member].name)
                }
            case .opaque where isIfConfig(member):
                collectProperties(in: member, of: owner)
            case .block:
                collectProperties(in: member, of: owner)
            default:
                break
            }
        }
    }
}

/// The text of a tree's symbols, each made once on first use. A class so that the checker's
/// non-mutating helpers can fill it in; the caches are raw buffers, not arrays, because arrays
/// in a class's properties pay a dynamic exclusivity check on every access (about 40 M
/// instructions on the Swift corpus).
final class SymbolTexts {
    private let symbols: SymbolTable
    private let count: Int
    /// Per symbol: its text once made (nil: not made yet).
    private let strings: UnsafeMutablePointer<String?>
    /// The slots of `strings` (and of `typeNames`) filled so far: only those hold anything to
    /// release when the file is done.
    private var filled: [Int32] = []
    private var typeNamesFilled: [Int32] = []
    /// Per symbol: `SwiftReceiverTypes.normalizedTypeName` of its text (nil: not worked out yet;
    /// `.some(nil)`: no type name). Allocated on first use.
    private var typeNames: UnsafeMutablePointer<String??>?

    init(_ symbols: SymbolTable) {
        self.symbols = symbols
        count = symbols.count
        strings = .allocate(capacity: max(count, 1))
        strings.initialize(repeating: nil, count: count)
    }

    deinit {
        // Every other slot holds nil, which needs no deinitialization.
        for slot in filled { (strings + Int(slot)).deinitialize(count: 1) }
        strings.deallocate()
        if let typeNames {
            for slot in typeNamesFilled { (typeNames + Int(slot)).deinitialize(count: 1) }
            typeNames.deallocate()
        }
    }

    func normalizedTypeName(_ symbol: Symbol) -> String? {
        let slot = Int(symbol.raw)
        guard slot >= 0 else { return nil }
        guard slot < count else { return SwiftReceiverTypes.normalizedTypeName(string(symbol)) }
        let cache: UnsafeMutablePointer<String??>
        if let typeNames {
            cache = typeNames
        } else {
            cache = .allocate(capacity: max(count, 1))
            cache.initialize(repeating: nil, count: count)
            typeNames = cache
        }
        if let known = cache[slot] { return known }
        let made = SwiftReceiverTypes.normalizedTypeName(string(symbol))
        cache[slot] = .some(made)
        typeNamesFilled.append(Int32(slot))
        return made
    }

    func string(_ symbol: Symbol) -> String {
        let slot = Int(symbol.raw)
        guard slot >= 0, slot < count else { return symbols.string(symbol) }
        if let known = strings[slot] { return known }
        let made = symbols.string(symbol)
        strings[slot] = made
        filled.append(Int32(slot))
        return made
    }
}
