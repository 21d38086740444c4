import Foundation
import SwiftParser
import SwiftSyntax

// Prints, for each Swift file given (arguments, or one path per line on stdin with `--stdin`),
// the one-line JSON summary that `asynclint dump-summary` prints, computed from swift-syntax.
//
// What counts, chosen to match what asynclint's tree marks (see Sources/LightSyntax/README.md):
// - functions: FunctionDecl (name = base name or operator), InitializerDecl (`init`),
//   DeinitializerDecl (`deinit`), SubscriptDecl (`subscript`), every AccessorDecl (name = the
//   property's name, or `subscript` for a subscript's accessors) and the shorthand getter of a
//   computed property (`var x: T { … }`: name = the property, line of its `{`). A subscript's
//   shorthand getter is the subscript's own body, not a separate function. Lines are those of
//   the keyword (`func`, `init`, `get`…). `async` or `reasync` make a function async.
// - closures: ClosureExpr, at its `{`.
// - calls: FunctionCallExpr (with or without parentheses), at the start of the callee, except
//   calls inside a `#if` condition (`os(Linux)`, `compiler(>=6)` are not calls).
//   Macro expansions are not calls.
// - awaits: AwaitExpr, at the keyword (`for await` is not an AwaitExpr).
// Columns count Unicode scalars from 1.

struct LineTable {
    let bytes: [UInt8]
    var starts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var i = 0
        while i < bytes.count {
            if bytes[i] == 10 {
                starts.append(i + 1)
            } else if bytes[i] == 13 {
                if i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1 }
                starts.append(i + 1)
            }
            i += 1
        }
    }

    func location(_ offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var col = 1
        var k = starts[lo]
        while k < offset && k < bytes.count {
            if bytes[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        return (lo + 1, col)
    }
}

func stripBackticks(_ s: String) -> String {
    if s.hasPrefix("`") && s.hasSuffix("`") && s.count >= 2 { return String(s.dropFirst().dropLast()) }
    return s
}

/// The callee's normal form (see SyntaxSummary.calleeText in the product).
func calleeText(_ expr: ExprSyntax) -> String {
    var e = expr
    var suffix = ""
    var depth = 0
    while depth < 64 {
        depth += 1
        if let d = e.as(DeclReferenceExprSyntax.self) {
            return stripBackticks(d.baseName.text) + suffix
        } else if let m = e.as(MemberAccessExprSyntax.self) {
            suffix = "." + stripBackticks(m.declName.baseName.text) + suffix
            guard let base = m.base else { return suffix }
            e = base
        } else if let c = e.as(FunctionCallExprSyntax.self) {
            suffix = "()" + suffix
            e = c.calledExpression
        } else if let s = e.as(SubscriptCallExprSyntax.self) {
            suffix = "[]" + suffix
            e = s.calledExpression
        } else if let a = e.as(AwaitExprSyntax.self) {
            e = a.expression
        } else if let t = e.as(TryExprSyntax.self) {
            e = t.expression
        } else if let o = e.as(OptionalChainingExprSyntax.self) {
            e = o.expression
        } else if let f = e.as(ForceUnwrapExprSyntax.self) {
            e = f.expression
        } else if let g = e.as(GenericSpecializationExprSyntax.self) {
            e = g.expression
        } else if let u = e.as(UnsafeExprSyntax.self) {
            e = u.expression
        } else if let s = e.as(SuperExprSyntax.self) {
            _ = s
            return "super" + suffix
        } else if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, t.elements.first?.label == nil,
                  let only = t.elements.first {
            // Parentheses make no node.
            e = only.expression
        } else if let t = e.as(TypeExprSyntax.self), let id = t.type.as(IdentifierTypeSyntax.self) {
            return stripBackticks(id.name.text) + suffix
        } else {
            return "?" + suffix
        }
    }
    return "?"
}

final class Collector: SyntaxVisitor {
    let lines: LineTable
    var functions: [(String, Int, Bool)] = []
    var closures: [(Int, Int)] = []
    var calls: [(Int, Int, String)] = []
    var awaits: [(Int, Int)] = []

    init(_ lines: LineTable) {
        self.lines = lines
        super.init(viewMode: .sourceAccurate)
    }

    func loc(_ node: some SyntaxProtocol) -> (Int, Int) {
        lines.location(node.positionAfterSkippingLeadingTrivia.utf8Offset)
    }

    func isAsync(_ s: TokenSyntax?) -> Bool { s != nil && s?.presence == .present }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        functions.append((stripBackticks(node.name.text), loc(node.funcKeyword).0,
                          isAsync(node.signature.effectSpecifiers?.asyncSpecifier)))
        return .visitChildren
    }
    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        functions.append(("init", loc(node.initKeyword).0, isAsync(node.signature.effectSpecifiers?.asyncSpecifier)))
        return .visitChildren
    }
    override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        functions.append(("deinit", loc(node.deinitKeyword).0, isAsync(node.effectSpecifiers?.asyncSpecifier)))
        return .visitChildren
    }
    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
        functions.append(("subscript", loc(node.subscriptKeyword).0, false))
        return .visitChildren
    }
    override func visit(_ node: AccessorDeclSyntax) -> SyntaxVisitorContinueKind {
        functions.append((propertyName(of: Syntax(node)), loc(node.accessorSpecifier).0,
                          isAsync(node.effectSpecifiers?.asyncSpecifier)))
        return .visitChildren
    }
    override func visit(_ node: AccessorBlockSyntax) -> SyntaxVisitorContinueKind {
        if case .getter = node.accessors, node.parent?.is(PatternBindingSyntax.self) == true {
            functions.append((propertyName(of: Syntax(node)), loc(node.leftBrace).0, false))
        }
        return .visitChildren
    }

    /// The name of the variable (or `subscript`) that owns an accessor.
    func propertyName(of node: Syntax) -> String {
        var p = node.parent
        while let current = p {
            if let binding = current.as(PatternBindingSyntax.self) {
                if let id = binding.pattern.as(IdentifierPatternSyntax.self) { return stripBackticks(id.identifier.text) }
                return ""
            }
            if current.is(SubscriptDeclSyntax.self) { return "subscript" }
            p = current.parent
        }
        return ""
    }

    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
        closures.append(loc(node.leftBrace))
        return .visitChildren
    }
    override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
        let (l, c) = loc(node)
        calls.append((l, c, calleeText(node.calledExpression)))
        return .visitChildren
    }
    override func visit(_ node: AwaitExprSyntax) -> SyntaxVisitorContinueKind {
        awaits.append(loc(node.awaitKeyword))
        return .visitChildren
    }
    override func visit(_ node: IfConfigClauseSyntax) -> SyntaxVisitorContinueKind {
        // Walk the branch's content but not its condition.
        if let elements = node.elements { walk(elements) }
        return .skipChildren
    }
}

