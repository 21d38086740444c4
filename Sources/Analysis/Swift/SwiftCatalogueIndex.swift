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
    /// Written with a leading dot (`.task`): only a member call matches.
    var memberOnly = false
}

/// Everything the catalogue knows about one name (a member, a function, a type): the checker
/// looks a call's last name up once and gets every kind of entry that could apply. A class with
/// constant fields: the checker asks for a name's entries on every call and member it walks, and
/// handing out a reference costs one retain where a struct of seven arrays cost seven.
final class SwiftNameEntries: Sendable {
    let initializers: [SwiftBlockingPattern]
    let staticMembers: [SwiftBlockingPattern]
    let instanceMembers: [SwiftBlockingPattern]
    let freeFunctions: [SwiftBlockingPattern]
    let properties: [SwiftBlockingPattern]
    let providers: [SwiftProviderPattern]
    /// Type names of offload entries with this last name (nil: any receiver).
    let offloadTypes: [String?]
    /// Runs its closures inline on any receiver (`map`, `withLock`).
    let isInlineClosureAPI: Bool
    /// Types whose member of this name runs its closures inline when called on the type by name
    /// (`MainActor.run { }`).
    let inlineClosureTypes: [String]
    let taskAPIs: [SwiftTaskPattern]
    let isSameTypeStatic: Bool
    let isSystemModule: Bool
    let hasCallPatterns: Bool

    static let empty = SwiftNameEntries(Lists())

    /// The entries while the index is being built.
    struct Lists {
        var initializers: [SwiftBlockingPattern] = []
        var staticMembers: [SwiftBlockingPattern] = []
        var instanceMembers: [SwiftBlockingPattern] = []
        var freeFunctions: [SwiftBlockingPattern] = []
        var properties: [SwiftBlockingPattern] = []
        var providers: [SwiftProviderPattern] = []
        var offloadTypes: [String?] = []
        var isInlineClosureAPI = false
        var inlineClosureTypes: [String] = []
        var taskAPIs: [SwiftTaskPattern] = []
        var isSameTypeStatic = false
        var isSystemModule = false
    }

    init(_ lists: Lists) {
        initializers = lists.initializers
        staticMembers = lists.staticMembers
        instanceMembers = lists.instanceMembers
        freeFunctions = lists.freeFunctions
        properties = lists.properties
        providers = lists.providers
        offloadTypes = lists.offloadTypes
        isInlineClosureAPI = lists.isInlineClosureAPI
        inlineClosureTypes = lists.inlineClosureTypes
        taskAPIs = lists.taskAPIs
        isSameTypeStatic = lists.isSameTypeStatic
        isSystemModule = lists.isSystemModule
        hasCallPatterns = !initializers.isEmpty || !staticMembers.isEmpty || !instanceMembers.isEmpty
            || !freeFunctions.isEmpty
    }

    /// The same entries, marked as running closures inline (a `withUnsafe*`-style prefix matched).
    func markedInlineClosureAPI() -> SwiftNameEntries {
        SwiftNameEntries(Lists(
            initializers: initializers, staticMembers: staticMembers, instanceMembers: instanceMembers,
            freeFunctions: freeFunctions, properties: properties, providers: providers,
            offloadTypes: offloadTypes, isInlineClosureAPI: true, inlineClosureTypes: inlineClosureTypes, taskAPIs: taskAPIs,
            isSameTypeStatic: isSameTypeStatic, isSystemModule: isSystemModule))
    }
}

