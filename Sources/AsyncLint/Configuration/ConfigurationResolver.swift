import Analysis

/// Finds the configuration that applies to each file: the nearest `.asynclint.toml`, or
/// `pyproject.toml` with a `[tool.asynclint]` table, in the file's directory or above it (in
/// one directory, `.asynclint.toml` wins). Each directory is looked at once per run.
struct ConfigurationResolver {
    let catalogue: RuleCatalogue
    /// `--config FILE`: this one for every file.
    let explicit: Configuration?
    private var nearest: [String: Configuration?] = [:]
    /// Whether a configuration file exists (`ListedNames.exists`).
    private let fileExists: (String) -> Bool

    init(catalogue: RuleCatalogue, explicitPath: String?, workingDirectory: String,
         fileExists: @escaping (String) -> Bool = FileSystem.exists) throws(ConfigurationError) {
        self.catalogue = catalogue
        self.fileExists = fileExists
        if let explicitPath {
            let absolute = PathText.absolute(explicitPath, workingDirectory: workingDirectory)
            guard FileSystem.exists(absolute) else {
                throw ConfigurationError(path: explicitPath, line: nil, message: "no such file")
            }
            guard let configuration = try ConfigurationLoader.load(path: absolute, catalogue: catalogue) else {
                throw ConfigurationError(path: explicitPath, line: nil, message: "no [tool.asynclint] table")
            }
            explicit = configuration
        } else {
            explicit = nil
        }
    }

    /// The configuration for files in `directory` (absolute), or nil when none is found.
    mutating func configuration(forDirectory directory: String) throws(ConfigurationError) -> Configuration? {
        if let explicit { return explicit }
        if let known = nearest[directory] { return known }
        var found: Configuration? = nil
        for name in [ConfigurationLoader.fileName, ConfigurationLoader.pyprojectName] {
            let candidate = PathText.join(directory, name)
            guard fileExists(candidate) else { continue }
            // A pyproject.toml without our table is some other tool's business: not parsed.
            if name == ConfigurationLoader.pyprojectName,
               case .success(let bytes) = FileSystem.readFile(candidate),
               !String(decoding: bytes, as: UTF8.self).contains("tool.asynclint") { continue }
            if let configuration = try ConfigurationLoader.load(path: candidate, catalogue: catalogue) {
                found = configuration
                break
            }
        }
        if found == nil {
            let parent = PathText.parent(directory)
            if parent != directory && !parent.isEmpty {
                found = try configuration(forDirectory: parent)
            }
        }
        nearest[directory] = .some(found)
        return found
    }
}

/// A configuration made ready for the workers: selection resolved to codes, globs compiled,
/// the catalogue extended.
struct FileSettings: Sendable {
    var selected: Set<String>
    var exclude: ExcludeSet?
    var perFileIgnores: [(globs: ExcludeSet, codes: Set<String>)]
    /// Code → severity, after the config's overrides.
    var severities: [String: Severity]
    /// The embedded catalogue plus the config's APIs; nil to use the linter's own check.
    var catalogue: RuleCatalogue?
    /// The scan's words for `catalogue`, made once per configuration rather than per file.
    var scanVocabulary: ScanVocabulary?
    var directory: String?
    /// `blocking-functions` / `safe-functions`, for the project index (AL110).
    var blockingFunctions: [String] = []
    var safeFunctions: [String] = []

    /// `--select` on the command line replaces the file's `select`; `--ignore`s add up.
    init(configuration: Configuration?, options: LintOptions, catalogue: RuleCatalogue) throws(LintUsageError) {
        let select = options.select.isEmpty ? (configuration?.select ?? []) : options.select
        let ignore = (configuration?.ignore ?? []) + options.ignore
        selected = try RuleSelection(select: select, ignore: ignore, catalogue: catalogue).codes
        directory = configuration?.directory
        perFileIgnores = []
        severities = [:]
        self.catalogue = nil
        guard let configuration else { return }
        blockingFunctions = configuration.blockingFunctions
        safeFunctions = configuration.safeFunctions
        if !configuration.exclude.isEmpty {
            exclude = ExcludeSet(globs: configuration.exclude, workingDirectory: configuration.directory)
        }
        for entry in configuration.perFileIgnores {
            var codes = Set<String>()
            for key in RuleSelection.keys(entry.rules) { codes.formUnion(try RuleSelection.codes(for: key, catalogue: catalogue)) }
            perFileIgnores.append((ExcludeSet(globs: [entry.glob], workingDirectory: configuration.directory), codes))
        }
        for (selector, severity) in configuration.severityOverrides {
            for code in try RuleSelection.codes(for: selector, catalogue: catalogue) { severities[code] = severity }
        }
        let extended = configuration.extendedCatalogue(catalogue)
        self.catalogue = extended
        self.scanVocabulary = extended.map { ScanVocabulary(catalogue: $0) }
    }

    /// A glob matches the file or any directory between it and the config's directory, as
    /// `.gitignore` lines do (`vendor` leaves out everything under `vendor/`).
    static func matches(_ set: ExcludeSet, absolutePath: String, below directory: String?) -> Bool {
        if set.isExcluded(absolutePath: absolutePath, isDirectory: false) { return true }
        var current = PathText.parent(absolutePath)
        while let directory, current.count > directory.count, current.hasPrefix(directory) {
            if set.isExcluded(absolutePath: current, isDirectory: true) { return true }
            current = PathText.parent(current)
        }
        return false
    }

    func isExcluded(_ absolutePath: String) -> Bool {
        guard let exclude else { return false }
        return Self.matches(exclude, absolutePath: absolutePath, below: directory)
    }

    /// Whether a finding of `code` in this file is reported (selection and per-file ignores).
    func reports(_ code: String, absolutePath: String) -> Bool {
        guard selected.contains(code) else { return false }
        for entry in perFileIgnores where entry.codes.contains(code) {
            if Self.matches(entry.globs, absolutePath: absolutePath, below: directory) { return false }
        }
        return true
    }
}
