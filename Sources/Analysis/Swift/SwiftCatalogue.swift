/// The Swift section of `rules.json`: what blocks, matched by type, member and argument labels,
/// and which closure-taking APIs decide what is an async context.
///
/// ## Schema
/// ```
/// "swift": {
///   "blocking": [                         // one group per rule code
///     { "code": "AL101",
///       "message": "parks a cooperative pool thread for the whole sleep",  // after "`API` "
///       "alternative": "`try await Task.sleep(for:)`",                     // the help line: "Use …."
///       "apis": [ { "static": "Thread.sleep(forTimeInterval:)" }, … ] } ],
///   "instanceProviders": [ { "api": "FileManager.default", "type": "FileManager" }, … ],
///   "sameTypeStatics": [ "shared", "default", … ],   // `X.shared` is an `X`
///   "systemModules": [ "Darwin", "Glibc", … ],        // `Darwin.sleep(1)` is the free `sleep`
///   "offloadAPIs": [ "DispatchQueue.async", "Thread", … ],
///   "inlineClosureAPIs": [ "map", "withUnsafe*", … ],  // `*`: a name prefix
///   "deferredReceiverTypes": [ "EventLoopFuture", … ],  // their `map { }` runs later, elsewhere
///   "deferredChainMembers": [ "sink", "publisher", … ], // a chain with one is a Combine pipeline
///   "taskAPIs": [ { "api": "Task", "closureLabels": ["_", "operation"], "unstructured": true }, … ]
/// }
/// ```
/// An entry of `apis` has exactly one signature key saying what kind of call it is —
/// `initializer` (`Data(contentsOf:)`, also matches `Data.init(contentsOf:)`), `static`
/// (`Thread.sleep(forTimeInterval:)`: the base is the type's name), `instance`
/// (`DispatchSemaphore.wait(...)`: the receiver's type is inferred locally), `function` (a free
/// function, `usleep(_:)`, also `Darwin.usleep`) or `property` (`FileHandle.availableData`, an
/// instance property read) — and optionally:
/// - `anyReceiver`: also match when the receiver's type is unknown (only for member + labels no
///   other common API has: `waitUntilExit()`, never a bare `wait()` or `lock()`);
/// - `anyReceiverWithURLArgument`: also match an unknown receiver when the first argument is
///   visibly a `URL` (`data.write(to: fileURL)`; `write(to: &stream)` is something else);
/// - `unlessAwaited`: blocking only without `await` (GRDB's async overloads share the names);
/// - `codeWhenRemoteURL`: report this code instead when the first argument is visibly an
///   `http(s)` URL (`Data(contentsOf:)` is file I/O or network I/O depending on the URL);
/// - `codeWhenSignalledIn`: `{"code": "AL103", "members": ["dataTask", …]}`: report this code
///   instead when, in the same function, a closure given to one of these calls signals the
///   receiver (a semaphore that turns a `URLSession` task into a blocking call);
/// - `message` / `alternative`: override the group's.
///
/// Labels, in parentheses, are those of the arguments written inside the parentheses (trailing
/// closures are not counted), `_` for an unlabelled one: `(a:b:)` exactly these, `(a:...)`
/// these first and any others after, `(...)` or no parentheses any, `()` none.
///
/// No entry matches a call that is directly awaited (`try await x.f()`): only an async API of
/// the same name compiles that way without a warning.
///
/// An instance provider with a leading dot (`.futureResult`) applies on any receiver, and
/// through a type name too (`EventLoopFuture.andAllSucceed(…)`); its labels are not checked.
///
/// Context APIs (`offloadAPIs`, `inlineClosureAPIs`, `taskAPIs`) match a call by its last name
/// (`async`, `map`, `addTask`, or the type name of an initializer); a `Type.member` entry also
/// requires the receiver to be `Type`, an unknown receiver, or the name `Type` itself; for an
/// inline entry (`MainActor.run`), only the name `Type` itself. A task API with a leading dot
/// (`.task`, SwiftUI's modifier) matches member calls only (`view.task { }`, `.task { }`), never
/// a bare call of that name (a project's own `task { }`).
public struct SwiftCatalogue: Sendable, Codable {
    public var blocking: [SwiftBlockingGroup]
    public var instanceProviders: [SwiftInstanceProvider]
    public var sameTypeStatics: [String]
    public var systemModules: [String]
    public var offloadAPIs: [String]
    public var inlineClosureAPIs: [String]
    /// Receiver types whose `map`/`flatMap`/… closures run later (NIO futures, Combine publishers),
    /// so they do not inherit the async context.
    public var deferredReceiverTypes: [String]
    /// Members that make a call chain a Combine pipeline (`$query.map { }.sink { }`,
    /// `items.publisher.map { }`): the chain's `map`/`filter`/… closures run later, per value.
    /// A receiver written as a projected value (`$query`) is one too.
    public var deferredChainMembers: [String]
    public var taskAPIs: [SwiftTaskAPI]

