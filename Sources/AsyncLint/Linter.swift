import Analysis
import Foundation
import LightSyntax
import Reporting

/// What `asynclint check` is asked to do.
public struct LintOptions: Sendable {
    /// Files and directories; the working directory when empty.
    public var paths: [String]
    /// Rule selectors (code, name, alias, code prefix, or `ALL`); every rule when empty.
    /// An element may hold several, comma-separated.
    public var select: [String]
    /// Rule selectors to leave out, applied after `select`.
    public var ignore: [String]
    /// `--exclude` globs (see `ExcludeSet`).
    public var excludes: [String]
    /// Worker threads; at least 1.
    public var jobs: Int
    /// Relative paths in reports are relative to this; the process's when nil.
    public var workingDirectory: String?
    /// `--config FILE`: one configuration for every file instead of the nearest one's.
    public var configPath: String?
    /// `--baseline FILE`: leave out the findings it records.
    public var baselinePath: String?
    /// `--report-unused-suppressions`: list suppression comments that silenced nothing.
    public var reportUnusedSuppressions = false

    public init(paths: [String] = [], select: [String] = [], ignore: [String] = [], excludes: [String] = [],
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount, workingDirectory: String? = nil) {
        self.paths = paths
        self.select = select
        self.ignore = ignore
        self.excludes = excludes
        self.jobs = jobs
        self.workingDirectory = workingDirectory
    }
}

/// A mistake in how the tool was called: exit status 2, nothing analysed.
public enum LintUsageError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownRuleSelector(String)
    /// `--select ""`: a selection that names no rule would check nothing, which no one means.
    case emptySelection
    /// `--select ASYNC109`: only codes of other tools' rules that asynclint has no counterpart of.
    case selectsOnlyForeignCodes([String])
    case invalidJobCount(Int)
    case noWorkingDirectory
    case configuration(ConfigurationError)
    case baseline(BaselineError)

    public var description: String {
        switch self {
        case .unknownRuleSelector(let key):
            return "unknown rule selector `\(key)`: not a code, name, alias or code prefix (see `asynclint rules`)"
        case .emptySelection:
            return "--select names no rule; leave it out to check every rule, or use --ignore"
        case .selectsOnlyForeignCodes(let keys):
            return "--select names only \(keys.map { "`\($0)`" }.joined(separator: ", ")), which asynclint has no rule for "
                + "(see the aliases in `asynclint rules`)"
        case .invalidJobCount(let n):
            return "--jobs must be at least 1 (got \(n))"
        case .noWorkingDirectory:
            return "cannot determine the working directory"
        case .configuration(let error):
            return error.description
        case .baseline(let error):
            return error.description
        }
    }
}

/// The rules a run reports, from `--select` and `--ignore`.
public struct RuleSelection: Sendable, Equatable {
    public var codes: Set<String>

    public init(select: [String], ignore: [String], catalogue: RuleCatalogue) throws(LintUsageError) {
        let selectKeys = Self.keys(select)
        var codes = Set<String>()
        if !select.isEmpty && selectKeys.isEmpty { throw .emptySelection }
        if selectKeys.isEmpty {
            codes = Set(catalogue.rules.map(\.code))
        } else {
            for key in selectKeys { codes.formUnion(try Self.codes(for: key, catalogue: catalogue)) }
            if codes.isEmpty { throw .selectsOnlyForeignCodes(selectKeys) }
        }
        for key in Self.keys(ignore) { codes.subtract(try Self.codes(for: key, catalogue: catalogue)) }
        self.codes = codes
    }

