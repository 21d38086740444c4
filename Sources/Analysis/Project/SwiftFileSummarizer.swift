import LightSyntax

/// Pass 1 for a Swift file, recorded during the per-file checker's own walk (so "blocks" means
/// what AL101–AL107 mean, with the same receiver types and shadowing, and the tree is walked
/// once): the file's functions and methods, the blocking calls each makes when it runs, and the
/// calls that may reach another project function.
extension SwiftFileCheck {
    /// Registers a `func` and returns its index in the summary, or -1 when its calls do not
    /// propagate (not summarizing, an accessor or initializer, a function local to another).
    mutating func summarizeFunction(_ function: NodeID, _ context: SwiftWalkContext) -> Int32 {
        guard summarizing, !tree[function].detail.isNone else { return -1 }
        if tree[function].detail != funcSymbol { return summarizeGetter(function, context) }
        var owner: String?
        if context.isTypeMemberLevel {
            guard let enclosing = enclosingType(context) else { return -1 }
            owner = enclosing
        } else if !isFileLevel(function) {
            return -1
        }
        let location = tree.anchorLocation(function)
        let nameSymbol = tree[function].name
        let name = nameSymbol.isNone ? "?" : text(nameSymbol)
        // Interned in the order the fields are listed (name, qualified name, owner, parameters).
        let nameID = nameSymbol.isNone ? summary.intern(name) : summaryID(of: nameSymbol)
        let qualifiedID = owner.map { summary.intern($0 + "." + name) } ?? nameID
        // The owner is the enclosing type: its id is cached per type declaration.
        let ownerID = owner == nil ? nil : enclosingTypeSummaryID(context)
        var parameters: [StringID] = []
        var child = tree[function].firstChild
        while !child.isNone {
            let parameter = tree[child]
            child = parameter.nextSibling
            guard parameter.kind == .parameter else { continue }
            // The external label: the detail when written, else the name, else `_`.
            let labelSymbol = parameter.detail.isNone ? parameter.name : parameter.detail
            var hasDefault = false
            var part = parameter.firstChild
            while !part.isNone {
                if tree.kind(part) != .typeAnnotation { hasDefault = true; break }
                part = tree[part].nextSibling
            }
            if hasDefault {
                parameters.append(summary.intern((labelSymbol.isNone ? "_" : text(labelSymbol)) + "="))
            } else {
                parameters.append(labelSymbol.isNone ? summary.intern("_") : summaryID(of: labelSymbol))
            }
        }
        summary.functions.append(FunctionSummary(
            name: nameID, qualifiedName: qualifiedID, owner: ownerID, parameters: parameters,
            isAsync: tree[function].flags.contains(.isAsync), line: Int32(location.line), column: Int32(location.column)))
        return Int32(summary.functions.count - 1)
    }