    /// The parsed, member-keyed form the checker uses; built once, when a Swift file first needs it.
    var index: SwiftCatalogueIndex { builtIndex.value }
    private let builtIndex: BuiltOnFirstUse<SwiftCatalogueIndex>
    /// The last names of the task APIs (`Task`, `addTask`, …): a file without any of them and
    /// without `async`/`await` has no async context. (Without the index: the scan needs them for
    /// every run.)
    let taskAPINames: [String]

    enum CodingKeys: String, CodingKey {
        case blocking, instanceProviders, sameTypeStatics, systemModules, offloadAPIs, inlineClosureAPIs
        case deferredReceiverTypes, deferredChainMembers, taskAPIs
    }

    public init(blocking: [SwiftBlockingGroup] = [], instanceProviders: [SwiftInstanceProvider] = [],
                sameTypeStatics: [String] = [], systemModules: [String] = [], offloadAPIs: [String] = [],
                inlineClosureAPIs: [String] = [], deferredReceiverTypes: [String] = [],
                deferredChainMembers: [String] = [], taskAPIs: [SwiftTaskAPI] = []) {
        self.blocking = blocking
        self.instanceProviders = instanceProviders
        self.sameTypeStatics = sameTypeStatics
        self.systemModules = systemModules
        self.offloadAPIs = offloadAPIs
        self.inlineClosureAPIs = inlineClosureAPIs
        self.deferredReceiverTypes = deferredReceiverTypes
        self.deferredChainMembers = deferredChainMembers
        self.taskAPIs = taskAPIs
        self.builtIndex = BuiltOnFirstUse {
            SwiftCatalogueIndex(blocking: blocking, instanceProviders: instanceProviders,
                                offloadAPIs: offloadAPIs, inlineClosureAPIs: inlineClosureAPIs,
                                taskAPIs: taskAPIs, sameTypeStatics: sameTypeStatics, systemModules: systemModules)
        }
        self.taskAPINames = SwiftCatalogueIndex.lastNames(of: taskAPIs)
    }

    /// Every key may be missing, so that a user's config can add a few entries only.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            blocking: try c.decodeIfPresent([SwiftBlockingGroup].self, forKey: .blocking) ?? [],
            instanceProviders: try c.decodeIfPresent([SwiftInstanceProvider].self, forKey: .instanceProviders) ?? [],
            sameTypeStatics: try c.decodeIfPresent([String].self, forKey: .sameTypeStatics) ?? [],
            systemModules: try c.decodeIfPresent([String].self, forKey: .systemModules) ?? [],
            offloadAPIs: try c.decodeIfPresent([String].self, forKey: .offloadAPIs) ?? [],
            inlineClosureAPIs: try c.decodeIfPresent([String].self, forKey: .inlineClosureAPIs) ?? [],
            deferredReceiverTypes: try c.decodeIfPresent([String].self, forKey: .deferredReceiverTypes) ?? [],
            deferredChainMembers: try c.decodeIfPresent([String].self, forKey: .deferredChainMembers) ?? [],
            taskAPIs: try c.decodeIfPresent([SwiftTaskAPI].self, forKey: .taskAPIs) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(blocking, forKey: .blocking)
        try c.encode(instanceProviders, forKey: .instanceProviders)
        try c.encode(sameTypeStatics, forKey: .sameTypeStatics)
        try c.encode(systemModules, forKey: .systemModules)
        try c.encode(offloadAPIs, forKey: .offloadAPIs)
        try c.encode(inlineClosureAPIs, forKey: .inlineClosureAPIs)
        try c.encode(deferredReceiverTypes, forKey: .deferredReceiverTypes)
        try c.encode(deferredChainMembers, forKey: .deferredChainMembers)
        try c.encode(taskAPIs, forKey: .taskAPIs)
    }

    /// This catalogue with another's entries added (a user's config extends the embedded one).
    public func merged(with other: SwiftCatalogue) -> SwiftCatalogue {
        SwiftCatalogue(blocking: blocking + other.blocking,
                       instanceProviders: instanceProviders + other.instanceProviders,
                       sameTypeStatics: sameTypeStatics + other.sameTypeStatics,
                       systemModules: systemModules + other.systemModules,
                       offloadAPIs: offloadAPIs + other.offloadAPIs,
                       inlineClosureAPIs: inlineClosureAPIs + other.inlineClosureAPIs,
                       deferredReceiverTypes: deferredReceiverTypes + other.deferredReceiverTypes,
                       deferredChainMembers: deferredChainMembers + other.deferredChainMembers,
                       taskAPIs: taskAPIs + other.taskAPIs)
    }
}

