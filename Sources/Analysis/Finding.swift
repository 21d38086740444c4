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

/// A declaration of the project that shadows a system one of the same name: a free function
/// (`func usleep(_:)`) or a type (`final class Thread`), at file level, not an extension.
public enum ProjectDeclaration: Sendable, Hashable {
    case function(String)
    case type(String)
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
    /// Swift: the declaration that, made by the project in the file's module, would mean the call
    /// is the project's own and not the catalogued API (`func usleep`, `class Thread`); nil when
    /// no declaration of the project can change what the call is. The file's own declarations
    /// were weighed already; the driver weighs the other files' (`ProjectDeclaration`).
    public var unlessProjectDeclares: ProjectDeclaration?

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

extension Finding {
    /// AL110 for a callback the event loop calls (`loop.call_soon(flush)`) that blocks through
    /// the project's own functions.
    static func blockingLoopCallback(path: String, range: SourceRange, rule: Rule, callee: String, scheduler: String,
                                     chain: [ChainHop]) -> Finding {
        let hops = chain.map(\.name).joined(separator: " → ")
        return Finding(path: path, range: range, rule: rule, language: .python,
                       message: "`\(callee)` runs on the event loop (handed to `\(scheduler)`) and blocks it: \(hops)",
                       help: "Keep loop callbacks short: run the blocking work in a thread (`loop.run_in_executor(None, \(callee))`), "
                           + "or schedule a task that awaits `asyncio.to_thread(...)` instead.",
                       chain: chain)
    }
}

extension ProjectDeclaration {
    /// The name declared.
    public var name: String {
        switch self {
        case .function(let name), .type(let name): return name
        }
    }

    /// The findings left once those whose call means a declaration of the project are dropped
    /// (`Finding.unlessProjectDeclares`): the project's own `func usleep` or `class Thread` in a
    /// file of the finding's module (`module(finding)`) that is not the finding's own (its file
    /// weighed its own declarations). `summaries` are files of the project, with their modules.
    public static func removingShadowed(_ findings: [Finding], module: (Finding) -> String,
                                        summaries: [FileSummary]) -> [Finding] {
        guard findings.contains(where: { $0.unlessProjectDeclares != nil }) else { return findings }
        var answers: [String: [ProjectDeclaration: Bool]] = [:]
        return findings.filter { finding in
            guard let declaration = finding.unlessProjectDeclares, finding.language == .swift else { return true }
            let home = module(finding)
            if let known = answers[home]?[declaration] { return !known }
            let declared = summaries.contains {
                $0.language == .swift && $0.module == home && $0.path != finding.path && $0.declares(declaration)
            }
            answers[home, default: [:]][declaration] = declared
            return !declared
        }
    }
}
