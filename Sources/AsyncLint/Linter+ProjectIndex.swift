import Analysis
import Dispatch
import Foundation
import LightSyntax
import Reporting

/// Pass 2 and the findings that need the whole project, in the driver.
extension Linter {
    /// The findings of the project index (AL110, cross-file AL202), filtered like every other
    /// finding: by the file's suppressions and its configuration.
    ///
    /// The index starts from the summaries of the files that were parsed and asks for the other
    /// files its findings depend on (`ProjectIndex.filesToLoad`); those are parsed and
    /// summarized here, all cores at once, and the index is built again until it asks for
    /// nothing more. Each round adds at least one file, so the loop ends.
    func projectFindings(_ parsed: [FileSummary], universe: ProjectUniverse, files: [SourceFile],
                         configured: ConfiguredFiles, modules: PackageMarkers, rules: ProjectRules, jobs: Int)
        -> (findings: [Finding], lines: SourceLines, filesParsed: Int, usedSuppressions: Set<SuppressionPlace>) {
        var summaryCount = parsed.count
        let catalogue = self.catalogue
        let traceIndex = Self.tracing
        func trace(_ line: @autoclosure () -> String) {
            if traceIndex { Self.writeTrace(line()) }
        }
        if traceIndex {
            let functions = parsed.reduce(0) { $0 + $1.functionCount }, calls = parsed.reduce(0) { $0 + $1.callCount }
            let strings = parsed.reduce(0) { $0 + $1.strings.count }
            trace("project index: the parsed files' summaries hold \(functions) functions, \(calls) calls, \(strings) strings")
        }
        var started = DispatchTime.now().uptimeNanoseconds
        // Which unparsed files may call a coroutine function (AL202) depends only on the parsed
        // files' summaries and the scans: it is answered on another core while this one builds
        // the first index, waited for after the first round's parsing, and its files join the
        // second round.
        // (Only for AL202: without it no coroutine's callers are wanted.)
        var unansweredCallers: CoroutineCallersAnswer? = !rules.contains(.crossFileAwaits) ? nil
            : CoroutineCallersAnswer(CoroutineCallers(summaries: parsed, universe: universe), jobs: jobs)
        var index = ProjectIndex(summaries: parsed, catalogue: catalogue,
                                 blockingFunctions: blockingFunctions + configured.blockingFunctions,
                                 safeFunctions: safeFunctions + configured.safeFunctions, universe: universe,
                                 rules: rules)
        var wanted = index.filesToLoad(coroutineCallers: false)
        trace("project index: \(summaryCount) summaries, \(wanted.count) more asked for (\(Self.milliseconds(since: started)) ms)")
        while true {
            for i in wanted { trace("  asks for \(files[Int(i)].displayPath)") }
            let asked = wanted
            let parseStarted = DispatchTime.now().uptimeNanoseconds
            let more = ParallelWork.map(count: asked.count, jobs: jobs) { k -> FileSummary in
                let i = Int(asked[k])
                let file = files[i]
                let module = modules.module(of: file)
                // A file that cannot be read now still counts as loaded (an empty summary), so
                // it is not asked for again.
                guard case .success(let bytes) = Self.read(file) else {
                    var empty = FileSummary(path: file.displayPath, language: file.language, module: module)
                    empty.sourceIndex = Int32(i)
                    return empty
                }
                var summary = FileChecker.summarize(Self.parse(bytes, language: file.language), path: file.displayPath,
                                                    module: module, namespacePrefix: modules.namespacePrefix(of: file),
                                                    catalogue: configured.settings(ofFile: i).catalogue ?? catalogue)
                summary.sourceIndex = Int32(i)
                return summary
            }
            var callerFiles: [Int32] = []
            if let answer = unansweredCallers {
                unansweredCallers = nil
                let waitStarted = DispatchTime.now().uptimeNanoseconds
                let answered = answer.wait()
                callerFiles = answered.files
                trace("  answered which files may call a coroutine (\(callerFiles.count)) in \(Self.milliseconds(answered.nanoseconds)) ms;"
                      + " waited \(Self.milliseconds(since: waitStarted)) ms for it")
                if traceIndex { for i in callerFiles { trace("  may call a coroutine: \(files[Int(i)].displayPath)") } }
            }
            trace("  parsed and summarized \(asked.count) files in \(Self.milliseconds(since: parseStarted)) ms")
            started = DispatchTime.now().uptimeNanoseconds
            if !more.isEmpty {
                summaryCount += more.count
                index.add(more)
            }
            wanted = Array(Set(index.filesToLoad(coroutineCallers: false) + callerFiles).subtracting(index.loaded)).sorted()
            trace("project index: \(summaryCount) summaries, \(wanted.count) more asked for (\(Self.milliseconds(since: started)) ms)")
            if wanted.isEmpty { break }
        }
        started = DispatchTime.now().uptimeNanoseconds
        // The index keeps its tables in file order whatever order the rounds added files in, so
        // its findings are those of an index built from every summary at once.
        let found = index.findings()
        BackgroundRelease.release(consume index)
        trace("project index: findings (\(Self.milliseconds(since: started)) ms)")
        let loadedCount = summaryCount - parsed.count
        if found.isEmpty { return ([], SourceLines(), loadedCount, []) }
        // The trees are gone by now, so the few files that get such a finding are read once
        // more for their comments and lines.
        var fileIndex: [String: Int] = [:]
        for (i, file) in files.enumerated() { fileIndex[file.displayPath] = i }
        var kept: [Finding] = []
        var lines = SourceLines()
        var used: Set<SuppressionPlace> = []
        var start = 0
        while start < found.count {
            var end = start
            while end < found.count && found[end].path == found[start].path { end += 1 }
            defer { start = end }
            // A file of the project around the files named is read for the index only.
            guard let i = fileIndex[found[start].path], !files[i].isContext,
                  case .success(let bytes) = FileSystem.readFile(files[i].absolutePath) else { continue }
            let file = files[i]
            let settings = configured.settings(ofFile: i)
            var suppressions = FileSuppressions(source: bytes, language: file.language, catalogue: catalogue)
            let lineMap = LineMap(source: bytes)
            for finding in found[start..<end]
            where !suppressions.silences(finding, catalogue: catalogue)
                && settings.reports(finding.code, absolutePath: file.absolutePath) {
                kept.append(settings.adjusted(finding))
                lines.record(path: finding.path, line: finding.range.start.line,
                             text: lineMap.lineText(finding.range.start.line))
            }
            used.formUnion(suppressions.usedPlaces(path: file.displayPath))
        }
        return (kept, lines, loadedCount, used)
    }
}

