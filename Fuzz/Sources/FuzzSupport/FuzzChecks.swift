import Analysis
import AsyncLint
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LightSyntax
import Reporting

/// The invariants every fuzz target checks on every input. A broken invariant is a crash
/// (`fatalError`), which is what libFuzzer records as a finding and saves the input for.
public enum FuzzChecks {
    /// libFuzzer may hand a null pointer for the empty input.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Scans (`scans`), then parses twice: the tree is well formed and the second parse gives the same tree.
    public static func frontEnd(_ bytes: [UInt8], language: SourceLanguage) {
        scans(bytes, language: language)
        let tree = FrontEnds.parse(bytes, language: language)
        checkTree(tree, sourceCount: bytes.count)
        let again = FrontEnds.parse(bytes, language: language)
        require(sameTree(tree, again), "a second parse of the same bytes gave a different tree")
    }

    /// Front end, analysis and every reporter; the findings and every rendering are the same
    /// on a second run, and the machine-readable formats parse.
    public static func pipeline(_ bytes: [UInt8], language: SourceLanguage) {
        scans(bytes, language: language)
        let path = language == .python ? "fuzz/input.py" : "fuzz/input.swift"
        let tree = FrontEnds.parse(bytes, language: language)
        checkTree(tree, sourceCount: bytes.count)
        let findings = FileChecker.check(tree, path: path, catalogue: .embedded)
        let lineCount = tree.lineMap.lineCount
        for finding in findings {
            let r = finding.range
            require(r.start.line >= 1 && r.start.line <= lineCount && r.end.line >= 1 && r.end.line <= lineCount,
                    "finding \(finding.code) at lines \(r.start.line)-\(r.end.line) of \(lineCount)")
            require(r.start.column >= 1 && r.end.column >= 1 && !(r.end < r.start),
                    "finding \(finding.code) has the range \(r)")
        }
        let again = FileChecker.check(FrontEnds.parse(bytes, language: language), path: path, catalogue: .embedded)
        require(findings == again, "a second run gave different findings")

        var lines = SourceLines()
        for finding in findings {
            lines.record(path: finding.path, line: finding.range.start.line,
                         text: tree.lineMap.lineText(finding.range.start.line))
        }
        // Input bytes in an error message and a note exercise every format's escaping too.
        let text = String(decoding: bytes.prefix(80), as: UTF8.self)
        let report = LintReport(findings: findings, errors: [FileError(path: path + "\u{7}", message: text)],
                                notes: [FileNote(path: path, message: text)], filesChecked: 1, sourceLines: lines)
        for format in OutputFormat.allCases {
            for style in [TextStyle(), TextStyle(color: true, quiet: true)] {
                let output = format.reporter(style: style).render(report)
                let second = format.reporter(style: style).render(report)
                require(output == second, "\(format.rawValue) rendered the same report differently")
                if jsonFormats.contains(format.rawValue) {
                    checkJSON(output.standardOutput, format: format.rawValue)
                }
                if xmlFormats.contains(format.rawValue) {
                    let parser = XMLParser(data: Data(output.standardOutput.utf8))
                    require(parser.parse(), "\(format.rawValue) output is not well-formed XML: \(String(describing: parser.parserError))\n\(output.standardOutput.prefix(2000))")
                }
            }
        }
    }

    /// What the driver reads of every file before, or instead of, parsing it: the byte scan
    /// with the index's facts, and for Swift the declaration walk the index's demand uses. They
    /// end, and say the same twice; a file the scan calls free of non-ASCII bytes has none.
    static func scans(_ bytes: [UInt8], language: SourceLanguage) {
        let scan = SourceScan.scan(bytes, language: language, vocabulary: vocabulary, indexFacts: true)
        let again = SourceScan.scan(bytes, language: language, vocabulary: vocabulary, indexFacts: true)
        require(scan.mayHaveFindings == again.mayHaveFindings && scan.hasNonASCII == again.hasNonASCII
                && scan.statementCalls == again.statementCalls, "a second scan of the same bytes said otherwise")
        require(scan.hasNonASCII || bytes.allSatisfy { $0 < 0x80 }, "the scan missed a byte above 0x7F")
        if language == .swift {
            let declared = SwiftDeclarationScan.declarations(bytes)
            require(declared == SwiftDeclarationScan.declarations(bytes), "a second declaration walk said otherwise")
        }
    }

    static let vocabulary = ScanVocabulary(catalogue: .embedded)

    /// Formats whose standard output must be one JSON document.
    static let jsonFormats: Set<String> = ["json", "sarif"]
    /// Formats whose standard output must be one well-formed XML document.
    static let xmlFormats: Set<String> = ["junit"]

    static func checkJSON(_ text: String, format: String) {
        do {
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
            require(object is [String: Any], "\(format) output is not a JSON object")
        } catch {
            fatalError("\(format) output does not parse as JSON: \(error)\n\(text.prefix(2000))")
        }
    }

    /// The tree's structural contract (`SyntaxTree.structuralProblems`), and beyond it: the
    /// root has no parent, anchors lie where reports point, `lastChild` is the last child, and
    /// every position has a line and column.
    public static func checkTree(_ tree: SyntaxTree, sourceCount: Int) {
        let count = Int32(truncatingIfNeeded: sourceCount)
        let broken = tree.structuralProblems(sourceCount: sourceCount, limit: 1)
        require(broken.isEmpty, broken.first ?? "")
        require(tree.nodes[0].parent.isNone, "the root has a parent")
        for index in tree.allNodes {
            let id = NodeID(index)
            let node = tree[id]
            // Reports point at the anchor of functions and type declarations only (a block's
            // anchor may stay where it was made when its start moves, harmlessly).
            let anchor = tree.anchor(id)
            if node.kind == .function || node.kind == .typeDecl {
                require(anchor >= node.start && anchor <= node.end,
                        "node \(index) (\(node.kind)) anchors at \(anchor) outside [\(node.start), \(node.end))")
            } else {
                require(anchor >= 0 && anchor <= count, "node \(index) anchors at \(anchor) of \(count) bytes")
            }
            var last = NodeID.none
            for child in tree.children(id) { last = child }
            require(last == (tree.lastChild(id) ?? .none), "node \(index)'s lastChild is not its last child")
            _ = tree.range(id)
            _ = tree.anchorLocation(id)
        }
        for problem in tree.problems {
            require(problem.start >= 0 && problem.start <= count, "a problem at \(problem.start) of \(count) bytes")
        }
    }

    static func sameTree(_ a: SyntaxTree, _ b: SyntaxTree) -> Bool {
        guard a.nodes.count == b.nodes.count, a.problems == b.problems else { return false }
        for index in a.allNodes {
            let x = a.nodes[index], y = b.nodes[index]
            let id = NodeID(index)
            if x.kind != y.kind || x.flags != y.flags || x.start != y.start || x.end != y.end || a.anchor(id) != b.anchor(id)
                || x.parent != y.parent || x.firstChild != y.firstChild || x.nextSibling != y.nextSibling
                || a.name(id) != b.name(id) || a.detail(id) != b.detail(id) {
                return false
            }
        }
        return true
    }

    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant: " + message()) }
    }
}
