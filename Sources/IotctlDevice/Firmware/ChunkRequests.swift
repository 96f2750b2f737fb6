import IotctlDialect
import IotctlMQTT

/// The MQTT side of one chunked download without a session: the filters its answers come on, the topic
/// and payload of each chunk request, and what an incoming message is. ``ChunkedTransfer`` runs it on a
/// session; each simulated device of a fleet runs its own.
///
/// Requests go to the operation's topic with `{requestId}` and `{chunk}` filled in and the chunk size as
/// decimal text; answers are told apart by request id and chunk index in the response topic.
public struct ChunkRequests: Sendable {
  public let operation: String
  public let requestID: Int
  public let chunkSize: Int
  public let qos: QoS
  /// The filters to subscribe to before the first request: this request id's answers, and the error topic.
  public let filters: [String]
  private let bindings: VariableBindings
  private let requestTemplate: TopicTemplate
  private let responseTemplate: TopicTemplate
  private let errorTopic: String?
  /// The chunk size as the request's payload.
  public let payload: [UInt8]

  /// What an incoming message is to this download.
  public enum Answer: Equatable {
    case chunk(index: Int, bytes: [UInt8])
    /// The platform's error (ThingsBoard: `PAYLOAD_TOO_LARGE`, `NOT_FOUND`, ...).
    case error(String)
    case unrelated
  }

  public init(compiler: TopicCompiler, operation: String, requestID: Int, chunkSize: Int) throws {
    var compiler = compiler
    let template = try compiler.compile(operation, requestID: requestID, extra: ["chunk": "0"])
    guard let response = template.operation.response else {
      throw CoreError(.invalidProfile, "\(operation) has no response topic")
    }
    self.operation = operation
    self.requestID = requestID
    self.chunkSize = chunkSize
    qos = QoS(rawValue: Int32(clamping: template.qos)) ?? .atLeastOnce
    bindings = compiler.bindings
    requestTemplate = try TopicTemplate(parsing: template.operation.message.topic)
    responseTemplate = try TopicTemplate(parsing: response.topic)
    errorTopic = template.errorTopic
    let id = String(requestID)
    filters = [responseTemplate.filter { $0 == "requestId" ? id : nil }] + (template.errorTopic.map { [$0] } ?? [])
    payload = Array(String(chunkSize).utf8)
  }

  /// The topic that asks for chunk `index`. The topic differs per chunk only in {chunk}: the parsed
  /// template is rendered, not recompiled.
  public func topic(forChunk index: Int) throws -> String {
    let id = String(requestID)
    let rendered = requestTemplate.render { name in
      name == "chunk" ? String(index) : name == "requestId" ? id : bindings[name]
    }
    guard case .success(let topic) = rendered else {
      throw CoreError(.invalidProfile, "\(operation): the chunk topic does not render")
    }
    return topic
  }

  public func classify(_ message: Message) -> Answer {
    if let errorTopic, message.topic == errorTopic {
      return .error(String(decoding: message.payload, as: UTF8.self))
    }
    guard let values = responseTemplate.match(message.topic), values["requestId"] == String(requestID),
      let index = values["chunk"].flatMap(Int.init)
    else { return .unrelated }
    return .chunk(index: index, bytes: message.payload)
  }
}
