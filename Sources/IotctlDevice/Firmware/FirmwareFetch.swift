import IotctlDialect
import IotctlMQTT
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `fw fetch` as a service: find the firmware the platform announces (ask, else wait for a push), download
/// it (a URL over HTTP(S), or the dialect's MQTT chunks), verify it, write it, run the install hook, and
/// report each stage, all as the dialect's firmware verb describes. No platform is named here.
public struct FirmwareFetch {
  /// How to fetch, from the command line.
  public struct Settings: Sendable {
    public var overrides = FirmwarePlan.Overrides()
    /// Where to write the image; nil for its title; `-` to hand the verified bytes to `stream`.
    public var target: String?
    public var resume = false
    public var wait = false
    /// Seconds to wait for the announcement.
    public var timeout: Double = 10
    public var chunkSize = 16384
    /// Chunk requests in flight: pinned, or `nil` for a window that adapts up to the chunk
    /// operation's `maxInflight` (``ChunkWindow``).
    public var window: Int?
    public var chunkTimeout: Double = 5
    /// The most bytes to take, whatever is announced; without it, the announced size, or
    /// ``defaultMaximumSize`` when none is.
    public var maxSize: Int?
    public var retries = 3
    public var report = true
    public var reportUpdated = false
    /// An install hook, run with the file's path as `$1`.
    public var exec: String?
    /// CA certificates for the image URL.
    public var urlCAFile: String?

    public init() {}
  }

  /// What was fetched.
  public struct Outcome: Sendable {
    public var plan: FirmwarePlan
    public var bytes: Int
    public var checksum: String
    /// The file written, or `-`.
    public var file: String
    public var hookOutput: [UInt8]
  }

  public let compiler: TopicCompiler
  public let verb: FirmwareVerb
  public let settings: Settings

  public init(compiler: TopicCompiler, settings: Settings) throws {
    guard let verb = compiler.profile.firmwareVerb else {
      throw DeviceError(.usage, "dialect \(compiler.profile.name) announces no firmware: its profile has no firmware verb")
    }
    if let name = verb.chunks, let limit = try compiler.operation(name).maximumChunkSize, settings.chunkSize > limit {
      throw DeviceError(
        .usage,
        "--chunk-size \(settings.chunkSize) is above \(compiler.profile.name)'s limit of \(limit) bytes per chunk (\(name)); give at most \(limit)")
    }
    self.compiler = compiler
    self.verb = verb
    self.settings = settings
  }

  /// The firmware announced: the request's answer when it carries one, else the next announcement pushed
  /// (with `wait`, or when the request has no answer of its own).
  public func announcement(on runner: ExchangeRunner) throws -> [FirmwareVerb.Field: String] {
    let flow = try AskOrWait(
      compiler: compiler, request: verb.request,
      payload: settings.wait ? verb.watchPayload ?? verb.payload : verb.payload, push: verb.push)
    let profile = compiler.profile
    let deadline = Deadline.after(seconds: settings.timeout)
    func facts(in message: Message) -> [FirmwareVerb.Field: String]? {
      (try? JSONParser.parse(message.payload)).flatMap(verb.read)
    }
    if let answer = try flow.ask(on: runner, timeout: settings.timeout) {
      if let facts = facts(in: answer) { return facts }
      if !settings.wait {
        let text = compiler.bindings.masking(String(decoding: answer.payload.prefix(200), as: UTF8.self))
        throw DeviceError(
          .platformError, "\(profile.name) announces no firmware for this device (it answered \(text)); --wait waits for one")
      }
    }
    while let message = try flow.nextPush(until: deadline) {
      if let facts = facts(in: message) { return facts }
    }
    let topics = flow.pushFilters.map(compiler.bindings.masking).joined(separator: ", ")
    throw DeviceError(
      .timeout, "no firmware announced on \(topics.isEmpty ? "any topic" : topics) within \(Seconds.format(settings.timeout)) s")
  }

  /// The plan for an announcement, with the settings' overrides.
  public func plan(_ facts: [FirmwareVerb.Field: String]) throws(DeviceError) -> FirmwarePlan {
    try FirmwarePlan(facts: facts, overrides: settings.overrides, dialect: compiler.profile.name, chunked: verb.chunks != nil)
  }

