import Foundation
import PackagePlugin

/// `swift package asynclint [check options] [PATH...]`: runs `asynclint check` on the package
/// directory (or on the paths given) and prints the report. A path is taken relative to the
/// package directory; the exit status says whether there were findings.
@main
struct AsyncLintCommandPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) throws {
        let tool = try context.tool(named: "asynclint")
        let process = Process()
        process.executableURL = tool.url
        process.currentDirectoryURL = context.package.directoryURL
        process.arguments = ["check"] + arguments
        try process.run()
        process.waitUntilExit()
        switch process.terminationStatus {
        case 0:
            return
        case 1:
            Diagnostics.error("asynclint found blocking calls in async code (see above)")
        default:
            Diagnostics.error("asynclint could not check the package (exit status \(process.terminationStatus))")
        }
    }
}
