/// The light syntax tree: one shape for every language, just rich enough for the checks.
///
/// Nodes live in one flat array addressed by `NodeID` (no class per node, no per-node
/// allocation). Children form a singly linked list (`firstChild` / `nextSibling`) in source
/// order. Names are interned in the tree's `SymbolTable`; positions are UTF-8 byte offsets
/// into the source, turned into 1-based line / Unicode-scalar column on demand by `LineMap`.
///
/// ## Node shapes (the contract between front ends and Analysis)
/// Children are listed in order. `name` / `detail` are symbols (`.none` when absent).
///
/// | kind | name | detail | flags | children |
/// |---|---|---|---|---|
/// | module | – | – | – | statements |
/// | block | – | – | – | statements (a body: function, closure, class, `with`, `if` branch, …) |
/// | function | function name | Swift: `func`/`init`/`deinit`/`subscript`/`get`/`set`/`willSet`/`didSet`/`_modify`…; Python: `def` | isAsync, throws | `attribute`*, `parameter`*, `typeAnnotation`? (return type), `block` (body; absent for a protocol requirement) |
/// | closure | – | Python: `lambda` | isAsync, throws | `parameter`*, then the body: a `block` (Swift) or one expression (Python lambda: its value is returned) |
/// | parameter | internal name | Swift external label (`_` for none; absent when the name is the label) | star, doubleStar | `typeAnnotation`?, default-value expression? |
/// | typeDecl | type name (Swift extension: the extended type's text) | `class`/`struct`/`enum`/`actor`/`protocol`/`extension` | – | `attribute`*, `typeAnnotation`* (bases / inheritance clause; Python bases are expressions and so are not typeAnnotations: they are `argument`s), `block` (members) |
/// | attribute | attribute or decorator text without `@` (`MainActor`, `app.route`) | – | – | Python: the decorator expression; Swift: argument expressions, if any |
/// | typeAnnotation | the type's text with white space removed (`[String:Int]`, `DispatchSemaphore`) | – | – | Python: the annotation expression (calls inside `Annotated[…]` are real calls); Swift: none |
/// | call | – | – | – | callee expression, then `argument`* |
/// | argument | label (Python keyword, Swift label) or none | – | star, doubleStar, trailingClosure | the value expression |
/// | await | – | – | – | the awaited expression |
/// | tryExpr | – | `try`, `try?`, `try!` | – | the expression |
/// | name | identifier (backticks removed) | – | – | – |
/// | member | member name | – | implicitBase (Swift `.main`) | the base expression (absent when implicitBase) |
/// | subscript | – | – | – | base expression, then `argument`* |
/// | stringLiteral | the literal's text when it has no interpolation (escapes left as written) | – | interpolated | interpolated expressions, if any |
/// | literal | – | – | – | – (numbers, `None`, `nil`, `True`, …) |
/// | assignment | – | operator for augmented (`+=`…) else none | augmented | target expressions…, `typeAnnotation`? (Python `x: T = v`), value expression (the LAST child; absent for `x: T`) |
/// | binding | bound name (`_` for a wildcard; none for a tuple pattern) | `let`/`var`/`async let`/`for`/`as`/`walrus`/`case` | asyncLet | pattern `name`s (only for tuple patterns), `typeAnnotation`?, value expression? (last) |
/// | expressionStatement | – | – | – | one expression whose value is thrown away |
/// | returnStatement | – | `return`/`yield`/`throw`/`raise` | – | expression? |
/// | importStatement | module (Python `from` module with leading dots; Swift module) | – | isFrom | `importName`* |
/// | importName | imported dotted name (`os.path`, `sleep`, `*`) | alias (`as` name) | – | – |
/// | with | – | – | isAsync | `withItem`*, `block` |
/// | withItem | – | – | – | context expression, target expression? |
/// | scopeDeclaration | – | `global`/`nonlocal` | – | `name`* |
/// | opaque | – | what it is: `if`, `for`, `while`, `try`, `do`, `catch`, `match`, `case`, `switch`, `guard`, `comprehension`, `generator`, `binary`, `tuple`, `list`, `dict`, `keyPath`, … | isAsync (`async for`, async comprehension), hasCatch (`do` with `catch`) | whatever it holds, in source order |
///
/// Front ends never throw: malformed input yields `opaque` nodes and `problems`.
public struct SyntaxTree: Sendable {
    public var nodes: [SyntaxNode]
    public var symbols: SymbolTable
    public var lineMap: LineMap
    public var problems: [ParseProblem]
    public let language: SourceLanguage
    /// The anchors (see `anchorLocation`) of the nodes that have one apart from their start —
    /// functions, closures, type declarations — by node id, in increasing order.
    @usableFromInline var anchorNodes: [Int32] = []
    @usableFromInline var anchorOffsets: [Int32] = []

