// swift-tools-version: 6.0
import PackageDescription

// libFuzzer targets for asynclint, kept out of the main package so that the product never links
// libFuzzer and `swift build` there stays unaffected. Built by scripts/fuzz.sh with
// `-sanitize=fuzzer,address`. Each target is an executable with an `LLVMFuzzerTestOneInput`;
// its main.swift hands that to libFuzzer's `LLVMFuzzerRunDriver`, because SwiftPM renames an
// executable's entry point and links `main` to it, so libFuzzer's own `main` cannot be used.

let package = Package(
    name: "asynclint-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "asynclint", path: ".."),
    ],
    targets: [
        .target(name: "LibFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["LibFuzzerDriver", .product(name: "AsyncLint", package: "asynclint")]),
        .executableTarget(name: "fuzz-python", dependencies: ["FuzzSupport"], path: "Sources/FuzzPython"),
        .executableTarget(name: "fuzz-swift", dependencies: ["FuzzSupport"], path: "Sources/FuzzSwift"),
        .executableTarget(name: "fuzz-pipeline", dependencies: ["FuzzSupport"], path: "Sources/FuzzPipeline"),
    ],
    swiftLanguageModes: [.v6]
)
