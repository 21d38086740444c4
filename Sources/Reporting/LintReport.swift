import Analysis

/// What the tool is, as reporters name it (JSON `tool`, SARIF `driver`, `--version`).
public enum ToolInfo {
    public static let name = "asynclint"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/asynclint/asynclint"
}

/// A path that could not be checked at all (missing, unreadable, not a regular file): exit status 2.
public struct FileError: Sendable, Hashable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// Something skipped on purpose, worth one line on standard error (a binary file).
public struct FileNote: Sendable, Hashable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// A suppression comment that silenced nothing (`--report-unused-suppressions`), where it is.
public struct UnusedSuppressionNote: Sendable, Hashable {
    public var path: String
    public var line: Int
    /// Where the comment starts (Unicode scalars).
    public var column: Int
    /// The comment as written (`# noqa: AL101`).
    public var text: String
    /// Set when asynclint cannot read the comment (`unknown rule `AL1O1``, an unknown
    /// `asynclint:` directive); nil when it is well formed but silenced nothing.
    public var problem: String?
    public init(path: String, line: Int, column: Int = 1, text: String, problem: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.text = text
        self.problem = problem
    }

    /// What it says, without the place.
    public var description: String {
        if let problem { return "invalid suppression `\(text)`: \(problem)" }
        return "unused suppression `\(text)`: it silenced nothing"
    }
    /// `line: description`, the way it follows the path on standard error.
    public var message: String { "\(line): \(description)" }
}

/// The text of the source lines that findings point at, carried from the driver (which had the
/// bytes in memory) so reporters never read a file again.
public struct SourceLines: Sendable, Equatable {
    private var linesByPath: [String: [Int: String]] = [:]

    public init() {}

    public mutating func record(path: String, line: Int, text: String) {
        linesByPath[path, default: [:]][line] = text
    }

    public mutating func merge(_ other: SourceLines) {
        for (path, lines) in other.linesByPath {
            linesByPath[path, default: [:]].merge(lines) { current, _ in current }
        }
    }

    public func text(path: String, line: Int) -> String? { linesByPath[path]?[line] }
}

/// Everything one run produced, in a deterministic order: what every reporter renders.
public struct LintReport: Sendable {
    /// In `Finding.reportOrder`.
    public var findings: [Finding]
    /// Sorted by path, then message.
    public var errors: [FileError]
    public var notes: [FileNote]
    /// How many files were analysed (not counting errors and skipped files).
    public var filesChecked: Int
    public var sourceLines: SourceLines
    /// `--report-unused-suppressions`: each comment that silenced nothing, in path and line order.
    public var unusedSuppressions: [UnusedSuppressionNote] = []
    /// Whether they were asked for: the JSON output then holds the list, even when empty.
    public var listsUnusedSuppressions = false
    /// The configuration's `fail-on`, when it has one (`--fail-on` overrides it).
    public var failOn: Severity?
    /// How many of the checked files were parsed (the others held nothing a finding could need;
    /// see the README's "What is parsed"). Not part of any output format.
    public var filesParsed = 0

    public init(findings: [Finding], errors: [FileError] = [], notes: [FileNote] = [], filesChecked: Int,
                sourceLines: SourceLines = SourceLines()) {
        self.findings = findings.sorted(by: Finding.reportOrder)
        self.errors = errors.sorted { ($0.path, $0.message) < ($1.path, $1.message) }
        self.notes = notes.sorted { ($0.path, $0.message) < ($1.path, $1.message) }
        self.filesChecked = filesChecked
        self.sourceLines = sourceLines
    }

    /// Finding counts per code, in code order.
    public var countsByCode: [(code: String, count: Int)] {
        var counts: [String: Int] = [:]
        for finding in findings { counts[finding.code, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { (code: $0.key, count: $0.value) }
    }

    public var filesWithFindings: Int { Set(findings.map(\.path)).count }

    /// DESIGN.md's exit status: 2 when a file could not be checked (it wins), 1 when a finding
    /// is at or above `failingSeverity`, else 0.
    public func exitStatus(failingSeverity: Severity = .info) -> Int32 {
        if !errors.isEmpty { return 2 }
        return findings.contains { $0.severity >= failingSeverity } ? 1 : 0
    }
}
