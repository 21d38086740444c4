import Analysis

/// One configuration file's settings (`.asynclint.toml`, or `[tool.asynclint]` in
/// `pyproject.toml`). The file nearest above a source file applies to it; `--config FILE`
/// makes one file apply to every source file. Globs are relative to `directory`.
///
/// ```toml
/// select = ["AL1", "AL201"]          # codes, names, aliases, code or alias prefixes, or "ALL"
/// ignore = ["AL106"]
/// exclude = ["vendor", "gen/**"]     # .gitignore-style globs
/// fail-on = "warning"                # info | warning | error
/// blocking-functions = ["app.io.load_settings"]
/// safe-functions = ["app.cache.read_cached"]
///
/// [per-file-ignores]
/// "tests/**" = ["AL101"]
///
/// [severity]
/// AL201 = "error"
///
/// [python]                           # the shape of rules.json's "python" section
/// calls = [{ rule = "AL101", use = "await anyio.sleep(...)", names = ["mylib.nap"] }]
///
/// [swift]                            # the shape of rules.json's "swift" section
/// blocking = [{ code = "AL105", message = "…", use = "…", apis = ["Gate.pass()"] }]
/// ```
public struct Configuration: Sendable {
    /// A glob and the rules it switches off for the files it matches.
    public struct PerFileIgnore: Sendable, Equatable {
        public var glob: String
        public var rules: [String]
        public init(glob: String, rules: [String]) {
            self.glob = glob
            self.rules = rules
        }
    }

    /// The file the settings came from; nil for the defaults (no file found).
    public var path: String?
    /// Absolute; what `exclude` and `per-file-ignores` globs are relative to.
    public var directory: String
    public var select: [String] = []
    public var ignore: [String] = []
    public var exclude: [String] = []
    public var perFileIgnores: [PerFileIgnore] = []
    /// Rule selector (code, name, alias, prefix) → the severity its findings get instead.
    public var severityOverrides: [(selector: String, severity: Severity)] = []
    public var failOn: Severity?
    /// Blocking APIs added to the embedded catalogue's.
    public var python: PythonCatalogue?
    public var swift: SwiftCatalogue?
    /// Qualified names of project functions to treat as blocking (`app.io.load_settings`,
    /// `Store.flush`), read by the project index (AL110).
    public var blockingFunctions: [String] = []
    /// Qualified names of project functions to treat as never blocking, whatever they call.
    public var safeFunctions: [String] = []

    public init(path: String? = nil, directory: String) {
        self.path = path
        self.directory = directory
    }

    /// The embedded catalogue plus this file's extra blocking APIs; nil when it adds none.
    public func extendedCatalogue(_ base: RuleCatalogue) -> RuleCatalogue? {
        guard python != nil || swift != nil else { return nil }
        var catalogue = base
        if let python { catalogue.python = catalogue.python.merged(with: python) }
        if let swift { catalogue.swift = catalogue.swift.merged(with: swift) }
        return catalogue
    }
}

/// A configuration file that cannot be used: exit status 2, with the file, the line when it
/// is known, and what is wrong.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): invalid configuration: \(message)"
    }
}