  /// Downloads, verifies and writes the image, runs the hook, and reports each stage.
  ///
  /// - Parameters:
  ///   - progress: the bytes received so far, as they grow.
  ///   - note: remarks for the user (where a resumed download starts).
  ///   - stream: receives the verified image, piece by piece, when the target is `-`.
  public func fetch(
    _ plan: FirmwarePlan, on runner: ExchangeRunner, progress: @escaping (Int) -> Void = { _ in },
    note: (String) -> Void = { _ in }, stream: (ArraySlice<UInt8>) -> Void = { _ in }
  ) throws -> Outcome {
    let reporter = FirmwareReporter(
      runner: runner, compiler: compiler, verb: verb, plan: plan, enabled: settings.report, reportUpdated: settings.reportUpdated)
    let target = settings.target ?? plan.safeFileName
    let toCaller = target == "-"
    if let url = plan.url {
      do { try HTTPDownload.check(url) } catch { throw DeviceError(.input, "firmware URL: \(error.description)") }
    }
    if !toCaller {
      var info = stat()
      if stat(target, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
        throw DeviceError(.input, "'\(target)' is a directory; give -o a file name, such as \(target)/\(plan.safeFileName)")
      }
    }
    let partial = try PartialFile(
      target: toCaller ? "\(Self.temporaryDirectory)/.iotctl-stdout-\(getpid())-\(UInt32.random(in: 0...UInt32.max))" : target,
      resume: settings.resume,
      anonymous: toCaller)
    try reporter.downloading()
    let received: Int
    do {
      if let url = plan.url {
        received = try download(url, into: partial, size: plan.size, progress: progress, note: note)
      } else {
        received = try downloadChunks(runner: runner, size: plan.size, into: partial, progress: progress, note: note)
      }
    } catch let error as DeviceError {
      // What a later --resume can continue is kept; anything else leaves no file behind.
      if error.kind != .connectionLost && error.kind != .timeout { partial.discard() }
      reporter.failed(error.description)
      throw error
    } catch let error as MQTTError {
      guard case .connectionLost = error, !toCaller else { throw error }
      throw DeviceError(.connectionLost, "\(error.description) after \(partial.size) bytes; run again with --resume to continue")
    }
    try reporter.downloaded()
    let actual = ChecksumAlgorithm.hex(try partial.digest(plan.algorithm))
    let length = partial.size
    guard actual == plan.checksum.lowercased(), plan.size.map({ $0 == length }) ?? true else {
      partial.discard()
      let message =
        "checksum mismatch for \(plan.title) \(plan.version): \(plan.algorithm.rawValue) \(actual), expected \(plan.checksum) (\(length) bytes); nothing was written"
      reporter.failed(message)
      throw DeviceError(.checksumMismatch, message)
    }
    if toCaller {
      defer { partial.discard() }
      try partial.read(stream)
    } else {
      try partial.commit()
    }
    try reporter.verified(installing: settings.exec != nil)
    let output = toCaller ? [] : try install(target: target, plan: plan, reporter: reporter)
    // The last reports are confirmed before the session closes: a lost VERIFIED would leave the platform
    // waiting.
    try runner.session.confirmDelivery(of: 1, unit: "report", waitSeconds: 10)
    return Outcome(plan: plan, bytes: received, checksum: actual, file: target, hookOutput: output)
  }

  private static var temporaryDirectory: String {
    getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
  }

  /// The most a download without an announced size (or `--max-size`) may bring: a platform that never
  /// sends its last chunk must not fill the disk.
  public static let defaultMaximumSize = 1 << 30

  /// The bound on a download: the announced size and `--max-size`, the smaller; else the default.
  private func sizeBound(announced size: Int?) -> Int {
    [size, settings.maxSize].compactMap { $0 }.min() ?? Self.defaultMaximumSize
  }

  /// The pinned window, or an adaptive one up to the platform's in-flight limit (without one in the
  /// profile, 64: libmosquitto's queue stays short and the platform is not flooded).
  private func chunkWindow(_ operation: String) throws -> ChunkWindow {
    if let pinned = settings.window { return .fixed(pinned) }
    return .adaptive(limit: try compiler.operation(operation).maximumInflight ?? 64)
  }

