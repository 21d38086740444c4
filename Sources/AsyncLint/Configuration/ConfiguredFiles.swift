import Analysis

/// The discovered files less those a configuration excludes, each with the settings of its
/// configuration. Files that share a configuration share one `FileSettings`.
struct ConfiguredFiles: Sendable {
    private(set) var files: [SourceFile] = []
    private var settingsIndex: [Int] = []
    private var distinctSettings: [FileSettings] = []
    /// `fail-on` of `--config`'s file, or of the configuration that applies to the working directory.
    private(set) var failOn: Severity?

    init(_ discovered: [SourceFile], options: LintOptions, workingDirectory: String,
         catalogue: RuleCatalogue, listedNames: ListedNames = ListedNames()) throws(LintUsageError) {
        do {
            var resolver = try ConfigurationResolver(catalogue: catalogue, explicitPath: options.configPath,
                                                     workingDirectory: workingDirectory, fileExists: listedNames.exists)
            var indexByConfigPath: [String: Int] = [:]
            let defaults = try FileSettings(configuration: nil, options: options, catalogue: catalogue)
            // Files come sorted by path, so a directory's files are mostly neighbours: the
            // previous file's answer saves a lookup (and hashing the directory) per file.
            var previousDirectory: String?
            var previousIndex = 0
            for file in discovered {
                let directory = PathText.parent(file.absolutePath)
                let index: Int
                if directory == previousDirectory {
                    index = previousIndex
                } else {
                    let configuration = try resolver.configuration(forDirectory: directory)
                    let key = configuration?.path ?? ""
                    if let known = indexByConfigPath[key] {
                        index = known
                    } else {
                        index = distinctSettings.count
                        distinctSettings.append(configuration == nil ? defaults
                            : try FileSettings(configuration: configuration, options: options, catalogue: catalogue))
                        indexByConfigPath[key] = index
                    }
                    previousDirectory = directory
                    previousIndex = index
                }
                if distinctSettings[index].isExcluded(file.absolutePath) { continue }
                files.append(file)
                settingsIndex.append(index)
            }
            failOn = try resolver.configuration(forDirectory: workingDirectory)?.failOn
        } catch let error as ConfigurationError {
            throw .configuration(error)
        } catch let error as LintUsageError {
            throw error
        } catch {
            throw .noWorkingDirectory
        }
    }

    func settings(ofFile index: Int) -> FileSettings { distinctSettings[settingsIndex[index]] }

    /// Every configuration's `blocking-functions` / `safe-functions`: the project index sees
    /// the whole project at once.
    var blockingFunctions: [String] { distinctSettings.flatMap(\.blockingFunctions) }
    var safeFunctions: [String] { distinctSettings.flatMap(\.safeFunctions) }

    /// The project index's rules some configuration selects (`--select` / `--ignore` and each
    /// configuration file's own): the index is built for no other. (A configuration whose
    /// files are all excluded still counts: that can only build the index when it need not.)
    var projectRules: ProjectRules {
        distinctSettings.reduce([]) { $0.union(ProjectRules(selected: $1.selected)) }
    }
}

extension FileSettings {
    /// The finding with the configuration's severity for its rule.
    func adjusted(_ finding: Finding) -> Finding {
        guard let severity = severities[finding.code] else { return finding }
        var adjusted = finding
        adjusted.severity = severity
        return adjusted
    }
}
