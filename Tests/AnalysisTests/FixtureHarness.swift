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

    /// Every fixture file under Fixtures/ whose language the front ends know, sorted (the
    /// multi-file projects under Fixtures/projects/ included).
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

    /// A single file is its own project: passes 1–3 over it alone, so a helper in the same file
    /// counts (AL110) but nothing links it to another fixture.
    static func findings(in source: String, language: SourceLanguage, path: String,
                         catalogue: RuleCatalogue) -> [Finding] {
        let tree = FrontEnds.parse(Array(source.utf8), language: language)
        let module = String(path.split(separator: "/").last?.split(separator: ".").first ?? "")
        let (findings, summary) = FileChecker.checkAndSummarize(tree, path: path, module: module, catalogue: catalogue)
        return (findings + ProjectIndex(summaries: [summary], catalogue: catalogue).findings())
            .sorted(by: Finding.reportOrder)
    }

    /// The differences between what the markers expect and what the engine finds, as
    /// readable lines (`path:12: missing AL101`, `path:14: unexpected AL102 (message)`).
    static func mismatches(source: String, language: SourceLanguage, path: String,
                           catalogue: RuleCatalogue) -> [String] {
        let found = findings(in: source, language: language, path: path, catalogue: catalogue)
        return compare(found, source: source, language: language, path: path)
    }

    static func compare(_ found: [Finding], source: String, language: SourceLanguage, path: String) -> [String] {
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
        for url in fixtureFiles() where !url.path.hasPrefix(projectsRoot().path + "/") {
            guard let language = FrontEnds.language(forPath: url.path) else { continue }
            let source = try String(contentsOf: url, encoding: .utf8)
            let relative = url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path
            problems += mismatches(source: source, language: language, path: relative, catalogue: catalogue)
        }
        for project in fixtureProjects() {
            problems += try projectMismatches(project, catalogue: catalogue)
        }
        return problems
    }

    /// Fixtures/projects/: each directory is one multi-file project, analysed as a whole.
    static func projectsRoot() -> URL { repositoryRoot().appendingPathComponent("Fixtures/projects") }

    static func fixtureProjects() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: projectsRoot().path)) ?? []
        return names.sorted().map { projectsRoot().appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
    }

    /// Passes 1–3 over every file of a project, as the driver runs them: each file's own
    /// findings, then the project index's.
    static func projectFindings(_ project: URL, catalogue: RuleCatalogue, blockingFunctions: [String] = [],
                                safeFunctions: [String] = []) throws -> (files: [(URL, String, SourceLanguage)], findings: [Finding]) {
        let rootPath = repositoryRoot().path + "/"
        let exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
        var files: [(URL, String, SourceLanguage)] = []
        var findings: [Finding] = []
        var summaries: [FileSummary] = []
        guard let walker = FileManager.default.enumerator(at: project, includingPropertiesForKeys: nil) else { return ([], []) }
        var urls: [URL] = []
        for case let url as URL in walker where FrontEnds.language(forPath: url.path) != nil { urls.append(url) }
        // Python modules by name, and by their names through namespace packages.
        var universe = ProjectUniverse()
        var packages: [Substring: String] = [:]
        var prefixes: [(module: String, prefix: String)] = []
        for url in urls.sorted(by: { $0.path < $1.path }) {
            guard let language = FrontEnds.language(forPath: url.path) else { continue }
            let source = try String(contentsOf: url, encoding: .utf8)
            let relative = url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path
            let module = language == .python ? ProjectLayout.pythonModule(forFile: url.path, fileExists: exists)
                : ProjectLayout.swiftModule(forFile: url.path, fileExists: exists)
            var namespacePrefix = ""
            if language == .python {
                let directory = url.path.dropLast(url.lastPathComponent.count + 1)
                let package = ProjectLayout.pythonPackage(ofDirectory: directory, known: &packages, fileExists: exists)
                namespacePrefix = ProjectLayout.namespacePrefix(ofDirectory: directory, package: package)
                universe.pythonModules[module, default: []].append(Int32(summaries.count))
                prefixes.append((module, namespacePrefix))
            }
            let tree = FrontEnds.parse(Array(source.utf8), language: language)
            var (fileFindings, summary) = FileChecker.checkAndSummarize(tree, path: relative, module: module,
                                                                        namespacePrefix: namespacePrefix, catalogue: catalogue)
            summary.sourceIndex = Int32(summaries.count)
            findings += fileFindings
            summaries.append(summary)
            files.append((url, relative, language))
        }
        // Files that extend an actor of another file of their module, checked and summarized
        // again knowing it (as the driver does).
        let actorsByModule = CrossFileActors.actorsByModule(summaries)
        for (k, file) in files.enumerated() where file.2 == .swift {
            let actors = CrossFileActors.actors(for: summaries[k], in: actorsByModule)
            guard !actors.isEmpty else { continue }
            let tree = FrontEnds.parse(Array(try String(contentsOf: file.0, encoding: .utf8).utf8), language: .swift)
            var (fileFindings, summary) = FileChecker.checkAndSummarizeSwift(tree, path: file.1, module: summaries[k].module,
                                                                             catalogue: catalogue, actors: actors)
            summary.sourceIndex = summaries[k].sourceIndex
            findings.removeAll { $0.path == file.1 }
            findings += fileFindings
            summaries[k] = summary
        }
        // Files checked again knowing the property types of the types they extend (as the driver does).
        let made = Set(findings.map { "\($0.path):\($0.range):\($0.code)" })
        for (summary, file) in zip(summaries, files) where !summary.unresolvedPropertyNames.isEmpty {
            let properties = CrossFileProperties.properties(for: summary, among: summaries)
            guard !properties.isEmpty else { continue }
            let tree = FrontEnds.parse(Array(try String(contentsOf: file.0, encoding: .utf8).utf8), language: .swift)
            findings += FileChecker.checkSwift(tree, path: file.1, catalogue: catalogue, properties: properties,
                                               actors: CrossFileActors.actors(for: summary, in: actorsByModule))
                .filter { !made.contains("\($0.path):\($0.range):\($0.code)") }
        }
        let modules = Dictionary(summaries.map { ($0.path, $0.module) }, uniquingKeysWith: { a, _ in a })
        findings = ProjectDeclaration.removingShadowed(findings, module: { modules[$0.path] ?? "" }, summaries: summaries)
        for (module, prefix) in prefixes { universe.addNamespaceAliases(of: module, namespacePrefix: prefix) }
        universe.finish()
        findings += ProjectIndex(summaries: summaries, catalogue: catalogue, blockingFunctions: blockingFunctions,
                                 safeFunctions: safeFunctions, universe: universe).findings()
        return (files, findings)
    }

    static func projectMismatches(_ project: URL, catalogue: RuleCatalogue) throws -> [String] {
        let (files, findings) = try projectFindings(project, catalogue: catalogue)
        var problems: [String] = []
        for (url, relative, language) in files {
            let source = try String(contentsOf: url, encoding: .utf8)
            problems += compare(findings.filter { $0.path == relative }, source: source, language: language, path: relative)
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
