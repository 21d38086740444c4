import LightSyntax

/// Local receiver-type inference: `let x = Type(…)`, `let x: Type`, typed parameters, stored
/// properties of the enclosing type, `Type.shared`-style statics and the catalogue's instance
/// providers (`FileManager.default`, `DispatchQueue.global()`). Anything else is unknown, and an
/// unknown receiver matches only the catalogue's `anyReceiver` entries.
extension SwiftFileCheck {
    /// The type a `binding` or `parameter` declares: its annotation, else its value's type.
    mutating func declaredType(of declaration: NodeID, context: SwiftWalkContext?) -> String? {
        if let annotation = tree.firstChild(declaration, ofKind: .typeAnnotation) {
            return normalizedTypeName(tree[annotation].name)
        }
        guard tree.kind(declaration) == .binding, let value = bindingValue(declaration) else { return nil }
        return inferredType(of: value, context: context)
    }

    /// The value expression of a `binding` (its last child, unless that is a pattern name, a type
    /// or an accessor).
    func bindingValue(_ binding: NodeID) -> NodeID? {
        guard let last = tree.lastChild(binding) else { return nil }
        switch tree.kind(last) {
        case .typeAnnotation, .function: return nil
        case .name where tree[binding].name.isNone: return nil   // a tuple pattern's last name
        default: return last
        }
    }

    /// `depth` bounds the walk down a member chain (`a.b.c.….wait()`): a few links carry what
    /// local inference can know, and a generated 5,000-link chain must not exhaust the stack.
    mutating func inferredType(of expression: NodeID, context: SwiftWalkContext?, depth: Int = 0) -> String? {
        guard depth < 16 else { return nil }
        let node = tree.unwrappingTryAndAwait(expression)
        switch tree.kind(node) {
        case .name:
            let symbol = tree[node].name
            if symbol == selfSymbol { return enclosingType(context) }
            return typeOfVariable(symbol, context: context)
        case .member:
            return typeOfMemberValue(node, context: context, depth: depth)
        case .call:
            let shape = callShape(node)
            if !shape.isMember {
                // `DispatchSemaphore(value: 0)`: an initializer call.
                return typeReference(shape.callee)
            }
            guard let base = shape.base else { return nil }
            if let typeName = typeReference(tree.unwrappingTryAndAwait(base)) {
                if isInit(shape.lastName) { return typeName }
                return staticValueType(typeName, member: shape.lastName)
            }
            return entries(shape.lastName).providers.first { $0.typeName == nil }?.providedType
        default:
            return nil
        }
    }

    /// `FileManager.default`, `self.queue`, `other.semaphore`, `promise.futureResult`.
    private mutating func typeOfMemberValue(_ member: NodeID, context: SwiftWalkContext?, depth: Int) -> String? {
        let node = tree[member]
        guard !node.flags.contains(.implicitBase), !node.firstChild.isNone else { return nil }
        let base = tree.unwrappingTryAndAwait(node.firstChild)
        if tree.kind(base) == .name, tree[base].name == selfSymbol {
            guard let owner = enclosingType(context) else { return nil }
            return knownType(types.propertyType(node.name, ofType: owner))
        }
        if let typeName = typeReference(base) {
            // `Repo.gate`, `Self.gate`: a static stored property of a type of the file (its
            // stored properties are recorded together; `Type.instanceProperty` does not compile).
            let owner = typeName == "Self" ? enclosingType(context) ?? typeName : typeName
            if let provided = staticValueType(owner, member: node.name) { return provided }
            return knownType(types.propertyType(node.name, ofType: owner))
        }
        if let provided = entries(node.name).providers.first(where: { $0.typeName == nil }) {
            return provided.providedType
        }
        if let baseType = inferredType(of: base, context: context, depth: depth + 1) {
            return knownType(types.propertyType(node.name, ofType: baseType))
        }
        return nil
    }

    /// The value type of `Type.member` or `Type.member()`: a catalogued provider, or `Type` itself
    /// for the conventional singletons (`shared`, `default`, …).
    mutating func staticValueType(_ typeName: String, member: Symbol) -> String? {
        let found = entries(member)
        if let provider = found.providers.first(where: { $0.typeName == typeName }) { return provider.providedType }
        if found.isSameTypeStatic { return typeName }
        // `EventLoopFuture.whenAllSucceed(…)`: an any-receiver provider reached through a type.
        return found.providers.first { $0.typeName == nil }?.providedType
    }

    mutating func typeOfVariable(_ symbol: Symbol, context: SwiftWalkContext?) -> String? {
        if let local = types.localBinding(symbol) { return local.typeName }
        if let owner = enclosingType(context), let property = types.propertyType(symbol, ofType: owner) {
            return knownType(property)
        }
        if let global = types.topLevelBinding(symbol) { return global.typeName }
        return knownType(types.propertyType(symbol, ofType: SwiftReceiverTypes.fileScope))
    }

    /// The type an expression names, when it names one: `Thread`, `Foundation.Thread`; not a
    /// variable that happens to be capitalized.
    mutating func typeReference(_ expression: NodeID) -> String? {
        switch tree.kind(expression) {
        case .name:
            let symbol = tree[expression].name
            guard !symbol.isNone, !types.hasLocalBinding(symbol), !types.hasTopLevelBinding(symbol) else {
                return nil
            }
            let written = text(symbol)
            return SwiftReceiverTypes.looksLikeTypeName(written) ? written : nil
        case .member:
            // `Foundation.FileManager`: a type qualified by its module.
            let base = tree[expression].firstChild
            guard !base.isNone, tree.kind(base) == .name, entries(tree[base].name).isSystemModule else { return nil }
            let written = text(tree[expression].name)
            return SwiftReceiverTypes.looksLikeTypeName(written) ? written : nil
        default:
            return nil
        }
    }

    /// Whether an expression is visibly an `http(s)` URL: `URL(string: "https://…")` (force
    /// unwrapped or not) or a name bound to one.
    func isRemoteURL(_ expression: NodeID) -> Bool {
        let node = tree.unwrappingTryAndAwait(expression)
        switch tree.kind(node) {
        case .name:
            return types.localBinding(tree[node].name)?.isRemoteURL
                ?? types.topLevelBinding(tree[node].name)?.isRemoteURL ?? false
        case .call:
            let shape = callShape(node)
            guard !shape.isMember, tree.kind(shape.callee) == .name, text(shape.lastName) == "URL" else { return false }
            guard let first = shape.arguments(in: tree).first, tree.symbols.equals(tree[first].name, "string"),
                  let value = tree.argumentValue(first), tree.kind(value) == .stringLiteral,
                  let literal = nameText(value) else { return false }
            let unquoted = literal.drop { $0 == "#" || $0 == "\"" }
            return unquoted.hasPrefix("https://") || unquoted.hasPrefix("http://")
        default:
            return false
        }
    }

    /// Stored properties of unknown type are recorded as `""`: known to exist, type unknown.
    private func knownType(_ recorded: String?) -> String? {
        guard let recorded, !recorded.isEmpty else { return nil }
        return recorded
    }
}
