import LightSyntax

/// The Python section of `rules.json`: what blocks, what is a coroutine, what starts a task.
/// Every name is a qualified name after import resolution (`time.sleep`, `os.path.exists`,
/// `pathlib.Path`); a bare name (`open`, `input`) matches only when listed in `builtins`.
///
/// Schema (every key optional, so a user catalogue may hold only what it adds):
/// - `builtins`: bare names that match while unbound in the file (`open`, `input`).
/// - `calls`: groups `{rule, use, names, onlyWithArguments?, nonBlockingWhen?}`: calling one of
///   `names` is a finding of `rule`; `use` is the async alternative (`{callee}` is replaced by
///   the call as written, `{method}` by its last name). `onlyWithArguments`: only a call with
///   arguments blocks (`smtplib.SMTP(host)` connects, `smtplib.SMTP()` does not).
///   `nonBlockingWhen {keyword, position, value}`: the call does not block when that argument
///   is written as `value` (`lock.acquire(blocking=False)`). `propagates: false`: a sync function
///   making the call does not block its callers for it (AL110; a thread lock's short `acquire`).
/// - `types`: values whose methods block, tracked through local variables
///   `{name, description, constructors, annotations, methods, anyMethod, returns, attributes,
///   anyAttribute, callReturns, operands, taskMethods, coroutineMethods, asyncEntersItself}`:
///   a call of one of `constructors` (or a parameter annotated with one of `annotations`)
///   yields the type; `methods` are call groups keyed by method name; `anyMethod {rule, use}`
///   makes every other method block; `returns` maps a method to the type it returns
///   (`cursor` → `sqlite3-cursor`), `firstOfPairReturns` a method returning a pair whose first
///   element has a type (`conn, addr = sock.accept()`); `attributes` maps an attribute to its type, `anyAttribute`
///   types every other attribute and subscript (`client.db.users`); `callReturns`: calling the
///   value yields that type (a session factory); `operands`: a binary operation with the value
///   on the left keeps its type (`path / "x"`); `taskMethods` start a task (AL201);
///   `coroutineMethods` return a coroutine (AL202); `nonBlockingSwitches` `[{method, value}]`:
///   once `x.setblocking(False)` is called anywhere in the file, `x`'s methods do not block;
///   `nonBlockingWhenCatching`: a method call in a `try` body whose `except` names one of these
///   exceptions (`BlockingIOError`) is on a non-blocking value; `asyncEntersItself`: `async with
///   value as x` binds the value itself (`httpx.AsyncClient`), where an async context manager's
///   `__aenter__` yields something else unless the type says so; `managerAttribute` and
///   `managerModule`: that attribute of any class has the type in a file importing the module
///   (`Article.objects` is a Django manager).
/// - `pureFunctions`: never reported, however imported (`os.path.join`).
/// - `coroutines`: library coroutine functions (AL202).
/// - `transparentDecorators`: decorators that keep an `async def` a coroutine function; a
///   function with any other decorator is not assumed to return a coroutine (AL202).
/// - `offloadDecorators`: decorators that turn a sync function into a coroutine function that
///   runs the body in a thread (`asgiref.sync.sync_to_async`): the body is no async code, the
///   function does not block its callers, and calling it without `await` is AL202.
/// - `taskCreators`: functions that start a task the loop does not own (AL201).
/// - `offloads`: `{call | method, functionArgument}`: APIs that run the function passed at
///   that position elsewhere; passing the function is fine, calling it there is not.
/// - `loopCallbacks`: `{call | method, functionArgument}`: APIs that call the function passed
///   at that position later, on the event loop's own thread (`loop.call_soon(cb)`): a callback
///   that blocks stalls the loop as a blocking call in an `async def` does (AL110), and a
///   coroutine function passed there makes a coroutine that is dropped (AL202).
public struct PythonCatalogue: Sendable, Codable {
    public struct CallGroup: Sendable, Codable, Hashable {
        public var rule: String
        public var use: String
        public var names: [String]
        public var onlyWithArguments: Bool?
        public var nonBlockingWhen: ArgumentCondition?
        /// `false`: reported in async code, but a sync function making the call does not block
        /// its callers for it (AL110): taking a thread lock for a short critical section.
        public var propagates: Bool?

