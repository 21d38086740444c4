import Foundation
import LightSyntax
@testable import Analysis
import AsyncLint

/// Runs the engine over annotated sources and compares its findings with the `expect:`
/// markers (see Fixtures/README.md). Shared by the fixture, example and catalogue tests.
enum FixtureHarness {
    /// The repository root, found from this file's path (Tests/AnalysisTests/…).
    static func repositoryRoot(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Every fixture file under Fixtures/ whose language the front ends know, sorted.
    static func fixtureFiles() -> [URL] {
        let root = repositoryRoot().appendingPathComponent("Fixtures")
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where FrontEnds.language(forPath: url.path) != nil {
            files.append(url)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The `(line, code)` pairs the markers of a source expect, one per expected finding.
    static func expectedFindings(in source: String, language: SourceLanguage) -> [LineCode] {
        let marker = language == .python ? "# expect:" : "// expect:"
        var expected: [LineCode] = []
        var line = 0
        source.enumerateLines { text, _ in
            line += 1
            guard let range = text.range(of: marker, options: .backwards) else { return }
            for code in text[range.upperBound...].split(whereSeparator: { $0 == "," || $0 == " " }) {
                expected.append(LineCode(line: line, code: String(code)))
            }
        }
        return expected.sorted()
    }

    static func findings(in source: String, language: SourceLanguage, path: String,
                         catalogue: RuleCatalogue) -> [Finding] {
        let tree = FrontEnds.parse(Array(source.utf8), language: language)
        return FileChecker.check(tree, path: path, catalogue: catalogue)
    }

    /// The differences between what the markers expect and what the engine finds, as
    /// readable lines (`path:12: missing AL101`, `path:14: unexpected AL102 (message)`).
    static func mismatches(source: String, language: SourceLanguage, path: String,
                           catalogue: RuleCatalogue) -> [String] {
        let found = findings(in: source, language: language, path: path, catalogue: catalogue)
        var unmatched = found.map { (LineCode(line: $0.range.start.line, code: $0.code), $0.message) }
        var problems: [String] = []
        for e in expectedFindings(in: source, language: language) {
            if let i = unmatched.firstIndex(where: { $0.0 == e }) {
                unmatched.remove(at: i)
            } else {
                problems.append("\(path):\(e.line): missing \(e.code)")
            }
        }
        for (u, message) in unmatched {
            problems.append("\(path):\(u.line): unexpected \(u.code) (\(message))")
        }
        return problems.sorted()
    }

    /// Mismatches over every fixture file, with paths relative to the repository.
    static func fixtureMismatches(catalogue: RuleCatalogue) throws -> [String] {
        let rootPath = repositoryRoot().path + "/"
        var problems: [String] = []
        for url in fixtureFiles() {
            guard let language = FrontEnds.language(forPath: url.path) else { continue }
            let source = try String(contentsOf: url, encoding: .utf8)
            let relative = url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path
            problems += mismatches(source: source, language: language, path: relative, catalogue: catalogue)
        }
        return problems
    }

    struct LineCode: Hashable, Comparable, CustomStringConvertible {
        var line: Int
        var code: String
        static func < (a: LineCode, b: LineCode) -> Bool { (a.line, a.code) < (b.line, b.code) }
        var description: String { "\(line): \(code)" }
    }
}