    /// Registers the getter of a computed property (`var config: Config { … }`, `{ get { … } }`)
    /// or of a subscript, of a type or at file level, as a function named after the property
    /// (`subscript` for a subscript, with its parameters); -1 for anything else (a setter, an
    /// observer, a local computed variable).
    private mutating func summarizeGetter(_ getter: NodeID, _ context: SwiftWalkContext) -> Int32 {
        let detail = tree[getter].detail
        let parent = tree[getter].parent
        guard !parent.isNone else { return -1 }
        // The subscript declaration whose parameters the getter takes (nil: a property's getter).
        var subscriptDeclaration: NodeID?
        var declaration = parent
        if detail == subscriptSymbol {
            // `subscript(i: Int) -> T { … }`: a getter body of its own, not an accessor block.
            guard tree.firstChild(getter, ofKind: .block) != nil else { return -1 }
            subscriptDeclaration = getter
            declaration = getter
        } else if detail == getSymbol {
            if tree.kind(parent) == .function, tree[parent].detail == subscriptSymbol {
                subscriptDeclaration = parent
            } else if tree.kind(parent) != .binding {
                return -1
            }
        } else {
            return -1
        }
        // A member of a type (directly in its body, possibly inside `#if`), or at file level.
        var owner: String?
        var scope = tree[declaration].parent
        while !scope.isNone, tree.kind(scope) == .opaque, isIfConfig(scope) { scope = tree[scope].parent }
        guard !scope.isNone else { return -1 }
        if tree.kind(scope) == .block, case let typeDecl = tree[scope].parent, !typeDecl.isNone, tree.kind(typeDecl) == .typeDecl {
            guard let enclosing = enclosingType(context) else { return -1 }
            owner = enclosing
        } else if tree.kind(scope) != .module {
            return -1
        }
        let nameSymbol = tree[getter].name
        guard !nameSymbol.isNone else { return -1 }
        // Where the chain shows it: the `var` of a property, the `subscript` keyword.
        let location = tree.kind(declaration) == .binding ? tree.range(declaration).start : tree.anchorLocation(declaration)
        let nameID = summaryID(of: nameSymbol)
        let qualifiedID = owner.map { summary.intern($0 + "." + text(nameSymbol)) } ?? nameID
        let ownerID = owner == nil ? nil : enclosingTypeSummaryID(context)
        var parameters: [StringID] = []
        if let subscriptDeclaration {
            // A subscript's parameters have no argument label unless one is written
            // (`subscript(key key: String)`).
            for child in tree.children(subscriptDeclaration) where tree.kind(child) == .parameter {
                let label = tree[child].detail
                var hasDefault = false
                for part in tree.children(child) where tree.kind(part) != .typeAnnotation { hasDefault = true }
                let labelText = label.isNone ? "_" : text(label)
                parameters.append(summary.intern(hasDefault ? labelText + "=" : labelText))
            }
        }
        var function = FunctionSummary(
            name: nameID, qualifiedName: qualifiedID, owner: ownerID, parameters: parameters,
            isAsync: tree[getter].flags.contains(.isAsync), line: Int32(location.line), column: Int32(location.column))
        function.isGetter = true
        summary.functions.append(function)
        return Int32(summary.functions.count - 1)
    }

