import Foundation
import Storage

extension Cache {
    /// Implicit self: `load()` is the method from the Storage target's declaration.
    func warm() async {
        _ = load() // expect: AL110
        _ = self.load() // expect: AL110
        _ = count()
    }
}