/// The catalogue keyed by name, built once per catalogue (not per file).
struct SwiftCatalogueIndex: Sendable {
    private(set) var byName: [String: SwiftNameEntries] = [:]
    private(set) var inlinePrefixes: [String] = []
    /// The types whose instance members or properties block (`NSLock`, `DispatchQueue`): a
    /// stored property of one of them is worth telling other files about (`FileSummary.propertyTypes`).
    private(set) var receiverTypeNames: Set<String> = []
    /// The last names of the task APIs (`Task`, `addTask`, …), each once, in the catalogue's order.
    static func lastNames(of taskAPIs: [SwiftTaskAPI]) -> [String] {
        var names: [String] = []
        for task in taskAPIs {
            let member = SwiftAPISignature(parsing: task.api).member
            if !names.contains(member) { names.append(member) }
        }
        return names
    }

    init(blocking: [SwiftBlockingGroup], instanceProviders: [SwiftInstanceProvider], offloadAPIs: [String],
         inlineClosureAPIs: [String], taskAPIs: [SwiftTaskAPI], sameTypeStatics: [String] = [],
         systemModules: [String] = []) {
        // Built as lists first, frozen into `byName` at the end.
        var building: [String: SwiftNameEntries.Lists] = [:]
        for group in blocking {
            for api in group.apis { Self.add(api, of: group, to: &building) }
        }
        for provider in instanceProviders {
            let signature = SwiftAPISignature(parsing: provider.api)
            building[signature.member, default: SwiftNameEntries.Lists()].providers
                .append(SwiftProviderPattern(typeName: signature.typeName, providedType: provider.type))
        }
        for offload in offloadAPIs {
            let signature = SwiftAPISignature(parsing: offload)
            building[signature.member, default: SwiftNameEntries.Lists()].offloadTypes.append(signature.typeName)
        }
        for inline in inlineClosureAPIs {
            if inline.hasSuffix("*") {
                inlinePrefixes.append(String(inline.dropLast()))
                continue
            }
            let signature = SwiftAPISignature(parsing: inline)
            if let typeName = signature.typeName {
                building[signature.member, default: SwiftNameEntries.Lists()].inlineClosureTypes.append(typeName)
            } else {
                building[inline, default: SwiftNameEntries.Lists()].isInlineClosureAPI = true
            }
        }
        for task in taskAPIs {
            let signature = SwiftAPISignature(parsing: task.api)
            building[signature.member, default: SwiftNameEntries.Lists()].taskAPIs.append(
                SwiftTaskPattern(typeName: signature.typeName, closureLabels: Set(task.closureLabels),
                                 unstructured: task.unstructured ?? false, memberOnly: task.api.hasPrefix(".")))
        }
        for name in sameTypeStatics { building[name, default: SwiftNameEntries.Lists()].isSameTypeStatic = true }
        for name in systemModules { building[name, default: SwiftNameEntries.Lists()].isSystemModule = true }
        byName = building.mapValues { SwiftNameEntries($0) }
        for entries in byName.values {
            for pattern in entries.instanceMembers + entries.properties {
                if let typeName = pattern.signature.typeName { receiverTypeNames.insert(typeName) }
            }
        }
    }

    private static func add(_ api: SwiftBlockingAPI, of group: SwiftBlockingGroup,
                            to building: inout [String: SwiftNameEntries.Lists]) {
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
            case .initializer: building[signature.member, default: SwiftNameEntries.Lists()].initializers.append(pattern)
            case .staticMember: building[signature.member, default: SwiftNameEntries.Lists()].staticMembers.append(pattern)
            case .instanceMember: building[signature.member, default: SwiftNameEntries.Lists()].instanceMembers.append(pattern)
            case .freeFunction: building[signature.member, default: SwiftNameEntries.Lists()].freeFunctions.append(pattern)
            case .property: building[signature.member, default: SwiftNameEntries.Lists()].properties.append(pattern)
            }
        }
    }

    /// The entries for a name, including `withUnsafe*`-style inline prefixes.
    func entries(for name: String) -> SwiftNameEntries {
        let entries = byName[name] ?? .empty
        if !entries.isInlineClosureAPI, inlinePrefixes.contains(where: { name.hasPrefix($0) }) {
            return entries.markedInlineClosureAPI()
        }
        return entries
    }
}
