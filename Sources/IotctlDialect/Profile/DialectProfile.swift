import IotctlSchema

/// A platform's MQTT device API, described as data: connection defaults, authentication, variables, and
/// the operations with their topics, exchange pattern and payload schemas.
///
/// The built-in profiles and user profiles have the same format; see `docs/profiles.md`.
public struct DialectProfile: Sendable {
  /// The name users type, as in `--dialect thingsboard`.
  public var name: String
  /// A one-line description.
  public var title: String
  /// Where the facts come from.
  public var sources: [String]
  /// Caveats and unknowns.
  public var notes: [String]
  public var defaults: ConnectionDefaults
  public var auth: AuthModel
  /// Variables by name, in declaration order.
  public var variables: [VariableRule]
  /// The range request ids are drawn from, for operations that carry one.
  public var requestIDRange: ClosedRange<Int>
  /// The operations, in document order.
  public var operations: [Operation] {
    get { deferred?.operations() ?? decodedOperations }
    set {
      materialize()
      decodedOperations = newValue
    }
  }
  /// Named payload schemas that operations refer to.
  public var schemas: [String: JSONValue] {
    get { deferred?.schemas() ?? decodedSchemas }
    set {
      materialize()
      decodedSchemas = newValue
    }
  }
  private var decodedOperations: [Operation]
  private var decodedSchemas: [String: JSONValue]
  /// A built-in profile's operations and schemas, decoded as they are asked for.
  private var deferred: DeferredOperations?
  /// How `telemetry send` shapes values; the first is the default.
  public var telemetryShapes: [TelemetryShape]
  /// What `config get` and `config ack` use, if the dialect has configuration.
  public var configVerb: ConfigVerb?
  /// How firmware is announced, when not over ThingsBoard-style chunks.
  public var firmwareVerb: FirmwareVerb?
  /// What `cmd watch` listens to and how it replies, if the dialect has commands.
  public var commandVerb: CommandVerb?
  /// Where the profile came from: `built-in`, or a file path.
  public var origin: String
  /// Size limits for every payload the device sends; operations may tighten them.
  public var limits = PayloadLimits()

  init(
    name: String, title: String, sources: [String], notes: [String], defaults: ConnectionDefaults, auth: AuthModel,
    variables: [VariableRule], requestIDRange: ClosedRange<Int>, operations: [Operation], schemas: [String: JSONValue],
    telemetryShapes: [TelemetryShape], configVerb: ConfigVerb?, commandVerb: CommandVerb?, origin: String
  ) {
    self.name = name
    self.title = title
    self.sources = sources
    self.notes = notes
    self.defaults = defaults
    self.auth = auth
    self.variables = variables
    self.requestIDRange = requestIDRange
    self.decodedOperations = operations
    self.decodedSchemas = schemas
    self.telemetryShapes = telemetryShapes
    self.configVerb = configVerb
    self.commandVerb = commandVerb
    self.origin = origin
  }

  /// Leaves the operations and schemas to `parts`, which decodes each when it is first asked for.
  mutating func deferDecoding(to parts: DeferredOperations) {
    decodedOperations = []
    decodedSchemas = [:]
    deferred = parts
  }

  /// Decodes every deferred operation and schema, before they are changed.
  private mutating func materialize() {
    guard let parts = deferred else { return }
    decodedOperations = parts.operations()
    decodedSchemas = parts.schemas()
    deferred = nil
  }

  /// The operation named `name`.
  public func operation(_ name: String) -> Operation? {
    if let deferred { return deferred.operation(name) }
    return decodedOperations.first { $0.name == name }
  }

  /// The variable named `name`.
  public func variable(_ name: String) -> VariableRule? { variables.first { $0.name == name } }
}

/// How a dialect usually connects.
public struct ConnectionDefaults: Sendable, Equatable {
  public var host: String?
  public var port: Int?
  public var tlsPort: Int?
  public var tls: Bool
  /// `3.1.1` or `5`.
  public var mqttVersion: String
  public var qos: Int
  public var keepalive: Int?
}