        public init(rule: String, use: String, names: [String], onlyWithArguments: Bool? = nil,
                    nonBlockingWhen: ArgumentCondition? = nil, propagates: Bool? = nil) {
            self.propagates = propagates
            self.rule = rule
            self.use = use
            self.names = names
            self.onlyWithArguments = onlyWithArguments
            self.nonBlockingWhen = nonBlockingWhen
        }
    }

    /// An argument, by keyword or position, written exactly as `value`.
    public struct ArgumentCondition: Sendable, Codable, Hashable {
        public var keyword: String?
        public var position: Int?
        public var value: String
    }

    public struct AnyMethod: Sendable, Codable, Hashable {
        public var rule: String
        public var use: String
    }

    public struct ValueType: Sendable, Codable, Hashable {
        public var name: String
        public var description: String
        public var constructors: [String]?
        public var annotations: [String]?
        public var methods: [CallGroup]?
        public var anyMethod: AnyMethod?
        public var returns: [String: String]?
        public var firstOfPairReturns: [String: String]?
        public var attributes: [String: String]?
        public var anyAttribute: String?
        public var callReturns: String?
        public var operands: Bool?
        public var taskMethods: [String]?
        public var coroutineMethods: [String]?
        public var nonBlockingSwitches: [NonBlockingSwitch]?
        public var nonBlockingWhenCatching: [String]?
        public var asyncEntersItself: Bool?
        /// `Model.objects` (this attribute of any class) has the type, in a file that imports
        /// `managerModule` (Django's model managers).
        public var managerAttribute: String?
        public var managerModule: String?
    }

    /// A method call that puts a value in non-blocking mode, with its first argument as written.
    public struct NonBlockingSwitch: Sendable, Codable, Hashable {
        public var method: String
        public var value: String
    }

    public struct Offload: Sendable, Codable, Hashable {
        public var call: String?
        public var method: String?
        public var functionArgument: Int
    }

    public let builtins: [String]
    public let calls: [CallGroup]
    public let types: [ValueType]
    public let pureFunctions: [String]
    public let coroutines: [String]
    public let transparentDecorators: [String]
    public let offloadDecorators: [String]
    public let taskCreators: [String]
    public let offloads: [Offload]
    public let loopCallbacks: [Offload]

    /// Dictionaries keyed by qualified name, built once, when a Python file first needs them.
    var index: PythonCatalogueIndex { builtIndex.value }
    private let builtIndex: BuiltOnFirstUse<PythonCatalogueIndex>

    enum CodingKeys: String, CodingKey {
        case builtins, calls, types, pureFunctions, coroutines, transparentDecorators, offloadDecorators, taskCreators, offloads
        case loopCallbacks
    }

