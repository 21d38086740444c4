import Foundation
import LightSyntax
import Testing
@testable import SwiftFrontend

/// The parser bounds its recursion, so even a thread with a small stack (512 KiB, the size of
/// secondary threads on macOS) parses pathological nesting.
@Suite struct StackBounds {
    static func parseOnSmallStack(_ text: String) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let result = Box()
        let thread = Thread {
            let tree = SwiftParser.parse(Array(text.utf8))
            result.ok = tree.kind(tree.root) == .module
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        return result.ok
    }

    final class Box: @unchecked Sendable { var ok = false }

    @Test func nestedConstructsOnA512KiBStack() {
        let n = 20_000
        let cases = [
            String(repeating: "(", count: n), String(repeating: "[", count: n), String(repeating: "{", count: n),
            String(repeating: "f(", count: n), String(repeating: "{ x in ", count: n), String(repeating: "a.b { ", count: n),
            String(repeating: "if x { ", count: n), String(repeating: "\"\\(", count: n), String(repeating: "[a: ", count: n),
            String(repeating: "switch x { case .a: ", count: n), String(repeating: "func f() { ", count: n),
            String(repeating: "class C { ", count: n), String(repeating: "x = -", count: n),
            String(repeating: "try await ", count: n), String(repeating: "do { ", count: n),
            String(repeating: "#if X\n", count: n), String(repeating: "let x = { ", count: n),
            String(repeating: "Foo<", count: n), String(repeating: "\\.a[", count: n),
            "switch x {\n" + String(repeating: "#if A\ncase 1:\n", count: n),
            "x\n" + String(repeating: "#if A\n.b()\n", count: n),
            String(repeating: "@A(", count: n), String(repeating: "var x: Int { get { ", count: n),
            String(repeating: "guard let x = { ", count: n), String(repeating: "for x in { ", count: n),
        ]
        for c in cases {
            #expect(Self.parseOnSmallStack("let v = " + c))
        }
    }
}
