/// Construction API for front ends. Expressions are usually built detached (no parent) and
/// attached when complete, so that postfix forms (`a.b(c)`) can `wrap` what came before.
extension SyntaxTree {
    /// Creates a detached node.
    @inlinable @discardableResult
    public mutating func makeNode(_ kind: NodeKind, flags: NodeFlags = [], name: Symbol = .none,
                                  detail: Symbol = .none, start: Int, end: Int) -> NodeID {
        let id = NodeID(nodes.count)
        nodes.append(SyntaxNode(kind: kind, flags: flags, name: name, detail: detail,
                                start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end)))
        // A function's or type's anchor moves to its keyword later; a closure's stays where it
        // was made even when recovery widens its range. Nodes are made in id order, so the
        // table stays sorted.
        if SyntaxNode.hasAnchor(kind) { recordAnchor(id, start) }
        return id
    }

    /// Out of line: rare, and it kept `makeNode` small enough for its callers to inline.
    @usableFromInline @inline(never)
    mutating func recordAnchor(_ id: NodeID, _ offset: Int) {
        anchorNodes.append(id.raw)
        anchorOffsets.append(Int32(truncatingIfNeeded: offset))
    }

    /// Room for `count` nodes.
    public mutating func reserveNodes(_ count: Int) {
        nodes.reserveCapacity(count)
    }

    /// Creates a node as the last child of `parent`.
    @inlinable @discardableResult
    public mutating func addNode(_ kind: NodeKind, parent: NodeID, flags: NodeFlags = [], name: Symbol = .none,
                                 detail: Symbol = .none, start: Int, end: Int) -> NodeID {
        let id = makeNode(kind, flags: flags, name: name, detail: detail, start: start, end: end)
        appendChild(id, to: parent)
        return id
    }

    /// Attaches a detached node as the last child of `parent`.
    @inlinable
    public mutating func appendChild(_ child: NodeID, to parent: NodeID) {
        let p = Int(parent.raw), c = Int(child.raw)
        nodes[c].parent = parent
        nodes[c].nextSibling = .none
        let last = nodes[p].lastChild
        if last.isNone {
            nodes[p].firstChild = child
        } else {
            nodes[Int(last.raw)].nextSibling = child
        }
        nodes[p].lastChild = child
    }

    /// Clears a node's children list (the nodes that were its children must be reattached or
    /// left detached by the caller).
    @inlinable
    public mutating func removeAllChildren(_ id: NodeID) {
        nodes[Int(id.raw)].firstChild = .none
        nodes[Int(id.raw)].lastChild = .none
    }

    /// Creates a node that takes `child`'s place in the tree and holds it as its first child.
    /// The new node starts where `child` starts.
    @discardableResult
    public mutating func wrap(_ child: NodeID, in kind: NodeKind, flags: NodeFlags = [], name: Symbol = .none,
                              detail: Symbol = .none, end: Int) -> NodeID {
        let c = Int(child.raw)
        let wrapper = makeNode(kind, flags: flags, name: name, detail: detail, start: Int(nodes[c].start), end: end)
        let w = Int(wrapper.raw)
        let parent = nodes[c].parent
        if !parent.isNone {
            let p = Int(parent.raw)
            nodes[w].parent = parent
            nodes[w].nextSibling = nodes[c].nextSibling
            if nodes[p].firstChild == child {
                nodes[p].firstChild = wrapper
            } else {
                var s = nodes[p].firstChild
                while !s.isNone && nodes[Int(s.raw)].nextSibling != child { s = nodes[Int(s.raw)].nextSibling }
                if !s.isNone { nodes[Int(s.raw)].nextSibling = wrapper }
            }
            if nodes[p].lastChild == child { nodes[p].lastChild = wrapper }
        }
        nodes[c].parent = .none
        nodes[c].nextSibling = .none
        appendChild(child, to: wrapper)
        return wrapper
    }

    /// Sets where a node ends (UTF-8 byte offset, exclusive).
    @inlinable
    public mutating func setEnd(_ id: NodeID, _ end: Int) {
        nodes[Int(id.raw)].end = Int32(truncatingIfNeeded: end)
    }

    /// Sets a node's anchor (see `anchor(_:)`): functions and type declarations only.
    public mutating func setAnchor(_ id: NodeID, _ offset: Int) {
        // Nearly always the node made last of its kind: no search.
        if let last = anchorNodes.last, last == id.raw {
            anchorOffsets[anchorOffsets.count - 1] = Int32(truncatingIfNeeded: offset)
            return
        }
        guard let index = anchorIndex(id) else {
            assertionFailure("setAnchor on a \(kind(id)) node: only functions, closures and types have anchors")
            return
        }
        anchorOffsets[index] = Int32(truncatingIfNeeded: offset)
    }

    /// Sets where a node starts, e.g. when a function's decorators turn out to precede it.
    @inlinable
    public mutating func setStart(_ id: NodeID, _ start: Int) {
        nodes[Int(id.raw)].start = Int32(truncatingIfNeeded: start)
    }

    @inlinable
    public mutating func addFlags(_ id: NodeID, _ flags: NodeFlags) {
        nodes[Int(id.raw)].flags.formUnion(flags)
    }

    /// Records a parse problem at a byte offset.
    public mutating func addProblem(at offset: Int, _ message: String) {
        // A pathological file could produce one problem per byte; the first few hundred say enough.
        if problems.count < 200 {
            problems.append(ParseProblem(start: Int32(truncatingIfNeeded: offset), message: message))
        }
    }
}
