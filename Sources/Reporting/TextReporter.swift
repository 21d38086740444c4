import Analysis

/// The default format, for people at a terminal:
///
/// ```
/// app/main.py:3:5: AL101 `time.sleep()` blocks the event loop
///   help: use `await asyncio.sleep(...)`
///   |
/// 3 |     time.sleep(1)
///   |     ^^^^^^^^^^^^^
///
/// Found 1 finding (AL101: 1) in 1 file.
/// ```
/// Findings and the summary go to standard output; files that could not be checked go to
/// standard error as `path: error: message`, skipped files as `path: note: message`.
public struct TextReporter: Reporter {
    public var style: TextStyle

    public init(style: TextStyle = TextStyle()) {
        self.style = style
    }

    public func render(_ report: LintReport) -> ReporterOutput {
        var out = ""
        for finding in report.findings {
            out += header(finding)
            if style.quiet { continue }
            if !finding.help.isEmpty {
                out += "  " + paint("help:", .help) + " " + finding.help + "\n"
            }
            if !finding.chain.isEmpty {
                let hops = finding.chain.map { "\($0.name) (\($0.path):\($0.line):\($0.column))" }
                out += "  " + paint("chain:", .help) + " " + hops.joined(separator: " → ") + "\n"
            }
            if let line = report.sourceLines.text(path: finding.path, line: finding.range.start.line) {
                out += snippet(line: line, finding: finding)
            }
            out += "\n"
        }
        if !style.quiet {
            out += summary(report) + "\n"
        }
        var err = ""
        for error in report.errors {
            err += error.path + ": " + paint("error:", .error) + " " + error.message + "\n"
        }
        if !style.quiet {
            for note in report.notes {
                err += note.path + ": " + paint("note:", .help) + " " + note.message + "\n"
            }
        }
        return ReporterOutput(standardOutput: out, standardError: err)
    }

    func header(_ finding: Finding) -> String {
        let location = "\(finding.path):\(finding.range.start.line):\(finding.range.start.column):"
        return paint(location, .bold) + " " + paint(finding.code, Paint(finding.severity)) + " " + finding.message + "\n"
    }

    /// The summary line: `Found N findings (CODE: n, …) in M files.` or `All checked: …`.
    public func summary(_ report: LintReport) -> String {
        let unchecked = report.errors.isEmpty ? ""
            : "; " + Self.count(Set(report.errors.map(\.path)).count, "file") + " could not be checked"
        if report.findings.isEmpty {
            if report.errors.isEmpty {
                return "All checked: " + Self.count(report.filesChecked, "file") + ", no findings."
            }
            return "No findings in " + Self.count(report.filesChecked, "file") + unchecked + "."
        }
        let byCode = report.countsByCode.map { "\($0.code): \($0.count)" }.joined(separator: ", ")
        return "Found " + Self.count(report.findings.count, "finding") + " (" + byCode + ") in "
            + Self.count(report.filesWithFindings, "file") + unchecked + "."
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }

    // MARK: - Snippet

    /// How wide a snippet line may get before it is cut to a window around the finding.
    static let maximumSnippetWidth = 100

    /// The offending line under a gutter, with carets under the finding's range (to the end of
    /// the line when the range goes on). Tabs are expanded to 4-column stops and wide characters
    /// count two columns, so the carets line up with what a terminal shows.
    func snippet(line rawLine: String, finding: Finding) -> String {
        // One cell per scalar as the terminal shows it. Most lines are printable ASCII: one
        // byte, one column per cell, so the cells are the bytes themselves (a String per
        // scalar cost ~70,000 instructions per finding).
        let lineBytes = Array(rawLine.utf8)
        let isPrintableASCII = lineBytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        var cells: [(text: String, width: Int)] = []
        if isPrintableASCII {
            var count = lineBytes.count
            // Trailing white space carries no information and makes carets drift past it.
            while count > 0 && lineBytes[count - 1] == UInt8(ascii: " ") { count -= 1 }
            cells = Array(repeating: (text: "", width: 1), count: count)
        } else {
            var displayColumn = 0
            for scalar in rawLine.unicodeScalars {
                let cell: (String, Int)
                if scalar == "\t" {
                    let width = 4 - displayColumn % 4
                    cell = (String(repeating: " ", count: width), width)
                } else if scalar.value < 0x20 || scalar.value == 0x7F {
                    cell = ("\u{FFFD}", 1)
                } else {
                    let width = Self.displayWidth(scalar)
                    cell = (String(Character(scalar)), width)
                }
                cells.append(cell)
                displayColumn += cell.1
            }
            while let last = cells.last, last.text.allSatisfy({ $0 == " " }) { cells.removeLast() }
        }

        var start = min(max(finding.range.start.column - 1, 0), cells.count)
        var end = finding.range.end.line == finding.range.start.line
            ? min(max(finding.range.end.column - 1, 0), cells.count) : cells.count
        if end <= start { end = start + 1 }

        // A long line is cut to a window that shows the start of the range with some context.
        var low = 0
        var high = cells.count
        let total = cells.reduce(0) { $0 + $1.width }
        if total > Self.maximumSnippetWidth {
            var context = 0
            low = start
            while low > 0 && context < 30 {
                low -= 1
                context += cells[low].width
            }
            var width = 0
            high = low
            while high < cells.count && width + cells[high].width <= Self.maximumSnippetWidth {
                width += cells[high].width
                high += 1
            }
            high = max(high, min(start + 1, cells.count))
            start = max(start, low)
            end = min(end, max(high, start + 1))
        }
        let prefix = low > 0 ? "…" : ""
        let suffix = high < cells.count ? "…" : ""
        let shown = isPrintableASCII ? String(decoding: lineBytes[low..<high], as: UTF8.self)
            : cells[low..<high].map(\.text).joined()
        let lead = prefix.count + cells[low..<min(start, high)].reduce(0) { $0 + $1.width }
        let underlined = start < high ? cells[start..<min(end, high)].reduce(0) { $0 + $1.width } : 1

        let number = String(finding.range.start.line)
        let pad = String(repeating: " ", count: number.count)
        let bar = paint("|", .gutter)
        var out = pad + " " + bar + "\n"
        out += paint(number, .gutter) + " " + bar + " " + prefix + shown + suffix + "\n"
        out += pad + " " + bar + " " + String(repeating: " ", count: lead)
            + paint(String(repeating: "^", count: max(underlined, 1)), Paint(finding.severity)) + "\n"
        return out
    }

    /// Two columns for the wide East Asian and emoji blocks, none for combining marks and
    /// zero-width characters, one otherwise: good enough to keep carets aligned.
    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0x20D0...0x20FF, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    // MARK: - Color

    enum Paint {
        case bold, error, warning, info, help, gutter
        init(_ severity: Severity) {
            switch severity {
            case .error: self = .error
            case .warning: self = .warning
            case .info: self = .info
            }
        }
        var ansi: String {
            switch self {
            case .bold: return "\u{1B}[1m"
            case .error: return "\u{1B}[1;31m"
            case .warning: return "\u{1B}[1;33m"
            case .info: return "\u{1B}[1;34m"
            case .help: return "\u{1B}[1;36m"
            case .gutter: return "\u{1B}[34m"
            }
        }
    }

    func paint(_ text: String, _ paint: Paint) -> String {
        style.color ? paint.ansi + text + "\u{1B}[0m" : text
    }
}