    /// Splits `AL101,AL102` and drops blanks, so `--select a,b --select c` all count.
    static func keys(_ raw: [String]) -> [String] {
        raw.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func codes(for key: String, catalogue: RuleCatalogue) throws(LintUsageError) -> Set<String> {
        if key.uppercased() == "ALL" { return Set(catalogue.rules.map(\.code)) }
        var rules = catalogue.rules(selectedBy: key)
        if rules.isEmpty && key.uppercased() != key { rules = catalogue.rules(selectedBy: key.uppercased()) }
        if rules.isEmpty && isForeignCode(key) { return [] }
        guard !rules.isEmpty else { throw .unknownRuleSelector(key) }
        return Set(rules.map(\.code))
    }

    /// A code of flake8-async or ruff that no rule of asynclint is an alias of (`ASYNC109`, a
    /// timeout parameter; `RUF012`): a ruff user's copied `ignore` list names it, and it means
    /// nothing here rather than being a mistake. Any other unknown selector is an error.
    static func isForeignCode(_ key: String) -> Bool {
        let upper = key.uppercased().utf8
        for prefix in ["ASYNC", "RUF"] where upper.starts(with: prefix.utf8) {
            let digits = upper.dropFirst(prefix.utf8.count)
            return digits.count == 3 && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        return false
    }
}

/// The driver: discovery, reading, the front ends and the checks over all cores, then one
/// report in a deterministic order.
///
/// Every file's result is stored at the file's index (files are sorted by path), so nothing
/// in the report depends on which worker finished first; `--jobs 1` and `--jobs 64` print the
/// same bytes.
public struct Linter: Sendable {
    public typealias FileCheck = @Sendable (_ tree: SyntaxTree, _ path: String) -> [Finding]

    public var catalogue: RuleCatalogue
    let check: FileCheck
    /// Passes 1 and 2 (`FileSummary`, `ProjectIndex`: AL110 and cross-file AL202). On unless the
    /// environment says `ASYNCLINT_PROJECT_INDEX=0` (a hidden switch to measure what it costs);
    /// off with a custom check, whose findings the tests control. A run builds the index only
    /// for the rules its configurations select (`ConfiguredFiles.projectRules`).
    public var usesProjectIndex: Bool
    /// Handed to `ProjectIndex`: qualified names of functions to treat as blocking, and as never
    /// blocking (configuration `blocking-functions` / `safe-functions`).
    public var blockingFunctions: [String] = []
    public var safeFunctions: [String] = []
    /// Files with no word a per-file rule needs are not parsed (see `SourceScan`); off with a
    /// custom check, which may report anything anywhere, and with the hidden switch
    /// `ASYNCLINT_PARSE_EVERY_FILE=1`: then every file is parsed, checked and summarized in pass
    /// 1, as the index was first designed, and CI expects the same report on both corpora
    /// (`scripts/index-equivalence.sh`: the scan skips no file with a finding, and the index's
    /// demand for files loses none).
    let prefilters: Bool

    public init(catalogue: RuleCatalogue = .embedded) {
        self.catalogue = catalogue
        self.check = { tree, path in FileChecker.check(tree, path: path, catalogue: catalogue) }
        self.usesProjectIndex = environmentVariable("ASYNCLINT_PROJECT_INDEX") != "0"
        self.prefilters = environmentVariable("ASYNCLINT_PARSE_EVERY_FILE") != "1"
    }

    /// With another check in place of the catalogue's (tests use this to exercise the driver
    /// on findings they control).
    public init(catalogue: RuleCatalogue = .embedded, check: @escaping FileCheck) {
        self.catalogue = catalogue
        self.check = check
        self.usesProjectIndex = false
        self.prefilters = false
    }

    /// What became of one file.
    enum FileOutcome: Sendable {
        case checked([Finding], SourceLines, [UnusedSuppression], FileSummary?, parseNote: FileNote?)
        /// Not parsed: no per-file rule can fire there. The scan is kept for the project index.
        case unparsed(UnparsedFile?, [UnusedSuppression], note: FileNote?)
        /// A file of the project around the files named (`SourceFile.isContext`): what the index
        /// needs of it, as pass 1 would have made it for a file of the run, and nothing to report.
        case context(UnparsedFile?, FileSummary?)
        case failed(FileError)
        case skipped(FileNote)
    }

    /// Git's heuristic: a NUL byte in the first 8000 bytes means binary.
    static let binaryProbeLength = 8000

    public func run(_ options: LintOptions) throws(LintUsageError) -> LintReport {
        guard options.jobs >= 1 else { throw .invalidJobCount(options.jobs) }
        guard let workingDirectory = options.workingDirectory.map({ PathText.absolute($0, workingDirectory: "/") })
                ?? FileSystem.currentDirectory() else { throw .noWorkingDirectory }
        let baseline = try Self.readBaseline(options.baselinePath, workingDirectory: workingDirectory)
        let trace = Self.tracing
        let started = DispatchTime.now().uptimeNanoseconds
        let finder = FileDiscovery(workingDirectory: workingDirectory, excludeGlobs: options.excludes)
        var discovery = finder.discover(options.paths.isEmpty ? ["."] : options.paths)
        // Each file's nearest configuration (or --config's), resolved once per directory.
        let named = try ConfiguredFiles(discovery.files, options: options, workingDirectory: workingDirectory,
                                        catalogue: catalogue, listedNames: discovery.listedNames)
        // Files named one by one are checked within their project when the index is wanted:
        // the rest of it is read too, for the index alone (see `FileDiscovery.projectContext`).
        let context = usesProjectIndex && !named.projectRules.isEmpty
            ? finder.projectContext(of: options.paths, known: discovery.files) : FileDiscovery.Result()
        let configured: ConfiguredFiles
        if context.files.isEmpty {
            configured = named
        } else {
            discovery.files = (discovery.files + context.files).sorted { PathText.bytewisePrecedes($0.displayPath, $1.displayPath) }
            discovery.listedNames.merge(context.listedNames)
            configured = try ConfiguredFiles(discovery.files, options: options, workingDirectory: workingDirectory,
                                             catalogue: catalogue, listedNames: discovery.listedNames)
        }
        let files = configured.files

        // Read, scan, parse and check each file in one go and keep only what the report needs:
        // a million-line corpus would otherwise hold every tree in memory at once. A file with no
        // word any per-file rule needs (see `SourceScan`) is not parsed; its scan is kept for the
        // project index, which may still ask for it.
        let check = self.check
        let catalogue = self.catalogue
        // Without AL110 and AL202 in any file's selection the index could report nothing: it is
        // not built, and the files that only it needed are neither scanned for it nor parsed.
        // (AL202 is Python's: a Swift project has no coroutine callers to look for.)
        var projectRules = self.usesProjectIndex ? configured.projectRules : []
        if !files.contains(where: { $0.language == .python }) { projectRules.remove(.crossFileAwaits) }
        let usesProjectIndex = !projectRules.isEmpty
        // Swift's per-file findings depend on the other files of the module too (a property's
        // type, a shadowing declaration: `crossFilePropertyFindings`, `withoutShadowedFindings`),
        // so Swift files are summarized and scanned for those facts whether or not the index is
        // built: a run's AL101–AL107 do not change when AL110 is left out.
        let collectsSwiftFacts = self.usesProjectIndex && files.contains { $0.language == .swift }
        let prefilters = self.prefilters
        let vocabulary = ScanVocabulary(catalogue: catalogue, getters: usesProjectIndex)
        let packages = PackageMarkers(files, listedNames: discovery.listedNames)
        var outcomes = ParallelWork.map(count: files.count, jobs: options.jobs) { index -> FileOutcome in
            let file = files[index]
            let settings = configured.settings(ofFile: index)
            let bytes: [UInt8]
            switch Self.read(file) {
            case .failure(let error): return file.isContext ? .context(nil, nil) : error.outcome
            case .success(let read): bytes = read
            }
            if file.isContext {
                return Self.contextOutcome(bytes, of: file, at: index, module: packages.module(of: file),
                                           namespacePrefix: packages.namespacePrefix(of: file), prefilters: prefilters,
                                           vocabulary: settings.scanVocabulary ?? vocabulary,
                                           catalogue: settings.catalogue ?? catalogue, suppressionCatalogue: catalogue)
            }
            // A file that is not parsed needs its suppressions only to tell whether it is skipped
            // and to list them unused: without `asynclint:` in it and that report, the comment
            // scan waits until the file turns out to be parsed (the index's findings read the
            // suppressions of their files again).
            func readSuppressions() -> FileSuppressions {
                FileSuppressions(source: bytes, language: file.language, catalogue: catalogue)
            }
            let suppressionsFirst = !prefilters || options.reportUnusedSuppressions
                || SuppressionMarkers.mayHoldSkipFile(bytes)
            var suppressions = suppressionsFirst ? readSuppressions() : FileSuppressions()
            // Comments asynclint cannot read always (a note), unused ones with the option.
            func unused() -> [UnusedSuppression] {
                let invalid = suppressions.invalid.map { UnusedSuppression(path: file.displayPath, invalid: $0) }
                guard options.reportUnusedSuppressions else { return invalid }
                return suppressions.unused.map { UnusedSuppression(path: file.displayPath, directive: $0, catalogue: catalogue) }
                    + invalid
            }
            let collectsFacts = usesProjectIndex || (collectsSwiftFacts && file.language == .swift)
            let module = collectsFacts ? packages.module(of: file) : ""
            let namespacePrefix = usesProjectIndex ? packages.namespacePrefix(of: file) : ""
            // Without a byte ≥ 0x80 the file is valid UTF-8: the scan saw every byte already.
            var mayBeInvalidUTF8 = true
            if prefilters && !suppressions.skipFile {
                let scan = SourceScan.scan(bytes, language: file.language,
                                           vocabulary: settings.scanVocabulary ?? vocabulary,
                                           indexFacts: collectsFacts)
                mayBeInvalidUTF8 = scan.hasNonASCII
                if !scan.mayHaveFindings {
                    let note = scan.hasNonASCII ? Self.invalidUTF8Note(bytes, language: file.language, path: file.displayPath) : nil
                    // What the index may need of it, made here, on all cores.
                    return .unparsed(collectsFacts ? UnparsedFile(scan, of: file, module: module, namespacePrefix: namespacePrefix,
                                                                     bytes: bytes, forIndex: usesProjectIndex) : nil,
                                     unused(), note: note)
                }
            }
            if !suppressionsFirst { suppressions = readSuppressions() }
            let tree = suppressions.skipFile ? FrontEnds.parse([], language: file.language)
                : Self.parse(bytes, language: file.language, checkingUTF8: mayBeInvalidUTF8)
            // Suppressions first, selection second: a `noqa` for a rule left out of this run
            // still counts as used. Pass 1's summary comes from the same job, so the tree is
            // still dropped right after.
            var summary: FileSummary?
            let checked: [Finding]
            if collectsFacts {
                (checked, summary) = FileChecker.checkAndSummarize(
                    tree, path: file.displayPath, module: module, namespacePrefix: namespacePrefix,
                    catalogue: settings.catalogue ?? catalogue, propertyReads: usesProjectIndex)
                summary?.sourceIndex = Int32(index)
            } else {
                checked = settings.catalogue.map { FileChecker.check(tree, path: file.displayPath, catalogue: $0) }
                    ?? check(tree, file.displayPath)
            }
            let findings = Self.withoutSubsumedFindings(checked
                .filter { !suppressions.silences($0, catalogue: catalogue) }
                .filter { settings.reports($0.code, absolutePath: file.absolutePath) }
                .map { settings.adjusted($0) })
            var lines = SourceLines()
            for finding in findings {
                lines.record(path: finding.path, line: finding.range.start.line,
                             text: tree.lineMap.lineText(finding.range.start.line))
            }
            return .checked(findings, lines, unused(), summary, parseNote: Self.parseNote(tree, path: file.displayPath))
        }

        if trace { Self.writeTrace("files read, scanned and checked: \(files.count) in \(Self.milliseconds(since: started)) ms") }
        let collating = DispatchTime.now().uptimeNanoseconds
        var findings: [Finding] = []
        var sourceLines = SourceLines()
        var errors = discovery.errors
        var notes = discovery.notes
        var filesChecked = 0
        var unusedSuppressions: [UnusedSuppression] = []
        var summaries: [FileSummary] = []
        var filesParsed = 0
        var universe = ProjectUniverse()
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .checked(let fileFindings, let lines, let unused, let summary, let parseNote):
                filesChecked += 1
                filesParsed += 1
                if let parseNote { notes.append(parseNote) }
                if let summary { universe.add(summary, at: index, to: &summaries) }
                findings += fileFindings
                sourceLines.merge(lines)
                unusedSuppressions += unused
            case .unparsed(let unparsed, let unused, let note):
                filesChecked += 1
                if let note { notes.append(note) }
                unusedSuppressions += unused
                if let unparsed { universe.add(unparsed, at: Int32(index)) }
            case .context(let unparsed, let summary):
                if let summary {
                    filesParsed += 1
                    universe.add(summary, at: index, to: &summaries)
                }
                if let unparsed { universe.add(unparsed, at: Int32(index)) }
            case .failed(let error): errors.append(error)
            case .skipped(let note): notes.append(note)
            }
        }
        outcomes = []   // their scans now live in `universe`
        if usesProjectIndex {
            for file in files where file.language == .python {
                let prefix = packages.namespacePrefix(of: file)
                if !prefix.isEmpty { universe.addNamespaceAliases(of: packages.module(of: file), namespacePrefix: prefix) }
            }
        }
        universe.finish()
        if collectsSwiftFacts {
            let actorsStarted = DispatchTime.now().uptimeNanoseconds
            filesParsed += recheckActorExtensions(&findings, &sourceLines, summaries: &summaries, universe: universe, files: files,
                                                  modules: packages, configured: configured)
            if trace { Self.writeTrace("actor extensions in other files: \(Self.milliseconds(since: actorsStarted)) ms") }
            let crossFileStarted = DispatchTime.now().uptimeNanoseconds
            let crossFile = crossFilePropertyFindings(findings, summaries: summaries, universe: universe, files: files,
                                                      modules: packages, configured: configured)
            findings += crossFile.findings
            sourceLines.merge(crossFile.lines)
            if trace { Self.writeTrace("cross-file property types: \(crossFile.findings.count) findings in \(Self.milliseconds(since: crossFileStarted)) ms") }
            let shadowStarted = DispatchTime.now().uptimeNanoseconds
            findings = withoutShadowedFindings(findings, summaries: summaries, universe: universe, files: files,
                                               modules: packages, configured: configured)
            if trace { Self.writeTrace("findings the project's declarations shadow: \(Self.milliseconds(since: shadowStarted)) ms") }
        }
        if trace { Self.writeTrace("outcomes collated in \(Self.milliseconds(since: collating)) ms") }
        if usesProjectIndex {
            Self.returnFreedMemory()
            let project = projectFindings(summaries, universe: universe, files: files, configured: configured,
                                          modules: packages, rules: projectRules, jobs: options.jobs)
            findings += project.findings
            sourceLines.merge(project.lines)
            filesParsed += project.filesParsed
            let silencedByIndex = project.usedSuppressions
            unusedSuppressions.removeAll { $0.problem == nil && silencedByIndex.contains($0.place) }
        }
        // A comment naming an index rule whose findings this run did not work out may silence
        // one when it does: it is not called unused (as a per-file rule left out of the run
        // still uses its comments: its findings are made, silenced, then left out).
        let unknowable = ProjectRules.all.subtracting(projectRules).codes
        unusedSuppressions.removeAll { $0.problem == nil && ($0.codes.map { !$0.isDisjoint(with: unknowable) } ?? false) }
        // A comment asynclint cannot read is listed with the unused ones when they are asked
        // for, and is a note on standard error otherwise.
        if !options.reportUnusedSuppressions {
            notes += unusedSuppressions.compactMap(\.fileNote)
            unusedSuppressions.removeAll()
        }
        unusedSuppressions.sort { ($0.place.path, $0.place.line, $0.column) < ($1.place.path, $1.place.line, $1.column) }
        BackgroundRelease.release((consume summaries, consume universe))
        if trace { Self.writeTrace("all findings made: \(Self.milliseconds(since: started)) ms after discovery began") }
        var report = LintReport(findings: findings, errors: errors, notes: notes, filesChecked: filesChecked,
                                sourceLines: sourceLines)
        report.unusedSuppressions = unusedSuppressions.map(\.note)
        report.listsUnusedSuppressions = options.reportUnusedSuppressions
        report.failOn = configured.failOn
        report.filesParsed = filesParsed
        return baseline.map { $0.filtering(report) } ?? report
    }

