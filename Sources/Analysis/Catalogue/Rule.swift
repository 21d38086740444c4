/// One rule of the catalogue (`rules.json` → `rules`).
public struct Rule: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var category: String
    public var severity: Severity
    /// One line: what it flags.
    public var summary: String
    /// Why it is bad.
    public var rationale: String
    /// What to do instead.
    public var fix: String
    /// Equivalent codes in other tools (`ASYNC251`, `RUF006`), honoured by `# noqa`.
    public var aliases: [String]
    /// `high` or `medium`, as SARIF's `precision` property.
    public var precision: String
    public var tags: [String]
    /// Which languages the rule applies to.
    public var languages: [String]
    /// Triggering and non-triggering examples per language; tests run them.
    public var examples: [RuleExample]
}

/// An example in a rule's documentation. In `code`, a trailing `# expect: CODE` / `// expect: CODE`
/// comment marks each line where the rule must fire; a `bad` example has at least one.
public struct RuleExample: Sendable, Codable, Hashable {
    public var language: String
    public var kind: String   // "bad" or "good"
    public var code: String
}
