import Foundation
import PackagePlugin

/// Checks a target's Swift files on every build that changes them and shows each finding as a
/// build diagnostic (`file:line:col: error|warning: … [AL105]`). A build command, not a
/// prebuild one: on Linux a prebuild command cannot run a tool built from source. Findings do
/// not fail the build (`--exit-zero`). The stamp is the command's output, which lets the build
/// system skip the check while no input changed; it is an empty `.swift` file because SwiftPM
/// compiles Swift outputs and would bundle any other kind as a resource of the target.
@main
struct AsyncLintBuildToolPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles(withSuffix: "swift").map(\.url)
        guard !inputs.isEmpty else { return [] }
        let stamp = context.pluginWorkDirectoryURL.appending(path: "\(target.name)AsyncLintStamp.swift")
        return [.buildCommand(
            displayName: "asynclint \(target.name)",
            executable: try context.tool(named: "asynclint").url,
            arguments: ["check", "--format", "diagnostics", "--exit-zero", "--stamp", stamp.path]
                + inputs.map(\.path),
            inputFiles: inputs,
            outputFiles: [stamp]
        )]
    }
}
