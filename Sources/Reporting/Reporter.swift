import Analysis

/// Output formats of `asynclint check --format`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, github, junit, diagnostics
}

/// What a reporter writes: the report on standard output, problems with the run on standard error.
public struct ReporterOutput: Sendable, Equatable {
    public var standardOutput: String
    public var standardError: String
    public init(standardOutput: String, standardError: String) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

/// Renders a whole report at once. One small type per format (text, JSON; SARIF, GitHub
/// annotations and JUnit slot in the same way), all pure functions of the report, so the
/// output is byte-identical however the analysis was scheduled.
public protocol Reporter: Sendable {
    func render(_ report: LintReport) -> ReporterOutput
    /// Whether the output holds `report.unusedSuppressions` (as annotations, diagnostics or
    /// JSON); otherwise the CLI lists them on standard error.
    var rendersUnusedSuppressions: Bool { get }
}

extension Reporter {
    public var rendersUnusedSuppressions: Bool { false }
}

/// How the text format looks.
public struct TextStyle: Sendable, Equatable {
    /// ANSI colors (the CLI decides: `--color`, a terminal, `NO_COLOR`).
    public var color: Bool
    /// `--quiet`: one line per finding, no help, snippet, notes or summary.
    public var quiet: Bool
    public init(color: Bool = false, quiet: Bool = false) {
        self.color = color
        self.quiet = quiet
    }
}

extension OutputFormat {
    public func reporter(style: TextStyle) -> any Reporter {
        switch self {
        case .text: return TextReporter(style: style)
        case .json: return JSONReporter()
        case .sarif: return SarifReporter()
        case .github: return GitHubReporter()
        case .junit: return JUnitReporter()
        case .diagnostics: return DiagnosticsReporter()
        }
    }
}