func json(_ s: String) -> String {
    var out = "\""
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

func summarize(path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        return "{\"path\":\(json(path)),\"error\":\"unreadable\"}"
    }
    let bytes = [UInt8](data)
    let tree = bytes.withUnsafeBufferPointer { Parser.parse(source: $0) }
    let collector = Collector(LineTable(bytes))
    collector.walk(tree)
    let functions = collector.functions.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    let closures = collector.closures.sorted { $0 < $1 }
    let calls = collector.calls.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    let awaits = collector.awaits.sorted { $0 < $1 }
    var out = "{\"path\":" + json(path) + ",\"functions\":["
    out += functions.map { "[\(json($0.0)),\($0.1),\($0.2)]" }.joined(separator: ",")
    out += "],\"closures\":["
    out += closures.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
    out += "],\"calls\":["
    out += calls.map { "[\($0.0),\($0.1),\(json($0.2))]" }.joined(separator: ",")
    out += "],\"awaits\":["
    out += awaits.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
    out += "]}"
    return out
}

var paths = Array(CommandLine.arguments.dropFirst())
if paths.first == "--stdin" {
    paths.removeFirst()
    while let line = readLine(strippingNewline: true) { if !line.isEmpty { paths.append(line) } }
}
for path in paths {
    print(summarize(path: path))
}