extension Linter {
    /// Drops the Swift findings whose call means a declaration of the project in another file
    /// of the module (`Finding.unlessProjectDeclares`: `func usleep` in Util.swift, `class Thread`).
    /// The parsed files' summaries say what they declare; an unparsed file whose scan names the
    /// function or type is parsed here to tell (a `func usleep` may be a method, a `Thread` an
    /// extension). Only with the project index: without it, only the file named is read.
    func withoutShadowedFindings(_ findings: [Finding], summaries: [FileSummary], universe: ProjectUniverse,
                                 files: [SourceFile], modules: PackageMarkers, configured: ConfiguredFiles) -> [Finding] {
        guard findings.contains(where: { $0.unlessProjectDeclares != nil }) else { return findings }
        // The module of a finding's file, found by path among the files (sorted by path).
        var moduleByPath: [String: String] = [:]
        func module(_ finding: Finding) -> String {
            if let known = moduleByPath[finding.path] { return known }
            var low = 0, high = files.count
            while low < high {
                let middle = (low + high) / 2
                if PathText.bytewisePrecedes(files[middle].displayPath, finding.path) { low = middle + 1 } else { high = middle }
            }
            let found = low < files.count && files[low].displayPath == finding.path ? modules.module(of: files[low]) : ""
            moduleByPath[finding.path] = found
            return found
        }
        var parsed: Set<Int32>?
        var wanted: Set<Int32> = []
        for finding in findings {
            guard let declaration = finding.unlessProjectDeclares else { continue }
            let candidates: [Int32]
            switch declaration {
            case .function(let name): candidates = universe.swiftFunctionFiles[name] ?? []
            case .type(let name): candidates = universe.swiftFilesDeclaring(type: name)   // a declaration, no extension
            }
            guard !candidates.isEmpty else { continue }
            let home = module(finding)
            if parsed == nil { parsed = Set(summaries.map(\.sourceIndex)) }
            for i in candidates where !parsed!.contains(i) && files[Int(i)].displayPath != finding.path
                && modules.module(of: files[Int(i)]) == home {
                wanted.insert(i)
            }
        }
        if Self.tracing { Self.writeTrace("  shadowing: \(wanted.count) files parsed for their declarations") }
        let more = summarizeUnparsed(wanted.sorted(), files: files, modules: modules, configured: configured)
        return ProjectDeclaration.removingShadowed(findings, module: module, summaries: summaries + more)
    }