    public init(builtins: [String] = [], calls: [CallGroup] = [], types: [ValueType] = [],
                pureFunctions: [String] = [], coroutines: [String] = [], transparentDecorators: [String] = [],
                offloadDecorators: [String] = [], taskCreators: [String] = [], offloads: [Offload] = [],
                loopCallbacks: [Offload] = []) {
        self.builtins = builtins
        self.calls = calls
        self.types = types
        self.pureFunctions = pureFunctions
        self.coroutines = coroutines
        self.transparentDecorators = transparentDecorators
        self.offloadDecorators = offloadDecorators
        self.taskCreators = taskCreators
        self.offloads = offloads
        self.loopCallbacks = loopCallbacks
        self.builtIndex = BuiltOnFirstUse {
            PythonCatalogueIndex(builtins: builtins, calls: calls, types: types, pureFunctions: pureFunctions,
                                 coroutines: coroutines, transparentDecorators: transparentDecorators,
                                 offloadDecorators: offloadDecorators, taskCreators: taskCreators, offloads: offloads,
                                 loopCallbacks: loopCallbacks)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(builtins: try c.decodeIfPresent([String].self, forKey: .builtins) ?? [],
                  calls: try c.decodeIfPresent([CallGroup].self, forKey: .calls) ?? [],
                  types: try c.decodeIfPresent([ValueType].self, forKey: .types) ?? [],
                  pureFunctions: try c.decodeIfPresent([String].self, forKey: .pureFunctions) ?? [],
                  coroutines: try c.decodeIfPresent([String].self, forKey: .coroutines) ?? [],
                  transparentDecorators: try c.decodeIfPresent([String].self, forKey: .transparentDecorators) ?? [],
                  offloadDecorators: try c.decodeIfPresent([String].self, forKey: .offloadDecorators) ?? [],
                  taskCreators: try c.decodeIfPresent([String].self, forKey: .taskCreators) ?? [],
                  offloads: try c.decodeIfPresent([Offload].self, forKey: .offloads) ?? [],
                  loopCallbacks: try c.decodeIfPresent([Offload].self, forKey: .loopCallbacks) ?? [])
    }

    /// A copy without one name anywhere it occurs (calls, constructors, coroutines, task
    /// creators): what a test uses to show that the fixtures notice a missing entry.
    public func removing(name: String) -> PythonCatalogue {
        let keep = { (n: String) in n != name }
        let newCalls = calls.map { g in
            CallGroup(rule: g.rule, use: g.use, names: g.names.filter(keep), onlyWithArguments: g.onlyWithArguments,
                      nonBlockingWhen: g.nonBlockingWhen)
        }
        let newTypes = types.map { t -> ValueType in
            var t = t
            t.constructors = t.constructors?.filter(keep)
            return t
        }
        return PythonCatalogue(builtins: builtins, calls: newCalls, types: newTypes, pureFunctions: pureFunctions,
                               coroutines: coroutines.filter(keep), transparentDecorators: transparentDecorators,
                               offloadDecorators: offloadDecorators.filter(keep), taskCreators: taskCreators.filter(keep),
                               offloads: offloads, loopCallbacks: loopCallbacks)
    }
}

/// A blocking API as the checker needs it: which rule, and what to suggest.
struct BlockingAPI: Sendable, Hashable {
    var rule: String
    var use: String
    var onlyWithArguments: Bool
    var nonBlockingWhen: PythonCatalogue.ArgumentCondition?
    /// Whether a sync function making the call blocks its callers (AL110).
    var propagates = true
}

/// A value type of the catalogue, by its index in `PythonCatalogueIndex.types`.
struct ValueTypeID: Sendable, Hashable {
    var raw: Int
}

/// A catalogue value type with its names resolved to dictionaries and type ids.
struct CompiledValueType: Sendable {
    var name: String
    var description: String
    var methods: [String: BlockingAPI] = [:]
    var anyMethod: BlockingAPI?
    var returns: [String: ValueTypeID] = [:]
    var firstOfPairReturns: [String: ValueTypeID] = [:]
    var attributes: [String: ValueTypeID] = [:]
    var anyAttribute: ValueTypeID?
    var callReturns: ValueTypeID?
    var keepsTypeAsOperand: Bool
    var taskMethods: Set<String>
    var coroutineMethods: Set<String>
    /// Method name → the first argument that switches the value to non-blocking mode.
    var nonBlockingSwitches: [String: Set<String>]
    var nonBlockingWhenCatching: Set<String>
    /// `async with value as x` binds `x` to the value itself.
    var asyncEntersItself: Bool

