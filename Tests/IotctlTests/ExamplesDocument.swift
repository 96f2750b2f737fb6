import Foundation

/// docs/examples.md, read as data: per dialect section, its setup commands and its entries, each with the
/// seed document's mosquitto commands, an optional fixed version of them, and the iotctl line.
struct ExamplesDocument {
  /// How the iotctl payload relates to the documented one (the `payload=` word of an iotctl block).
  enum PayloadRelation: Equatable {
    case same
    /// The documented object, sent as a batch of one: `[object]`.
    case batch
    /// The documented members plus these.
    case adds([String])
  }

  struct Entry: CustomStringConvertible {
    var section: String
    var title: String
    /// The seed file's number, such as `002`; nil for iotctl-only entries.
    var seed: String?
    var seedCommands: [String]
    var fixedCommands: [String]?
    var iotctl: String
    var relation: PayloadRelation

    /// The mosquitto commands to run: the fixed ones where the seed's do not work as written.
    var runnable: [String] { fixedCommands ?? seedCommands }
    var description: String { "\(section): \(title)" }
  }

  struct Section {
    var name: String
    var setup: [String] = []
    var entries: [Entry] = []
  }

  var sections: [Section] = []

  static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs/examples.md")

  static func load() throws -> ExamplesDocument {
    try ExamplesDocument(String(contentsOf: url, encoding: .utf8))
  }

  init(_ text: String) {
    var title = ""
    var pending: (seed: String, commands: [String], fixed: [String]?)?
    var block: (info: String, lines: [String])?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if var open = block {
        if line == "```" {
          block = nil
          finish(info: open.info, body: open.lines.joined(separator: "\n"), title: title, pending: &pending)
        } else {
          open.lines.append(line)
          block = open
        }
      } else if line.hasPrefix("```") {
        block = (String(line.dropFirst(3)), [])
      } else if line.hasPrefix("## ") {
        sections.append(Section(name: String(line.dropFirst(3))))
      } else if line.hasPrefix("### ") {
        title = String(line.dropFirst(4))
      }
    }
  }

  private mutating func finish(
    info: String, body: String, title: String, pending: inout (seed: String, commands: [String], fixed: [String]?)?
  ) {
    let words = info.split(separator: " ").map(String.init)
    guard words.first == "sh", words.count > 1, !sections.isEmpty else { return }
    let last = sections.count - 1
    switch words[1] {
    case "setup":
      sections[last].setup += body.split(separator: "\n").map(String.init)
    case let kind where kind.hasPrefix("seed-"):
      pending = (String(kind.dropFirst(5)), Self.commands(body), nil)
    case "fixed":
      pending?.fixed = Self.commands(body)
    case "iotctl":
      var relation = PayloadRelation.same
      if let word = words.first(where: { $0.hasPrefix("payload=") }) {
        let value = word.dropFirst("payload=".count)
        relation = value == "batch" ? .batch : .adds(value.dropFirst("adds=".count).split(separator: ",").map(String.init))
      }
      sections[last].entries.append(
        Entry(
          section: sections[last].name, title: pending == nil ? "iotctl only: \(body)" : title, seed: pending?.seed,
          seedCommands: pending?.commands ?? [], fixedCommands: pending?.fixed, iotctl: body, relation: relation))
      pending = nil
    default:
      break
    }
  }

  /// A block's commands: each starts at a line beginning with `mosquitto_`; other lines continue it.
  static func commands(_ body: String) -> [String] {
    var commands: [String] = []
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("mosquitto_") || commands.isEmpty {
        commands.append(String(line))
      } else {
        commands[commands.count - 1] += "\n" + line
      }
    }
    return commands
  }

  /// Every mosquitto command in a seed document: a line that names mosquitto_pub, _sub or _rr, continued
  /// while a single-quoted payload is open.
  static func seedCommands(in text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var commands: [String] = []
    var index = 0
    while index < lines.count {
      let line = lines[index].trimmingCharacters(in: .whitespaces)
      index += 1
      guard line.hasPrefix("mosquitto_pub") || line.hasPrefix("mosquitto_sub") || line.hasPrefix("mosquitto_rr") else { continue }
      var command = line
      while command.filter({ $0 == "'" }).count % 2 == 1, index < lines.count {
        command += "\n" + lines[index]
        index += 1
      }
      commands.append(command)
    }
    return commands
  }
}