    /// Whether the bytes hold `let NAME` or `var NAME` (one space, then not a letter, digit or `_`).
    static func mayDeclareProperty(_ name: String, in bytes: [UInt8]) -> Bool {
        for keyword in ["let ", "var "] {
            let needle = Array((keyword + name).utf8)
            var from = 0
            while let hit = firstIndex(of: needle, in: bytes, from: from) {
                let end = hit + needle.count
                let before = hit == 0 ? UInt8(ascii: " ") : bytes[hit - 1]
                let after = end < bytes.count ? bytes[end] : UInt8(ascii: " ")
                if !isWordByte(before) && !isWordByte(after) { return true }
                from = hit + 1
            }
        }
        return false
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    /// The offset of the first `needle` in `bytes` at or after `from` (a few files, a few
    /// needles: no hot path).
    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var k = from
        let last = bytes.count - needle.count
        while k <= last {
            if bytes[k] == first {
                var j = 1
                while j < needle.count && bytes[k + j] == needle[j] { j += 1 }
                if j == needle.count { return k }
            }
            k += 1
        }
        return nil
    }

    /// Files pass 1 did not parse, parsed and summarized now (in file order).
    func summarizeUnparsed(_ asked: [Int32], files: [SourceFile], modules: PackageMarkers,
                           configured: ConfiguredFiles) -> [FileSummary] {
        let catalogue = self.catalogue
        return asked.map { i -> FileSummary in
            let file = files[Int(i)]
            guard case .success(let bytes) = Self.read(file) else {
                return FileSummary(path: file.displayPath, language: file.language, module: "")
            }
            return FileChecker.summarize(Self.parse(bytes, language: file.language), path: file.displayPath,
                                         module: modules.module(of: file),
                                         catalogue: configured.settings(ofFile: Int(i)).catalogue ?? catalogue)
        }
    }

    /// Swift files that extend an actor another file of their module declares, checked and
    /// summarized again knowing it (`CrossFileActors`): their per-file findings replace those
    /// of the first check, and their summaries those of pass 1 (or join them, for a file pass 1
    /// did not parse: one without async code, whose isolated sync methods are async code now).
    /// Returns how many files were parsed for it that pass 1 had not parsed.
    func recheckActorExtensions(_ findings: inout [Finding], _ sourceLines: inout SourceLines, summaries: inout [FileSummary],
                                universe: ProjectUniverse, files: [SourceFile], modules: PackageMarkers,
                                configured: ConfiguredFiles) -> Int {
        let actorsByModule = CrossFileActors.actorsByModule(summaries)
        guard !actorsByModule.isEmpty else { return 0 }
        var actorsOfFile: [Int32: Set<String>] = [:]
        var parsedPositions: [Int32: Int] = [:]
        for (k, summary) in summaries.enumerated() where summary.sourceIndex >= 0 {
            parsedPositions[summary.sourceIndex] = k
            let actors = CrossFileActors.actors(for: summary, in: actorsByModule)
            if !actors.isEmpty { actorsOfFile[summary.sourceIndex] = actors }
        }
        for (module, actors) in actorsByModule {
            for actor in actors {
                for i in universe.swiftTypeFiles[actor] ?? [] where parsedPositions[i] == nil
                    && files[Int(i)].language == .swift && modules.module(of: files[Int(i)]) == module {
                    actorsOfFile[i, default: []].insert(actor)
                }
            }
        }
        guard !actorsOfFile.isEmpty else { return 0 }
        var newlyParsed = 0
        for i in actorsOfFile.keys.sorted() {
            let file = files[Int(i)]
            guard case .success(let bytes) = Self.read(file) else { continue }
            let settings = configured.settings(ofFile: Int(i))
            var suppressions = FileSuppressions(source: bytes, language: file.language, catalogue: catalogue)
            let tree = suppressions.skipFile ? FrontEnds.parse([], language: file.language)
                : Self.parse(bytes, language: file.language, checkingUTF8: false)
            var (checked, summary) = FileChecker.checkAndSummarizeSwift(
                tree, path: file.displayPath, module: modules.module(of: file),
                catalogue: settings.catalogue ?? catalogue, actors: actorsOfFile[i]!)
            summary.sourceIndex = i
            if let k = parsedPositions[i] {
                summaries[k] = summary
            } else {
                newlyParsed += 1
                let k = summaries.firstIndex { $0.sourceIndex > i } ?? summaries.count
                summaries.insert(summary, at: k)
                for (key, position) in parsedPositions where position >= k { parsedPositions[key] = position + 1 }
                parsedPositions[i] = k
            }
            if file.isContext { continue }
            let kept = Self.withoutSubsumedFindings(checked
                .filter { !suppressions.silences($0, catalogue: catalogue) }
                .filter { settings.reports($0.code, absolutePath: file.absolutePath) }
                .map { settings.adjusted($0) })
            findings.removeAll { $0.path == file.displayPath }
            findings += kept
            for finding in kept {
                sourceLines.record(path: finding.path, line: finding.range.start.line, text: tree.lineMap.lineText(finding.range.start.line))
            }
        }
        return newlyParsed
    }

