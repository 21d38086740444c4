extension SyntaxTree {
    /// What breaks the tree's structural contract, at most `limit` problems: a `module` root;
    /// every node's [start, end) inside the source and not inverted; each child inside its
    /// parent, pointing back at it, in source order. Empty for a well-formed tree. The tests,
    /// the hostile-input suite and the fuzzers all hold the front ends to it.
    public func structuralProblems(sourceCount: Int, limit: Int = 5) -> [String] {
        var problems: [String] = []
        if nodes.isEmpty || kind(root) != .module { return ["no module root"] }
        for index in allNodes where problems.count < limit {
            let id = NodeID(index)
            let node = self[id]
            if !(node.start >= 0 && node.start <= node.end && Int(node.end) <= sourceCount) {
                problems.append("node \(index) \(node.kind) [\(node.start), \(node.end)) outside \(sourceCount) bytes")
            }
            var previous = node.start
            for child in children(id) {
                guard Int(child.raw) < nodes.count, child != id else {
                    problems.append("node \(index) \(node.kind) has a bad child id \(child.raw)")
                    break
                }
                let c = self[child]
                if c.parent != id || c.start < node.start || c.end > node.end || c.start < previous {
                    problems.append("child \(child.raw) \(c.kind) [\(c.start), \(c.end)) of \(index) \(node.kind) [\(node.start), \(node.end))")
                }
                previous = c.start
            }
        }
        return problems
    }
}
