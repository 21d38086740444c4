// swift-tools-version: 6.0
import PackageDescription

// One target per pipeline stage (see DESIGN.md): syntax, front ends, analysis, reporting,
// driver, CLI. Front ends depend only on LightSyntax; nothing but the CLI sees ArgumentParser.
let package = Package(
    name: "asynclint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "asynclint", targets: ["asynclint"]),
        .library(name: "AsyncLint", targets: ["AsyncLint"]),
        .plugin(name: "AsyncLintCommandPlugin", targets: ["AsyncLintCommandPlugin"]),
        .plugin(name: "AsyncLintBuildToolPlugin", targets: ["AsyncLintBuildToolPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(name: "LightSyntax", exclude: ["README.md"]),
        .target(name: "PythonFrontend", dependencies: ["LightSyntax"]),
        .target(name: "SwiftFrontend", dependencies: ["LightSyntax"]),
        .target(name: "Analysis", dependencies: ["LightSyntax"]),
        .target(name: "Reporting", dependencies: ["Analysis"]),
        .target(name: "AsyncLint", dependencies: [
            "LightSyntax", "PythonFrontend", "SwiftFrontend", "Analysis", "Reporting",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .executableTarget(name: "asynclint", dependencies: [
            "AsyncLint",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // `swift package asynclint` and findings as build diagnostics (README: SwiftPM plugins).
        .plugin(name: "AsyncLintCommandPlugin",
                capability: .command(intent: .custom(verb: "asynclint",
                                                     description: "Check the package for blocking calls in async code")),
                dependencies: ["asynclint"]),
        .plugin(name: "AsyncLintBuildToolPlugin", capability: .buildTool(), dependencies: ["asynclint"]),
        .testTarget(name: "LightSyntaxTests", dependencies: ["LightSyntax"]),
        .testTarget(name: "PythonFrontendTests", dependencies: ["PythonFrontend"]),
        .testTarget(name: "SwiftFrontendTests", dependencies: ["SwiftFrontend"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "AsyncLint"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "AsyncLint"]),
        .testTarget(name: "AsyncLintTests", dependencies: ["AsyncLint"]),
        // Hostile inputs through the real driver, resource bounds and determinism (issue 6).
        .testTarget(name: "HostileInputTests", dependencies: [
            "AsyncLint", "LightSyntax", "PythonFrontend", "SwiftFrontend", "Reporting", "Analysis",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