    /// The findings of Swift files checked again knowing the stored property types of the types
    /// they extend, declared in other files of their module (`CrossFileProperties`): only the
    /// files whose async code called a blocking member name on a property they could not type
    /// (`FileSummary.unresolvedProperties`). The declaring files that pass 1 did not parse are
    /// parsed for it. Findings already made are not made twice.
    func crossFilePropertyFindings(_ findings: [Finding], summaries: [FileSummary], universe: ProjectUniverse,
                                   files: [SourceFile], modules: PackageMarkers,
                                   configured: ConfiguredFiles) -> (findings: [Finding], lines: SourceLines) {
        let candidates = summaries.filter {
            $0.hasUnresolvedProperties && $0.sourceIndex >= 0 && !files[Int($0.sourceIndex)].isContext
        }
        guard !candidates.isEmpty else { return ([], SourceLines()) }
        let parsed = Set(summaries.map(\.sourceIndex))
        // Per unparsed file naming one of the types: the properties it would have to declare.
        var wanted: [Int32: Set<String>] = [:]
        for summary in candidates {
            for (type, property) in summary.unresolvedPropertyNames {
                for i in universe.swiftTypeFiles[type] ?? [] where !parsed.contains(i)
                    && modules.module(of: files[Int(i)]) == summary.module {
                    wanted[i, default: []].insert(property)
                }
            }
        }
        // Only a file with `let lock` or `var lock` in its bytes can declare the property: most
        // files that name the type extend it (`extension String`), and are not parsed.
        let declaring = wanted.keys.sorted().filter { i in
            guard case .success(let bytes) = Self.read(files[Int(i)]) else { return false }
            return wanted[i]!.contains { Self.mayDeclareProperty($0, in: bytes) }
        }
        if Self.tracing {
            Self.writeTrace("  \(candidates.count) files with properties of unknown type; \(declaring.count) of \(wanted.count) files parsed for them")
        }
        let all = summaries + summarizeUnparsed(declaring, files: files, modules: modules, configured: configured)
        let known = candidates.map { CrossFileProperties.properties(for: $0, among: all) }
        let actorsByModule = CrossFileActors.actorsByModule(summaries)
        guard known.contains(where: { !$0.isEmpty }) else { return ([], SourceLines()) }
        struct Place: Hashable { var path: String; var range: SourceRange; var code: String }
        let made = Set(findings.map { Place(path: $0.path, range: $0.range, code: $0.code) })
        var added: [Finding] = []
        var lines = SourceLines()
        for (summary, properties) in zip(candidates, known) where !properties.isEmpty {
            let i = Int(summary.sourceIndex)
            let file = files[i]
            guard case .success(let bytes) = Self.read(file) else { continue }
            let settings = configured.settings(ofFile: i)
            let tree = Self.parse(bytes, language: file.language, checkingUTF8: false)
            var suppressions = FileSuppressions(source: bytes, language: file.language, catalogue: catalogue)
            for finding in FileChecker.checkSwift(tree, path: file.displayPath, catalogue: settings.catalogue ?? catalogue,
                                                  properties: properties,
                                                  actors: CrossFileActors.actors(for: summary, in: actorsByModule))
            where !made.contains(Place(path: finding.path, range: finding.range, code: finding.code))
                && !suppressions.silences(finding, catalogue: catalogue)
                && settings.reports(finding.code, absolutePath: file.absolutePath) {
                added.append(settings.adjusted(finding))
                lines.record(path: finding.path, line: finding.range.start.line, text: tree.lineMap.lineText(finding.range.start.line))
            }
        }
        return (added, lines)
    }

