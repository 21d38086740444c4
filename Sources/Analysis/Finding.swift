import LightSyntax

public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case info, warning, error
    var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One hop of a blocking-via-helper chain (AL110): the function called and where it is defined.
public struct ChainHop: Sendable, Hashable, Codable {
    public var name: String
    public var path: String
    public var line: Int
    public var column: Int
    public init(name: String, path: String, line: Int, column: Int) {
        self.name = name
        self.path = path
        self.line = line
        self.column = column
    }
}

/// A problem found in a file: what the reporters print.
public struct Finding: Sendable, Hashable {
    /// Relative to the working directory, `/`-separated.
    public var path: String
    public var range: SourceRange
    public var code: String
    public var name: String
    public var category: String
    public var severity: Severity
    public var language: SourceLanguage
    public var message: String
    public var help: String
    public var chain: [ChainHop]

    public init(path: String, range: SourceRange, rule: Rule, language: SourceLanguage, message: String,
                help: String, chain: [ChainHop] = []) {
        self.path = path
        self.range = range
        self.code = rule.code
        self.name = rule.name
        self.category = rule.category
        self.severity = rule.severity
        self.language = language
        self.message = message
        self.help = help
        self.chain = chain
    }

    /// The report order: path, line, column, code (then message, so the order is total).
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
        if a.range.start != b.range.start { return a.range.start < b.range.start }
        if a.code != b.code { return a.code < b.code }
        return a.message < b.message
    }
}

extension Finding {
    /// AL110: a call (`callee`, as written, without its parentheses in Python) of a project
    /// function that blocks, with the chain down to the blocking API, made by the project index
    /// and by the Swift walk for local functions alike. The message says what blocks (the chain);
    /// the help says what to do about it, without repeating the chain (the text report prints it
    /// on a line of its own, SARIF as related locations).
    static func blockingViaHelper(path: String, range: SourceRange, rule: Rule, language: SourceLanguage,
                                  callee: String, asyncFunction: String?, chain: [ChainHop]) -> Finding {
        let hops = chain.map(\.name).joined(separator: " → ")
        let place = asyncFunction.map { " in `async def \($0)`" } ?? ""
        let helper = chain.first?.name ?? callee
        let help = language == .python
            ? "Make `\(helper)` async and await it, or offload the call: `await asyncio.to_thread(\(callee), ...)`."
            : "Make `\(helper)` async and await it (with an async API in place of the blocking call), or run the call "
                + "on a thread of its own (a dedicated `DispatchQueue` or `NIOThreadPool`, bridged with `withCheckedContinuation`)."
        return Finding(path: path, range: range, rule: rule, language: language,
                       message: "`\(callee)\(language == .python ? "()" : "")` blocks\(place): \(hops)",
                       help: help, chain: chain)
    }
}
