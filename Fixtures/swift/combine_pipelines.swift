// Combine pipelines: the closures of a publisher's operators run later, once per value, on whichever
// thread publishes; not inline in the async function that builds the pipeline.
import Combine
import Foundation

@MainActor final class SearchVM: ObservableObject {
    @Published var query = ""
    var bag = Set<AnyCancellable>()
    let subject = PassthroughSubject<String, Never>()

    func start(items: [String]) async {
        $query
            .map { q in FileManager.default.fileExists(atPath: q) }
            .sink { _ in }
            .store(in: &bag)
        $query.filter { q in FileManager.default.fileExists(atPath: q) }.sink { _ in }.store(in: &bag)
        NotificationCenter.default.publisher(for: .init("x"))
            .map { _ in usleep(1) }
            .sink { _ in }
            .store(in: &bag)
        Just(1).map { _ in usleep(2) }.sink { _ in }.store(in: &bag)
        subject.compactMap { _ in usleep(3) }.sink { _ in }.store(in: &bag)
        [1, 2].publisher.map { _ in usleep(4) }.sink { _ in }.store(in: &bag)
        somePublisher().map { _ in usleep(5) }.receive(on: DispatchQueue.main).sink { _ in }.store(in: &bag)
        // A collection's `map` runs inline, right here.
        _ = items.map { q in FileManager.default.fileExists(atPath: q) } // expect: AL102
        _ = items.map { [$0].map { _ in usleep(6) } } // expect: AL101
    }
}
