import Analysis
import Foundation
import Reporting

/// Today's findings, recorded so that later runs report only new ones (`--write-baseline`,
/// `--baseline`). An entry is a path, a code and the offending line's text with its
/// surrounding white space trimmed — not a line number, so edits elsewhere in the file keep
/// old findings matched. Identical entries are counted: two old findings on two identical
/// lines hide two, not three.
public struct Baseline: Sendable, Equatable {
    public struct Entry: Sendable, Hashable, Comparable {
        public var path: String
        public var code: String
        public var lineText: String

        public init(path: String, code: String, lineText: String) {
            self.path = path
            self.code = code
            self.lineText = lineText
        }

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.path, a.code, a.lineText) < (b.path, b.code, b.lineText)
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries.sorted()
    }

    public init(report: LintReport) {
        self.init(entries: report.findings.map { Self.entry(for: $0, in: report.sourceLines) })
    }

    static func entry(for finding: Finding, in lines: SourceLines) -> Entry {
        Entry(path: finding.path, code: finding.code,
              lineText: (lines.text(path: finding.path, line: finding.range.start.line) ?? "")
                .trimmingCharacters(in: .whitespaces))
    }

    /// The report without the findings this baseline records.
    public func filtering(_ report: LintReport) -> LintReport {
        var remaining: [Entry: Int] = [:]
        for entry in entries { remaining[entry, default: 0] += 1 }
        var kept = report
        kept.findings = report.findings.filter { finding in
            let entry = Self.entry(for: finding, in: report.sourceLines)
            guard let count = remaining[entry], count > 0 else { return true }
            remaining[entry] = count - 1
            return false
        }
        return kept
    }

    // MARK: - The file

    /// `{"version": 1, "findings": [{"path", "code", "line"}]}`, sorted, two-space indented:
    /// a baseline diffs line by line in review.
    public func rendered() -> String {
        JSONValue.object([
            ("version", .int(1)),
            ("findings", .array(entries.map { entry in
                .object([("path", .string(entry.path)), ("code", .string(entry.code)), ("line", .string(entry.lineText))])
            })),
        ]).rendered()
    }

    public static func read(path: String) throws(BaselineError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BaselineError(path: path, message: "cannot read the file")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw BaselineError(path: path, message: "not JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "invalid"))")
        }
        guard let root = object as? [String: Any], let findings = root["findings"] as? [[String: Any]] else {
            throw BaselineError(path: path, message: "not an asynclint baseline: expected {\"version\": 1, \"findings\": [...]}")
        }
        var entries: [Entry] = []
        for (index, finding) in findings.enumerated() {
            guard let path = finding["path"] as? String, let code = finding["code"] as? String,
                  let line = finding["line"] as? String else {
                throw BaselineError(path: path, message: "findings[\(index)] needs string `path`, `code` and `line`")
            }
            entries.append(Entry(path: path, code: code, lineText: line))
        }
        return Baseline(entries: entries)
    }

    /// Written to a temporary file beside the target, then renamed over it: a reader never
    /// sees half a baseline, and an interrupted run leaves the old one intact.
    public func write(path: String) throws(BaselineError) {
        if let problem = AtomicFile.write(rendered(), to: path) { throw BaselineError(path: path, message: problem) }
    }
}

public struct BaselineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): invalid baseline: \(message)" }
}

/// Whole-file writes through a temporary file in the same directory and a rename.
public enum AtomicFile {
    /// Nil when written, else what went wrong, naming `path` (never the temporary file).
    /// Path arithmetic is `PathText`'s: Foundation's `NSString.deletingLastPathComponent` traps
    /// on a one-character path (`--output r` crashed with SIGILL).
    public static func write(_ text: String, to path: String) -> String? {
        if path.utf8.last == UInt8(ascii: "/") {
            return "cannot write \(path): the name of a file is needed, not of a directory"
        }
        if case .success(let status) = FileSystem.status(path, followLinks: true), status.kind == .directory {
            return "cannot write \(path): it is a directory"
        }
        let temporary = PathText.join(PathText.parent(path), "." + PathText.lastComponent(path) + ".\(getpid()).tmp")
        if let failure = FileSystem.writeFile(temporary, Array(text.utf8)) {
            unlink(temporary)
            return "cannot write \(path): \(failure)"
        }
        guard rename(temporary, path) == 0 else {
            let reason = SystemError(errno: errno)
            unlink(temporary)
            return "cannot replace \(path): \(reason)"
        }
        return nil
    }
}