    public init(language: SourceLanguage, lineMap: LineMap) {
        self.language = language
        self.lineMap = lineMap
        self.nodes = []
        self.symbols = SymbolTable()
        self.problems = []
        nodes.reserveCapacity(64)
    }

    /// The root is always node 0 (a `module`) once a front end has run.
    public var root: NodeID { NodeID(0) }

    @inlinable public subscript(id: NodeID) -> SyntaxNode {
        get { nodes[Int(id.raw)] }
        set { nodes[Int(id.raw)] = newValue }
    }

    @inlinable public func kind(_ id: NodeID) -> NodeKind { nodes[Int(id.raw)].kind }

    /// The text of the node's `name` symbol, or nil.
    @inlinable public func name(_ id: NodeID) -> String? {
        let s = nodes[Int(id.raw)].name
        return s.isNone ? nil : symbols.string(s)
    }

    /// The text of the node's `detail` symbol, or nil.
    @inlinable public func detail(_ id: NodeID) -> String? {
        let s = nodes[Int(id.raw)].detail
        return s.isNone ? nil : symbols.string(s)
    }

    /// Whether the node's `detail` is `text` (no `String` is made; false when absent).
    @inlinable public func detailIs(_ id: NodeID, _ text: StaticString) -> Bool {
        symbols.equals(nodes[Int(id.raw)].detail, text)
    }

    /// The children of a node, in source order.
    @inlinable public func children(_ id: NodeID) -> ChildSequence {
        ChildSequence(nodes: nodes, first: nodes[Int(id.raw)].firstChild)
    }

    /// The children as an array (convenient where a count or an index is needed).
    public func childArray(_ id: NodeID) -> [NodeID] { Array(children(id)) }

    /// Where a report about the node points, as a UTF-8 byte offset: a `function`'s
    /// `def`/`async`/`func`/`init` keyword (after decorators and modifiers), a `typeDecl`'s
    /// `class`/`struct`… keyword, a closure's start as first made; else the node's `start`.
    public func anchor(_ id: NodeID) -> Int32 {
        if let index = anchorIndex(id) { return anchorOffsets[index] }
        return nodes[Int(id.raw)].start
    }

    /// 1-based line and Unicode-scalar column of the node's anchor.
    public func anchorLocation(_ id: NodeID) -> SourceLocation {
        lineMap.location(ofByte: Int(anchor(id)))
    }

    /// Where `id` is in the anchor table, by binary search (the table is in node order).
    @usableFromInline func anchorIndex(_ id: NodeID) -> Int? {
        var lo = 0, hi = anchorNodes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if anchorNodes[mid] < id.raw { lo = mid + 1 } else { hi = mid }
        }
        return lo < anchorNodes.count && anchorNodes[lo] == id.raw ? lo : nil
    }

    /// The first child of the given kind.
    public func firstChild(_ id: NodeID, ofKind kind: NodeKind) -> NodeID? {
        for c in children(id) where nodes[Int(c.raw)].kind == kind { return c }
        return nil
    }

    /// The last child, e.g. the value of an `assignment` or `binding`.
    @inlinable public func lastChild(_ id: NodeID) -> NodeID? {
        let last = nodes[Int(id.raw)].lastChild
        return last.isNone ? nil : last
    }

    /// 1-based line and Unicode-scalar column of the node's start and end.
    public func range(_ id: NodeID) -> SourceRange {
        let n = nodes[Int(id.raw)]
        let (start, end) = lineMap.locations(ofByte: Int(n.start), andByte: Int(n.end))
        return SourceRange(start: start, end: end)
    }

    /// Every node id (in creation order, which is not necessarily source order: a postfix
    /// `call` is created after its callee). Walk `children` for source order.
    public var allNodes: Range<Int> { 0..<nodes.count }
}

/// A node id: an index into `SyntaxTree.nodes`.
public struct NodeID: Hashable, Sendable, Comparable {
    public var raw: Int32
    @inlinable public init(_ raw: Int32) { self.raw = raw }
    @inlinable public init(_ raw: Int) { self.raw = Int32(truncatingIfNeeded: raw) }
    /// Computed and inlinable, not a stored `static let`: from another module a stored one is
    /// read through a call to its lazy initializer's addressor, about nine million calls in a
    /// Python corpus check (every `isNone` test of a parent, child or sibling link).
    @inlinable public static var none: NodeID { NodeID(Int32(-1)) }
    @inlinable public var isNone: Bool { raw < 0 }
    @inlinable public static func < (a: NodeID, b: NodeID) -> Bool { a.raw < b.raw }
}

