import Foundation
import Testing
import LightSyntax
@testable import Analysis

@Suite struct CatalogueTests {
    /// The summarizer's one-bit pre-check of a callee's last name never loses a catalogued name:
    /// every name of `matchedLastNames` passes, and a name that is none of them does not.
    @Test func matchedLastNamesAreFoundBySymbol() {
        let index = RuleCatalogue.embedded.python.index
        var table = SymbolTable()
        #expect(!index.matchedLastNames.isEmpty)
        for name in index.matchedLastNames {
            let symbol = table.intern(name)
            #expect(table.hash(symbol) == SymbolTable.hash(of: name))
            #expect(index.isMatchedLastName(symbol, in: table), "\(name)")
        }
        for name in ["not_a_catalogued_name", "frobnicate", "x", "Sleep", "read_text_"] {
            #expect(!index.matchedLastNames.contains(name))
            #expect(!index.isMatchedLastName(table.intern(name), in: table), "\(name)")
        }
        #expect(index.isMatchedLastName(table.intern("sleep"), in: table))
        #expect(index.isMatchedLastName(table.intern("open"), in: table))
        // The same for the blocking qualified names, by `WordHash`.
        #expect(!index.blockingCalls.isEmpty)
        for name in index.blockingCalls.keys { #expect(index.isBlockingCall(name, hash: WordHash.of(name)), "\(name)") }
        for name in ["time.sleeps", "os.path", "requests", "subprocess.runner"] {
            #expect(index.blockingCalls[name] == nil)
            #expect(!index.isBlockingCall(name, hash: WordHash.of(name)), "\(name)")
        }
    }

    /// scripts/embed-catalogue.sh was run after the last edit of rules.json: the generated
    /// catalogue holds exactly what decoding rules.json gives (compared as sorted-key JSON, so
    /// every field of every type counts).
    @Test func embeddedCatalogueEqualsRulesJSON() throws {
        let url = FixtureHarness.repositoryRoot().appendingPathComponent("rules.json")
        let onDisk = try RuleCatalogue.decode(Data(contentsOf: url))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let expected = String(decoding: try encoder.encode(onDisk), as: UTF8.self)
        let embedded = String(decoding: try encoder.encode(RuleCatalogue.embedded), as: UTF8.self)
        #expect(embedded == expected, "run scripts/embed-catalogue.sh")
        #expect(!RuleCatalogue.embedded.rules.isEmpty)
        #expect(!RuleCatalogue.embedded.python.types.isEmpty && !RuleCatalogue.embedded.swift.blocking.isEmpty)
    }

    /// Every rule's examples behave: a bad one fires exactly on its marked lines, a good one
    /// is silent.
    @Test func ruleExamplesBehave() throws {
        let catalogue = RuleCatalogue.embedded
        var problems: [String] = []
        for rule in catalogue.rules {
            for (i, example) in rule.examples.enumerated() {
                guard let language = SourceLanguage(rawValue: example.language) else {
                    problems.append("\(rule.code) example \(i): unknown language \(example.language)")
                    continue
                }
                let name = "\(rule.code) \(example.language) \(example.kind) example \(i)"
                let expected = FixtureHarness.expectedFindings(in: example.code, language: language)
                if example.kind == "bad" && !expected.contains(where: { $0.code == rule.code }) {
                    problems.append("\(name): a bad example must mark a line with \(rule.code)")
                }
                if example.kind == "good" && !expected.isEmpty {
                    problems.append("\(name): a good example has no markers")
                }
                problems += FixtureHarness.mismatches(source: example.code, language: language, path: name,
                                                      catalogue: catalogue)
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func everyPythonRuleHasABadAndAGoodExample() {
        for code in ["AL101", "AL102", "AL103", "AL104", "AL105", "AL106", "AL107", "AL201", "AL202"] {
            let examples = RuleCatalogue.embedded.rule(code: code)?.examples.filter { $0.language == "python" } ?? []
            #expect(examples.contains { $0.kind == "bad" }, "\(code) has no bad Python example")
            #expect(examples.contains { $0.kind == "good" }, "\(code) has no good Python example")
        }
    }

    /// The Python section refers only to rules and types that exist, and no API is both
    /// blocking and pure.
    @Test func pythonSectionIsConsistent() {
        let catalogue = RuleCatalogue.embedded
        let python = catalogue.python
        let codes = Set(catalogue.rules.map(\.code))
        let typeNames = Set(python.types.map(\.name))
        #expect(Set(python.types.map(\.name)).count == python.types.count, "duplicate type names")
        for group in python.calls { #expect(codes.contains(group.rule), "unknown rule \(group.rule)") }
        for type in python.types {
            for group in type.methods ?? [] { #expect(codes.contains(group.rule), "\(type.name): unknown rule \(group.rule)") }
            if let any = type.anyMethod { #expect(codes.contains(any.rule)) }
            let references = Array((type.returns ?? [:]).values) + Array((type.attributes ?? [:]).values)
                + Array((type.firstOfPairReturns ?? [:]).values)
                + [type.anyAttribute, type.callReturns].compactMap { $0 }
            for r in references { #expect(typeNames.contains(r), "\(type.name) refers to unknown type \(r)") }
        }
        let blocking = Set(python.calls.flatMap(\.names))
        #expect(blocking.isDisjoint(with: python.pureFunctions))
        #expect(python.builtins.allSatisfy { blocking.contains($0) })
    }

    /// The names RULES.md lists for Python are all in the catalogue.
    @Test func pythonSectionHoldsTheNamesOfRulesMD() {
        let python = RuleCatalogue.embedded.python
        let calls = Set(python.calls.flatMap(\.names))
        let constructors = Set(python.types.flatMap { $0.constructors ?? [] })
        let methods = Set(python.types.flatMap { ($0.methods ?? []).flatMap(\.names) })
        let required = ["time.sleep", "open", "builtins.open", "io.open", "io.open_code", "codecs.open", "os.fdopen",
                        "os.open", "os.read", "os.write", "shutil.copy", "shutil.move", "shutil.rmtree",
                        "tempfile.NamedTemporaryFile", "os.path.exists", "os.path.isdir", "os.path.isfile",
                        "os.path.islink", "os.path.ismount", "os.path.lexists", "os.path.getsize",
                        "os.path.getatime", "os.path.getctime", "os.path.getmtime", "os.path.samefile",
                        "os.path.sameopenfile", "os.path.realpath", "os.path.abspath", "os.path.expanduser",
                        "os.stat", "os.lstat", "os.statvfs", "os.sendfile", "os.rename", "os.replace", "os.remove",
                        "os.unlink", "os.mkdir", "os.makedirs", "os.rmdir", "os.removedirs", "os.link", "os.symlink",
                        "os.readlink", "os.listdir", "os.scandir", "os.walk", "os.access", "os.chmod", "os.chown",
                        "os.truncate", "os.fsync", "glob.glob", "glob.iglob", "ssl.create_default_context",
                        "importlib.import_module",
                        "requests.get", "requests.options", "requests.head", "requests.post", "requests.put",
                        "requests.patch", "requests.delete", "requests.request", "httpx.request", "httpx.get",
                        "httpx.post", "httpx.put", "httpx.patch", "httpx.delete", "httpx.head", "httpx.options",
                        "httpx.stream", "urllib.request.urlopen", "urllib3.request", "socket.socket",
                        "socket.create_connection", "socket.getaddrinfo", "socket.gethostbyname",
                        "subprocess.Popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
                        "subprocess.check_output", "subprocess.getoutput", "subprocess.getstatusoutput",
                        "os.system", "os.popen", "os.posix_spawn", "os.posix_spawnp", "os.spawnl", "os.spawnle",
                        "os.spawnlp", "os.spawnlpe", "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe",
                        "os.wait", "os.wait3", "os.wait4", "os.waitid", "os.waitpid",
                        "input", "builtins.input", "sys.stdin.read", "sys.stdin.readline", "sys.stdin.readlines",
                        "getpass.getpass", "sqlite3.connect", "psycopg2.connect", "psycopg.connect",
                        "pymysql.connect", "mysql.connector.connect"]
        for name in required { #expect(calls.contains(name), "\(name) is not a blocking call in rules.json") }
        for name in ["pathlib.Path", "requests.Session", "httpx.Client", "urllib3.PoolManager",
                     "http.client.HTTPConnection", "http.client.HTTPSConnection", "smtplib.SMTP", "ftplib.FTP",
                     "poplib.POP3", "imaplib.IMAP4", "xmlrpc.client.ServerProxy", "threading.Lock",
                     "threading.RLock", "threading.Semaphore", "threading.Condition", "threading.Event",
                     "threading.Thread", "queue.Queue", "concurrent.futures.Future",
                     "asyncio.run_coroutine_threadsafe", "multiprocessing.Process", "redis.Redis",
                     "redis.StrictRedis", "pymongo.MongoClient", "sqlalchemy.create_engine", "sqlalchemy.orm.Session",
                     "asyncio.get_event_loop", "asyncio.get_running_loop", "asyncio.new_event_loop"] {
            #expect(constructors.contains(name), "\(name) is not a type constructor in rules.json")
        }
        for name in ["read", "write", "read_text", "read_bytes", "write_text", "write_bytes", "exists", "is_dir",
                     "is_file", "stat", "iterdir", "glob", "rglob", "mkdir", "unlink", "rename", "resolve", "touch",
                     "connect", "accept", "send", "sendall", "sendto", "recv", "recv_into", "recvfrom",
                     "recvfrom_into", "recvmsg", "getresponse", "putrequest", "acquire", "wait", "join", "get", "put",
                     "result", "execute", "executemany", "executescript", "commit", "rollback", "fetchone",
                     "fetchmany", "fetchall", "query", "load_verify_locations", "load_cert_chain",
                     "load_default_certs", "set_default_verify_paths"] {
            #expect(methods.contains(name), "\(name) is not a blocking method in rules.json")
        }
        for name in ["os.path.join", "os.path.basename", "os.path.dirname", "os.path.split", "os.path.splitext",
                     "os.path.normcase", "os.path.isabs", "os.path.commonpath"] {
            #expect(python.pureFunctions.contains(name))
        }
        for name in ["asyncio.sleep", "asyncio.wait_for", "asyncio.wait", "asyncio.open_connection",
                     "asyncio.start_server", "asyncio.create_subprocess_exec", "asyncio.create_subprocess_shell",
                     "asyncio.to_thread", "trio.sleep", "trio.open_tcp_stream", "trio.run_process", "anyio.sleep"] {
            #expect(python.coroutines.contains(name))
        }
        #expect(python.taskCreators.contains("asyncio.create_task") && python.taskCreators.contains("asyncio.ensure_future"))
        let offloads = Set(python.offloads.compactMap { $0.call ?? $0.method })
        for name in ["asyncio.to_thread", "run_in_executor", "anyio.to_thread.run_sync", "trio.to_thread.run_sync"] {
            #expect(offloads.contains(name))
        }
    }

    /// The catalogue survives a JSON round trip (what a user catalogue goes through).
    @Test func pythonSectionRoundTrips() throws {
        let data = try JSONEncoder().encode(RuleCatalogue.embedded.python)
        let back = try JSONDecoder().decode(PythonCatalogue.self, from: data)
        #expect(back.calls == RuleCatalogue.embedded.python.calls)
        #expect(back.types == RuleCatalogue.embedded.python.types)
    }
}
