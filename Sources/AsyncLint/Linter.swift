import Analysis
import Foundation
import LightSyntax
import Reporting

/// What `asynclint check` is asked to do.
public struct LintOptions: Sendable {
    /// Files and directories; the working directory when empty.
    public var paths: [String]
    /// Rule selectors (code, name, alias, code prefix, or `ALL`); every rule when empty.
    /// An element may hold several, comma-separated.
    public var select: [String]
    /// Rule selectors to leave out, applied after `select`.
    public var ignore: [String]
    /// `--exclude` globs (see `ExcludeSet`).
    public var excludes: [String]
    /// Worker threads; at least 1.
    public var jobs: Int
    /// Relative paths in reports are relative to this; the process's when nil.
    public var workingDirectory: String?

    public init(paths: [String] = [], select: [String] = [], ignore: [String] = [], excludes: [String] = [],
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, workingDirectory: String? = nil) {
        self.paths = paths
        self.select = select
        self.ignore = ignore
        self.excludes = excludes
        self.jobs = jobs
        self.workingDirectory = workingDirectory
    }
}

/// A mistake in how the tool was called: exit status 2, nothing analysed.
public enum LintUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownRuleSelector(String)
    case invalidJobCount(Int)
    case noWorkingDirectory

    public var description: String {
        switch self {
        case .unknownRuleSelector(let key):
            return "unknown rule selector `\(key)`: not a code, name, alias or code prefix (see `asynclint rules`)"
        case .invalidJobCount(let n):
            return "--jobs must be at least 1 (got \(n))"
        case .noWorkingDirectory:
            return "cannot determine the working directory"
        }
    }
}

/// The rules a run reports, from `--select` and `--ignore`.
public struct RuleSelection: Sendable, Equatable {
    public var codes: Set<String>

    public init(select: [String], ignore: [String], catalogue: RuleCatalogue) throws(LintUsageError) {
        let selectKeys = Self.keys(select)
        var codes = Set<String>()
        if selectKeys.isEmpty {
            codes = Set(catalogue.rules.map(\.code))
        } else {
            for key in selectKeys { codes.formUnion(try Self.codes(for: key, catalogue: catalogue)) }
        }
        for key in Self.keys(ignore) { codes.subtract(try Self.codes(for: key, catalogue: catalogue)) }
        self.codes = codes
    }

    /// Splits `AL101,AL102` and drops blanks, so `--select a,b --select c` all count.
    static func keys(_ raw: [String]) -> [String] {
        raw.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func codes(for key: String, catalogue: RuleCatalogue) throws(LintUsageError) -> Set<String> {
        if key.uppercased() == "ALL" { return Set(catalogue.rules.map(\.code)) }
        var rules = catalogue.rules(selectedBy: key)
        if rules.isEmpty && key.uppercased() != key { rules = catalogue.rules(selectedBy: key.uppercased()) }
        guard !rules.isEmpty else { throw .unknownRuleSelector(key) }
        return Set(rules.map(\.code))
    }
}

/// The driver: discovery, reading, the front ends and the checks over all cores, then one
/// report in a deterministic order.
///
/// Every file's result is stored at the file's index (files are sorted by path), so nothing
/// in the report depends on which worker finished first; `--jobs 1` and `--jobs 64` print the
/// same bytes.
public struct Linter: Sendable {
    public typealias FileCheck = @Sendable (_ tree: SyntaxTree, _ path: String) -> [Finding]

    public var catalogue: RuleCatalogue
    let check: FileCheck

    public init(catalogue: RuleCatalogue = .embedded) {
        self.catalogue = catalogue
        self.check = { tree, path in FileChecker.check(tree, path: path, catalogue: catalogue) }
    }

    /// With another check in place of the catalogue's (tests use this to exercise the driver
    /// on findings they control).
    public init(catalogue: RuleCatalogue = .embedded, check: @escaping FileCheck) {
        self.catalogue = catalogue
        self.check = check
    }

    /// A file read, vetted and parsed, or the reason it was not.
    enum ParsedFile: Sendable {
        case parsed(SyntaxTree)
        case failed(FileError)
        case skipped(FileNote)
    }

    /// What became of one file.
    enum FileOutcome: Sendable {
        case checked([Finding], SourceLines)
        case failed(FileError)
        case skipped(FileNote)
    }

    /// Git's heuristic: a NUL byte in the first 8000 bytes means binary.
    static let binaryProbeLength = 8000

    public func run(_ options: LintOptions) throws(LintUsageError) -> LintReport {
        guard options.jobs >= 1 else { throw .invalidJobCount(options.jobs) }
        guard let workingDirectory = options.workingDirectory.map({ PathText.absolute($0, workingDirectory: "/") })
                ?? FileSystem.currentDirectory() else { throw .noWorkingDirectory }
        let selection = try RuleSelection(select: options.select, ignore: options.ignore, catalogue: catalogue)

        let discovery = FileDiscovery(workingDirectory: workingDirectory, excludeGlobs: options.excludes)
            .discover(options.paths.isEmpty ? ["."] : options.paths)
        let files = discovery.files

        // Read, parse and check each file in one go and keep only what the report needs: a
        // million-line corpus would otherwise hold every tree in memory at once. When Analysis
        // grows its project-wide pass 2, pass 1 (a FileSummary per file) runs here first and the
        // index is handed to this closure.
        let check = self.check
        let selected = selection.codes
        let suppressions = Suppressions(catalogue: catalogue)
        let outcomes = ParallelWork.map(count: files.count, jobs: options.jobs) { index -> FileOutcome in
            let file = files[index]
            switch Self.readAndParse(file) {
            case .failed(let error): return .failed(error)
            case .skipped(let note): return .skipped(note)
            case .parsed(let tree):
                let findings = check(tree, file.displayPath).filter { finding in
                    selected.contains(finding.code)
                        && !suppressions.silences(finding, lineText: tree.lineMap.lineText(finding.range.start.line))
                }
                var lines = SourceLines()
                for finding in findings {
                    lines.record(path: finding.path, line: finding.range.start.line,
                                 text: tree.lineMap.lineText(finding.range.start.line))
                }
                return .checked(findings, lines)
            }
        }

        var findings: [Finding] = []
        var sourceLines = SourceLines()
        var errors = discovery.errors
        var notes = discovery.notes
        var filesChecked = 0
        for outcome in outcomes {
            switch outcome {
            case .checked(let fileFindings, let lines):
                filesChecked += 1
                findings += fileFindings
                sourceLines.merge(lines)
            case .failed(let error): errors.append(error)
            case .skipped(let note): notes.append(note)
            }
        }
        return LintReport(findings: findings, errors: errors, notes: notes, filesChecked: filesChecked,
                          sourceLines: sourceLines)
    }

    static func readAndParse(_ file: SourceFile) -> ParsedFile {
        switch FileSystem.readFile(file.absolutePath) {
        case .failure(let error):
            return .failed(FileError(path: file.displayPath, message: "cannot read: \(error)"))
        case .success(let bytes):
            if bytes.prefix(binaryProbeLength).contains(0) {
                return .skipped(FileNote(path: file.displayPath, message: "skipped: binary file (a NUL byte in the first \(binaryProbeLength) bytes)"))
            }
            return .parsed(FrontEnds.parse(bytes, language: file.language))
        }
    }
}
