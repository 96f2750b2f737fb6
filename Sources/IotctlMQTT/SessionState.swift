/// A FIFO of received messages: amortised O(1) at both ends.
struct MessageQueue {
  private var incoming: [Message] = []
  private var outgoing: [Message] = []
  /// The payload bytes held.
  private(set) var bytes = 0

  var count: Int { incoming.count + outgoing.count }
  var isEmpty: Bool { incoming.isEmpty && outgoing.isEmpty }

  mutating func append(_ message: Message) {
    incoming.append(message)
    bytes += message.payload.count
  }

  mutating func popFirst() -> Message? {
    if outgoing.isEmpty {
      outgoing = incoming.reversed()
      incoming.removeAll(keepingCapacity: true)
    }
    let message = outgoing.popLast()
    bytes -= message?.payload.count ?? 0
    return message
  }
}

/// A publish that the broker answered with a failure reason code.
public struct Rejection: Sendable, Equatable {
  /// The caller's tag for the message (a line number, for example).
  public var tag: UInt64
  public var reasonCode: Int
}

/// Counts of one session's publishes, for reports.
public struct DeliveryReport: Sendable, Equatable {
  /// Messages the broker acknowledged (QoS 1 and 2) or that were written to the socket (QoS 0).
  public var completed: Int
  /// Tags of messages still waiting for acknowledgement, in ascending order.
  public var pendingTags: [UInt64]
  /// Publishes the broker answered with a failure (MQTT 5 only).
  public var rejections: [Rejection]

  /// Whether every message was completed and none was rejected.
  public var isComplete: Bool { pendingTags.isEmpty && rejections.isEmpty }
}

/// A subscription to restore after a reconnect.
struct Subscription: Sendable {
  var filters: [String]
  var qos: QoS
  var options: Int32
}

/// A completion that arrived before `publish` had recorded its message id.
struct EarlyAck {
  var mid: Int32
  var reason: Int
}

/// Everything the network thread and the owner share, guarded by one `ConditionLock`.
struct SessionState {
  /// CONNACK code of the latest connection attempt; `nil` until one arrives.
  var connack: Int?
  var connected = false
  /// Incremented on every accepted CONNACK; watchers use it to notice reconnects.
  var connections = 0
  /// Set when the connection is gone for good.
  var failure: MQTTError?
  var stopRequested = false
  var threadFinished = false

  /// Publishes libmosquitto has not completed yet, by message id, with the caller's tags.
  var pending = MessageIDTable()
  /// A completion wakes the owner only when at most this many publishes remain pending. A full window
  /// lowers it while the owner waits, so the window refills in batches rather than one wake-up (two
  /// context switches) per acknowledgement.
  var wakeAtPendingCount = Int.max
  /// Completions that arrived before `publish` had recorded their message id: rarely more than one,
  /// but one per QoS 0 publish when the loop runs on the owner's thread, hence an array, not a hash.
  var earlyAcks: [EarlyAck] = []
  var completed = 0
  var rejections: [Rejection] = []

  var subacks: [Int32: [Int32]] = [:]
  var subscriptions: [Subscription] = []

  var messages = MessageQueue()
  /// The last error-level line libmosquitto logged: OpenSSL's reason for a failed handshake.
  var lastLoggedError: String?
  /// Maximum packet size the broker announced in an MQTT 5 CONNACK.
  var brokerMaximumPacketSize: Int?
  /// Maximum QoS the broker announced in an MQTT 5 CONNACK (2 when it announced none).
  var brokerMaximumQoS = 2
  /// QoS 2 publishes handed to libmosquitto: a broker without QoS 2 (RabbitMQ) closes the connection
  /// on the first one, which a report should say.
  var exactlyOnceSent = 0
}
