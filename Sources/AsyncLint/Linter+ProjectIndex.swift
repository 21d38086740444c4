import Analysis
import LightSyntax
import Reporting

/// Pass 2 and the findings that need the whole project, in the driver.
extension Linter {
    /// The findings of the project index (AL110, cross-file AL202), filtered like every other
    /// finding: by the file's suppressions and its configuration. The trees are gone by now, so
    /// the few files that get such a finding are read once more for their comments and lines.
    func projectFindings(_ summaries: [FileSummary], files: [SourceFile], configured: ConfiguredFiles)
        -> (findings: [Finding], lines: SourceLines) {
        let index = ProjectIndex(summaries: summaries, catalogue: catalogue,
                                 blockingFunctions: blockingFunctions + configured.blockingFunctions,
                                 safeFunctions: safeFunctions + configured.safeFunctions)
        let found = index.findings()
        if found.isEmpty { return ([], SourceLines()) }
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

    /// The module a file belongs to (see `ProjectLayout`).
    static func module(of file: SourceFile) -> String {
        switch file.language {
        case .python: return ProjectLayout.pythonModule(forFile: file.absolutePath, fileExists: FileSystem.exists)
        case .swift: return ProjectLayout.swiftModule(forFile: file.absolutePath, fileExists: FileSystem.exists)
        }
    }
}
