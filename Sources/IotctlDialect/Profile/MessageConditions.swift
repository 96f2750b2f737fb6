import IotctlSchema

/// Members a JSON message must have, each with the given text: a profile's `"when": {POINTER: TEXT}`, as
/// firmware announcements and issued credentials use it.
public struct MessageConditions: Sendable {
  public var required: [(pointer: JSONPointer, equals: String)]

  public init(_ required: [(pointer: JSONPointer, equals: String)] = []) { self.required = required }

  /// Whether every member is there with its text.
  public func hold(in message: JSONValue) -> Bool {
    required.allSatisfy { $0.pointer.resolve(in: message)?.stringValue == $0.equals }
  }
}