    /// Pass 1: a read that runs a getter of the project (AL110 when it blocks): a property of a
    /// typed receiver (`self.config`, `store.config`, `Store.shared`), a bare name that is no
    /// local (`config`: the enclosing type's, else a global computed variable), or a subscript
    /// of a typed receiver (`store[key]`). Names that the file knows as stored properties,
    /// locals or functions are left out, and so is the target of an assignment (a setter).
    mutating func summarizePropertyRead(_ node: NodeID, _ context: SwiftWalkContext) {
        guard summarizesReads else { return }
        let role: CallSite.Role
        if context.isAsync {
            role = [.inAsyncContext, .propertyRead]
        } else if context.summaryFunction >= 0 {
            role = [.propagates, .propertyRead]
        } else {
            return
        }
        let parent = tree[node].parent
        if !parent.isNone {
            switch tree.kind(parent) {
            case .assignment where tree[parent].firstChild == node && !tree[parent].flags.contains(.augmented):
                return
            case .binding where tree[parent].name.isNone:
                return   // a tuple pattern's name
            default:
                break
            }
        }
        // The cheap tests first: this runs for every name and member read in summarized code
        // (hundreds of thousands on the Swift corpus), and most are locals or stored properties.
        let kind = tree.kind(node)
        var nameSymbol = tree[node].name
        var typeName: String?
        var typeIsEnclosing = false
        var receiver = NodeID.none
        switch kind {
        case .name:
            // A local first: most bare names are, and the test is one array lookup.
            guard !nameSymbol.isNone, !types.hasLocalBinding(nameSymbol), mayBeBareRead(nameSymbol) else { return }
            if context.enclosingTypeIndex >= 0 && readsNoGetter(nameSymbol, ofType: context.enclosingTypeIndex, orMethod: true) {
                return
            }
            if readsNoGetter(nameSymbol, ofType: -1, orMethod: false) { return }
            if types.hasTopLevelBinding(nameSymbol) && !readFilter(-1).computed.contains(nameSymbol) { return }
        case .member:
            let base = tree[node].firstChild
            // `Type.self` is the metatype: no getter is named `self`.
            guard !nameSymbol.isNone, nameSymbol != selfSymbol, !tree[node].flags.contains(.implicitBase), !base.isNone else { return }
            receiver = tree.unwrappingTryAndAwait(base)
        case .subscript:
            let base = tree[node].firstChild
            guard !base.isNone, let symbol = subscriptSymbol else { return }
            nameSymbol = symbol
            receiver = tree.unwrappingTryAndAwait(base)
        default:
            return
        }
        if !receiver.isNone {
            if tree.kind(receiver) == .name && (tree[receiver].name == selfSymbol || tree.symbols.equals(tree[receiver].name, "Self")) {
                guard context.enclosingTypeIndex >= 0 else { return }
                if kind == .member && readsNoGetter(nameSymbol, ofType: context.enclosingTypeIndex, orMethod: false) { return }
                typeName = enclosingTypeNames[Int(context.enclosingTypeIndex)]
                typeIsEnclosing = true
            } else {
                if let named = typeReference(receiver) {
                    typeName = named
                } else if let inferred = inferredType(of: receiver, context: context) {
                    typeName = inferred
                } else {
                    return
                }
                if kind == .member, let typeName, isStoredProperty(nameSymbol, of: typeName) { return }
            }
        }
        // The read as written (`self.config`, `config`, `store[_:]`) and a subscript's labels.
        var bytes = writtenBytes
        writtenBytes = []
        bytes.removeAll(keepingCapacity: true)
        let start = kind == .subscript ? tree[node].firstChild : node
        if !appendCallee(start, link: 1, to: &bytes) {
            bytes.removeAll(keepingCapacity: true)
            bytes.append(UInt8(ascii: "?"))
        }
        var labelText = ""
        var trailing = 0
        if kind == .subscript {
            bytes.append(UInt8(ascii: "["))
            let labelsStart = bytes.count
            var labelCount = 0
            for argument in tree.children(node) where tree.kind(argument) == .argument {
                if tree[argument].flags.contains(.trailingClosure) {
                    trailing += 1
                    continue
                }
                labelCount += 1
                if tree[argument].name.isNone {
                    bytes.append(UInt8(ascii: "_"))
                } else {
                    appendName(tree[argument].name, to: &bytes)
                }
                bytes.append(UInt8(ascii: ":"))
            }
            if labelCount > 0 { labelText = String(decoding: bytes[labelsStart..<(bytes.count - 1)], as: UTF8.self) }
            bytes.append(UInt8(ascii: "]"))
        }
        // Interned from the bytes: a read repeated in the file makes no String again.
        let writtenID = bytes.withUnsafeBufferPointer { summary.intern(utf8: $0) }
        writtenBytes = bytes
        if labelText.isEmpty && emptyStringID < 0 { emptyStringID = summary.intern("") }
        let labelID = labelText.isEmpty ? emptyStringID : summary.intern(labelText)
        let nameID = summaryID(of: nameSymbol)
        let target: CallSite.Target = if let typeName {
            .member(type: typeIsEnclosing ? enclosingTypeSummaryID(context) ?? summary.intern(typeName) : summary.intern(typeName),
                    name: nameID, labels: labelID, trailingClosures: Int8(clamping: trailing))
        } else {
            .bare(enclosingType: enclosingTypeSummaryID(context), name: nameID, labels: labelID, trailingClosures: 0)
        }
        let range = tree.range(node)
        summary.calls.append(CallSite(
            target: target, name: nameID, role: role, caller: context.summaryFunction,
            written: writtenID, context: nil,
            startLine: Int32(range.start.line), startColumn: Int32(range.start.column),
            endLine: Int32(range.end.line), endColumn: Int32(range.end.column)))
    }

    /// Whether a bare name may read a getter as far as its text tells (worked out once per
    /// symbol): not `self` or `_`, no `$0` or `#line`, no type name, no free function of the file.
    @inline(__always) private mutating func mayBeBareRead(_ name: Symbol) -> Bool {
        let slot = Int(name.raw)
        if slot >= 0 && slot < bareReadNames.count && bareReadNames[slot] != 0 { return bareReadNames[slot] == 1 }
        return workOutBareRead(name)
    }

    private mutating func workOutBareRead(_ name: Symbol) -> Bool {
        let slot = Int(name.raw)
        if bareReadNames.isEmpty { bareReadNames = [UInt8](repeating: 0, count: tree.symbols.count) }
        guard slot >= 0, slot < bareReadNames.count else { return false }
        let written = texts.string(name)
        let first = written.utf8.first
        let may = name != selfSymbol && name != underscoreSymbol && !topLevelFunctionNames.contains(name)
            && first != nil && first != UInt8(ascii: "$") && first != UInt8(ascii: "#")
            && !SwiftReceiverTypes.looksLikeTypeName(written)
        bareReadNames[slot] = may ? 1 : 2
        return may
    }

