import Analysis

/// `--format github`: GitHub Actions workflow commands, one per finding, which the runner
/// shows as annotations on the pull request's diff:
///
/// ```
/// ::error file=app/main.py,line=3,col=5,endLine=3,endColumn=18,title=AL101 blocking-sleep::message
/// ```
/// GitHub's escaping: in the message `%` → `%25`, CR → `%0D`, LF → `%0A`; in property values
/// also `:` → `%3A` and `,` → `%2C`. Severity error → `error`, warning → `warning`,
/// info → `notice`. A file that could not be checked is an `error` on that file; a suppression
/// comment that silenced nothing (`--report-unused-suppressions`) a `warning` on its line.
public struct GitHubReporter: Reporter {
    public init() {}

    public var rendersUnusedSuppressions: Bool { true }

    public func render(_ report: LintReport) -> ReporterOutput {
        var out = ""
        for finding in report.findings {
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            let properties = [
                ("file", finding.path),
                ("line", String(finding.range.start.line)),
                ("col", String(finding.range.start.column)),
                ("endLine", String(finding.range.end.line)),
                ("endColumn", String(finding.range.end.column)),
                ("title", "\(finding.code) \(finding.name)"),
            ].map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
            let message = finding.help.isEmpty ? finding.message : finding.message + "\n" + finding.help
            out += "::\(command) \(properties)::\(Self.escapeData(message))\n"
        }
        for error in report.errors {
            out += "::error file=\(Self.escapeProperty(error.path)),title=asynclint::\(Self.escapeData(error.message))\n"
        }
        for unused in report.unusedSuppressions {
            let title = unused.problem == nil ? "asynclint unused suppression" : "asynclint invalid suppression"
            out += "::warning file=\(Self.escapeProperty(unused.path)),line=\(unused.line),col=\(unused.column),title=\(title)::"
                + "\(Self.escapeData(unused.description))\n"
        }
        return ReporterOutput(standardOutput: out,
                              standardError: report.notes.map { "\($0.path): note: \($0.message)\n" }.joined())
    }

    public static func escapeData(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    public static func escapeProperty(_ text: String) -> String {
        text.replacingAll(["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }
}

extension String {
    /// Each scalar replaced in one pass (so `%` is never escaped twice). Scalars, not
    /// characters: "\r\n" is one Swift character but two escapes.
    func replacingAll(_ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