    /// What calling `method` on a value of the type blocks with: the method's own entry, else
    /// `anyMethod` for a method the type does not describe otherwise (one returning a typed
    /// value, starting a task or making a coroutine is no blocking call).
    func blockingAPI(for method: String) -> BlockingAPI? {
        if let api = methods[method] { return api }
        guard returns[method] == nil, !taskMethods.contains(method), !coroutineMethods.contains(method) else { return nil }
        return anyMethod
    }
}

/// The lookups the checker runs per call, precomputed from the catalogue.
///
/// A class, not a struct: every file's semantic model, rules and summarizer hold it, and a copy
/// of a struct of sixteen tables retained each of them, on every worker at once, so the shared
/// tables' reference counts were contended between the cores. It is never changed after `init`
/// (every property is `private(set)` and set only there), which is what makes the unchecked
/// `Sendable` sound.
final class PythonCatalogueIndex: @unchecked Sendable {
    private(set) var builtins: Set<String>
    private(set) var blockingCalls: [String: BlockingAPI] = [:]
    private(set) var types: [CompiledValueType] = []
    private(set) var constructorTypes: [String: ValueTypeID] = [:]
    /// Types a class attribute has in a file importing a module (`Model.objects`, Django).
    struct ManagerType: Sendable {
        var attribute: String
        var module: String
        var type: ValueTypeID
    }
    private(set) var managerTypes: [ManagerType] = []
    /// Each type by its name (`requests-session`): the project index reads typed module globals
    /// of other files by it.
    private(set) var typesByName: [String: ValueTypeID] = [:]
    private(set) var annotationTypes: [String: ValueTypeID] = [:]
    private(set) var pureFunctions: Set<String>
    private(set) var coroutines: Set<String>
    private(set) var transparentDecorators: Set<String>
    private(set) var offloadDecorators: Set<String>
    private(set) var taskCreators: Set<String>
    private(set) var offloadCalls: [String: Int] = [:]
    private(set) var offloadMethods: [String: Int] = [:]
    /// `loopCallbacks`, by qualified name and by method name: the callback's position.
    private(set) var loopCallbackCalls: [String: Int] = [:]
    private(set) var loopCallbackMethods: [String: Int] = [:]
    /// Every method name of any type's `nonBlockingSwitches`, with the values that switch.
    private(set) var nonBlockingSwitches: [String: Set<String>] = [:]
    /// The last names a call must have to match at all (builtins, last parts of the blocking
    /// qualified names, methods of the types): the project index's pass 1 asks only those.
    private(set) var matchedLastNames: Set<String> = []
    /// `matchedLastNames` as a bit per `SymbolTable.hash(of:)` modulo 2^16: most names of a
    /// file are none of them, and one bit tells so without making the name's String.
    private var matchedLastNameBits = HashBitmap()
    /// `blockingCalls`' names the same way, by `WordHash`.
    private var blockingCallBits = HashBitmap()
    /// Whether a symbol of `table` is one of `matchedLastNames`.
    func isMatchedLastName(_ symbol: Symbol, in table: SymbolTable) -> Bool {
        matchedLastNameBits.mayContain(UInt64(table.hash(symbol))) && matchedLastNames.contains(table.string(symbol))
    }

    /// Whether a qualified name (its `WordHash` given) is one of `blockingCalls`.
    func isBlockingCall(_ name: @autoclosure () -> String, hash: UInt64) -> Bool {
        blockingCallBits.mayContain(hash) && blockingCalls[name()] != nil
    }

    /// The names a `receiver.name(...)` call must end in to start a task (AL201): last parts of
    /// the task creators, and the types' task methods.
    private(set) var taskMemberNames: Set<String> = []
    /// Every type's coroutine methods (AL202).
    private(set) var coroutineMethodNames: Set<String> = []

