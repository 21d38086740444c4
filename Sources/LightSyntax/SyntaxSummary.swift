/// The summary the conformance oracles compare against the reference parsers (CPython's `ast`,
/// swift-syntax): functions (name, anchor line, async flag), closures (line), call sites (line,
/// column, callee text) and awaits (line, column). Printed by `asynclint dump-summary`.
///
/// Callee text is a normal form both sides can produce: a name is itself, a member access is
/// `base.member` (`.member` for an implicit base), a call is `callee()`, a subscript is `base[]`,
/// an `await`/`try` is transparent, and anything else is `?`.
public struct SyntaxSummary: Sendable {
    public struct Function: Sendable, Equatable { public var name: String; public var line: Int; public var isAsync: Bool }
    public struct Position: Sendable, Equatable { public var line: Int; public var column: Int }
    public struct CallSite: Sendable, Equatable { public var line: Int; public var column: Int; public var callee: String }

    public var functions: [Function] = []
    public var closures: [Position] = []
    public var calls: [CallSite] = []
    public var awaits: [Position] = []

    public init(tree: SyntaxTree) {
        var stack: [NodeID] = [tree.root]
        while let id = stack.popLast() {
            let node = tree[id]
            switch node.kind {
            case .function:
                let loc = tree.anchorLocation(id)
                functions.append(Function(name: tree.name(id) ?? "", line: loc.line, isAsync: node.flags.contains(.isAsync)))
            case .closure:
                let loc = tree.anchorLocation(id)
                closures.append(Position(line: loc.line, column: loc.column))
            case .call:
                let loc = tree.range(id).start
                let callee = tree.children(id).first(where: { _ in true }).map { Self.calleeText(tree, $0) } ?? "?"
                calls.append(CallSite(line: loc.line, column: loc.column, callee: callee))
            case .await:
                let loc = tree.range(id).start
                awaits.append(Position(line: loc.line, column: loc.column))
            default:
                break
            }
            let kids = tree.childArray(id)
            stack.append(contentsOf: kids.reversed())
        }
        functions.sort { ($0.line, $0.name) < ($1.line, $1.name) }
        closures.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        calls.sort { ($0.line, $0.column, $0.callee) < ($1.line, $1.column, $1.callee) }
        awaits.sort { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// The normal form of a callee expression (see the type's documentation).
    public static func calleeText(_ tree: SyntaxTree, _ id: NodeID) -> String {
        var parts: [String] = []
        var current = id
        var depth = 0
        while depth < 64 {
            depth += 1
            let node = tree[current]
            switch node.kind {
            case .name:
                parts.append(tree.name(current) ?? "?")
                return parts.reversed().joined()
            case .member:
                parts.append("." + (tree.name(current) ?? "?"))
                if node.flags.contains(.implicitBase) || node.firstChild.isNone { return parts.reversed().joined() }
                current = node.firstChild
            case .call:
                parts.append("()")
                current = node.firstChild
            case .subscript:
                parts.append("[]")
                current = node.firstChild
            case .await, .tryExpr:
                current = node.firstChild
            default:
                parts.append("?")
                return parts.reversed().joined()
            }
            if current.isNone { parts.append("?"); return parts.reversed().joined() }
        }
        return "?"
    }

    /// One JSON object on one line: `{"path":…,"functions":[[name,line,async]…],"closures":[[line,col]…],
    /// "calls":[[line,col,callee]…],"awaits":[[line,col]…]}`.
    public func json(path: String) -> String {
        var out = "{\"path\":" + jsonString(path) + ",\"functions\":["
        out += functions.map { "[\(jsonString($0.name)),\($0.line),\($0.isAsync)]" }.joined(separator: ",")
        out += "],\"closures\":["
        out += closures.map { "[\($0.line),\($0.column)]" }.joined(separator: ",")
        out += "],\"calls\":["
        out += calls.map { "[\($0.line),\($0.column),\(jsonString($0.callee))]" }.joined(separator: ",")
        out += "],\"awaits\":["
        out += awaits.map { "[\($0.line),\($0.column)]" }.joined(separator: ",")
        out += "]}"
        return out
    }
}

/// A JSON string literal with the escapes RFC 8259 requires.
public func jsonString(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