    /// The names a type's reads skip (`PropertyReadFilter`), by `SwiftWalkContext.enclosingTypeIndex`
    /// (-1: the file's globals, `SwiftReceiverTypes.fileScope`).
    private mutating func readFilter(_ typeIndex: Int32) -> PropertyReadFilter {
        let slot = readFilterSlot(typeIndex)
        return readFilters[slot]!
    }

    /// Whether reading `name` in the type runs no getter of it: a stored property (or, with
    /// `orMethod`, a method: a bare `load` names it). Looked up where the filter is, not copied.
    private mutating func readsNoGetter(_ name: Symbol, ofType typeIndex: Int32, orMethod: Bool) -> Bool {
        let slot = readFilterSlot(typeIndex)
        return readFilters[slot]!.isStoredProperty(name) || (orMethod && readFilters[slot]!.methods.contains(name))
    }

    /// The slot of `readFilters` for a type, its filter made on first use.
    @inline(__always) private mutating func readFilterSlot(_ typeIndex: Int32) -> Int {
        let slot = typeIndex >= 0 ? Int(typeIndex) + 1 : 0
        if slot < readFilters.count && readFilters[slot] != nil { return slot }
        return makeReadFilter(slot, typeIndex)
    }

    private mutating func makeReadFilter(_ slot: Int, _ typeIndex: Int32) -> Int {
        if readFilters.count <= slot { readFilters.append(contentsOf: repeatElement(nil, count: slot + 1 - readFilters.count)) }
        if readFilters[slot] == nil {
            let type = typeIndex >= 0 ? enclosingTypeNames[Int(typeIndex)] : SwiftReceiverTypes.fileScope
            readFilters[slot] = PropertyReadFilter(stored: types.storedProperties[type] ?? [:], computed: computedProperties[type] ?? [],
                                                   methods: methodNames[type] ?? [])
        }
        return slot
    }

    /// Whether the file declares a stored property of this name in the type (or, for
    /// `SwiftReceiverTypes.fileScope`, a global variable): reading it runs no getter.
    @inline(__always) private func isStoredProperty(_ name: Symbol, of type: String) -> Bool {
        types.propertyType(name, ofType: type) != nil && computedProperties[type]?.contains(name) != true
    }

    /// A declaration at file level (possibly inside `#if`).
    func isFileLevel(_ node: NodeID) -> Bool {
        var current = tree[node].parent
        while !current.isNone {
            switch tree.kind(current) {
            case .module: return true
            case .opaque where isIfConfig(current): current = tree[current].parent
            default: return false
            }
        }
        return false
    }

    /// A closure runs as part of its function's body only when it is called on the spot or
    /// handed to an API that runs it inline (`map`, `withLock`); stored, escaping and offloaded
    /// closures (`DispatchQueue.global().async {}`) run later, elsewhere.
    mutating func summaryFunction(inClosure closure: NodeID, _ context: SwiftWalkContext) -> Int32 {
        guard summarizing, context.summaryFunction >= 0 else { return -1 }
        let parent = tree[closure].parent
        guard !parent.isNone else { return -1 }
        if tree.kind(parent) == .call && tree[parent].firstChild == closure { return context.summaryFunction }
        guard tree.kind(parent) == .argument else { return -1 }
        let call = tree[parent].parent
        guard !call.isNone, tree.kind(call) == .call else { return -1 }
        let shape = callShape(call)
        if isOffload(shape, context) || taskAPI(for: shape, context) != nil { return -1 }
        return runsClosuresInline(shape) ? context.summaryFunction : -1
    }

    mutating func summarizeTypeDeclaration(_ typeDecl: NodeID, name: String) {
        guard summarizing else { return }
        if tree.detailIs(typeDecl, "protocol") { summary.protocols.insert(summary.intern(name)) }
        if !tree.detailIs(typeDecl, "extension"), isFileLevel(typeDecl) { summary.declaredTypes.insert(summary.intern(name)) }
    }