    /// Pass 1 for a file of the project around the files named: the scan, and the summary when
    /// the scan says the file would be parsed in a run over the whole project, so the index
    /// starts from the same summaries as that run does and asks for the same files. No rule
    /// runs: nothing in the file is reported.
    static func contextOutcome(_ bytes: [UInt8], of file: SourceFile, at index: Int, module: String,
                               namespacePrefix: String, prefilters: Bool,
                               vocabulary: ScanVocabulary, catalogue: RuleCatalogue,
                               suppressionCatalogue: RuleCatalogue) -> FileOutcome {
        var source = bytes
        if SuppressionMarkers.mayHoldSkipFile(bytes)
            && FileSuppressions(source: bytes, language: file.language, catalogue: suppressionCatalogue).skipFile {
            source = []
        } else if prefilters {
            let scan = SourceScan.scan(bytes, language: file.language, vocabulary: vocabulary, indexFacts: true)
            if !scan.mayHaveFindings {
                return .context(UnparsedFile(scan, of: file, module: module, namespacePrefix: namespacePrefix, bytes: bytes), nil)
            }
        }
        var summary = FileChecker.summarize(Self.parse(source, language: file.language, checkingUTF8: false),
                                            path: file.displayPath, module: module, namespacePrefix: namespacePrefix,
                                            catalogue: catalogue)
        summary.sourceIndex = Int32(index)
        return .context(nil, summary)
    }

