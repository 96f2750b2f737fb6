import IotctlDialect
import IotctlSchema

/// Who the simulated devices are: each device number's variables and client id, from templates over
/// the number (`tok-{n}`, `dev-{n:05}`) or from a file of credentials, one device per row.
public struct FleetRoster: Sendable {
  /// Variable templates by name, applied to every device.
  public var templates: [String: String]
  /// The client id template; nil: the dialect's, else a generated one.
  public var clientIDTemplate: String?
  /// Rows from a credentials file: device n takes row n. Columns are variables, plus `client_id`.
  public var rows: [[String: String]]
  /// The size of the fleet across all shards.
  public var size: Int

  public init(size: Int, templates: [String: String] = [:], clientIDTemplate: String? = nil, rows: [[String: String]] = []) {
    self.size = size
    self.templates = templates
    self.clientIDTemplate = clientIDTemplate
    self.rows = rows
  }

  /// The variables of device `number` (0-based), and its client id if one is set.
  public func identity(_ number: Int) throws(DeviceError) -> (variables: [String: String], clientID: String?) {
    var variables: [String: String] = [:]
    for (name, template) in templates { variables[name] = try Self.expand(template, number) }
    var clientID = try clientIDTemplate.map { template throws(DeviceError) in try Self.expand(template, number) }
    if number < rows.count {
      for (name, value) in rows[number] {
        if name == "client_id" { clientID = value } else { variables[name] = value }
      }
    }
    return (variables, clientID)
  }

  /// `template` with each `{n}` replaced by `number`, and `{n:05}` by it padded with zeros to five
  /// digits (`{n:5}` with spaces); `{{` and `}}` stand for braces.
  public static func expand(_ template: String, _ number: Int) throws(DeviceError) -> String {
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
      result += rest[..<open]
      let after = rest.index(after: open)
      if after < rest.endIndex, rest[after] == rest[open] {
        result.append(rest[open])
        rest = rest[rest.index(after: after)...]
        continue
      }
      guard rest[open] == "{", let close = rest[after...].firstIndex(of: "}") else {
        throw DeviceError(.usage, "template '\(template)' has an unmatched brace; write {n}, {n:05}, or {{ and }} for braces")
      }
      let field = rest[after..<close]
      guard field == "n" || field.hasPrefix("n:") else {
        throw DeviceError(.usage, "template '\(template)' has {\(field)}; only {n} (the device number) and {n:WIDTH} are known")
      }
      var text = String(number)
      if field.hasPrefix("n:") {
        let spec = field.dropFirst(2)
        guard let width = Int(spec.hasPrefix("0") ? spec.dropFirst() : spec), width >= 0, width <= 20 else {
          throw DeviceError(.usage, "template '\(template)': width in {\(field)} must be a number from 0 to 20, such as {n:05}")
        }
        let pad: Character = spec.hasPrefix("0") ? "0" : " "
        if text.count < width { text = String(repeating: pad, count: width - text.count) + text }
      }
      result += text
      rest = rest[rest.index(after: close)...]
    }
    return result + rest
  }

  /// Rows from a credentials file: CSV with a header line of variable names (and `client_id`), or JSONL
  /// with one object of them per line (`.jsonl`, or a first byte `{`).
  public static func rows(file path: String) throws(DeviceError) -> [[String: String]] {
    let bytes: [UInt8]
    do { bytes = try FileContents.read(path) } catch {
      throw DeviceError(.input, "cannot read devices file '\(path)': \(error.reason)")
    }
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
      String(decoding: $0.last == 13 ? $0.dropLast() : $0, as: UTF8.self)
    }
    let content = lines.enumerated().filter { !$0.element.allSatisfy { $0 == " " || $0 == "\t" } }
    guard let first = content.first else { throw DeviceError(.input, "devices file '\(path)' is empty; give a header line and a row per device") }
    if path.hasSuffix(".jsonl") || first.element.hasPrefix("{") {
      return try content.map { number, line throws(DeviceError) in
        guard let object = (try? JSONParser.parse(line))?.objectValue else {
          throw DeviceError(.input, "devices file '\(path)' line \(number + 1) is not a JSON object; give one object of variables per line")
        }
        var row: [String: String] = [:]
        for member in object.members { row[member.key] = member.value.stringValue ?? member.value.jsonText }
        return row
      }
    }
    let header = csvFields(first.element)
    if let empty = header.firstIndex(where: \.isEmpty) {
      throw DeviceError(.input, "devices file '\(path)': column \(empty + 1) of the header has no name; the first line names the variables")
    }
    return try content.dropFirst().map { number, line throws(DeviceError) in
      let fields = csvFields(line)
      guard fields.count == header.count else {
        throw DeviceError(.input, "devices file '\(path)' line \(number + 1) has \(fields.count) fields; the header has \(header.count)")
      }
      return Dictionary(zip(header, fields), uniquingKeysWith: { _, last in last })
    }
  }

  /// The fields of one CSV line (RFC 4180 quoting, without line breaks inside quotes).
  static func csvFields(_ line: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var iterator = line.makeIterator()
    var pending: Character? = iterator.next()
    while let character = pending {
      pending = iterator.next()
      if quoted {
        if character == "\"" {
          if pending == "\"" {
            field.append("\"")
            pending = iterator.next()
          } else {
            quoted = false
          }
        } else {
          field.append(character)
        }
      } else if character == "\"" && field.isEmpty {
        quoted = true
      } else if character == "," {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
    }
    fields.append(field)
    return fields.map { $0.trimmingSpaces }
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var text = Substring(self)
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
