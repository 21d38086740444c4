import Foundation
import Analysis

/// The rule catalogue as people read it: `asynclint rules` (a table), `asynclint rule CODE`
/// (one rule explained the way `ruff rule` does) and the README's rule table.
public enum RuleDocumentation {
    static let languageTitles = ["python": "Python", "swift": "Swift"]

    /// `asynclint rule CODE`: what it does, why it is bad, an example, what to use instead.
    public static func explanation(of rule: Rule) -> String {
        var out = "# \(rule.name) (\(rule.code))\n\n"
        let languages = rule.languages.map { languageTitles[$0] ?? $0 }.joined(separator: ", ")
        out += "Category: \(rule.category) · Default severity: \(rule.severity.rawValue) · Languages: \(languages)\n"
        if !rule.aliases.isEmpty {
            out += "Aliases: \(rule.aliases.joined(separator: ", ")) (select, ignore and suppress by these too)\n"
        }
        out += "\n## What it does\n\(rule.summary)\n"
        out += "\n## Why is this bad?\n\(rule.rationale)\n"
        let example = examples(of: rule)
        if !example.isEmpty { out += "\n## Example\n" + example }
        out += "\n## What to use instead\n\(rule.fix)\n"
        return out
    }

    /// The examples per language in the rule's language order: the bad ones, then `Use instead:`
    /// and the good ones. The `expect:` markers the tests use are left out.
    static func examples(of rule: Rule) -> String {
        var order = rule.languages
        for example in rule.examples where !order.contains(example.language) { order.append(example.language) }
        var out = ""
        for language in order {
            let bad = rule.examples.filter { $0.language == language && $0.kind == "bad" }
            let good = rule.examples.filter { $0.language == language && $0.kind != "bad" }
            if bad.isEmpty && good.isEmpty { continue }
            if !out.isEmpty { out += "\n" }
            out += "\(languageTitles[language] ?? language):\n"
            for example in bad { out += codeBlock(example) }
            if !good.isEmpty {
                out += "\nUse instead:\n"
                for example in good { out += codeBlock(example) }
            }
        }
        return out
    }

    static func codeBlock(_ example: RuleExample) -> String {
        let lines = example.code.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var text = String(line)
            for marker in ["# expect:", "// expect:"] {
                if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) }
            }
            while text.last == " " || text.last == "\t" { text.removeLast() }
            return text
        }
        var body = lines
        while body.last == "" { body.removeLast() }
        return "```\(example.language)\n" + body.joined(separator: "\n") + "\n```\n"
    }

    /// `asynclint rules`: one row per rule, columns padded to line up.
    public static func table(of rules: [Rule]) -> String {
        let header = ["CODE", "NAME", "CATEGORY", "SEVERITY", "LANGUAGES", "SUMMARY"]
        let rows = rules.map { [$0.code, $0.name, $0.category, $0.severity.rawValue, $0.languages.joined(separator: ","), $0.summary] }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (i, cell) in cells.enumerated() {
                text += i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            return text + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    /// The README's rule table (GitHub markdown); a test keeps the README in step with it.
    public static func markdownTable(of rules: [Rule]) -> String {
        var out = "| Code | Name | Category | Severity | Languages | Aliases | What it flags |\n"
        out += "|---|---|---|---|---|---|---|\n"
        for rule in rules {
            let aliases = rule.aliases.isEmpty ? "–" : rule.aliases.map { "`\($0)`" }.joined(separator: ", ")
            let languages = rule.languages.map { languageTitles[$0] ?? $0 }.joined(separator: ", ")
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            out += "| \(rule.code) | `\(rule.name)` | \(rule.category) | \(rule.severity.rawValue) | \(languages) | \(aliases) | \(summary) |\n"
        }
        return out
    }

    /// `asynclint rules --format json`: the rules as `rules.json` spells them, in its key order.
    public static func json(of rules: [Rule]) -> JSONValue {
        .array(rules.map { rule in
            .object([
                ("code", .string(rule.code)),
                ("name", .string(rule.name)),
                ("category", .string(rule.category)),
                ("severity", .string(rule.severity.rawValue)),
                ("summary", .string(rule.summary)),
                ("rationale", .string(rule.rationale)),
                ("fix", .string(rule.fix)),
                ("aliases", .array(rule.aliases.map(JSONValue.string))),
                ("precision", .string(rule.precision)),
                ("tags", .array(rule.tags.map(JSONValue.string))),
                ("languages", .array(rule.languages.map(JSONValue.string))),
                ("examples", .array(rule.examples.map { example in
                    .object([
                        ("language", .string(example.language)),
                        ("kind", .string(example.kind)),
                        ("code", .string(example.code)),
                    ])
                })),
            ])
        })
    }
}