  /// The dialect's chunks, a window of requests in flight; `resume` asks for exactly the chunks the
  /// record of the last run lacks.
  private func downloadChunks(
    runner: ExchangeRunner, size: Int?, into partial: PartialFile, progress: @escaping (Int) -> Void, note: (String) -> Void
  ) throws -> Int {
    guard let name = verb.chunks else { throw DeviceError(.usage, "dialect \(compiler.profile.name) has no firmware chunks") }
    let chunkSize = settings.chunkSize
    var held: (indices: Set<Int>, bytes: Int) = ([], 0)
    if settings.resume {
      held = partial.completedChunks(chunkSize: chunkSize)
      if held.indices.isEmpty && partial.size > 0 { partial.truncate(to: 0) }
      if !held.indices.isEmpty { note("resuming with \(held.indices.count) chunks (\(held.bytes) bytes) already here") }
    }
    var transfer = ChunkedTransfer(
      session: runner.session, compiler: compiler, operation: name, requestID: Int.random(in: 1...2_000_000_000),
      chunkSize: chunkSize, size: size, window: try chunkWindow(name), chunkTimeout: settings.chunkTimeout,
      retries: settings.retries, qos: .atLeastOnce)
    transfer.maximumBytes = sizeBound(announced: size)
    do {
      try transfer.subscribe()
      return try transfer.run(
        holding: held.indices, heldBytes: held.bytes,
        write: { index, bytes in
          try partial.write(bytes, at: index * chunkSize)
          try partial.recordChunk(index, length: bytes.count, chunkSize: chunkSize)
        },
        progress: progress)
    } catch let error as ChunkedTransferError {
      switch error {
      case .platform(let text):
        throw DeviceError(.platformError, "\(compiler.profile.name) refused the firmware request: \(text)")
      case .unanswered(let chunk, let attempts):
        throw DeviceError(.timeout, "chunk \(chunk) went unanswered after \(attempts) requests; --resume continues")
      case .inconsistent(let why):
        throw DeviceError(.input, why)
      }
    }
  }

  /// A package with a URL, streamed to the partial file; `resume` asks for the rest with a Range request.
  private func download(
    _ url: String, into partial: PartialFile, size: Int?, progress: @escaping (Int) -> Void, note: (String) -> Void
  ) throws -> Int {
    let offset = settings.resume ? partial.size : 0
    if offset > 0 { note("resuming at byte \(offset)") }
    // --chunk-timeout is also how long a download may go without a byte.
    let download = HTTPDownload(caFile: settings.urlCAFile, stallTimeout: settings.chunkTimeout, maxSize: sizeBound(announced: size))
    do {
      return try download.fetch(
        url, from: offset, start: { partial.truncate(to: $0) },
        write: { position, bytes in
          try partial.write(bytes, at: position)
          progress(position + bytes.count)
        })
    } catch let error as DownloadError {
      switch error {
      case .status: throw DeviceError(.platformError, "firmware download failed: \(error.description)")
      case .refused, .tooLarge: throw DeviceError(.input, "firmware download refused: \(error.description)")
      case .untrusted: throw DeviceError(.unreachable, "firmware download refused: \(error.description); pass --image-cafile with the server's CA")
      case .network(_, let received) where received > 0:
        throw DeviceError(.connectionLost, "firmware download dropped: \(error.description); run again with --resume to continue")
      case .network: throw DeviceError(.unreachable, "firmware download failed: \(error.description)")
      }
    }
  }

  /// Runs the install hook; its output is returned for the caller to pass on. A failing hook is reported
  /// FAILED with what it printed on stderr.
  private func install(target: String, plan: FirmwarePlan, reporter: FirmwareReporter) throws -> [UInt8] {
    guard let exec = settings.exec else { return [] }
    let outcome = Handler(command: "\(exec) \"$IOTCTL_FIRMWARE_FILE\"", timeout: 0).run(
      input: [],
      environment: ["IOTCTL_FIRMWARE_FILE": target, "IOTCTL_FIRMWARE_TITLE": plan.title, "IOTCTL_FIRMWARE_VERSION": plan.version])
    guard outcome.status == 0 else {
      let why = String(outcome.errorText.suffix(2000))
      let status = outcome.status.map { "exit \($0)" } ?? "killed"
      let message = "install hook '\(exec)' failed (\(status))" + (why.isEmpty ? "" : ": \(why)")
      reporter.failed(message)
      throw DeviceError(.hookFailed, message)
    }
    try reporter.installed()
    return outcome.stdout
  }
}
