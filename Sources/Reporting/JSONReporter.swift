import Analysis

/// `--format json`: the object DESIGN.md's output contract fixes, keys in the documented order.
///
/// ```
/// {"version": 1, "tool": {"name", "version", "informationUri"}, "findings": [...],
///  "errors": [{"path", "message"}], "summary": {"files", "findings", "byCode", "errors"}}
/// ```
/// Notes (skipped binary files) are not part of the contract; they go to standard error. With
/// `--report-unused-suppressions`, an `"unusedSuppressions": [{"path", "line", "column", "text",
/// "message"}]` follows `errors` (only then, so the contract's object is otherwise unchanged).
public struct JSONReporter: Reporter {
    public init() {}

    public var rendersUnusedSuppressions: Bool { true }

    public func render(_ report: LintReport) -> ReporterOutput {
        ReporterOutput(standardOutput: document(report).rendered(),
                       standardError: report.notes.map { "\($0.path): note: \($0.message)\n" }.joined())
    }

    public func document(_ report: LintReport) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("version", .int(1)),
            ("tool", .object([
                ("name", .string(ToolInfo.name)),
                ("version", .string(ToolInfo.version)),
                ("informationUri", .string(ToolInfo.informationURI)),
            ])),
            ("findings", .array(report.findings.map(Self.finding))),
            ("errors", .array(report.errors.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })),
        ]
        if report.listsUnusedSuppressions {
            members.append(("unusedSuppressions", .array(report.unusedSuppressions.map {
                .object([("path", .string($0.path)), ("line", .int($0.line)), ("column", .int($0.column)), ("text", .string($0.text)),
                         ("message", .string($0.description))])
            })))
        }
        members.append(("summary", .object([
            ("files", .int(report.filesChecked)),
            ("findings", .int(report.findings.count)),
            ("byCode", .object(report.countsByCode.map { ($0.code, .int($0.count)) })),
            ("errors", .int(report.errors.count)),
        ])))
        return .object(members)
    }

    static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("path", .string(finding.path)),
            ("line", .int(finding.range.start.line)),
            ("column", .int(finding.range.start.column)),
            ("endLine", .int(finding.range.end.line)),
            ("endColumn", .int(finding.range.end.column)),
            ("code", .string(finding.code)),
            ("name", .string(finding.name)),
            ("category", .string(finding.category)),
            ("severity", .string(finding.severity.rawValue)),
            ("language", .string(finding.language.rawValue)),
            ("message", .string(finding.message)),
            ("help", .string(finding.help)),
            ("chain", .array(finding.chain.map { hop in
                .object([
                    ("name", .string(hop.name)),
                    ("path", .string(hop.path)),
                    ("line", .int(hop.line)),
                    ("column", .int(hop.column)),
                ])
            })),
        ])
    }
}