/// What a dialect puts in CONNECT and in every publish, as templates over its variables.
public struct AuthModel: Sendable, Equatable {
  public var username: String?
  public var password: String?
  public var clientID: String?
  /// MQTT 5 user properties sent with every publish (Xyte's `device_id` and `access_key`).
  public var userProperties: [(name: String, value: String)]
  public var note: String?

  public static func == (lhs: AuthModel, rhs: AuthModel) -> Bool {
    lhs.username == rhs.username && lhs.password == rhs.password && lhs.clientID == rhs.clientID
      && lhs.userProperties.elementsEqual(rhs.userProperties, by: { $0 == $1 }) && lhs.note == rhs.note
  }
}

/// A variable's rules.
public struct VariableRule: Sendable, Equatable {
  public var name: String
  public var description: String
  public var required: Bool
  /// Whether the value is placed inside a topic level, so `/`, `+`, `#` and control characters are refused.
  public var topicLevel: Bool
  /// Whether an empty value is allowed in a topic level (it keeps the level, empty).
  public var allowEmpty: Bool = false
  public var maxLength: Int?
  /// A regular expression the whole value must match.
  public var pattern: String?
  /// A secret is masked in dry runs, logs and errors.
  public var secret: Bool
  /// The environment variable that supplies a value not given with `--var`.
  public var environment: String?
  public var defaultValue: String?
}

/// Who sends the operation's first message.
public enum Direction: String, Sendable, CaseIterable {
  /// device to cloud
  case up
  /// cloud to device
  case down
}

/// How an operation's messages relate to each other. Each pattern is implemented once, in code.
public enum ExchangePattern: String, Sendable, CaseIterable {
  /// One publish; no answer beyond the MQTT acknowledgement.
  case publish
  /// The answer comes on a fixed topic of its own; nothing but timing correlates it (ThingsBoard's
  /// provisioning, EdgeIQ's config request).
  case paired
  /// The request id is a topic level; the answer comes on a topic derived from the request (Kaa's
  /// `/status` and `/error`, ThingsBoard's `.../response/{id}`).
  case requestIDTopic = "request-id-topic"
  /// The request id travels in the payload and comes back in the answer's payload.
  case requestIDPayload = "request-id-payload"
  /// The answer goes to the MQTT 5 response topic, with the correlation data of the request.
  case mqtt5Response = "mqtt5-response"
  /// A subscription that receives pushes for as long as it runs.
  case subscribe
  /// A file fetched in numbered chunks, each a request with its own response.
  case chunked
}

/// How trustworthy a fact is, as `dialects.md` labels it.
public enum Confidence: String, Sendable, CaseIterable {
  case confirmed, inferred, unknown
}

/// The kind of payload an operation carries.
public enum PayloadKind: String, Sendable, CaseIterable {
  case json, text, binary, empty
  /// JSON, or nothing at all (Kaa's metadata get: empty asks for every key).
  case jsonOrEmpty = "json-or-empty"

  /// Whether a non-empty payload of this kind is JSON.
  public var isJSON: Bool { self == .json || self == .jsonOrEmpty }
}

/// Sizes a platform refuses, checked before a payload is sent.
public struct PayloadLimits: Sendable, Equatable {
  /// The largest payload, in bytes (ThingsBoard drops the connection above 65,536).
  public var maxPayloadBytes: Int?
  /// The longest JSON string anywhere in the payload, in UTF-8 bytes (Xyte: 1,000).
  public var maxStringBytes: Int?

  public init(maxPayloadBytes: Int? = nil, maxStringBytes: Int? = nil) {
    self.maxPayloadBytes = maxPayloadBytes
    self.maxStringBytes = maxStringBytes
  }