    mutating func summarizeCall(_ shape: SwiftCallShape, _ context: SwiftWalkContext) {
        guard summarizing, !shape.lastName.isNone else { return }
        let role: CallSite.Role
        if context.isAsync {
            role = .inAsyncContext
        } else if context.summaryFunction >= 0 {
            role = .propagates
        } else {
            return
        }
        // A catalogued call: in a sync function it makes the function block; in an async
        // context AL101–AL107 report it already (the project may be the library itself:
        // swift-nio's own `EventLoopFuture.wait`), so it is no AL110 candidate too.
        if entries(shape.lastName).hasCallPatterns || isInit(shape.lastName),
           case let callLabels = labels(of: shape),
           let pattern = blockingPattern(for: shape, labels: callLabels, context),
           !(pattern.unlessAwaited && isAwaited(shape.call)) {
            if role != .propagates { return }
            let display = pattern.signature.display(actualLabels: callLabels, isCall: true)
            if PropagationExemptions.apis.contains(display) { return }
            let at = tree.range(shape.call).start
            let index = Int(context.summaryFunction)
            var call = BlockingCallSummary(description: -1, line: Int32(at.line), column: Int32(at.column))
            if let declaration = shadowingDeclaration(shape, pattern) {
                call.unlessDeclared = summary.intern(declaration.name)
                if case .type = declaration { call.unlessDeclaredIsType = true }
            }
            let function = summary.functions[index]
            // The first blocking call, and after a shadowable one the next ones (one per
            // declaration) up to the first that no declaration can change.
            if let first = function.directBlocking {
                let earlier = [first] + (summary.laterBlocking[Int32(index)] ?? [])
                guard earlier.allSatisfy(\.isShadowable), !earlier.contains(where: {
                    $0.unlessDeclared == call.unlessDeclared && $0.unlessDeclaredIsType == call.unlessDeclaredIsType
                }) else { return }
                call.description = summary.intern(display)
                summary.laterBlocking[Int32(index), default: []].append(call)
            } else {
                call.description = summary.intern(display)
                summary.functions[index].directBlocking = call
            }
            return
        }
        let name = text(shape.lastName)
        var typeName: String?
        // The symbol whose text `typeName` is, when it is one (its summary id is then cached).
        var typeSymbol = Symbol.none
        var typeIsEnclosing = false
        // A single label's text is its symbol's (ids cached per symbol).
        var onlyLabel = Symbol.none
        if shape.isMember {
            guard let base = shape.base else { return }
            let receiver = tree.unwrappingTryAndAwait(base)
            if tree.kind(receiver) != .name {
                // `Store().load()`, `store.items.first()`: typed only when inference can tell.
                guard let inferred = inferredType(of: receiver, context: context) else { return }
                typeName = inferred
            } else if tree[receiver].name == selfSymbol || tree.symbols.equals(tree[receiver].name, "Self") {
                guard let enclosing = enclosingType(context) else { return }
                typeName = enclosing
                typeIsEnclosing = true
            } else if let written = nameText(receiver), SwiftReceiverTypes.looksLikeTypeName(written),
                      !types.hasLocalBinding(tree[receiver].name) {
                typeName = written
                typeSymbol = tree[receiver].name
            } else if let inferred = inferredType(of: receiver, context: context) {
                // `let store = Store()`, a typed parameter or stored property.
                typeName = inferred
            } else {
                return
            }
        } else {
            // `Foo(…)` constructs; a local closure, variable or function shadows any function of
            // that name (the walk settles calls of local functions itself).
            if SwiftReceiverTypes.looksLikeTypeName(name) || types.hasLocalBinding(shape.lastName)
                || localFunction(calledBy: shape) != nil { return }
        }
        // The call as written (`a.b(x:_:)`) and its labels joined with `:` (how the index
        // matches them, the same bytes without the last `:`), built in one byte buffer straight
        // from the argument nodes and decoded once.
        var trailing = 0
        var labelCount = 0
        var bytes = writtenBytes
        writtenBytes = []
        bytes.removeAll(keepingCapacity: true)
        let callee = tree[shape.call].firstChild
        if callee.isNone || !appendCallee(callee, link: 1, to: &bytes) {
            bytes.removeAll(keepingCapacity: true)
            bytes.append(UInt8(ascii: "?"))
        }
        bytes.append(UInt8(ascii: "("))
        let labelsStart = bytes.count
        var argument = tree[shape.call].firstChild
        while !argument.isNone {
            let node = tree[argument]
            argument = node.nextSibling
            guard node.kind == .argument else { continue }
            if node.flags.contains(.trailingClosure) {
                trailing += 1
                continue
            }
            labelCount += 1
            onlyLabel = node.name
            if node.name.isNone {
                bytes.append(UInt8(ascii: "_"))
            } else {
                bytes.append(contentsOf: texts.string(node.name).utf8)
            }
            bytes.append(UInt8(ascii: ":"))
        }
        let labelText = labelCount == 0 ? "" : String(decoding: bytes[labelsStart..<(bytes.count - 1)], as: UTF8.self)
        bytes.append(UInt8(ascii: ")"))
        let written = String(decoding: bytes, as: UTF8.self)
        writtenBytes = bytes
        let range = tree.range(shape.call)
        // Interned in the order the original code did: labels, name, type, written form.
        let labelID: StringID
        if labelCount > 0 {
            labelID = labelCount == 1 && !onlyLabel.isNone ? summaryID(of: onlyLabel) : summary.intern(labelText)
        } else {
            if emptyStringID < 0 { emptyStringID = summary.intern("") }
            labelID = emptyStringID
        }
        let nameID = summaryID(of: shape.lastName)
        let target: CallSite.Target = if let typeName {
            .member(type: typeIsEnclosing ? enclosingTypeSummaryID(context) ?? summary.intern(typeName)
                        : typeSymbol.isNone ? summary.intern(typeName) : summaryID(of: typeSymbol), name: nameID,
                    labels: labelID, trailingClosures: Int8(clamping: trailing))
        } else {
            .bare(enclosingType: enclosingTypeSummaryID(context), name: nameID, labels: labelID,
                  trailingClosures: Int8(clamping: trailing))
        }
        summary.calls.append(CallSite(
            target: target, name: nameID, role: role, caller: context.summaryFunction,
            written: summary.intern(written),
            context: nil,
            startLine: Int32(range.start.line), startColumn: Int32(range.start.column),
            endLine: Int32(range.end.line), endColumn: Int32(range.end.column)))
    }

