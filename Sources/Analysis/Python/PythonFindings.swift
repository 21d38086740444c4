import LightSyntax

/// Collects one file's Python findings, with each rule's metadata from the catalogue.
struct PythonFindings {
    let tree: SyntaxTree
    let path: String
    let catalogue: RuleCatalogue
    private(set) var findings: [Finding] = []

    init(tree: SyntaxTree, path: String, catalogue: RuleCatalogue) {
        self.tree = tree
        self.path = path
        self.catalogue = catalogue
    }

    /// Reports `code` over the node's range (a call: from its callee's start to its `)`).
    /// A rule missing from the catalogue reports nothing: the catalogue decides what exists.
    mutating func report(_ code: String, at node: NodeID, message: String, help: String) {
        guard let rule = catalogue.rule(code: code) else { return }
        findings.append(Finding(path: path, range: tree.range(node), rule: rule, language: .python,
                                message: message, help: help))
    }
}

extension SyntaxTree {
    /// The first child, e.g. a call's callee or a member's base.
    func firstChild(_ id: NodeID) -> NodeID? {
        let first = self[id].firstChild
        return first.isNone ? nil : first
    }

    /// A call's callee as written, in the summary's normal form (`t.sleep`, `open().read`).
    func calleeText(ofCall call: NodeID) -> String {
        firstChild(call).map { SyntaxSummary.calleeText(self, $0) } ?? "?"
    }

    /// The parts of a comprehension or generator. The tree holds them flat (elements, then per
    /// clause target, iterable, conditions), so each part's role is read from the keyword
    /// written before it: `for` → target, `in` → iterable, `if` → condition.
    func comprehensionParts(_ node: NodeID) -> ComprehensionParts {
        var parts = ComprehensionParts()
        var previousEnd: Int32?
        for child in children(node) {
            let keyword = previousEnd.map { lastKeyword(fromByte: $0, toByte: self[child].start) } ?? nil
            switch keyword {
            case "for": parts.targets.append(child)
            case "in": parts.iterables.append(child)
            case "if": parts.conditions.append(child)
            default:
                if parts.targets.isEmpty { parts.elements.append(child) } else { parts.conditions.append(child) }
            }
            previousEnd = self[child].end
        }
        return parts
    }

    /// The last identifier-like word in the source between two offsets, comments left out.
    private func lastKeyword(fromByte a: Int32, toByte b: Int32) -> String? {
        guard a < b else { return nil }
        let start = lineMap.location(ofByte: Int(a)), end = lineMap.location(ofByte: Int(b))
        var word: String?
        for line in start.line...end.line {
            let scalars = Array(lineMap.lineText(line).unicodeScalars)
            let from = line == start.line ? start.column - 1 : 0
            let to = min(line == end.line ? end.column - 1 : scalars.count, scalars.count)
            guard from < to else { continue }
            var current = ""
            for scalar in scalars[from..<to] {
                if scalar == "#" { break }
                if scalar.properties.isAlphabetic || scalar == "_" {
                    current.unicodeScalars.append(scalar)
                } else {
                    if !current.isEmpty { word = current }
                    current = ""
                }
            }
            if !current.isEmpty { word = current }
        }
        return word
    }
}

struct ComprehensionParts {
    var elements: [NodeID] = []
    var targets: [NodeID] = []
    var iterables: [NodeID] = []
    var conditions: [NodeID] = []
}