/// 36 bytes: the tree is most of a parsed file's memory (dense code makes close to a node a
/// token). What only some nodes need lives beside the array: the anchor of functions,
/// closures and type declarations. (The last child, needed only while building, stays: kept
/// in an array beside the nodes it cost the front ends 2.5 % more instructions.)
public struct SyntaxNode: Sendable {
    public var name: Symbol
    public var detail: Symbol
    public var parent: NodeID
    public var firstChild: NodeID
    public var lastChild: NodeID
    public var nextSibling: NodeID
    /// UTF-8 byte offsets into the source: `start` inclusive, `end` exclusive. A node's range
    /// holds its children's ranges (a function's starts at its first decorator or attribute).
    public var start: Int32
    public var end: Int32
    public var flags: NodeFlags
    public var kind: NodeKind

    @inlinable public init(kind: NodeKind, flags: NodeFlags = [], name: Symbol = .none, detail: Symbol = .none,
                           start: Int32, end: Int32) {
        self.kind = kind
        self.flags = flags
        self.name = name
        self.detail = detail
        self.parent = .none
        self.firstChild = .none
        self.lastChild = .none
        self.nextSibling = .none
        self.start = start
        self.end = end
    }

    /// Whether a node of this kind gets an entry in the tree's anchor table when made.
    @inlinable @inline(__always) static func hasAnchor(_ kind: NodeKind) -> Bool {
        kind == .function || kind == .closure || kind == .typeDecl
    }
}

public enum NodeKind: UInt8, Sendable, CaseIterable {
    case module, block, function, closure, parameter, typeDecl, attribute, typeAnnotation
    case call, argument, await, tryExpr, name, member, `subscript`, stringLiteral, literal
    case assignment, binding, expressionStatement, returnStatement
    case importStatement, importName, with, withItem, scopeDeclaration, opaque
}

/// Its members are computed and inlinable, as `NodeID.none` is.
public struct NodeFlags: OptionSet, Sendable, Hashable {
    public var rawValue: UInt16
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }
    @inlinable public static var isAsync: NodeFlags { NodeFlags(rawValue: 1 << 0) }
    @inlinable public static var `throws`: NodeFlags { NodeFlags(rawValue: 1 << 1) }
    @inlinable public static var star: NodeFlags { NodeFlags(rawValue: 1 << 2) }
    @inlinable public static var doubleStar: NodeFlags { NodeFlags(rawValue: 1 << 3) }
    @inlinable public static var trailingClosure: NodeFlags { NodeFlags(rawValue: 1 << 4) }
    @inlinable public static var implicitBase: NodeFlags { NodeFlags(rawValue: 1 << 5) }
    @inlinable public static var interpolated: NodeFlags { NodeFlags(rawValue: 1 << 6) }
    @inlinable public static var augmented: NodeFlags { NodeFlags(rawValue: 1 << 7) }
    @inlinable public static var asyncLet: NodeFlags { NodeFlags(rawValue: 1 << 8) }
    @inlinable public static var isFrom: NodeFlags { NodeFlags(rawValue: 1 << 9) }
    @inlinable public static var hasCatch: NodeFlags { NodeFlags(rawValue: 1 << 10) }
    /// Swift: a function declared `static`, `class` or `nonisolated`: in an actor, not isolated
    /// to the actor's instance.
    @inlinable public static var notInstanceIsolated: NodeFlags { NodeFlags(rawValue: 1 << 11) }
}

public enum SourceLanguage: String, Sendable, Codable, CaseIterable {
    case python, swift
}

/// A parse problem: the front end recovered, but this part of the file is not fully understood.
public struct ParseProblem: Sendable, Equatable {
    public var start: Int32
    public var message: String
    public init(start: Int32, message: String) {
        self.start = start
        self.message = message
    }
}

/// Iterates a node's children without allocating.
public struct ChildSequence: Sequence, IteratorProtocol {
    @usableFromInline let nodes: [SyntaxNode]
    @usableFromInline var current: NodeID
    @inlinable init(nodes: [SyntaxNode], first: NodeID) {
        self.nodes = nodes
        self.current = first
    }
    @inlinable public mutating func next() -> NodeID? {
        if current.isNone { return nil }
        let c = current
        current = nodes[Int(c.raw)].nextSibling
        return c
    }
}