/// The blocking APIs of one rule code, sharing a message and an alternative.
public struct SwiftBlockingGroup: Sendable, Codable, Hashable {
    public var code: String
    public var message: String
    public var alternative: String
    public var apis: [SwiftBlockingAPI]

    public init(code: String, message: String, alternative: String, apis: [SwiftBlockingAPI]) {
        self.code = code
        self.message = message
        self.alternative = alternative
        self.apis = apis
    }
}

/// One blocking API; exactly one of the signature keys is set (see `SwiftCatalogue`).
public struct SwiftBlockingAPI: Sendable, Codable, Hashable {
    public var initializer: String?
    public var `static`: String?
    public var instance: String?
    public var function: String?
    public var property: String?
    public var anyReceiver: Bool?
    public var anyReceiverWithURLArgument: Bool?
    public var unlessAwaited: Bool?
    public var codeWhenRemoteURL: String?
    public var codeWhenSignalledIn: SwiftSignallingCalls?
    public var message: String?
    public var alternative: String?

    public init(initializer: String? = nil, static: String? = nil, instance: String? = nil, function: String? = nil,
                property: String? = nil, anyReceiver: Bool? = nil, anyReceiverWithURLArgument: Bool? = nil,
                unlessAwaited: Bool? = nil,
                codeWhenRemoteURL: String? = nil, codeWhenSignalledIn: SwiftSignallingCalls? = nil,
                message: String? = nil, alternative: String? = nil) {
        self.initializer = initializer
        self.static = `static`
        self.instance = instance
        self.function = function
        self.property = property
        self.anyReceiver = anyReceiver
        self.anyReceiverWithURLArgument = anyReceiverWithURLArgument
        self.unlessAwaited = unlessAwaited
        self.codeWhenRemoteURL = codeWhenRemoteURL
        self.codeWhenSignalledIn = codeWhenSignalledIn
        self.message = message
        self.alternative = alternative
    }
}

/// Calls whose completion closures, when they signal a semaphore, make waiting on it this code.
public struct SwiftSignallingCalls: Sendable, Codable, Hashable {
    public var code: String
    public var members: [String]

    public init(code: String, members: [String]) {
        self.code = code
        self.members = members
    }
}

/// A static member (or, with a leading `.`, any member) whose value is an instance of `type`:
/// `FileManager.default` is a `FileManager`, `.futureResult` an `EventLoopFuture`.
public struct SwiftInstanceProvider: Sendable, Codable, Hashable {
    public var api: String
    public var type: String

    public init(api: String, type: String) {
        self.api = api
        self.type = type
    }
}

/// An API whose closure arguments run as (part of) a task: async contexts. `closureLabels` are the
/// labels of the closures that do (`_` for an unlabelled or the first trailing closure);
/// `unstructured` marks `Task {}`-like APIs whose handle may be discarded (AL201, AL204).
public struct SwiftTaskAPI: Sendable, Codable, Hashable {
    public var api: String
    public var closureLabels: [String]
    public var unstructured: Bool?

    public init(api: String, closureLabels: [String], unstructured: Bool? = nil) {
        self.api = api
        self.closureLabels = closureLabels
        self.unstructured = unstructured
    }
}
