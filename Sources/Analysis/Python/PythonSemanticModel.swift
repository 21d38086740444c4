import LightSyntax

/// What a name or a dotted expression refers to.
enum PythonResolution: Sendable, Equatable {
    /// An imported module or object, by qualified name (`time.sleep`, `os.path`).
    case qualified(String)
    /// Rooted in a name bound nowhere in reach (a builtin, a star import, a module imported
    /// elsewhere): the text as written.
    case unbound(String)
    /// One of this file's functions.
    case function(NodeID)
    /// One of this file's classes.
    case classDef(NodeID)
    /// A variable (or anything computed), with its catalogue type when known.
    case value(ValueTypeID?)
}

/// Names, qualified names and value types of one file's expressions, resolved against its
/// scopes (`PythonScopes`) and the catalogue's types.
/// Not `Sendable`: one model serves one file's check, on one thread, and memoizes as it goes.
struct PythonSemanticModel {
    let tree: SyntaxTree
    let scopes: PythonScopes
    let catalogue: PythonCatalogueIndex
    /// The async library the file imports, which the advice of its findings names (the rules'
    /// and pass 1's alike).
    let flavor: PythonLibraryFlavor
    /// Resolution follows aliases (`nap = time.sleep`) and variables; this bounds cycles such as
    /// `x = x.parent`.
    private static let maxDepth = 16
    /// Each binding is resolved once: without this, names rebound in a loop
    /// (`node = node.next`) would be re-resolved along every path, exponentially.
    private let memo: ResolutionMemo

    /// Per class, what its instances' attributes are assigned: `self.x = value` in its methods
    /// and `x = value` in its body. Typed on demand by `instanceAttributeType`.
    private let instanceAttributes: [NodeID: [Symbol: [AttributeAssignment]]]

    struct AttributeAssignment: Sendable {
        var value: NodeID
        var scope: Int
    }

    /// The callbacks the file hands to the event loop (`PythonLoopCallbacks`), found once for
    /// the per-file AL202 and pass 1 alike.
    private(set) var loopCallbacks: [PythonLoopCallbacks.HandOver] = []

    init(tree: SyntaxTree, catalogue: PythonCatalogueIndex) {
        self.tree = tree
        let scopes = PythonScopes(tree: tree)
        self.scopes = scopes
        self.catalogue = catalogue
        self.flavor = PythonLibraryFlavor(importedNames: scopes.importedNames)
        self.memo = ResolutionMemo(bindingCount: scopes.bindingCount)
        self.instanceAttributes = Self.collectInstanceAttributes(tree: tree, scopes: scopes)
        self.loopCallbacks = PythonLoopCallbacks.handOvers(in: self)
    }

    // MARK: Names

