import Analysis
import Dispatch
import Foundation
import LightSyntax
import Reporting

/// Pass 2 and the findings that need the whole project, in the driver.
extension Linter {
    /// The findings of the project index (AL110, cross-file AL202), filtered like every other
    /// finding: by the file's suppressions and its configuration.
    ///
    /// The index starts from the summaries of the files that were parsed and asks for the other
    /// files its findings depend on (`ProjectIndex.filesToLoad`); those are parsed and
    /// summarized here, all cores at once, and the index is built again until it asks for
    /// nothing more. Each round adds at least one file, so the loop ends.
    func projectFindings(_ parsed: [FileSummary], universe: ProjectUniverse, files: [SourceFile],
                         configured: ConfiguredFiles, modules: PackageMarkers, jobs: Int)
        -> (findings: [Finding], lines: SourceLines) {
        var summaries = parsed
        let catalogue = self.catalogue
        var found: [Finding]
        let traceIndex = ProcessInfo.processInfo.environment["ASYNCLINT_TRACE_INDEX"] == "1"
        var round = 0
        while true {
            defer { round += 1 }
            let started = DispatchTime.now().uptimeNanoseconds
            var index = ProjectIndex(summaries: summaries, catalogue: catalogue,
                                     blockingFunctions: blockingFunctions + configured.blockingFunctions,
                                     safeFunctions: safeFunctions + configured.safeFunctions, universe: universe)
            let built = DispatchTime.now().uptimeNanoseconds
            let wanted = index.filesToLoad(coroutineCallers: round == 0)
            if traceIndex {
                let asked = DispatchTime.now().uptimeNanoseconds
                FileHandle.standardError.write(Data("project index: \(summaries.count) summaries, \(wanted.count) more asked for; built in \((built - started) / 1_000_000) ms, asked in \((asked - built) / 1_000_000) ms\n".utf8))
                for i in wanted { FileHandle.standardError.write(Data("  asks for \(files[Int(i)].displayPath)\n".utf8)) }
            }
            if wanted.isEmpty {
                found = index.findings()
                if traceIndex {
                    FileHandle.standardError.write(Data("project index: findings in \((DispatchTime.now().uptimeNanoseconds - built) / 1_000_000) ms\n".utf8))
                }
                break
            }
            let more = ParallelWork.map(count: wanted.count, jobs: jobs) { k -> FileSummary? in
                let i = Int(wanted[k])
                let file = files[i]
                guard case .success(let bytes) = Self.read(file) else { return nil }
                var summary = FileChecker.summarize(Self.parse(bytes, language: file.language), path: file.displayPath,
                                                    module: modules.module(of: file),
                                                    catalogue: configured.settings(ofFile: i).catalogue ?? catalogue)
                summary.sourceIndex = Int32(i)
                return summary
            }
            // A file that cannot be read now still counts as loaded (an empty summary), so it
            // is not asked for again.
            for (k, summary) in more.enumerated() {
                if let summary {
                    summaries.append(summary)
                } else {
                    var empty = FileSummary(path: files[Int(wanted[k])].displayPath, language: files[Int(wanted[k])].language,
                                            module: modules.module(of: files[Int(wanted[k])]))
                    empty.sourceIndex = wanted[k]
                    summaries.append(empty)
                }
            }
            // File order, as if every file had been summarized: the index's tables and chains
            // depend on it.
            summaries.sort { $0.sourceIndex < $1.sourceIndex }
        }
        if found.isEmpty { return ([], SourceLines()) }
        // The trees are gone by now, so the few files that get such a finding are read once
        // more for their comments and lines.
        var fileIndex: [String: Int] = [:]
        for (i, file) in files.enumerated() { fileIndex[file.displayPath] = i }
        var kept: [Finding] = []
        var lines = SourceLines()
        var start = 0
        while start < found.count {
            var end = start
            while end < found.count && found[end].path == found[start].path { end += 1 }
            defer { start = end }
            guard let i = fileIndex[found[start].path], case .success(let bytes) = FileSystem.readFile(files[i].absolutePath)
            else { continue }
            let file = files[i]
            let settings = configured.settings(ofFile: i)
            var suppressions = FileSuppressions(source: bytes, language: file.language)
            let lineMap = LineMap(source: bytes)
            for finding in found[start..<end]
            where !suppressions.silences(finding, catalogue: catalogue)
                && settings.reports(finding.code, absolutePath: file.absolutePath) {
                kept.append(settings.adjusted(finding))
                lines.record(path: finding.path, line: finding.range.start.line,
                             text: lineMap.lineText(finding.range.start.line))
            }
        }
        return (kept, lines)
    }
}

/// The module each file belongs to (see `ProjectLayout`), with the file-system questions it
/// takes answered once per directory: every Python file's module is needed, parsed or not.
struct PackageMarkers: Sendable {
    /// `dir/__init__.py` and `root/Package.swift` paths asked about, and whether they exist.
    private let exists: [String: Bool]

    init(_ files: [SourceFile]) {
        var exists: [String: Bool] = [:]
        let probe: (String) -> Bool = { path in
            if let known = exists[path] { return known }
            let answer = FileSystem.exists(path)
            exists[path] = answer
            return answer
        }
        // Directories repeat from file to file: ask each once.
        var seenDirectories: Set<Substring> = []
        for file in files where file.language == .python {
            guard let slash = file.absolutePath.lastIndex(of: "/") else { continue }
            guard seenDirectories.insert(file.absolutePath[..<slash]).inserted else { continue }
            _ = ProjectLayout.pythonModule(forFile: file.absolutePath, fileExists: probe)
        }
        self.exists = exists
    }

    func module(of file: SourceFile) -> String {
        switch file.language {
        case .python:
            return ProjectLayout.pythonModule(forFile: file.absolutePath) { exists[$0] ?? FileSystem.exists($0) }
        case .swift:
            return ProjectLayout.swiftModule(forFile: file.absolutePath, fileExists: FileSystem.exists)
        }
    }
}

extension ProjectUniverse {
    /// What the index may need of a file that was not parsed.
    mutating func add(_ scan: SourceScan, of file: SourceFile, at index: Int32, module: String) {
        switch file.language {
        case .python:
            pythonModules[module, default: []].append(index)
            let isPackage = file.absolutePath.hasSuffix("__init__.py") || file.absolutePath.hasSuffix("__init__.pyi")
            pythonFiles[index] = ScannedPythonFile(module: module, isPackage: isPackage, scan: scan)
        case .swift:
            for name in scan.functionNames { swiftFunctionFiles[name, default: []].append(index) }
            swiftProtocols.formUnion(scan.protocolNames)
        }
    }
}
