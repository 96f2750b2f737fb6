import IotctlSchema

/// One line of `iotctl emulate`'s stdin: a push for the emulator to send, or a command to queue.
///
/// `{"push": OPERATION, "payload": …, "vars": {…}}` or `{"command": TYPE, "payload": …}`.
public enum EmulatorControl: Equatable, Sendable {
  case push(operation: String, payload: JSONValue?, variables: [String: String])
  case command(type: String, payload: JSONValue)

  /// Reads `line`; nil for a blank one.
  ///
  /// - Throws: ``DeviceError`` of kind `input` for a line that is not JSON or names neither.
  public static func parse(_ line: String) throws(DeviceError) -> EmulatorControl? {
    guard !line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) else { return nil }
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      throw DeviceError(.input, "not valid JSON: \(error.message) at column \(error.column)")
    }
    if let name = value["push"]?.stringValue {
      // A variable's value is its text; any other JSON stands as written.
      let variables = (value["vars"]?.objectValue?.members ?? []).reduce(into: [String: String]()) { result, member in
        result[member.key] = member.value.stringValue ?? member.value.jsonText
      }
      return .push(operation: name, payload: value["payload"], variables: variables)
    }
    if let type = value["command"]?.stringValue {
      return .command(type: type, payload: value["payload"] ?? .null)
    }
    throw DeviceError(.input, #"give {"push": OPERATION, ...} or {"command": TYPE, ...}"#)
  }

  /// Sends the push, or queues the command, on `emulator`.
  public func apply(to emulator: Emulator) throws {
    switch self {
    case .push(let operation, let payload, let variables):
      _ = try emulator.push(operation, payload: payload, variables: variables)
    case .command(let type, let payload):
      _ = try emulator.queueCommand(type: type, payload: payload)
    }
  }
}
