import IotctlDialect
import IotctlMQTT

/// Why a chunked transfer stopped.
public enum ChunkedTransferError: Error, Sendable {
  /// The platform answered on the error topic (ThingsBoard: `PAYLOAD_TOO_LARGE`, `NOT_FOUND`, ...).
  case platform(String)
  /// A chunk went unanswered through every retry.
  case unanswered(chunk: Int, attempts: Int)
  /// A chunk came back longer than asked for, or the total outgrew the announced size.
  case inconsistent(String)
}

/// A file fetched in numbered chunks over one session, with a window of requests in flight
/// (``ChunkWindow``: pinned, or adaptive).
///
/// Requests go to the operation's topic with `{requestId}` and `{chunk}` filled in and the chunk size as
/// decimal text; answers are matched by request id and chunk index from the response topic, so they may
/// arrive in any order. A request unanswered within `chunkTimeout` is sent again, up to `retries` times.
/// The end is the announced size, or an empty chunk when the size is unknown.
public struct ChunkedTransfer {
  public var session: Session
  public var compiler: TopicCompiler
  public var operation: String
  public var requestID: Int
  public var chunkSize: Int
  /// The total size, if announced.
  public var size: Int?
  public var window: ChunkWindow
  public var chunkTimeout: Double
  public var retries: Int
  public var qos: QoS
  /// The most bytes to take when no end comes (``FirmwareFetch/Settings/maxSize``).
  public var maximumBytes: Int?

  public init(
    session: Session, compiler: TopicCompiler, operation: String, requestID: Int, chunkSize: Int, size: Int?,
    window: ChunkWindow, chunkTimeout: Double, retries: Int, qos: QoS
  ) {
    self.session = session
    self.compiler = compiler
    self.operation = operation
    self.requestID = requestID
    self.chunkSize = chunkSize
    self.size = size
    self.window = window
    self.chunkTimeout = chunkTimeout
    self.retries = retries
    self.qos = qos
  }

  /// Subscribes to the answers of this transfer and its error topic.
  public mutating func subscribe() throws {
    let requests = try ChunkRequests(compiler: compiler, operation: operation, requestID: requestID, chunkSize: chunkSize)
    try session.subscribe(requests.filters, qos: qos)
  }

  /// Fetches every chunk not in `held` and hands each to `write(index, bytes)` as it arrives (in any
  /// order); `progress(bytes)` hears of each. `heldBytes` is the length of the chunks held. Returns the
  /// total number of bytes.
  public mutating func run(
    holding held: Set<Int> = [], heldBytes: Int = 0, write: (Int, [UInt8]) throws -> Void,
    progress: (Int) -> Void = { _ in }
  ) throws -> Int {
    let requests = try ChunkRequests(compiler: compiler, operation: operation, requestID: requestID, chunkSize: chunkSize)
    let chunkCount = size.map { ($0 + chunkSize - 1) / chunkSize }
    var next = 0
    var outstanding: [Int: (deadline: Deadline, attempts: Int)] = [:]
    var received = held
    var total = heldBytes
    var endSeen: Int? = chunkCount
    func request(_ index: Int, attempts: Int) throws {
      try session.publish(topic: try requests.topic(forChunk: index), payload: requests.payload, qos: qos)
      outstanding[index] = (Deadline.after(seconds: chunkTimeout), attempts)
    }

    while true {
      while outstanding.count < window.size, endSeen.map({ next < $0 }) ?? true {
        if !received.contains(next) { try request(next, attempts: 1) }
        next += 1
      }
      if outstanding.isEmpty { break }
      guard let soonest = outstanding.values.map(\.deadline).min() else { break }
      guard let message = try session.nextMessage(until: soonest) else {
        for (index, state) in outstanding where state.deadline.hasPassed {
          guard state.attempts <= retries else { throw ChunkedTransferError.unanswered(chunk: index, attempts: state.attempts) }
          window.chunkTimedOut()
          try request(index, attempts: state.attempts + 1)
        }
        continue
      }
      let index: Int
      switch requests.classify(message) {
      case .error(let text): throw ChunkedTransferError.platform(text)
      case .chunk(let chunk, _) where outstanding[chunk] != nil: index = chunk
      case .chunk, .unrelated: continue
      }
      outstanding[index] = nil
      guard !received.contains(index) else { continue }
      if message.payload.count > chunkSize {
        throw ChunkedTransferError.inconsistent("chunk \(index) has \(message.payload.count) bytes, more than the \(chunkSize) asked for")
      }
      if message.payload.isEmpty {
        // Past the end: nothing from here on exists.
        endSeen = min(endSeen ?? index, index)
        outstanding = outstanding.filter { $0.key < index }
        continue
      }
      received.insert(index)
      window.chunkArrived()
      try write(index, message.payload)
      total += message.payload.count
      if let size, total > size {
        throw ChunkedTransferError.inconsistent("received \(total) bytes, more than the announced \(size)")
      }
      if let maximumBytes, total > maximumBytes {
        throw ChunkedTransferError.inconsistent(
          "received more than \(maximumBytes) bytes with no end in sight; nothing was written (raise --max-size if the image is that large)")
      }
      progress(total)
      if message.payload.count < chunkSize {
        // A short chunk is the last one.
        endSeen = min(endSeen ?? index + 1, index + 1)
        outstanding = outstanding.filter { $0.key < index + 1 }
      }
    }
    return total
  }
}
