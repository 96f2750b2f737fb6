import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Where dialect profiles come from: the built-in ones, the user's folder
/// (`$XDG_CONFIG_HOME/iotctl/dialects/NAME.json`, by default `~/.config/iotctl/dialects`), and files named
/// on the command line. A user profile may extend a built-in one, or replace it by taking its name.
public struct ProfileCatalog: Sendable {
  /// The built-in profiles' names and texts.
  static let builtins: [(name: String, text: [UInt8])] = [
    ("thingsboard", PackageResources.thingsboard_json),
    ("kaa", PackageResources.kaa_json),
    ("edgeiq", PackageResources.edgeiq_json),
    ("xyte", PackageResources.xyte_json),
    ("mediumone", PackageResources.mediumone_json),
  ]

  /// The names of the built-in dialects.
  public static var builtinNames: [String] { builtins.map(\.name) }

  /// The text of the built-in profile `name`, or nothing when there is none.
  public static func builtinText(_ name: String) -> [UInt8] { builtins.first { $0.name == name }?.text ?? [] }

  /// The user's profile folder, if `HOME` or `XDG_CONFIG_HOME` says where it is.
  public let userDirectory: String?

  public init(environment: [String: String]) {
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
      userDirectory = config + "/iotctl/dialects"
    } else if let home = environment["HOME"], !home.isEmpty {
      userDirectory = home + "/.config/iotctl/dialects"
    } else {
      userDirectory = nil
    }
  }

  /// Every dialect by name, with where it comes from; a user profile shadows a built-in of the same name.
  public func available() -> [(name: String, origin: String)] {
    var result = Self.builtins.map { ($0.name, "built-in") }
    for file in userFiles() {
      let name = String(file.dropLast(".json".count))
      let path = userDirectory! + "/" + file
      if let index = result.firstIndex(where: { $0.0 == name }) { result[index].1 = path } else { result.append((name, path)) }
    }
    return result
  }

  /// The dialect called `name`.
  public func load(_ name: String) throws(CoreError) -> DialectProfile {
    var visiting: [String] = []
    return try load(name, visiting: &visiting, allowUser: true)
  }

  /// The profile `context` names (its dialect or its dialect file), or nil when it names none.
  public func load(for context: DeviceContext) throws(CoreError) -> DialectProfile? {
    if let file = context.dialectFile { return try load(file: file) }
    if let dialect = context.dialect { return try load(dialect) }
    return nil
  }

  /// The profile in the file at `path` (which may extend any dialect the catalog knows).
  public func load(file path: String) throws(CoreError) -> DialectProfile {
    var visiting: [String] = []
    return try decode(try ProfileFile.contents(of: path), origin: path, visiting: &visiting)
  }

  /// Every problem with the profile at `path`, each a line with its JSON Pointer or position; empty when
  /// the profile is valid.
  public func lint(file path: String) -> [String] {
    do {
      return lint(try ProfileFile.contents(of: path), origin: path)
    } catch {
      return [error.message]
    }
  }

  /// Every problem with the profile document `text`, named `origin` in the messages.
  public func lint(_ text: [UInt8], origin: String) -> [String] {
    let document: JSONValue
    do {
      document = try JSONParser.parse(text)
    } catch {
      return ["\(origin): \(error)"]
    }
    let problems = ProfileDecoder(origin: origin).formatErrors(document).map { "\(origin): \($0)" }
    if !problems.isEmpty { return problems }
    do {
      var visiting: [String] = []
      _ = try decode(text, origin: origin, visiting: &visiting)
      return []
    } catch {
      return [error.message]
    }
  }

  private func userFiles() -> [String] {
    guard let directory = userDirectory, let handle = opendir(directory) else { return [] }
    defer { closedir(handle) }
    var files: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if name.hasSuffix(".json"), !name.hasPrefix(".") { files.append(name) }
    }
    return files.sorted()
  }

  private func load(_ name: String, visiting: inout [String], allowUser: Bool) throws(CoreError) -> DialectProfile {
    if allowUser, let directory = userDirectory, userFiles().contains(name + ".json") {
      let path = directory + "/" + name + ".json"
      return try decode(try ProfileFile.contents(of: path), origin: path, visiting: &visiting)
    }
    guard let builtin = Self.builtins.first(where: { $0.name == name }) else {
      let names = available().map(\.name).joined(separator: ", ")
      throw CoreError(.unknownDialect, "no dialect named '\(name)'; available: \(names) (or pass --dialect-file FILE)")
    }
    return try decode(builtin.text, origin: "built-in", visiting: &visiting, trusted: true)
  }

  /// Every problem with the built-in profile `name`, checked as strictly as a user's file.
  public func lint(builtin name: String) -> [String] {
    guard let builtin = Self.builtins.first(where: { $0.name == name }) else { return ["no built-in dialect '\(name)'"] }
    do {
      let document = try JSONParser.parse(builtin.text)
      let problems = ProfileDecoder(origin: "built-in \(name)").formatErrors(document)
      if !problems.isEmpty { return problems }
      var visiting: [String] = []
      _ = try decode(builtin.text, origin: "built-in \(name)", visiting: &visiting)
      return []
    } catch {
      return ["\(error)"]
    }
  }

  private func decode(
    _ text: [UInt8], origin: String, visiting: inout [String], trusted: Bool = false
  ) throws(CoreError) -> DialectProfile {
    if trusted {
      let parsed: JSONParser.DeferredObject
      do {
        parsed = try JSONParser.parse(text, deferring: ["operations", "schemas"])
      } catch {
        throw CoreError(.invalidProfile, "\(origin): \(error)")
      }
      if parsed.object["extends"] == nil {
        return try ProfileDecoder(origin: origin, trusted: true).decode(parsed.object, text: text, parts: parsed.deferred)
      }
    }
    let document: JSONValue
    do {
      document = try JSONParser.parse(text)
    } catch {
      throw CoreError(.invalidProfile, "\(origin): \(error)")
    }
    var base: DialectProfile? = nil
    if let parent = document["extends"]?.stringValue {
      let own = document["name"]?.stringValue
      if visiting.contains(parent) && parent != own {
        throw CoreError(.invalidProfile, "\(origin): /extends: \(visiting.joined(separator: " -> ")) -> \(parent) is a cycle")
      }
      visiting.append(parent)
      // A user profile that extends its own name builds on the built-in one it shadows.
      base = try load(parent, visiting: &visiting, allowUser: parent != own)
    }
    return try ProfileDecoder(origin: origin, trusted: trusted).decode(document, base: base)
  }
}

/// Reads profile files.
enum ProfileFile {
  static func contents(of path: String) throws(CoreError) -> [UInt8] {
    do {
      return try FileContents.read(path, limit: FileContents.largestDocument, regularOnly: true)
    } catch {
      throw CoreError(.unreadableProfile, "cannot read profile '\(path)': \(error.reason)")
    }
  }
}
