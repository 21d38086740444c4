// SwiftUI's `.task` and `.refreshable` closures are async by the modifier's type, whether or not
// they await; a bare `task { }` is the project's own function.
import SwiftUI

final class Model {
    func loadSync() { Thread.sleep(forTimeInterval: 1) }
}

struct Screen: View {
    let model = Model()
    var body: some View {
        List {}
            .task { Thread.sleep(forTimeInterval: 1) } // expect: AL101
            .task(id: 1) { usleep(100) } // expect: AL101
            .task(priority: .background) {
                _ = try? Data(contentsOf: URL(fileURLWithPath: "/f")) // expect: AL102
            }
            .refreshable { model.loadSync() } // expect: AL110
            .refreshable(action: { usleep(1) }) // expect: AL101
            .task { Task { print(1) } } // expect: AL201
            .onAppear { usleep(1) }
    }

    func task(_ body: () -> Void) { body() }

    func own() {
        task { usleep(1) }
    }
}
