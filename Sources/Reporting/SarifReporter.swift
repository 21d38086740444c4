import Analysis

/// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it.
///
/// - `tool.driver` lists every rule of the catalogue (id, name, short and full description,
///   help as text and markdown, default level, `tags` and `precision`), so a result's `ruleId`
///   and `ruleIndex` always resolve.
/// - Each result has one location: a relative, percent-encoded URI against the `SRCROOT` base
///   (declared in `originalUriBaseIds`), and a region whose columns count Unicode scalars
///   (`columnKind: unicodeCodePoints`), end exclusive as SARIF wants.
/// - `partialFingerprints` hash the path, the code, the offending line's text with its white
///   space normalised and the occurrence of that triple in the file — never the line number,
///   so an edit above a finding does not make code scanning see a new alert.
/// - An AL110 finding's chain becomes `relatedLocations`, one per hop.
public struct SarifReporter: Reporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let rootBaseId = "SRCROOT"
    public static let fingerprintKey = "asynclint/v1"

    public var catalogue: RuleCatalogue
    /// `file:///…/` of the working directory; the base is described without a URI when nil
    /// (GitHub then resolves paths against the repository root).
    public var rootURI: String?

    public init(catalogue: RuleCatalogue = .embedded, rootURI: String? = nil) {
        self.catalogue = catalogue
        self.rootURI = rootURI
    }

    public var rendersUnusedSuppressions: Bool { true }

    public func render(_ report: LintReport) -> ReporterOutput {
        ReporterOutput(standardOutput: document(report).rendered(),
                       standardError: report.notes.map { "\($0.path): note: \($0.message)\n" }.joined())
    }

    public func document(_ report: LintReport) -> JSONValue {
        var ruleIndex: [String: Int] = [:]
        for (index, rule) in catalogue.rules.enumerated() { ruleIndex[rule.code] = index }
        let fingerprints = Self.fingerprints(report)
        var root: [(String, JSONValue)] = [("description", .object([("text", .string("The directory asynclint ran in."))]))]
        if let rootURI { root.insert(("uri", .string(rootURI)), at: 0) }
        var run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .object([
                ("name", .string(ToolInfo.name)),
                ("version", .string(ToolInfo.version)),
                ("semanticVersion", .string(ToolInfo.version)),
                ("informationUri", .string(ToolInfo.informationURI)),
                ("rules", .array(catalogue.rules.map(Self.rule))),
            ]))])),
            ("originalUriBaseIds", .object([(Self.rootBaseId, .object(root))])),
            ("results", .array(report.findings.enumerated().map { index, finding in
                result(finding, ruleIndex: ruleIndex[finding.code], fingerprint: fingerprints[index])
            })),
            ("columnKind", .string("unicodeCodePoints")),
        ]
        // Files that could not be checked: the run did not see everything.
        run.append(("invocations", .array([.object([
            ("executionSuccessful", .bool(report.errors.isEmpty)),
            ("toolExecutionNotifications", .array(report.errors.map { error in
                .object([
                    ("level", .string("error")),
                    ("message", .object([("text", .string(error.message))])),
                    ("locations", .array([.object([("physicalLocation", .object([
                        ("artifactLocation", Self.artifact(error.path)),
                    ]))])])),
                ])
            } + report.unusedSuppressions.map { unused in
                // Not a result: no rule made it, and a code-scanning alert for a comment would
                // outlive the comment's removal.
                .object([
                    ("level", .string("warning")),
                    ("message", .object([("text", .string(unused.description))])),
                    ("locations", .array([.object([("physicalLocation", .object([
                        ("artifactLocation", Self.artifact(unused.path)),
                        ("region", .object([("startLine", .int(unused.line)), ("startColumn", .int(unused.column))])),
                    ]))])])),
                ])
            })),
        ])])))
        return .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    static func rule(_ rule: Rule) -> JSONValue {
        let aliases = rule.aliases.isEmpty ? "" : "\n\nAliases (also accepted by select, ignore and noqa): \(rule.aliases.joined(separator: ", "))."
        let text = "\(rule.summary)\n\nWhy is this bad? \(rule.rationale)\n\nInstead: \(rule.fix)\(aliases)"
        let markdown = RuleDocumentation.explanation(of: rule)
        return .object([
            ("id", .string(rule.code)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(rule.rationale))])),
            ("help", .object([("text", .string(text)), ("markdown", .string(markdown))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
            ("properties", .object([
                ("tags", .array((["async", rule.category] + rule.tags).uniqued().map(JSONValue.string))),
                ("precision", .string(rule.precision)),
            ])),
        ])
    }

    /// The message, then the help as the next sentence: code scanning shows one text.
    static func messageText(_ finding: Finding) -> String {
        guard !finding.help.isEmpty else { return finding.message }
        let endsSentence = finding.message.last.map { ".!?:;".contains($0) } ?? true
        return finding.message + (endsSentence ? " " : ". ") + finding.help
    }

    func result(_ finding: Finding, ruleIndex: Int?, fingerprint: String) -> JSONValue {
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.code))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("level", .string(Self.level(finding.severity))),
            ("message", .object([("text", .string(Self.messageText(finding)))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", Self.artifact(finding.path)),
                ("region", .object([
                    ("startLine", .int(finding.range.start.line)),
                    ("startColumn", .int(finding.range.start.column)),
                    ("endLine", .int(max(finding.range.end.line, finding.range.start.line))),
                    ("endColumn", .int(Self.endColumn(finding))),
                ])),
            ]))])])),
            ("partialFingerprints", .object([(Self.fingerprintKey, .string(fingerprint))])),
        ]
        if !finding.chain.isEmpty {
            members.append(("relatedLocations", .array(finding.chain.enumerated().map { index, hop in
                .object([
                    ("id", .int(index + 1)),
                    ("physicalLocation", .object([
                        ("artifactLocation", Self.artifact(hop.path)),
                        ("region", .object([("startLine", .int(max(hop.line, 1))), ("startColumn", .int(max(hop.column, 1)))])),
                    ])),
                    ("message", .object([("text", .string("\(hop.name) (step \(index + 1) of the chain)"))])),
                ])
            })))
        }
        return .object(members)
    }

    /// SARIF wants the end past the start; an empty range still covers one column.
    static func endColumn(_ finding: Finding) -> Int {
        if finding.range.end.line > finding.range.start.line { return max(finding.range.end.column, 1) }
        return max(finding.range.end.column, finding.range.start.column + 1)
    }

    static func artifact(_ path: String) -> JSONValue {
        .object([("uri", .string(percentEncodedURI(path))), ("uriBaseId", .string(rootBaseId))])
    }

    /// A relative URI reference for a `/`-separated path: every byte outside RFC 3986's
    /// unreserved set (and the `/` separators) as `%XX` of its UTF-8 encoding.
    public static func percentEncodedURI(_ path: String) -> String {
        // Bytes in, bytes out: appending scalar by scalar to a String cost ~40 instructions a byte.
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count + 8)
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One fingerprint per finding, in report order.
    public static func fingerprints(_ report: LintReport) -> [String] {
        var occurrences: [String: Int] = [:]
        return report.findings.map { finding in
            let text = report.sourceLines.text(path: finding.path, line: finding.range.start.line) ?? ""
            let normalised = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            let key = [finding.path, finding.code, normalised].joined(separator: "\u{0}")
            let occurrence = occurrences[key, default: 0]
            occurrences[key] = occurrence + 1
            return StableHash.hex(key + "\u{0}\(occurrence)")
        }
    }
}

/// A 128-bit FNV-1a hash as 32 hex digits: the same on every platform and every run (Swift's
/// `Hasher` is seeded per process).
enum StableHash {
    static func hex(_ text: String) -> String {
        var low: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            high ^= low >> 29
        }
        return pad(high) + pad(low)
    }

    static func pad(_ value: UInt64) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
