// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "FixtureServer",
    targets: [
        .target(name: "Storage"),
        .executableTarget(name: "Server", dependencies: ["Storage"]),
    ]
)
