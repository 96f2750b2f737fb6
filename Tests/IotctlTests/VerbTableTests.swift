import ArgumentParser
import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

@testable import iotctl

/// The verbs parsed from generated tables (`Sources/iotctl/Generated/VerbTables.swift`, issue 17): the
/// file is what the generator writes from the ArgumentParser definitions today, and a table parse builds
/// the same values as ArgumentParser's parse hands over, for every example line and every flag.
///
/// `IOTCTL_WRITE_GENERATED=1 swift test --filter VerbTableTests` (run by scripts/generate-docs) rewrites
/// the file.
@Suite struct VerbTableTests {
  /// The verbs that scripts call once per message or line, so that their start-up is the product's latency.
  /// Each with a line it accepts, which the flag probes add to.
  static let verbs: [(words: [String], type: ParsableCommand.Type, base: [String])] = [
    (["pub"], Iotctl.Pub.self, ["-t", "a/b", "-m", "x"]),
    (["sub"], Iotctl.Sub.self, ["-t", "a/#"]),
    (["rr"], Iotctl.RR.self, ["-t", "a/req", "-e", "a/resp", "-m", "x"]),
    (["op"], Iotctl.Op.self, ["rpc.client", "{}", "--dialect", "thingsboard", "--var", "token=T"]),
    (["telemetry", "send"], Iotctl.Telemetry.Send.self, ["--dialect", "thingsboard", "--var", "token=T", "t=1"]),
    (["config", "get"], Iotctl.Config.Get.self, ["--dialect", "thingsboard", "--var", "token=T"]),
    (["config", "ack"], Iotctl.Config.Ack.self, ["--dialect", "kaa", "--var", "app=a", "--var", "token=T", "--config-id", "c1"]),
    (["topics"], Iotctl.Topics.self, ["--dialect", "kaa", "--var", "app=a", "--var", "token=T"]),
    (["schema", "validate"], Iotctl.Schema.Validate.self, ["--dialect", "thingsboard", "--op", "telemetry", "-"]),
  ]

  static let generatedPath = GeneratedArtifactsTests.root.appendingPathComponent("Sources/iotctl/Generated/VerbTables.swift")

