import Analysis

/// `--format junit`: JUnit XML as Jenkins, GitLab and the test-report actions render it. One
/// `testsuite` per file with findings and one failing `testcase` per finding (ruff does the
/// same); files that could not be checked are `error` test cases of an `asynclint` suite, and
/// a clean run is one passing test case, so the report is never empty.
public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: LintReport) -> ReporterOutput {
        var suites: [(name: String, body: String, tests: Int, failures: Int, errors: Int)] = []
        var byPath: [(path: String, findings: [Finding])] = []
        for finding in report.findings {
            if byPath.last?.path == finding.path { byPath[byPath.count - 1].findings.append(finding) }
            else { byPath.append((finding.path, [finding])) }
        }
        for (path, findings) in byPath {
            var body = ""
            for finding in findings {
                let location = "\(finding.path):\(finding.range.start.line):\(finding.range.start.column)"
                body += "    <testcase name=\"\(Self.escape("\(finding.code) \(finding.name) at \(finding.range.start.line):\(finding.range.start.column)"))\""
                    + " classname=\"\(Self.escape(path))\" file=\"\(Self.escape(path))\" line=\"\(finding.range.start.line)\">\n"
                body += "      <failure type=\"\(finding.code)\" message=\"\(Self.escape(finding.message))\">"
                    + Self.escape("\(location): \(finding.code) \(finding.message)" + (finding.help.isEmpty ? "" : "\nhelp: \(finding.help)"), inAttribute: false)
                    + "</failure>\n"
                body += "    </testcase>\n"
            }
            suites.append((path, body, findings.count, findings.count, 0))
        }
        if !report.errors.isEmpty || report.findings.isEmpty {
            var body = ""
            for error in report.errors {
                body += "    <testcase name=\"\(Self.escape(error.path))\" classname=\"asynclint\" file=\"\(Self.escape(error.path))\">\n"
                body += "      <error message=\"\(Self.escape(error.message))\">\(Self.escape("\(error.path): \(error.message)"))</error>\n"
                body += "    </testcase>\n"
            }
            if report.findings.isEmpty && report.errors.isEmpty {
                body += "    <testcase name=\"no findings in \(report.filesChecked) file\(report.filesChecked == 1 ? "" : "s")\" classname=\"asynclint\"/>\n"
            }
            suites.append(("asynclint", body, max(report.errors.count, 1), 0, report.errors.count))
        }
        let tests = suites.reduce(0) { $0 + $1.tests }
        let failures = suites.reduce(0) { $0 + $1.failures }
        let errors = suites.reduce(0) { $0 + $1.errors }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"asynclint\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for suite in suites {
            out += "  <testsuite name=\"\(Self.escape(suite.name))\" tests=\"\(suite.tests)\" failures=\"\(suite.failures)\" errors=\"\(suite.errors)\">\n"
            out += suite.body
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return ReporterOutput(standardOutput: out,
                              standardError: report.notes.map { "\($0.path): note: \($0.message)\n" }.joined())
    }

    /// Text for an attribute or element: the five predefined entities, line breaks as
    /// character references inside attributes (where a parser would fold them into spaces), and characters XML 1.0 forbids as U+FFFD.
    public static func escape(_ text: String, inAttribute: Bool = true) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where !inAttribute: out += "\n"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0xD800...0xDFFF).contains(v) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
