import IotctlSchema

/// How a dialect announces firmware (or software) to a device and how the device reports it applied:
/// `fw fetch` for platforms that hand out a download URL or a file id rather than MQTT chunks.
public struct FirmwareVerb: Sendable {
  /// The operation that asks for the announcement, if the platform has one.
  public var request: String?
  public var payload: JSONValue?
  /// The payload for `--wait`, when asking also subscribes (Kaa's `observe`).
  public var watchPayload: JSONValue?
  /// Down operations the announcement may arrive on.
  public var push: [String]
  /// Members a message must have to be an announcement (EdgeIQ's `command_type`).
  public var conditions: MessageConditions
  /// Where each fact is: candidates in order, the first present wins.
  public var fields: [Field: [JSONPointer]]
  /// What the device sends once the image is verified (or failed), with `{version}` and `{message}`.
  public var applied: ReplyTemplate?
  /// A chunked operation that serves the image when the announcement carries no URL (ThingsBoard's
  /// `v2/fw` chunks).
  public var chunks: String?
  /// Progress reports, stage by stage (ThingsBoard's `fw_state` telemetry).
  public var states: FirmwareStates?

  /// The facts `fw fetch` reads from an announcement.
  public enum Field: String, Sendable, CaseIterable {
    case version, url, checksum, algorithm, size, title, file
  }

  public init(
    request: String?, payload: JSONValue?, watchPayload: JSONValue?, push: [String],
    conditions: MessageConditions, fields: [Field: [JSONPointer]], applied: ReplyTemplate?,
    chunks: String? = nil, states: FirmwareStates? = nil
  ) {
    (self.request, self.payload, self.watchPayload, self.push) = (request, payload, watchPayload, push)
    (self.conditions, self.fields, self.applied, self.chunks, self.states) = (conditions, fields, applied, chunks, states)
  }

  /// The facts in `message` as text, or nil when it is not an announcement (a condition fails, or it
  /// names neither a version, a URL nor a file).
  public func read(_ message: JSONValue) -> [Field: String]? {
    guard conditions.hold(in: message) else { return nil }
    var facts: [Field: String] = [:]
    for (field, pointers) in fields {
      for pointer in pointers {
        guard let value = pointer.resolve(in: message) else { continue }
        if let text = value.stringValue, !text.isEmpty {
          facts[field] = text
        } else if let number = value.numberValue {
          facts[field] = number.description
        } else {
          continue
        }
        break
      }
    }
    return facts[.version] == nil && facts[.url] == nil && facts[.file] == nil ? nil : facts
  }
}

/// The stages of a firmware update a device reports, each with its payload template.
public struct FirmwareStates: Sendable {
  public enum Stage: String, Sendable, CaseIterable {
    case downloading, downloaded, verified, updating, updated, failed
  }

  /// The up operation that carries the reports.
  public var operation: String
  /// Payload templates with `{title}`, `{version}` and `{message}`; a stage without one is not reported.
  public var payloads: [Stage: JSONValue]

  public init(operation: String, payloads: [Stage: JSONValue]) {
    self.operation = operation
    self.payloads = payloads
  }
}
