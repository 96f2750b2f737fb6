import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// The layers' rules, read from the sources: dialect knowledge is data, so the command line never branches
/// on a platform, an operation or a platform's attribute key; the dialect module opens no session.
@Suite struct LayeringTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func swiftFiles(_ module: String) throws -> [(name: String, lines: [String])] {
    let directory = root.appendingPathComponent("Sources/\(module)")
    let paths = try #require(FileManager.default.enumerator(atPath: directory.path)).compactMap { $0 as? String }
    return try paths.filter { $0.hasSuffix(".swift") }.sorted().map { path in
      (path, try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8).components(separatedBy: "\n"))
    }
  }

  /// The names a branch on platform knowledge would compare with: the built-in dialects, their
  /// operations, and the keys and values their firmware verbs read and write.
  static func platformNames() throws -> Set<String> {
    var names: Set<String> = ["thingsboard", "kaa", "edgeiq", "xyte", "mediumone"]
    for dialect in ["thingsboard", "kaa", "edgeiq", "xyte", "mediumone"] {
      let url = root.appendingPathComponent("Sources/IotctlDialect/Dialects/\(dialect).json")
      let profile = try JSONParser.parse(Array(try Data(contentsOf: url)))
      for (name, _) in profile["operations"]?.objectValue?.members ?? [] where name.contains(".") { names.insert(name) }
      for (_, pointers) in profile["verbs"]?["firmware"]?["fields"]?.objectValue?.members ?? [] {
        // Platform keys (fw_title, latest_fw_version); generic words such as "url" or "title" are not.
        for pointer in pointers.arrayValue ?? [] {
          if let last = pointer.stringValue?.split(separator: "/").last, last.contains("_") { names.insert(String(last)) }
        }
      }
    }
    for state in ["DOWNLOADING", "DOWNLOADED", "VERIFIED", "UPDATING", "UPDATED", "FAILED", "fw_state", "fw_error"] {
      names.insert(state)
    }
    return names
  }

  /// String literals on a line of code (not a comment), each as written between quotes.
  static func literals(_ line: String) -> [String] {
    let code = line.trimmingCharacters(in: .whitespaces)
    guard !code.hasPrefix("//") else { return [] }
    return code.components(separatedBy: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
  }

  @Test func theCommandLineNamesNoPlatformOperationOrKey() throws {
    let names = try Self.platformNames()
    #expect(names.contains("fw.chunk") && names.contains("fw_title") && names.contains("attributes.request"))
    var found: [String] = []
    for (file, lines) in try Self.swiftFiles("iotctl") {
      var inHelpText = false  // a multi-line string: discussions and their examples
      for (index, line) in lines.enumerated() {
        if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inHelpText.toggle() }
        guard !inHelpText, !line.contains("\"\"\""), !line.contains("help:"), !line.contains("abstract:") else { continue }
        for literal in Self.literals(line) where names.contains(literal) { found.append("\(file):\(index + 1): \"\(literal)\"") }
      }
    }
    #expect(found == [], "platform knowledge in Sources/iotctl: \(found)")
  }

  /// The same search finds a branch when there is one (the check itself can fail).
  @Test func theSearchFindsAPlantedBranch() throws {
    let names = try Self.platformNames()
    #expect(Self.literals(#"  if profile.operation("fw.chunk") != nil {"#).contains { names.contains($0) })
    #expect(Self.literals(#"  // profile.name == "thingsboard""#).isEmpty)
  }

  @Test func argumentParserLivesOnlyInTheCommandLine() throws {
    for module in ["IotctlBase", "IotctlMQTT", "IotctlSchema", "IotctlDialect", "IotctlDevice"] {
      for (file, lines) in try Self.swiftFiles(module) {
        #expect(!lines.contains { $0.hasPrefix("import ArgumentParser") }, "\(module)/\(file)")
      }
    }
  }

  @Test func theDialectModuleOpensNoSession() throws {
    for (file, lines) in try Self.swiftFiles("IotctlDialect") + Self.swiftFiles("IotctlBase") {
      let imports = lines.filter { $0.hasPrefix("import ") || $0.hasPrefix("@_exported import ") }
      #expect(!imports.contains { $0.contains("IotctlMQTT") || $0.contains("CMosquitto") || $0.contains("IotctlDevice") }, "\(file)")
    }
    let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let dialect = try #require(manifest.range(of: #"name: "IotctlDialect""#))
    let declaration = manifest[dialect.lowerBound...].prefix { $0 != ")" }
    #expect(!declaration.contains("IotctlMQTT") && !declaration.contains("CMosquitto"))
  }
}
