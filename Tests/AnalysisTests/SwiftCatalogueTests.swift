import Foundation
import Testing
@testable import Analysis

@Suite struct SwiftCatalogueTests {
    let swift = RuleCatalogue.embedded.swift

    private func signatures(_ form: KeyPath<SwiftBlockingAPI, String?>, code: String? = nil) -> Set<String> {
        Set(swift.blocking.filter { code == nil || $0.code == code }.flatMap(\.apis).compactMap { $0[keyPath: form] })
    }

    /// Every Swift name RULES.md lists is in the catalogue, under the right code.
    @Test func holdsTheNamesOfRulesMD() {
        let required: [(String, KeyPath<SwiftBlockingAPI, String?>, String)] = [
            ("AL101", \.static, "Thread.sleep(forTimeInterval:)"), ("AL101", \.static, "Thread.sleep(until:)"),
            ("AL101", \.function, "sleep(_:)"), ("AL101", \.function, "usleep(_:)"),
            ("AL101", \.function, "nanosleep(_:_:)"),
            ("AL102", \.initializer, "Data(contentsOf:...)"), ("AL102", \.initializer, "NSData(contentsOfFile:...)"),
            ("AL102", \.initializer, "String(contentsOf:...)"), ("AL102", \.initializer, "String(contentsOfFile:...)"),
            ("AL102", \.instance, "Data.write(to:)"), ("AL102", \.instance, "Data.write(to:options:)"),
            ("AL102", \.instance, "String.write(to:atomically:encoding:)"),
            ("AL102", \.instance, "String.write(toFile:atomically:encoding:)"),
            ("AL102", \.instance, "FileManager.contents(atPath:)"),
            ("AL102", \.instance, "FileManager.contentsOfDirectory(atPath:)"),
            ("AL102", \.instance, "FileManager.createFile(atPath:...)"),
            ("AL102", \.instance, "FileManager.createDirectory(at:withIntermediateDirectories:...)"),
            ("AL102", \.instance, "FileManager.copyItem(at:to:)"), ("AL102", \.instance, "FileManager.moveItem(at:to:)"),
            ("AL102", \.instance, "FileManager.removeItem(at:)"), ("AL102", \.instance, "FileManager.fileExists(atPath:...)"),
            ("AL102", \.instance, "FileManager.attributesOfItem(atPath:)"),
            ("AL102", \.instance, "FileManager.enumerator(atPath:)"),
            ("AL102", \.instance, "FileHandle.readDataToEndOfFile()"), ("AL102", \.instance, "FileHandle.readToEnd()"),
            ("AL102", \.instance, "FileHandle.readData(ofLength:)"), ("AL102", \.instance, "FileHandle.read(upToCount:)"),
            ("AL102", \.property, "FileHandle.availableData"), ("AL102", \.instance, "FileHandle.write(_:)"),
            ("AL102", \.initializer, "NIOFileHandle(path:...)"),
            ("AL103", \.static, "NSURLConnection.sendSynchronousRequest(...)"),
            ("AL104", \.instance, "Process.waitUntilExit()"), ("AL104", \.function, "system(_:)"),
            ("AL105", \.instance, "DispatchSemaphore.wait(...)"), ("AL105", \.instance, "DispatchGroup.wait(...)"),
            ("AL105", \.instance, "DispatchWorkItem.wait(...)"), ("AL105", \.instance, "DispatchQueue.sync(...)"),
            ("AL105", \.instance, "NSLock.lock()"), ("AL105", \.function, "os_unfair_lock_lock(_:)"),
            ("AL105", \.instance, "NSRecursiveLock.lock()"), ("AL105", \.instance, "NSCondition.wait()"),
            ("AL105", \.instance, "NSConditionLock.lock()"), ("AL105", \.function, "pthread_mutex_lock(_:)"),
            ("AL105", \.instance, "Operation.waitUntilFinished()"),
            ("AL105", \.instance, "OperationQueue.waitUntilAllOperationsAreFinished()"),
            ("AL105", \.instance, "EventLoopFuture.wait()"),
            ("AL105", \.instance, "EventLoopGroup.syncShutdownGracefully()"),
            ("AL105", \.instance, "HTTPClient.syncShutdown()"),
            ("AL105", \.instance, "NSManagedObjectContext.performAndWait(...)"),
            ("AL105", \.static, "DispatchQueue.concurrentPerform(iterations:...)"),
            ("AL106", \.function, "readLine(...)"), ("AL106", \.property, "FileHandle.standardInput.availableData"),
            ("AL106", \.instance, "FileHandle.standardInput.readDataToEndOfFile()"),
            ("AL107", \.function, "sqlite3_step(...)"), ("AL107", \.function, "sqlite3_exec(...)"),
            ("AL107", \.function, "sqlite3_open(...)"), ("AL107", \.function, "sqlite3_open_v2(...)"),
            ("AL107", \.instance, "DatabaseQueue.read(...)"), ("AL107", \.instance, "DatabaseQueue.write(...)"),
            ("AL107", \.instance, "DatabaseQueue.inDatabase(...)"), ("AL107", \.instance, "DatabasePool.read(...)"),
            ("AL107", \.instance, "DatabasePool.write(...)"),
        ]
        for (code, form, signature) in required {
            #expect(signatures(form, code: code).contains(signature), "\(code) lacks \(signature)")
        }
        // RULES.md's AL103 "URLSession task completed by a semaphore wait", and the remote-URL loads.
        let apis = swift.blocking.flatMap(\.apis)
        #expect(apis.first { $0.instance == "DispatchSemaphore.wait(...)" }?.codeWhenSignalledIn?.code == "AL103")
        #expect(apis.first { $0.initializer == "Data(contentsOf:...)" }?.codeWhenRemoteURL == "AL103")
        #expect(apis.first { $0.initializer == "String(contentsOf:...)" }?.codeWhenRemoteURL == "AL103")
        let offload = Set(swift.offloadAPIs)
        for name in ["DispatchQueue.async", "Thread", "Thread.detachNewThread", "NIOThreadPool.runIfActive",
                     "OperationQueue.addOperation"] {
            #expect(offload.contains(name), "offloadAPIs lacks \(name)")
        }
        let tasks = Set(swift.taskAPIs.map(\.api))
        for name in ["Task", "Task.detached", "addTask", "addTaskUnlessCancelled", "withTaskGroup",
                     "withThrowingTaskGroup", "withDiscardingTaskGroup", "withThrowingDiscardingTaskGroup"] {
            #expect(tasks.contains(name), "taskAPIs lacks \(name)")
        }
        let inline = Set(swift.inlineClosureAPIs)
        for name in ["map", "flatMap", "compactMap", "forEach", "filter", "reduce", "sorted", "contains", "first",
                     "allSatisfy", "withLock", "withUnsafe*"] {
            #expect(inline.contains(name), "inlineClosureAPIs lacks \(name)")
        }
        let providers = Set(swift.instanceProviders.map(\.api))
        for name in ["FileManager.default", "DispatchQueue.main", "DispatchQueue.global(...)", "FileHandle.standardInput"] {
            #expect(providers.contains(name), "instanceProviders lacks \(name)")
        }
    }