    /// For the trace, in tenths of a millisecond: the serial steps take a few milliseconds
    /// each, and whole milliseconds hid changes of a fifth of one.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let tenths = nanoseconds / 100_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func milliseconds(since start: UInt64) -> String {
        milliseconds(DispatchTime.now().uptimeNanoseconds - start)
    }

    /// `ASYNCLINT_TRACE_INDEX=1`: the file phase's and the index rounds' times on stderr.
    static var tracing: Bool { environmentVariable("ASYNCLINT_TRACE_INDEX") == "1" }

    /// A line of the trace on standard error, with the peak memory so far.
    static func writeTrace(_ line: String) {
        FileHandle.standardError.write(Data((line + memoryNow() + "\n").utf8))
    }

    /// For the trace: the process's peak resident memory so far (`getrusage`, in kilobytes on Linux).
    static func memoryNow() -> String {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return "" }
        return " [peak rss \(usage.ru_maxrss / 1024) MB]"
    }
}

/// The module each file belongs to (see `ProjectLayout`). It depends only on the file's
/// directory and name, so the file-system questions and the path arithmetic are done once per
/// directory, here; every file's module is needed, parsed or not.
struct PackageMarkers: Sendable {
    /// Python: per directory, the dotted package it is (`pkg.sub`; empty when it is none).
    private let pythonPackages: [Substring: String]
    /// Python: per directory, the namespace packages above its files' modules
    /// (`ProjectLayout.namespacePrefix`; empty for most).
    private let pythonNamespacePrefixes: [Substring: String]
    /// Swift: per directory, the module of its files.
    private let swiftModules: [Substring: String]
    /// `.pyi` stubs beside their `.py` (`ProjectLayout.isShadowedStub`), found here once: the
    /// workers ask for modules later, without the probe.
    private let stubsBesideSources: Set<String>

    init(_ files: [SourceFile], listedNames: ListedNames = ListedNames()) {
        var exists: [String: Bool] = [:]
        let probe: (String) -> Bool = { path in
            if let known = exists[path] { return known }
            let answer = listedNames.exists(path)
            exists[path] = answer
            return answer
        }
        var pythonPackages: [Substring: String] = [:]
        var pythonNamespacePrefixes: [Substring: String] = [:]
        var swiftModules: [Substring: String] = [:]
        for file in files {
            let directory = Self.directory(of: file.absolutePath)
            switch file.language {
            case .python:
                guard pythonNamespacePrefixes[directory] == nil else { continue }
                let package = ProjectLayout.pythonPackage(ofDirectory: directory, known: &pythonPackages, fileExists: probe)
                pythonNamespacePrefixes[directory] = ProjectLayout.namespacePrefix(ofDirectory: directory, package: package)
            case .swift:
                guard swiftModules[directory] == nil else { continue }
                swiftModules[directory] = ProjectLayout.swiftModule(forFile: file.absolutePath, fileExists: probe)
            }
        }
        self.pythonPackages = pythonPackages
        self.pythonNamespacePrefixes = pythonNamespacePrefixes
        self.swiftModules = swiftModules
        stubsBesideSources = Set(files.lazy.map(\.absolutePath).filter { ProjectLayout.isShadowedStub($0, fileExists: probe) })
    }

    private static func directory(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return path[..<slash]
    }

    /// Python: the namespace packages above the file's module (`ProjectLayout.namespacePrefix`).
    func namespacePrefix(of file: SourceFile) -> String {
        guard file.language == .python else { return "" }
        return pythonNamespacePrefixes[Self.directory(of: file.absolutePath)] ?? ""
    }