  @Test func generatedTablesMatchTheDefinitions() throws {
    let fresh = try VerbTableGenerator.source(for: Self.verbs.map { ($0.words, $0.type) })
    if ProcessInfo.processInfo.environment["IOTCTL_WRITE_GENERATED"] == "1" {
      try fresh.write(to: Self.generatedPath, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: Self.generatedPath, encoding: .utf8)
    #expect(committed == fresh, "Sources/iotctl/Generated/VerbTables.swift is stale: run scripts/generate-docs")
  }

  /// `iotctl` hands each table verb's words to that verb's own table, and no other line to any.
  @Test func eachVerbsWordsReachItsOwnTable() throws {
    for verb in Self.verbs {
      let table: (any TableParsed.Type)? = verb.type as? any TableParsed.Type
      let own = try #require(table?.parsedFromTable(verb.base[...]), "\(verb.words): \(verb.base)")
      let dispatched = try #require(parsedFromVerbTable(verb.words + verb.base), "\(verb.words): \(verb.base)")
      #expect(type(of: dispatched) == type(of: own), "\(verb.words)")
    }
    for line in [["telemetry"], ["config", "set", "--dialect", "kaa"], ["emulate", "-t", "a"], ["publish", "-t", "a", "-m", "x"], []] {
      #expect(parsedFromVerbTable(line) == nil, "\(line)")
    }
  }

  /// Every flag of every table verb, alone with a value ArgumentParser accepts: the table takes it and
  /// builds the same command.
  @Test(arguments: verbs.map(\.words))
  func everyFlagParsesAsArgumentParserParsesIt(words: [String]) throws {
    let verb = try #require(Self.verbs.first { $0.words == words })
    let table = try #require(verb.type as? any TableParsed.Type, "\(words) has no table")
    let probes = try VerbTableGenerator.probes(for: verb.type, words: words, base: verb.base)
    #expect(probes.count >= 5)
    var compared = 0
    for probe in probes {
      let outcome = Self.compare(verb.type, table, probe)
      #expect(outcome.agrees, "\(words + probe): \(outcome.detail)")
      if outcome.tableParsed { compared += 1 }
    }
    // The rest are lines that validation refuses (a second payload, a file that is not there), which
    // ArgumentParser refuses too, and -D (several values per use), which is left to it.
    #expect(compared * 2 >= probes.count, "the table parsed only \(compared) of \(probes.count) probes of \(words)")
  }

  /// The lines the help, README and docs show for these verbs.
  @Test func everyExampleLineParsesAsArgumentParserParsesIt() throws {
    var lines = try EveryExampleTests.helpExamples().map(\.command)
    lines += try EveryExampleTests.markdownExamples("README.md").map(\.command)
    lines += try EveryExampleTests.markdownExamples("docs/examples.md").map(\.command)
    var compared = 0
    var leftToParser: [String] = []
    for line in lines {
      guard let words = Self.words(line), words.first == "iotctl" else { continue }
      let arguments = Array(words.dropFirst())
      guard let verb = Self.verbs.first(where: { arguments.starts(with: $0.words) }),
        let table = verb.type as? any TableParsed.Type
      else { continue }
      let outcome = Self.compare(verb.type, table, Array(arguments.dropFirst(verb.words.count)))
      #expect(outcome.agrees, "\(line): \(outcome.detail)")
      if outcome.tableParsed { compared += 1 }
      if outcome.leftToParser { leftToParser.append(line) }
    }
    #expect(compared >= 35, "only \(compared) example lines went through a table")
    #expect(leftToParser.isEmpty, "ArgumentParser took these and the table did not: \(leftToParser)")
  }

  /// Lines ArgumentParser refuses, or reads in ways the table leaves to it: the table declines each.
  @Test func linesTheTableLeavesToArgumentParser() throws {
    let declined: [[String]] = [
      ["-t", "a", "-m", "x", "--help"],
      ["-t", "a", "-t", "b", "-m", "x"],
      ["-t", "a", "-m", "-x"],
      ["-t", "a", "-m", "x", "-rq", "1"],
      ["-t", "a", "-m", "x", "--nosuch"],
      ["-t", "a", "-m", "x", "-q", "3"],
      ["-t", "a", "-m", "x", "--qos="],
      ["-t", "a", "-m", "x", "--retain=yes"],
      ["-t", "a", "-m", "x", "stray"],
      ["-t", "a", "-m", "x", "--", "stray"],
      ["-t", "a", "-m", "x", "-q"],
    ]
    let pub = try #require(Iotctl.Pub.self as Any as? any TableParsed.Type)
    for arguments in declined {
      #expect(pub.parsedFromTable(arguments[...]) == nil, "\(arguments)")
    }
    // The forms it does take.
    let taken = try #require(pub.parsedFromTable(["--topic=a/b", "-m", "-", "-q", "1", "-r"]) as? Iotctl.Pub.Values)
    #expect(taken.topic == "a/b" && taken.qos == .atLeastOnce && taken.retain && taken.payload.message == "-")
  }

  struct Outcome {
    var agrees: Bool
    var tableParsed: Bool
    /// The table declined a line ArgumentParser takes: not wrong, only slower.
    var leftToParser = false
    var detail: String
  }

  /// Parses `arguments` both ways, each in an environment of its own (validation records the context
  /// asked for).
  static func compare(_ verb: ParsableCommand.Type, _ table: any TableParsed.Type, _ arguments: [String]) -> Outcome {
    func scoped<T>(_ body: () -> T) -> T {
      let environment = CommandEnvironment(variables: [:], input: 0, writeOutput: { _ in true }, writeErrors: { _ in }, now: { .now })
      return CommandEnvironment.$scoped.withValue(environment, operation: body)
    }
    let byTable = scoped { table.parsedFromTable(arguments[...]) }
    let byParser: ParsableCommand? = scoped { try? verb.parseAsRoot(arguments) }
    guard let byTable else {
      return Outcome(agrees: true, tableParsed: false, leftToParser: byParser != nil, detail: "declined")
    }
    guard let byParser = byParser as? any TableParsed else {
      return Outcome(agrees: false, tableParsed: true, detail: "ArgumentParser refuses what the table took")
    }
    let (tableLines, parserLines) = (dumped(byTable), dumped(byParser.unwrappedValues))
    let differences = zip(tableLines, parserLines).filter { $0 != $1 }.prefix(3).map { "table: \($0)  ArgumentParser: \($1)" }
    return Outcome(
      agrees: tableLines == parserLines, tableParsed: true,
      detail: differences.isEmpty ? "\(tableLines.count) lines against \(parserLines.count)" : differences.joined(separator: "; "))
  }

  /// Every stored value, as `dump` shows it.
  static func dumped(_ values: any VerbValues) -> [String] {
    var text = ""
    dump(values, to: &text)
    return text.split(separator: "\n").map(String.init)
  }

  /// The words of the `iotctl` command in a shell line: a pipeline's iotctl stage, redirections and a
  /// trailing comment left out, `$VARIABLE` read as a word of its own; nil for what needs a real shell.
  static func words(_ line: String) -> [String]? {
    var stages: [[String]] = [[]]
    var current = ""
    var inWord = false
    var quote: Character?
    var redirected = false
    var characters = Array(line)[...]
    func endWord() {
      if inWord, !redirected { stages[stages.count - 1].append(current) }
      if inWord { redirected = false }
      (current, inWord) = ("", false)
    }
    while let character = characters.popFirst() {
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
        continue
      }
      switch character {
      case "'", "\"":
        quote = character
        inWord = true
      case " ", "\t":
        endWord()
      case "|":
        endWord()
        stages.append([])
      case "<", ">":
        endWord()
        redirected = true
      case "#" where !inWord:
        characters = []
      case "$":
        // A variable stands for one word; its value does not change how the line parses.
        while let next = characters.first, next.isLetter || next.isNumber || "_{}".contains(next) { characters.removeFirst() }
        current += "value"
        inWord = true
      case "`", "\\", ";", "&", "(", ")", "*", "?":
        return nil
      default:
        current.append(character)
        inWord = true
      }
    }
    guard quote == nil else { return nil }
    endWord()
    return stages.first { $0.first == "iotctl" }
  }

}
