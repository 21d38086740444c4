// swift-tools-version: 6.0
import PackageDescription

// The conformance oracle: prints for each Swift file the same one-line summary as
// `asynclint dump-summary`, computed by swift-syntax (the reference parser). It is a separate
// package so that the product never depends on swift-syntax.
let package = Package(
    name: "SwiftSyntaxOracle",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/swiftlang/swift-syntax", exact: "603.0.1"),
    ],
    targets: [
        .executableTarget(name: "SwiftSyntaxOracle", dependencies: [
            .product(name: "SwiftSyntax", package: "swift-syntax"),
            .product(name: "SwiftParser", package: "swift-syntax"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
