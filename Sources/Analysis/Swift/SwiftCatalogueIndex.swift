/// One blocking API of the catalogue, parsed and ready to match.
struct SwiftBlockingPattern: Sendable {
    enum Form: Sendable { case initializer, staticMember, instanceMember, freeFunction, property }
    var form: Form
    var signature: SwiftAPISignature
    var code: String
    var message: String
    var alternative: String
    var anyReceiver: Bool
    var anyReceiverWithURLArgument: Bool
    var unlessAwaited: Bool
    var codeWhenRemoteURL: String?
    var codeWhenSignalledIn: SwiftSignallingCalls?
}

/// `Type.member` (or `.member` for any receiver) whose value is an instance of `providedType`.
struct SwiftProviderPattern: Sendable {
    var typeName: String?
    var providedType: String
}

struct SwiftTaskPattern: Sendable {
    var typeName: String?
    var closureLabels: Set<String>
    var unstructured: Bool
}

/// Everything the catalogue knows about one name (a member, a function, a type): the checker
/// looks a call's last name up once and gets every kind of entry that could apply.
struct SwiftNameEntries: Sendable {
    var initializers: [SwiftBlockingPattern] = []
    var staticMembers: [SwiftBlockingPattern] = []
    var instanceMembers: [SwiftBlockingPattern] = []
    var freeFunctions: [SwiftBlockingPattern] = []
    var properties: [SwiftBlockingPattern] = []
    var providers: [SwiftProviderPattern] = []
    /// Type names of offload entries with this last name (nil: any receiver).
    var offloadTypes: [String?] = []
    var isInlineClosureAPI = false
    var taskAPIs: [SwiftTaskPattern] = []
    var isSameTypeStatic = false
    var isSystemModule = false

    static let empty = SwiftNameEntries()

    var hasCallPatterns: Bool {
        !initializers.isEmpty || !staticMembers.isEmpty || !instanceMembers.isEmpty || !freeFunctions.isEmpty
    }
}

/// The catalogue keyed by name, built once per catalogue (not per file).
struct SwiftCatalogueIndex: Sendable {
    private(set) var byName: [String: SwiftNameEntries] = [:]
    private(set) var inlinePrefixes: [String] = []
    /// The last names of the task APIs (`Task`, `addTask`, …): a file without any of them and
    /// without `async`/`await` has no async context.
    private(set) var taskAPINames: [String] = []

    init(blocking: [SwiftBlockingGroup], instanceProviders: [SwiftInstanceProvider], offloadAPIs: [String],
         inlineClosureAPIs: [String], taskAPIs: [SwiftTaskAPI], sameTypeStatics: [String] = [],
         systemModules: [String] = []) {
        for group in blocking {
            for api in group.apis { add(api, of: group) }
        }
        for provider in instanceProviders {
            let signature = SwiftAPISignature(parsing: provider.api)
            byName[signature.member, default: .empty].providers
                .append(SwiftProviderPattern(typeName: signature.typeName, providedType: provider.type))
        }
        for offload in offloadAPIs {
            let signature = SwiftAPISignature(parsing: offload)
            byName[signature.member, default: .empty].offloadTypes.append(signature.typeName)
        }
        for inline in inlineClosureAPIs {
            if inline.hasSuffix("*") {
                inlinePrefixes.append(String(inline.dropLast()))
            } else {
                byName[inline, default: .empty].isInlineClosureAPI = true
            }
        }
        for task in taskAPIs {
            let signature = SwiftAPISignature(parsing: task.api)
            if !taskAPINames.contains(signature.member) { taskAPINames.append(signature.member) }
            byName[signature.member, default: .empty].taskAPIs.append(
                SwiftTaskPattern(typeName: signature.typeName, closureLabels: Set(task.closureLabels),
                                 unstructured: task.unstructured ?? false))
        }
        for name in sameTypeStatics { byName[name, default: .empty].isSameTypeStatic = true }
        for name in systemModules { byName[name, default: .empty].isSystemModule = true }
    }

    private mutating func add(_ api: SwiftBlockingAPI, of group: SwiftBlockingGroup) {
        let forms: [(String?, SwiftBlockingPattern.Form)] = [
            (api.initializer, .initializer), (api.static, .staticMember), (api.instance, .instanceMember),
            (api.function, .freeFunction), (api.property, .property),
        ]
        for case let (text?, form) in forms {
            let signature = SwiftAPISignature(parsing: text, isInitializer: form == .initializer)
            let pattern = SwiftBlockingPattern(
                form: form, signature: signature, code: group.code,
                message: api.message ?? group.message, alternative: api.alternative ?? group.alternative,
                anyReceiver: api.anyReceiver ?? false,
                anyReceiverWithURLArgument: api.anyReceiverWithURLArgument ?? false,
                unlessAwaited: api.unlessAwaited ?? false,
                codeWhenRemoteURL: api.codeWhenRemoteURL, codeWhenSignalledIn: api.codeWhenSignalledIn)
            switch form {
            case .initializer: byName[signature.member, default: .empty].initializers.append(pattern)
            case .staticMember: byName[signature.member, default: .empty].staticMembers.append(pattern)
            case .instanceMember: byName[signature.member, default: .empty].instanceMembers.append(pattern)
            case .freeFunction: byName[signature.member, default: .empty].freeFunctions.append(pattern)
            case .property: byName[signature.member, default: .empty].properties.append(pattern)
            }
        }
    }

    /// The entries for a name, including `withUnsafe*`-style inline prefixes.
    func entries(for name: String) -> SwiftNameEntries {
        var entries = byName[name] ?? .empty
        if !entries.isInlineClosureAPI, inlinePrefixes.contains(where: { name.hasPrefix($0) }) {
            entries.isInlineClosureAPI = true
        }
        return entries
    }
}