    func module(of file: SourceFile) -> String {
        let directory = Self.directory(of: file.absolutePath)
        switch file.language {
        case .python:
            let package = pythonPackages[directory] ?? ""
            let name = directory.isEmpty ? file.absolutePath[...] : file.absolutePath[file.absolutePath.utf8.index(after: directory.endIndex)...]
            let stem = name.hasSuffix(".pyi") ? name.dropLast(4) : name.hasSuffix(".py") ? name.dropLast(3) : name
            let module = stem == "__init__" ? package : package.isEmpty ? String(stem) : package + "." + stem
            return stubsBesideSources.contains(file.absolutePath) ? ProjectLayout.shadowedStubPrefix + module : module
        case .swift:
            return swiftModules[directory] ?? ""
        }
    }
}

/// `CoroutineCallers.files()`, worked out on a thread of its own from the moment this is made
/// (with one job, right here: the answer must not depend on the number of cores, and with one
/// core there is nothing to overlap).
final class CoroutineCallersAnswer: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the answering thread before it signals `done`, read after `wait()`.
    private var files: [Int32] = []
    /// How long the answer took to work out (for the trace), written with `files`.
    private var nanoseconds: UInt64 = 0
    private let answeredInPlace: Bool

    init(_ question: CoroutineCallers, jobs: Int) {
        answeredInPlace = jobs <= 1
        if answeredInPlace {
            answer(question)
            return
        }
        Thread.detachNewThread { [self] in
            answer(question)
            done.signal()
        }
    }

    private func answer(_ question: CoroutineCallers) {
        let start = DispatchTime.now().uptimeNanoseconds
        files = question.files()
        nanoseconds = DispatchTime.now().uptimeNanoseconds - start
    }

    /// The files, and how many nanoseconds working them out took.
    func wait() -> (files: [Int32], nanoseconds: UInt64) {
        if !answeredInPlace { done.wait() }
        return (files, nanoseconds)
    }
}

/// What the project index may need of a file that was not parsed.
enum UnparsedFile: Sendable {
    case python(ScannedPythonFile, module: String)
    /// `declarations`: nil when the walk did not read the file (see `ProjectUniverse.swiftFileSignatures`).
    case swift(SwiftScanFacts)

    /// `forIndex`: the project index may ask about the file. Without it (a Swift file scanned
    /// for the other files' facts: types, declarations) its getters and its declaration walk,
    /// which only the index's demand reads, are left out.
    init(_ scan: SourceScan, of file: SourceFile, module: String, namespacePrefix: String = "", bytes: [UInt8],
         forIndex: Bool = true) {
        switch file.language {
        case .python:
            let isPackage = file.absolutePath.hasSuffix("__init__.py") || file.absolutePath.hasSuffix("__init__.pyi")
            self = .python(ScannedPythonFile(module: module, isPackage: isPackage, namespacePrefix: namespacePrefix, scan: scan),
                           module: module)
        case .swift:
            // (`functionNames` are made from the scan's bytes each time they are asked for.)
            let functions = scan.functionNames, getters = forIndex ? scan.getterNames : []
            // A second pass over the bytes, only for a file that declares a function or getter
            // and a type (without a type, every function is free and none a member).
            let declarations = !forIndex || (functions.isEmpty && getters.isEmpty) || scan.typeNames.isEmpty ? nil
                : SwiftDeclarationScan.declarations(bytes)
            self = .swift(SwiftScanFacts(functions: functions, getters: getters, declarations: declarations, types: scan.typeNames,
                                         declaredTypes: scan.declaredTypeNames, protocols: scan.protocolNames, module: module))
        }
    }
}

extension ProjectUniverse {
    /// A file pass 1 summarized: the index starts from its summary, and its module is known.
    mutating func add(_ summary: FileSummary, at index: Int, to summaries: inout [FileSummary]) {
        if summary.language == .python { pythonModules[summary.module, default: []].append(Int32(index)) }
        summaries.append(summary)
    }

    mutating func add(_ file: UnparsedFile, at index: Int32) {
        switch file {
        case .python(let scanned, let module):
            pythonModules[module, default: []].append(index)
            pythonFiles[index] = scanned
        case .swift(let facts):
            addSwift(facts, at: index)
        }
    }
}