  /// The tighter of two sets of limits.
  public func merged(with other: PayloadLimits) -> PayloadLimits {
    func tighter(_ a: Int?, _ b: Int?) -> Int? { [a, b].compactMap { $0 }.min() }
    return PayloadLimits(
      maxPayloadBytes: tighter(maxPayloadBytes, other.maxPayloadBytes),
      maxStringBytes: tighter(maxStringBytes, other.maxStringBytes))
  }
}

/// A topic with the payload that travels on it.
public struct MessageSpec: Sendable {
  /// A topic template, such as `{request}/status` or `v1/devices/me/rpc/response/{requestId}`.
  public var topic: String
  public var payload: PayloadKind
  /// A schema, or `nil` when the payload is not constrained.
  public var schema: JSONValue?
  /// The platform's size limits for this payload: the profile's, tightened by the operation's.
  public var limits = PayloadLimits()
  /// For an answer: what makes it a success; an answer that fails these is the platform's error.
  public var successWhen = MessageConditions()
}

/// One exchange of a dialect.
public struct Operation: Sendable {
  public var name: String
  public var summary: String
  public var direction: Direction
  public var pattern: ExchangePattern
  /// The message that starts the exchange: published by the device (`up`) or subscribed to (`down`).
  public var message: MessageSpec
  /// The answer to an `up` request (`requestIDTopic`, `requestIDPayload`, `mqtt5Response`, `chunked`).
  public var response: MessageSpec?
  /// Where errors come back.
  public var error: MessageSpec?
  /// What the device sends back for a `down` message (an RPC reply, a command status).
  public var reply: MessageSpec?
  /// For `requestIDTopic`: whether the request id may be left out (then no answer is expected).
  public var requestIDOptional: Bool
  /// For `requestIDPayload`: the payload member that carries the id.
  public var requestIDField: String?
  /// For `chunked`: the largest chunk the platform serves.
  public var maximumChunkSize: Int?
  /// For `chunked`: the most requests the platform lets a session have in flight; an adaptive window
  /// grows no further.
  public var maximumInflight: Int?
  public var qos: Int?
  public var retain: Bool
  public var confidence: Confidence
  /// The behaviour `iotctl emulate` answers this operation with, if any.
  public var emulation: EmulatorBehaviour?
  /// Credentials the answer may carry, for `op NAME --save-context`.
  public var credentials: [IssuedCredentials] = []
  /// What is sent when no payload is given (EdgeIQ's config request).
  public var defaultPayload: JSONValue? = nil
  public var note: String?
  public var source: String?
}

/// A reply the device sends: an operation (or the pushed operation's reply topic) and payload templates.
public struct ReplyTemplate: Sendable {
  public var operation: String?
  public var success: JSONValue
  public var failure: JSONValue?
}

extension Operation {
  /// The payload sent when none is given: the profile's default, else `{}` for JSON and nothing otherwise.
  public var defaultPayloadBytes: [UInt8] {
    if let defaultPayload { return defaultPayload.jsonBytes }
    return message.payload == .json ? Array("{}".utf8) : []
  }
}

/// How a dialect's configuration is fetched, watched and acknowledged.
public struct ConfigVerb: Sendable {
  public var request: String?
  public var payload: JSONValue?
  public var watchPayload: JSONValue?
  public var answer: String?
  public var push: [String]
  public var ack: ReplyTemplate?
  /// Where a pushed configuration carries the id its ack names: `topic:VARIABLE` or `payload:/pointer`.
  public var id: String? = nil
}

/// How a dialect delivers commands and how a device answers them.
public struct CommandVerb: Sendable {
  public var operations: [String]
  /// An up operation that asks for commands (Kaa's command request with `observe`), sent when watching
  /// starts; its answers carry commands like the pushes do.
  public var request: String? = nil
  public var payload: JSONValue? = nil
  /// Whether one message holds an array of commands (Kaa).
  public var items: Bool
  /// `topic:VARIABLE` or `payload:/pointer`.
  public var id: String?
  public var name: String?
  public var reply: ReplyTemplate?
}