    init(builtins: [String], calls: [PythonCatalogue.CallGroup], types: [PythonCatalogue.ValueType],
         pureFunctions: [String], coroutines: [String], transparentDecorators: [String], offloadDecorators: [String],
         taskCreators: [String],
         offloads: [PythonCatalogue.Offload], loopCallbacks: [PythonCatalogue.Offload]) {
        self.builtins = Set(builtins)
        self.pureFunctions = Set(pureFunctions)
        self.coroutines = Set(coroutines)
        self.transparentDecorators = Set(transparentDecorators)
        self.offloadDecorators = Set(offloadDecorators)
        self.taskCreators = Set(taskCreators)
        for group in calls {
            let api = BlockingAPI(rule: group.rule, use: group.use, onlyWithArguments: group.onlyWithArguments ?? false,
                                  nonBlockingWhen: group.nonBlockingWhen, propagates: group.propagates ?? true)
            // The first group naming an API wins, so a user group appended later cannot
            // silently re-file a built-in entry under another rule.
            for name in group.names where blockingCalls[name] == nil { blockingCalls[name] = api }
        }
        var ids: [String: ValueTypeID] = [:]
        for (i, t) in types.enumerated() where ids[t.name] == nil { ids[t.name] = ValueTypeID(raw: i) }
        self.typesByName = ids
        for (i, t) in types.enumerated() {
            let id = ValueTypeID(raw: i)
            var compiled = CompiledValueType(name: t.name, description: t.description,
                                             keepsTypeAsOperand: t.operands ?? false,
                                             taskMethods: Set(t.taskMethods ?? []),
                                             coroutineMethods: Set(t.coroutineMethods ?? []),
                                             nonBlockingSwitches: [:],
                                             nonBlockingWhenCatching: Set(t.nonBlockingWhenCatching ?? []),
                                             asyncEntersItself: t.asyncEntersItself ?? false)
            for s in t.nonBlockingSwitches ?? [] { compiled.nonBlockingSwitches[s.method, default: []].insert(s.value) }
            for group in t.methods ?? [] {
                let api = BlockingAPI(rule: group.rule, use: group.use, onlyWithArguments: group.onlyWithArguments ?? false,
                                      nonBlockingWhen: group.nonBlockingWhen, propagates: group.propagates ?? true)
                for name in group.names where compiled.methods[name] == nil { compiled.methods[name] = api }
            }
            if let any = t.anyMethod {
                compiled.anyMethod = BlockingAPI(rule: any.rule, use: any.use, onlyWithArguments: false, nonBlockingWhen: nil)
            }
            for (method, typeName) in t.returns ?? [:] { compiled.returns[method] = ids[typeName] }
            for (method, typeName) in t.firstOfPairReturns ?? [:] { compiled.firstOfPairReturns[method] = ids[typeName] }
            for (attribute, typeName) in t.attributes ?? [:] { compiled.attributes[attribute] = ids[typeName] }
            compiled.anyAttribute = t.anyAttribute.flatMap { ids[$0] }
            compiled.callReturns = t.callReturns.flatMap { ids[$0] }
            for (method, values) in compiled.nonBlockingSwitches { nonBlockingSwitches[method, default: []].formUnion(values) }
            self.types.append(compiled)
            for c in t.constructors ?? [] where constructorTypes[c] == nil { constructorTypes[c] = id }
            if let attribute = t.managerAttribute, let module = t.managerModule {
                managerTypes.append(ManagerType(attribute: attribute, module: module, type: id))
            }
            for a in (t.annotations ?? []) + (t.constructors ?? []) where annotationTypes[a] == nil { annotationTypes[a] = id }
        }
        for o in offloads {
            if let call = o.call { offloadCalls[call] = o.functionArgument }
            if let method = o.method { offloadMethods[method] = o.functionArgument }
        }
        for o in loopCallbacks {
            if let call = o.call, loopCallbackCalls[call] == nil { loopCallbackCalls[call] = o.functionArgument }
            if let method = o.method, loopCallbackMethods[method] == nil { loopCallbackMethods[method] = o.functionArgument }
        }
        matchedLastNames = self.builtins
        for name in blockingCalls.keys { matchedLastNames.insert(String(name.split(separator: ".").last ?? "")) }
        for type in self.types { matchedLastNames.formUnion(type.methods.keys) }
        for name in matchedLastNames { matchedLastNameBits.insert(UInt64(SymbolTable.hash(of: name))) }
        for name in blockingCalls.keys { blockingCallBits.insert(WordHash.of(name)) }
        for name in self.taskCreators { taskMemberNames.insert(String(name.split(separator: ".").last ?? "")) }
        for type in self.types { taskMemberNames.formUnion(type.taskMethods) }
        for type in self.types { coroutineMethodNames.formUnion(type.coroutineMethods) }
    }

    subscript(type: ValueTypeID) -> CompiledValueType { types[type.raw] }
}

/// A set of hashes as one bit per hash modulo 2^16 (8 KB): a "no" is certain, a "yes" must be
/// checked against the set it stands for. A few hundred names leave most bits clear.
struct HashBitmap: Sendable {
    private var words = [UInt64](repeating: 0, count: 1 << 10)

    mutating func insert(_ hash: UInt64) {
        let bit = Int(hash & 0xFFFF)
        words[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    func mayContain(_ hash: UInt64) -> Bool {
        let bit = Int(hash & 0xFFFF)
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }
}