    static func readBaseline(_ path: String?, workingDirectory: String) throws(LintUsageError) -> Baseline? {
        guard let path else { return nil }
        do throws(BaselineError) {
            return try Baseline.read(path: PathText.absolute(path, workingDirectory: workingDirectory))
        } catch {
            throw .baseline(BaselineError(path: path, message: error.message))
        }
    }

    /// The file's bytes, or what to report instead (it cannot be read, or it is binary).
    static func read(_ file: SourceFile) -> Result<[UInt8], FileOutcomeError> {
        switch FileSystem.readFile(file.absolutePath) {
        case .failure(let error):
            return .failure(FileOutcomeError(.failed(FileError(path: file.displayPath, message: "cannot read: \(error)"))))
        case .success(let bytes):
            if hasNUL(bytes, within: binaryProbeLength) {
                return .failure(FileOutcomeError(.skipped(FileNote(path: file.displayPath, message: "skipped: binary file (a NUL byte in the first \(binaryProbeLength) bytes)"))))
            }
            return .success(bytes)
        }
    }

    /// Whether one of the first `length` bytes is NUL. With `memchr`: a loop over the bytes cost
    /// 2 % of a Python corpus check's instructions (every file's first 8000 bytes are probed).
    static func hasNUL(_ bytes: [UInt8], within length: Int) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, min(buffer.count, length)) != nil
        }
    }

    /// A `FileOutcome` that ends a file's job early (`Result` wants an `Error`).
    struct FileOutcomeError: Error {
        let outcome: FileOutcome
        init(_ outcome: FileOutcome) { self.outcome = outcome }
    }

    /// The note for a file that is not parsed but is not valid UTF-8 either: the user should
    /// hear that the file is not what it claims to be.
    static func invalidUTF8Note(_ bytes: [UInt8], language: SourceLanguage, path: String) -> FileNote? {
        guard let offset = FrontEnds.firstInvalidUTF8Offset(bytes, language: language) else { return nil }
        return partlyUnderstood(path, at: LineMap(source: bytes).location(ofByte: offset), Self.invalidUTF8)
    }

    static let invalidUTF8 = "invalid UTF-8 (read as U+FFFD)"

    /// The note for a file analysed in spite of a problem at `at`.
    static func partlyUnderstood(_ path: String, at: SourceLocation, _ what: String) -> FileNote {
        FileNote(path: path, message: "\(at.line):\(at.column): \(what); the rest of the file was still checked")
    }

    /// Parses, and records invalid UTF-8 as a parse problem: the front ends read it as U+FFFD
    /// and go on, but the user should hear that the file is not what it claims to be.
    static func parse(_ bytes: [UInt8], language: SourceLanguage, checkingUTF8: Bool = true) -> SyntaxTree {
        var tree = FrontEnds.parse(bytes, language: language)
        if checkingUTF8, let offset = FrontEnds.firstInvalidUTF8Offset(bytes, language: language) {
            tree.addProblem(at: offset, invalidUTF8)
        }
        return tree
    }

    /// One finding per problem: a discarded throwing `Task { }` in async code is both AL201 (an
    /// orphaned task) and AL204 (its error vanishes), and AL201 is the one reported when both
    /// survive the file's suppressions and selection: what it asks (structured concurrency, or
    /// keeping and awaiting the handle) fixes both, and its message says the error vanishes.
    /// When AL201 is left out or silenced, AL204 is reported on its own.
    static func withoutSubsumedFindings(_ findings: [Finding]) -> [Finding] {
        guard findings.contains(where: { $0.code == "AL201" }) && findings.contains(where: { $0.code == "AL204" }) else {
            return findings
        }
        let orphaned = Set(findings.lazy.filter { $0.code == "AL201" }.map(\.range))
        return findings.filter { $0.code != "AL204" || !orphaned.contains($0.range) }
    }

    /// One line for a file the front end could only partly understand (an unterminated string,
    /// nesting too deep, invalid UTF-8): the file was still analysed, so this is a note, not an
    /// error, and does not change the exit status.
    static func parseNote(_ tree: SyntaxTree, path: String) -> FileNote? {
        guard let first = tree.problems.min(by: { $0.start < $1.start }) else { return nil }
        let at = tree.lineMap.location(ofByte: Int(first.start))
        let more = tree.problems.count > 1 ? " (and \(tree.problems.count - 1) more parse problem\(tree.problems.count == 2 ? "" : "s"))" : ""
        return partlyUnderstood(path, at: at, first.message + more)
    }
}

extension Linter {
    /// Gives the pages of the parse trees just freed back to the system before pass 2 (glibc's
    /// `malloc_trim`, found by name: nothing happens with another C library). The summaries
    /// pass 2 keeps are scattered among them, so the heap cannot shrink from its top alone,
    /// and pass 2's own peak then came on top of them.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(nil, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
    }
}