    /// What `symbol` means when read at `position` in `scope`.
    func resolve(_ symbol: Symbol, in scope: Int, at position: Int32, depth: Int = 0) -> PythonResolution {
        guard depth < Self.maxDepth else { return .value(nil) }
        guard let (bindingScope, bindings) = scopes.lookup(symbol, from: scope) else {
            return .unbound(tree.symbols.string(symbol))
        }
        // In its own scope a read sees the bindings before it (flow is approximated by source
        // order): the last one, and if that one sits in a block the read is not in (an `if`
        // branch, a `try` body), the ones before it too, back to one whose block holds the
        // read; they must agree. `x = None` placeholders are skipped: they mark the fallback
        // branch of an optional import or an attribute set up later, not the value in use.
        if bindingScope == scope {
            var agreed: PythonResolution?
            var index = bindings.count - 1
            // The loop skips the bindings after the read; in position order (nearly always) a
            // binary search skips them at once. A name bound thousands of times in one scope
            // (generated code, a 50 MB file) made every read linear and the file quadratic.
            if index > 0 && scopes.bindingsAreOrdered(symbol, in: bindingScope) {
                var lo = 0, hi = bindings.count   // the first binding after the read
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if bindings[mid].position <= position { lo = mid + 1 } else { hi = mid }
                }
                index = lo - 1
            }
            while index >= 0 {
                let b = bindings[index]
                if b.position <= position && !isPlaceholder(b) {
                    let r = resolve(b, in: bindingScope, depth: depth + 1)
                    if let a = agreed, a != r { return .value(nil) }
                    agreed = r
                    if reaches(b, position) { break }
                }
                index -= 1
            }
            if let agreed { return agreed }
        }
        // A read from a nested scope runs later, and a read before any binding sits in a loop
        // or is an error: every binding must agree, else we do not know (precision first).
        // That verdict does not depend on the read, so it is remembered per scope and name: a
        // name bound thousands of times in one scope (generated code, one 50 MB file) made every
        // read linear and the file quadratic. It is stored only when no binding was being
        // resolved when it started, so every binding it looked at had its final value and
        // recomputing it would give the same answer.
        // (A few bindings are cheaper to look at again than to look up.)
        let allKey = AllBindingsKey(scope: bindingScope, symbol: symbol)
        let remembered = bindings.count > 8
        if remembered, let known = memo.allBindings[allKey] { return known }
        let cacheable = remembered && memo.pending == 0
        var agreed: PythonResolution?
        for b in bindings where !isPlaceholder(b) {
            let r = resolve(b, in: bindingScope, depth: depth + 1)
            if let a = agreed, a != r {
                if cacheable { memo.allBindings[allKey] = .value(nil) }
                return .value(nil)
            }
            agreed = r
        }
        let verdict = agreed ?? .value(nil)
        if cacheable { memo.allBindings[allKey] = verdict }
        return verdict
    }

    /// Whether a binding certainly holds at `position`: its enclosing block (or the module)
    /// contains the position. Parameters hold throughout their function.
    private func reaches(_ binding: PythonBinding, _ position: Int32) -> Bool {
        if case .parameter = binding.kind { return true }
        var node = tree[binding.site].parent
        while !node.isNone && tree.kind(node) != .block && tree.kind(node) != .module { node = tree[node].parent }
        guard !node.isNone else { return true }
        return tree[node].start <= position && position < tree[node].end
    }

    /// `x = None` (or another literal): a placeholder, not what the name is for.
    private func isPlaceholder(_ binding: PythonBinding) -> Bool {
        if case .assigned(let v) = binding.kind { return tree.kind(v) == .literal }
        return false
    }

    private func resolve(_ binding: PythonBinding, in scope: Int, depth: Int) -> PythonResolution {
        let id = Int(binding.id)
        if let known = memo.bindings[id] { return known }
        // A binding that depends on itself (`x = x.parent`) is unknown on the inner path.
        memo.bindings[id] = .value(nil)
        memo.pending += 1
        let r = resolveUncached(binding, in: scope, depth: depth)
        memo.pending -= 1
        memo.bindings[id] = r
        return r
    }

    private func resolveUncached(_ binding: PythonBinding, in scope: Int, depth: Int) -> PythonResolution {
        switch binding.kind {
        case .imported(let q): return .qualified(scopes.importedName(q))
        case .function(let f): return .function(f)
        case .classDef(let c): return .classDef(c)
        case .opaque: return .value(nil)
        case .unpacked(let value, let index):
            // `conn, addr = sock.accept()`: a method documented to return a typed first element.
            guard index == 0, tree.kind(value) == .call, let callee = tree.firstChild(value),
                  tree.kind(callee) == .member, let method = tree.name(callee), let base = tree.firstChild(callee),
                  let t = valueType(of: base, in: scope, at: tree[value].start, depth: depth + 1) else { return .value(nil) }
            return .value(catalogue[t].firstOfPairReturns[method])
        case .parameter(let p): return .value(annotatedType(of: p, scope: scope, depth: depth))
        case .asyncEntered(let value):
            guard let t = valueType(of: value, in: scope, at: tree[value].start, depth: depth + 1),
                  catalogue[t].asyncEntersItself else { return .value(nil) }
            return .value(t)
        case .assigned(let value):
            let at = tree[value].start
            switch tree.kind(value) {
            case .name, .member:
                // An alias (`nap = time.sleep`, `Client = requests.Session`) or another variable.
                return resolve(expression: value, in: scope, at: at, depth: depth + 1)
            default:
                return .value(valueType(of: value, in: scope, at: at, depth: depth + 1))
            }
        }
    }

    /// What a `name` / `member` chain (or any expression) refers to.
    func resolve(expression e: NodeID, in scope: Int, at position: Int32, depth: Int = 0) -> PythonResolution {
        guard depth < Self.maxDepth else { return .value(nil) }
        // The rules and pass 1 each ask for the callee of every call statement, read where it
        // is written: that answer is kept. (Once asked with no resolution under way, each
        // binding it went through is memoized, so asking again would give the same answer.)
        if depth == 0 && position == tree[e].start && memo.pending == 0 {
            if let known = memo.expression(e, scope: scope) { return known }
            let r = resolveUncached(expression: e, in: scope, at: position, depth: depth)
            memo.setExpression(e, scope: scope, r, nodeCount: tree.nodes.count)
            return r
        }
        return resolveUncached(expression: e, in: scope, at: position, depth: depth)
    }

    private func resolveUncached(expression e: NodeID, in scope: Int, at position: Int32, depth: Int) -> PythonResolution {
        switch tree.kind(e) {
        case .name:
            return resolve(tree[e].name, in: scope, at: position, depth: depth + 1)
        case .member:
            let base = tree[e].firstChild
            guard !base.isNone, !tree[e].name.isNone else { return .value(nil) }
            if tree.kind(base) == .name, let cls = classOfSelf(base, in: scope) {
                return .value(instanceAttributeType(tree[e].name, of: cls, depth: depth + 1))
            }
            switch resolve(expression: base, in: scope, at: position, depth: depth + 1) {
            case .qualified(let q): return .qualified(q + "." + tree.symbols.string(tree[e].name))
            case .unbound(let n): return .unbound(n + "." + tree.symbols.string(tree[e].name))
            case .value(let t?):
                let type = catalogue[t]
                return .value(type.attributes[tree.symbols.string(tree[e].name)] ?? type.anyAttribute)
            case .value(nil), .function, .classDef: return .value(nil)
            }
        default:
            return .value(valueType(of: e, in: scope, at: position, depth: depth + 1))
        }
    }

    /// The qualified name a callee denotes, as the catalogue spells it; nil for a local
    /// function or variable. A bare unbound name counts only when it is a catalogue builtin.
    func qualifiedName(ofCallee callee: NodeID, in scope: Int) -> String? {
        switch resolve(expression: callee, in: scope, at: tree[callee].start) {
        case .qualified(let q): return q
        case .unbound(let n):
            if tree.kind(callee) == .name { return catalogue.builtins.contains(n) ? n : nil }
            return n
        default: return nil
        }
    }

    // MARK: Types

    /// The catalogue type of an expression's value, when local reasoning can tell.
    func valueType(of e: NodeID, in scope: Int, at position: Int32, depth: Int = 0) -> ValueTypeID? {
        guard depth < Self.maxDepth else { return nil }
        switch tree.kind(e) {
        case .name, .member:
            if case .value(let t?) = resolve(expression: e, in: scope, at: position, depth: depth + 1) { return t }
            if tree.kind(e) == .member, !catalogue.managerTypes.isEmpty { return managerType(of: e, in: scope, at: position, depth: depth) }
            return nil
        case .call:
            guard let callee = tree.children(e).first(where: { _ in true }) else { return nil }
            if tree.kind(callee) == .member, let method = tree.name(callee),
               let base = tree.children(callee).first(where: { _ in true }),
               let baseType = valueType(of: base, in: scope, at: position, depth: depth + 1) {
                return catalogue[baseType].returns[method]
            }
            switch resolve(expression: callee, in: scope, at: position, depth: depth + 1) {
            case .qualified(let q): return catalogue.constructorTypes[q]
            case .unbound(let n):
                if tree.kind(callee) == .name && !catalogue.builtins.contains(n) { return nil }
                return catalogue.constructorTypes[n]
            case .value(let t?): return catalogue[t].callReturns
            case .function(let f) where !tree[f].flags.contains(.isAsync): return returnType(of: f, depth: depth + 1)
            default: return nil
            }
        case .await:
            // `await make_client()`: what one of this file's coroutine functions declares it returns.
            guard let call = tree.firstChild(e), tree.kind(call) == .call, let callee = tree.firstChild(call),
                  case .function(let f) = resolve(expression: callee, in: scope, at: position, depth: depth + 1),
                  tree[f].flags.contains(.isAsync) else { return nil }
            return returnType(of: f, depth: depth + 1)
        case .subscript:
            guard let base = tree.children(e).first(where: { _ in true }),
                  let t = valueType(of: base, in: scope, at: position, depth: depth + 1) else { return nil }
            return catalogue[t].anyAttribute
        case .opaque where tree.detail(e) == "binary":
            guard let left = tree.children(e).first(where: { _ in true }),
                  let t = valueType(of: left, in: scope, at: position, depth: depth + 1) else { return nil }
            return catalogue[t].keepsTypeAsOperand ? t : nil
        default:
            return nil
        }
    }

    /// `Article.objects`: a catalogue manager type, when the attribute is the type's, the base is
    /// a class (of the file, or an imported capitalized name), and the file imports the module.
    private func managerType(of member: NodeID, in scope: Int, at position: Int32, depth: Int) -> ValueTypeID? {
        guard let name = tree.name(member), let base = tree.firstChild(member) else { return nil }
        for manager in catalogue.managerTypes where manager.attribute == name {
            switch resolve(expression: base, in: scope, at: position, depth: depth + 1) {
            case .classDef: break
            case .qualified(let q) where Self.readsAsClass(q): break
            default: continue
            }
            let prefix = manager.module + "."
            if scopes.importedNames.contains(where: { $0 == manager.module || $0.hasPrefix(prefix) }) { return manager.type }
        }
        return nil
    }

    /// The type a parameter's annotation names (`s: requests.Session`, `p: Optional[Path]`),
    /// resolved in the scope around the function.
    private func annotatedType(of parameter: NodeID, scope: Int, depth: Int) -> ValueTypeID? {
        guard let annotation = tree.firstChild(parameter, ofKind: .typeAnnotation) else { return nil }
        let outer = scopes[scope].parent >= 0 ? scopes[scope].parent : scope
        return annotationType(annotation, in: outer, at: tree[scopes[scope].node].start, depth: depth)
    }

    /// The type a function of this file declares it returns (`def connect() -> sqlite3.Connection`).
    private func returnType(of function: NodeID, depth: Int) -> ValueTypeID? {
        guard let annotation = tree.firstChild(function, ofKind: .typeAnnotation) else { return nil }
        let scope = scopes.scope(containing: function, in: tree)
        return annotationType(annotation, in: scope, at: tree[function].start, depth: depth)
    }

    /// The catalogue type an annotation names: `Optional[X]`, `X | None` and quotes are seen
    /// through, generic arguments dropped (`IO[str]` → `IO`), the root resolved through imports.
    private func annotationType(_ annotation: NodeID, in scope: Int, at position: Int32, depth: Int) -> ValueTypeID? {
        guard var text = tree.name(annotation) else { return nil }
        text = text.filter { $0 != "\"" && $0 != "'" && $0 != " " }
        for wrapper in ["Optional[", "typing.Optional["] where text.hasPrefix(wrapper) && text.hasSuffix("]") {
            text = String(text.dropFirst(wrapper.count).dropLast())
        }
        if text.hasSuffix("|None") { text = String(text.dropLast(5)) }
        if text.hasPrefix("None|") { text = String(text.dropFirst(5)) }
        if let bracket = text.firstIndex(of: "[") { text = String(text[..<bracket]) }
        let root = String(text.prefix { $0 != "." })
        let rest = text.dropFirst(root.count)
        guard let symbol = tree.symbols.lookup(root) else { return catalogue.annotationTypes[text] }
        switch resolve(symbol, in: scope, at: position, depth: depth + 1) {
        case .qualified(let q): return catalogue.annotationTypes[q + rest]
        case .unbound(let n): return catalogue.annotationTypes[n + rest]
        default: return nil
        }
    }

    // MARK: Instances

    /// What `super()` (or `super(Class, self)`) stands for in a method of a class: the class's
    /// first base, whose methods it calls (the next class of the MRO, for single inheritance
    /// and the usual mixins): `.classDef` for a class of this file, `.qualified` for an
    /// imported one; nil anywhere else, or when `super` is not the builtin.
    func superclass(ofSuperCall receiver: NodeID, in scope: Int) -> PythonResolution? {
        guard tree.kind(receiver) == .call, let callee = tree.firstChild(receiver), tree.kind(callee) == .name,
              tree.name(callee) == "super", case .unbound = resolve(expression: callee, in: scope, at: tree[callee].start)
        else { return nil }
        let method = scopes[scope].node
        guard tree.kind(method) == .function else { return nil }
        let block = tree[method].parent
        guard !block.isNone, tree.kind(block) == .block else { return nil }
        let cls = tree[block].parent
        guard !cls.isNone, tree.kind(cls) == .typeDecl else { return nil }
        guard let base = resolvedBases(of: cls).first else { return nil }
        switch base {
        case .classDef, .qualified: return base
        default: return nil
        }
    }

    /// What a class's positional bases (`class C(Base, mixins.M, metaclass=…)`: `Base` and
    /// `mixins.M`) stand for, in order, resolved where the class is defined.
    func resolvedBases(of cls: NodeID) -> [PythonResolution] {
        let scope = scopes.scope(containing: cls, in: tree)
        var bases: [PythonResolution] = []
        for argument in tree.children(cls) where tree.kind(argument) == .argument && tree[argument].name.isNone {
            guard let value = tree.firstChild(argument) else { continue }
            bases.append(resolve(expression: value, in: scope, at: tree[cls].start))
        }
        return bases
    }

    /// The class whose instance `name` is, when it is the first parameter of one of the
    /// class's methods (`self`), not of a `staticmethod` or `classmethod`.
    func classOfSelf(_ name: NodeID, in scope: Int) -> NodeID? {
        guard let (_, bindings) = scopes.lookup(tree[name].name, from: scope), bindings.count == 1,
              case .parameter(let parameter) = bindings[0].kind else { return nil }
        let method = tree[parameter].parent
        guard tree.kind(method) == .function, tree.firstChild(method, ofKind: .parameter) == parameter else { return nil }
        for child in tree.children(method) where tree.kind(child) == .attribute {
            let decorator = tree.name(child)
            if decorator == "staticmethod" || decorator == "classmethod" { return nil }
        }
        let block = tree[method].parent
        guard !block.isNone, tree.kind(block) == .block else { return nil }
        let cls = tree[block].parent
        return !cls.isNone && tree.kind(cls) == .typeDecl ? cls : nil
    }

    /// The class of this file whose instance a variable holds, when each of its bindings says
    /// so alike: an assignment of a call of the class (`repo = Repo(…)`), or a parameter
    /// annotated with it (`repo: Repo`). `x = None` placeholders are passed over, as name
    /// resolution does; any other binding (`with … as x`, a loop target) leaves it unknown.
    /// (AL202 asks it; the project index does not, see `PythonFileSummarizer.target(of:in:)`.)
    func instanceClass(of name: NodeID, in scope: Int) -> NodeID? {
        guard let (bindingScope, bindings) = scopes.lookup(tree[name].name, from: scope) else { return nil }
        var agreed: NodeID?
        for binding in bindings {
            let made: PythonResolution
            switch binding.kind {
            case .assigned(let value):
                if tree.kind(value) == .literal { continue }
                guard tree.kind(tree[binding.site].parent) == .assignment, tree.kind(value) == .call,
                      let constructor = tree.firstChild(value), tree.kind(constructor) == .name else { return nil }
                made = resolve(expression: constructor, in: bindingScope, at: tree[value].start)
            case .parameter(let parameter):
                guard let annotation = tree.firstChild(parameter, ofKind: .typeAnnotation),
                      let text = tree.name(annotation), let symbol = tree.symbols.lookup(text) else { return nil }
                // Resolved where the function is defined, as its annotations are.
                let outer = scopes[bindingScope].parent >= 0 ? scopes[bindingScope].parent : bindingScope
                made = resolve(symbol, in: outer, at: tree[scopes[bindingScope].node].start)
            default:
                return nil
            }
            guard case .classDef(let cls) = made, agreed == nil || agreed == cls else { return nil }
            agreed = cls
        }
        return agreed
    }

    /// Whether an imported name's last part is capitalized, as a class's name is (`models.Repo`,
    /// not `sqlite3.connect`): the index cannot tell a class from a function of another file,
    /// and `f().method()` of a function is no method of `f`.
    static func readsAsClass(_ qualified: String) -> Bool {
        let last = qualified.utf8.lastIndex(of: UInt8(ascii: ".")).map { qualified.utf8.index(after: $0) } ?? qualified.utf8.startIndex
        guard last < qualified.utf8.endIndex else { return false }
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(qualified.utf8[last])
    }

    /// The type of `self.attribute` in the class: every assignment must agree (placeholders
    /// such as `self.x = None` aside), else it is unknown.
    private func instanceAttributeType(_ attribute: Symbol, of cls: NodeID, depth: Int) -> ValueTypeID? {
        let key = ResolutionMemo.InstanceAttributeKey(cls: cls, attribute: attribute)
        if let known = memo.instanceAttributes[key] { return known }
        memo.instanceAttributes[key] = .some(nil)
        let t = instanceAttributeTypeUncached(attribute, of: cls, depth: depth)
        memo.instanceAttributes[key] = .some(t)
        return t
    }

    private func instanceAttributeTypeUncached(_ attribute: Symbol, of cls: NodeID, depth: Int) -> ValueTypeID? {
        guard depth < Self.maxDepth, let assignments = instanceAttributes[cls]?[attribute] else { return nil }
        var agreed: ValueTypeID?
        for a in assignments where tree.kind(a.value) != .literal {
            guard let t = valueType(of: a.value, in: a.scope, at: tree[a.value].start, depth: depth + 1),
                  agreed == nil || agreed == t else { return nil }
            agreed = t
        }
        return agreed
    }

    private static func collectInstanceAttributes(tree: SyntaxTree, scopes: PythonScopes)
        -> [NodeID: [Symbol: [AttributeAssignment]]] {
        var result: [NodeID: [Symbol: [AttributeAssignment]]] = [:]
        var stack: [NodeID] = []
        for classScope in 0..<scopes.scopes.count where scopes[classScope].kind == .classBody {
            let cls = scopes[classScope].node
            var attributes: [Symbol: [AttributeAssignment]] = [:]
            scopes.forEachName(in: classScope) { symbol, bindings in
                for b in bindings {
                    if case .assigned(let v) = b.kind {
                        attributes[symbol, default: []].append(AttributeAssignment(value: v, scope: classScope))
                    }
                }
            }
            guard let body = tree.firstChild(cls, ofKind: .block) else { continue }
            for method in tree.children(body) where tree.kind(method) == .function {
                guard let methodScope = scopes.scopeOpenedBy[method],
                      let selfParameter = tree.firstChild(method, ofKind: .parameter),
                      let methodBody = tree.firstChild(method, ofKind: .block) else { continue }
                let selfSymbol = tree[selfParameter].name
                stack.removeAll(keepingCapacity: true)
                stack.append(methodBody)
                while let node = stack.popLast() {
                    let n = tree[node]
                    switch n.kind {
                    // No statement sits inside an expression: only statements are walked into.
                    case .function, .closure, .typeDecl, .expressionStatement, .returnStatement, .call, .name, .member,
                         .literal, .stringLiteral, .await, .subscript, .argument:
                        continue
                    case .assignment:
                        // At least two children, the last no annotation: the last is the value.
                        guard let value = tree.lastChild(node), !n.flags.contains(.augmented), n.firstChild != value,
                              tree.kind(value) != .typeAnnotation
                        else { continue }
                        var target = n.firstChild
                        while target != value {
                            if tree.kind(target) == .member {
                                let base = tree[target].firstChild
                                if !base.isNone, tree.kind(base) == .name, tree[base].name == selfSymbol {
                                    attributes[tree[target].name, default: []]
                                        .append(AttributeAssignment(value: value, scope: methodScope))
                                }
                            }
                            target = tree[target].nextSibling
                        }
                        // Targets and value are expressions: nothing more to find in them.
                        continue
                    default:
                        break
                    }
                    var child = n.firstChild
                    while !child.isNone {
                        stack.append(child)
                        child = tree[child].nextSibling
                    }
                }
            }
            if !attributes.isEmpty { result[cls] = attributes }
        }
        return result
    }
}