    /// Codes exist, every entry has exactly one signature key, and the unknown-receiver flag is
    /// never put on members that mean many things.
    @Test func sectionIsConsistent() {
        let catalogue = RuleCatalogue.embedded
        let codes = Set(catalogue.rules.map(\.code))
        for group in swift.blocking {
            #expect(codes.contains(group.code), "unknown rule \(group.code)")
            #expect(!group.message.isEmpty && !group.alternative.isEmpty)
            for api in group.apis {
                let keys = [api.initializer, api.static, api.instance, api.function, api.property].compactMap { $0 }
                #expect(keys.count == 1, "\(api) needs exactly one signature")
                if let remote = api.codeWhenRemoteURL { #expect(codes.contains(remote)) }
                if api.anyReceiver == true, let instance = api.instance ?? api.property {
                    // A common member is distinctive only through its labels (`write(to:options:)`).
                    let signature = SwiftAPISignature(parsing: instance)
                    let common = ["wait", "sync", "lock", "unlock", "read", "write", "run", "get"].contains(signature.member)
                    let bareLabels = signature.labels == .any || signature.labels == .exactly([])
                    #expect(!(common && bareLabels), "\(instance) is too common to match on an unknown receiver")
                }
            }
        }
        #expect(swift.taskAPIs.allSatisfy { !$0.closureLabels.isEmpty })
    }

    @Test func signaturesAndLabelPatterns() {
        let exact = SwiftAPISignature(parsing: "Thread.sleep(forTimeInterval:)")
        #expect(exact.typeName == "Thread" && exact.member == "sleep")
        #expect(exact.labels.matches(["forTimeInterval"]) && !exact.labels.matches(["until"]))
        let prefix = SwiftAPISignature(parsing: "Data(contentsOf:...)", isInitializer: true)
        #expect(prefix.typeName == "Data" && prefix.member == "Data")
        #expect(prefix.labels.matches(["contentsOf"]) && prefix.labels.matches(["contentsOf", "options"]))
        #expect(!prefix.labels.matches(["base64Encoded"]) && !prefix.labels.matches([]))
        let unicodeEllipsis = SwiftAPISignature(parsing: "String(contentsOf:…)", isInitializer: true)
        #expect(unicodeEllipsis.labels == .startingWith(["contentsOf"]))
        let none = SwiftAPISignature(parsing: "readLine()")
        #expect(none.typeName == nil && none.labels.matches([]) && !none.labels.matches(["_"]))
        let any = SwiftAPISignature(parsing: "DispatchSemaphore.wait(...)")
        #expect(any.labels.matches([]) && any.labels.matches(["timeout"]))
        let unlabelled = SwiftAPISignature(parsing: "usleep(_:)")
        #expect(unlabelled.labels.matches(["_"]) && !unlabelled.labels.matches([]))
        let pseudo = SwiftAPISignature(parsing: "FileHandle.standardInput.availableData")
        #expect(pseudo.typeName == "FileHandle.standardInput" && pseudo.member == "availableData")
        let anyReceiver = SwiftAPISignature(parsing: ".futureResult")
        #expect(anyReceiver.typeName == nil && anyReceiver.member == "futureResult")
        #expect(exact.display(actualLabels: ["forTimeInterval"], isCall: true) == "Thread.sleep(forTimeInterval:)")
        #expect(prefix.display(actualLabels: ["contentsOf", "options"], isCall: true) == "Data(contentsOf:options:)")
    }

    @Test func indexIsKeyedByName() {
        let index = swift.index
        #expect(index.entries(for: "sleep").staticMembers.contains { $0.signature.typeName == "Thread" })
        #expect(index.entries(for: "sleep").freeFunctions.count == 1)
        #expect(index.entries(for: "withUnsafeMutableBytes").isInlineClosureAPI)
        #expect(index.entries(for: "Task").taskAPIs.first?.unstructured == true)
        #expect(!index.entries(for: "addTask").taskAPIs.isEmpty)
        #expect(index.entries(for: "Darwin").isSystemModule && index.entries(for: "shared").isSameTypeStatic)
        #expect(index.entries(for: "nothingLikeThis").instanceMembers.isEmpty)
    }

    @Test func userEntriesMergeAndRoundTrip() throws {
        let extra = SwiftCatalogue(blocking: [SwiftBlockingGroup(code: "AL105", message: "m", alternative: "a",
                                                                 apis: [SwiftBlockingAPI(instance: "Gate.pass()")])])
        let merged = swift.merged(with: extra)
        #expect(!merged.index.entries(for: "pass").instanceMembers.isEmpty)
        let data = try JSONEncoder().encode(merged)
        let decoded = try JSONDecoder().decode(SwiftCatalogue.self, from: data)
        #expect(decoded.blocking == merged.blocking && decoded.taskAPIs == merged.taskAPIs)
        let partial = try JSONDecoder().decode(SwiftCatalogue.self, from: Data(#"{"offloadAPIs": ["Pool.run"]}"#.utf8))
        #expect(partial.offloadAPIs == ["Pool.run"] && partial.blocking.isEmpty)
    }

    @Test func typeNamesAreNormalized() {
        #expect(SwiftReceiverTypes.normalizedTypeName("DispatchSemaphore?") == "DispatchSemaphore")
        #expect(SwiftReceiverTypes.normalizedTypeName("NIOCore.EventLoopFuture<Void>") == "EventLoopFuture")
        #expect(SwiftReceiverTypes.normalizedTypeName("anyEventLoopGroup") == "EventLoopGroup")
        #expect(SwiftReceiverTypes.normalizedTypeName("inoutFileHandle!") == "FileHandle")
        #expect(SwiftReceiverTypes.normalizedTypeName("[String:Int]") == nil)
        #expect(SwiftReceiverTypes.normalizedTypeName("@Sendable()->Void") == nil)
        #expect(SwiftReceiverTypes.normalizedTypeName("(Int,Int)") == nil)
        #expect(SwiftReceiverTypes.normalizedTypeName("anyView") == "View")
        #expect(SwiftReceiverTypes.normalizedTypeName("anything") == nil)
    }
}