    /// Appends `SyntaxSummary.calleeText`'s normal form of a callee (`a.b()`, `.c`, `x[]`, `?`)
    /// as UTF-8, its base first, written from the cached names instead of joined from `String`
    /// parts; false when the chain is longer than the 64 links `calleeText` follows.
    private func appendCallee(_ id: NodeID, link: Int, to bytes: inout [UInt8]) -> Bool {
        guard link <= 64 else { return false }
        let node = tree[id]
        switch node.kind {
        case .name:
            appendName(node.name, to: &bytes)
        case .member:
            if !node.flags.contains(.implicitBase) && !node.firstChild.isNone {
                guard appendCallee(node.firstChild, link: link + 1, to: &bytes) else { return false }
            }
            bytes.append(UInt8(ascii: "."))
            appendName(node.name, to: &bytes)
        case .call, .subscript, .await, .tryExpr:
            if node.firstChild.isNone {
                bytes.append(UInt8(ascii: "?"))
            } else {
                guard appendCallee(node.firstChild, link: link + 1, to: &bytes) else { return false }
            }
            if node.kind == .call {
                bytes.append(UInt8(ascii: "(")); bytes.append(UInt8(ascii: ")"))
            } else if node.kind == .subscript {
                bytes.append(UInt8(ascii: "[")); bytes.append(UInt8(ascii: "]"))
            }
        default:
            bytes.append(UInt8(ascii: "?"))
        }
        return true
    }

    /// A name's UTF-8 (as `String` repairs it), or `?` for none.
    func appendName(_ symbol: Symbol, to bytes: inout [UInt8]) {
        if symbol.isNone {
            bytes.append(UInt8(ascii: "?"))
        } else {
            bytes.append(contentsOf: texts.string(symbol).utf8)
        }
    }

    /// The summary's string id of a symbol's text, interned once per file.
    mutating func summaryID(of symbol: Symbol) -> StringID {
        let slot = Int(symbol.raw)
        if summaryIDs.isEmpty { summaryIDs = [StringID](repeating: -1, count: tree.symbols.count) }
        guard slot >= 0, slot < summaryIDs.count else { return summary.intern(text(symbol)) }
        let known = summaryIDs[slot]
        if known >= 0 { return known }
        let id = summary.intern(text(symbol))
        summaryIDs[slot] = id
        return id
    }

    /// The summary's string id of the enclosing type's name (nil outside a type), interned once
    /// per type declaration.
    mutating func enclosingTypeSummaryID(_ context: SwiftWalkContext) -> StringID? {
        let slot = Int(context.enclosingTypeIndex)
        guard slot >= 0 else { return nil }
        let known = enclosingTypeSummaryIDs[slot]
        if known >= 0 { return known }
        let id = summary.intern(enclosingTypeNames[slot])
        enclosingTypeSummaryIDs[slot] = id
        return id
    }
}