/// A name in a scope (the key of the verdict over all its bindings there).
struct AllBindingsKey: Hashable {
    var scope: Int
    var symbol: Symbol
}

/// The semantic model's memo of resolved bindings and instance attributes.
/// Its properties skip the runtime's exclusivity check: they are read and written on every
/// resolution (a check cost about as much as the access), by one thread, never overlapping.
final class ResolutionMemo {
    /// By binding id (`PythonBinding.id`).
    @exclusivity(unchecked) var bindings: [PythonResolution?]
    /// Bindings being resolved right now (their entry in `bindings` is provisional).
    @exclusivity(unchecked) var pending = 0
    /// What a read from a nested scope sees: the verdict over all of a name's bindings.
    @exclusivity(unchecked) var allBindings: [AllBindingsKey: PythonResolution] = [:]
    @exclusivity(unchecked) var instanceAttributes: [InstanceAttributeKey: ValueTypeID?] = [:]

    init(bindingCount: Int) {
        bindings = [PythonResolution?](repeating: nil, count: bindingCount)
    }

    /// A call's callee resolved where it is written, with the scope it was resolved in: by node
    /// id (allocated on first use), an index into `expressionResults` or -1. Plain numbers per
    /// node, so that freeing the model does not visit every node's entry.
    @exclusivity(unchecked) private var expressionSlots: [Int32] = []
    @exclusivity(unchecked) private var expressionResults: [(scope: Int, resolution: PythonResolution)] = []

    func expression(_ e: NodeID, scope: Int) -> PythonResolution? {
        let i = Int(e.raw)
        guard i < expressionSlots.count, expressionSlots[i] >= 0 else { return nil }
        let entry = expressionResults[Int(expressionSlots[i])]
        return entry.scope == scope ? entry.resolution : nil
    }

    func setExpression(_ e: NodeID, scope: Int, _ r: PythonResolution, nodeCount: Int) {
        if expressionSlots.isEmpty { expressionSlots = [Int32](repeating: -1, count: nodeCount) }
        expressionSlots[Int(e.raw)] = Int32(truncatingIfNeeded: expressionResults.count)
        expressionResults.append((scope, r))
    }

    struct InstanceAttributeKey: Hashable {
        var cls: NodeID
        var attribute: Symbol
    }
}
