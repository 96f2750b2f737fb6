import ArgumentParser
import IotctlCore
import IotctlMQTT
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Iotctl.Fw {
  /// `iotctl fw fetch`.
  struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fetch",
      abstract: "Download the firmware assigned to the device, verify it, then write it.",
      discussion: """
        iotctl asks for the shared fw_title, fw_version, fw_size, fw_checksum and \
        fw_checksum_algorithm attributes (or waits for their push with --wait), then requests chunks \
        with --window requests in flight over one session, retrying a chunk that goes unanswered. The \
        image is written to a temporary file beside the target, synced, verified with the platform's \
        checksum (MD5, SHA256, SHA384, SHA512, CRC32, MURMUR3_32 or MURMUR3_128, the 32-bit ones in \
        ThingsBoard's byte order) and only then renamed into place: a mismatch (exit 12) or an abort \
        leaves no file at the target. --resume continues a partial download.

        A URL package (fw_url, or --image-url) is downloaded over HTTP(S) instead, with the same \
        verification and temporary file: the certificate must verify against the OS trust store or \
        --image-cafile, redirects are followed, and --resume asks for the rest with a Range request.

        Other dialects announce firmware through their profile's firmware verb. Kaa: the cmx_ota \
        software specification (asked for, or pushed with --wait) names the URL and checksum; once \
        verified (and installed, with --exec) iotctl reports it applied, or rejected with the reason. \
        Xyte (firmware push, asked for with get) and EdgeIQ (a software_update gateway command) announce \
        a version or file id without a URL: iotctl prints the announcement as JSON and exits 11, unless \
        --image-url and --checksum name the file.

        fw_state telemetry reports DOWNLOADING, DOWNLOADED and VERIFIED, or FAILED with fw_error \
        (--no-report to stay quiet). --exec CMD runs an install hook with the file's path as $1; with \
        --report-updated its success reports UPDATING, UPDATED and current_fw_title/current_fw_version.

        Examples:
          iotctl fw fetch --dialect thingsboard --var token=$T -o firmware.bin
          iotctl fw fetch --dialect thingsboard --chunk-size 65536 --window 8 -o fw.bin --exec ./install.sh --report-updated
          iotctl fw fetch --dialect thingsboard --image-cafile corp-ca.pem -o fw.bin    # a fw_url package
          iotctl fw fetch --dialect kaa --var app=demo_v1 --var token=$K -o app.bin --exec ./install.sh
        """)

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Option(name: [.customShort("o"), .customLong("output-file")], help: "Where to write the image (default: its fw_title); - for stdout.", completion: .file())
    var outputFile: String?

    @Option(name: .customLong("chunk-size"), help: "Bytes per chunk (at most 65536, ThingsBoard's limit).")
    var chunkSize = 16384

    @Option(name: .customLong("window"), help: "Chunk requests in flight at once.")
    var window = 8

    @Option(name: .customLong("chunk-timeout"), help: ArgumentHelp("Seconds before an unanswered chunk is requested again.", valueName: "seconds"))
    var chunkTimeout: Double = 5

    @Option(name: .customLong("retries"), help: "Times a chunk is requested again before giving up.")
    var retries = 3

    @Flag(name: .customLong("wait"), help: "Wait for the firmware attributes to be pushed instead of asking for them.")
    var wait = false

    @Flag(name: .customLong("resume"), help: "Continue a partial download of the same target.")
    var resume = false

    @Option(name: .customLong("title"), help: "Override fw_title.")
    var title: String?

    @Option(name: .customLong("version"), help: "Override fw_version.")
    var version: String?

    @Option(name: .customLong("size"), help: "Override fw_size.")
    var size: Int?

    @Option(name: .customLong("checksum"), help: "Override fw_checksum.")
    var checksum: String?

    @Option(name: .customLong("algorithm"), help: "Override fw_checksum_algorithm.")
    var algorithm: String?

    @Option(name: .customLong("image-url"), help: "Download from this http(s) URL instead of MQTT chunks (overrides fw_url).")
    var url: String?

    @Option(name: .customLong("image-cafile"), help: "CA certificates (PEM) for the image URL (default: the OS trust store).", completion: .file())
    var urlCAFile: String?

    @Flag(name: .customLong("no-report"), help: "Send no fw_state telemetry.")
    var noReport = false

    @Option(name: .customLong("exec"), help: ArgumentHelp("Install hook run with the verified file as $1.", valueName: "command"))
    var exec: String?

    @Flag(name: .customLong("report-updated"), help: "After a successful --exec, report UPDATING, UPDATED and the current version.")
    var reportUpdated = false

    @Option(name: [.customShort("W"), .customLong("timeout")], help: ArgumentHelp("Seconds to wait for the firmware attributes or announcement.", valueName: "seconds"))
    var timeout: Double = 10

    /// How the result is told: a note on stderr, or one JSON record on stdout for scripts.
    enum Summary: String, ExpressibleByArgument, CaseIterable {
      case text, jsonl, json
    }

    @Option(name: .customLong("output"), help: "text (a note on stderr) or jsonl (one JSON summary record on stdout; json is the same).")
    var output: Summary = .text

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws {
      if chunkSize < 1 || chunkSize > 65536 {
        throw ValidationError("--chunk-size must be 1-65536: ThingsBoard answers larger requests with PAYLOAD_TOO_LARGE and a disconnect")
      }
      if window < 1 || window > 1024 { throw ValidationError("--window must be 1-1024") }
      if retries < 0 { throw ValidationError("--retries must not be negative") }
      if let algorithm, ChecksumAlgorithm(name: algorithm) == nil {
        throw ValidationError("--algorithm takes \(ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      if reportUpdated && exec == nil { throw ValidationError("--report-updated goes with --exec") }
      if outputFile == "-" && resume { throw ValidationError("--resume needs a file, not -") }
    }

    func run() throws {
      diagnostics.apply()
      let profile = try dialect.profile()
      let chunked = profile.operation("fw.chunk") != nil && profile.operation("attributes.request") != nil
      let announced = chunked ? nil : profile.firmwareVerb
      guard chunked || announced != nil else {
        throw CLIError.usage("dialect \(profile.name) announces no firmware: it has neither fw.chunk nor a firmware verb")
      }
      var compiler = TopicCompiler(bindings: try dialect.bindings(for: profile))
      var (options, _) = try connection.resolve(dialect: try compiler.connection())
      options.noDelay = true
      let session = try Session(options)
      try session.connect()
      defer { session.close() }

      let plan: Plan
      let status: any FirmwareStatus
      if let verb = announced {
        plan = try announcedPlan(try announcement(verb, session: session, compiler: &compiler), dialect: profile.name)
        status = AppliedReporter(session: session, compiler: compiler, template: noReport ? nil : verb.applied, version: plan.version)
      } else {
        status = StateReporter(session: session, compiler: compiler, enabled: !noReport)
        plan = try attributesPlan(try discover(session: session, compiler: &compiler))
      }
      try fetch(plan, session: session, compiler: compiler, status: status)
    }

    /// What to download and how to check it, from the platform's announcement and the override flags.
    struct Plan {
      var title: String
      var version: String
      var size: Int?
      var checksum: String
      var algorithm: ChecksumAlgorithm
      /// Where to download from; nil for ThingsBoard's MQTT chunks.
      var link: String?
    }

    /// ThingsBoard's fw_* attributes.
    private func attributesPlan(_ info: JSONObject) throws -> Plan {
      guard let algorithmName = algorithm ?? info["fw_checksum_algorithm"]?.stringValue,
        let algorithm = ChecksumAlgorithm(name: algorithmName), let expected = checksum ?? info["fw_checksum"]?.stringValue
      else {
        throw CLIError.input("the firmware attributes carry no checksum; pass --checksum and --algorithm")
      }
      return Plan(
        title: title ?? info["fw_title"]?.stringValue ?? "firmware", version: version ?? info["fw_version"]?.stringValue ?? "",
        size: size ?? info["fw_size"]?.numberValue?.intValue, checksum: expected, algorithm: algorithm,
        link: url ?? info["fw_url"]?.stringValue)
    }

    /// Downloads, verifies and writes the image, reporting each stage to the platform.
    private func fetch(_ plan: Plan, session: Session, compiler: TopicCompiler, status: any FirmwareStatus) throws {
      let (title, version, size, expected, algorithm) = (plan.title, plan.version, plan.size, plan.checksum, plan.algorithm)
      let target = outputFile ?? Self.safeName(title)
      let toStdout = target == "-"
      if let link = plan.link {
        do { try HTTPDownload.check(link) } catch { throw CLIError(.input, "firmware URL: \(error.description)") }
      }
      let partial = try PartialFile(target: toStdout ? ".stdout-firmware" : target, resume: resume)
      try status.downloading()
      let progress = Progress(total: size)
      let received: Int
      do {
        if let link = plan.link {
          received = try downloadURL(link, into: partial, resuming: resume, progress: progress)
        } else {
          received = try downloadChunks(
            session: session, compiler: compiler, size: size, into: partial, resuming: resume, progress: progress)
        }
        progress.finish()
      } catch let error as CLIError {
        progress.finish()
        status.failed(error.description)
        throw error
      } catch let error as MQTTError {
        progress.finish()
        guard case .connectionLost = error, !toStdout else { throw error }
        throw CLIError(.connectionLost, "\(error.description) after \(partial.size) bytes; run again with --resume to continue")
      }
      try status.downloaded()
      let actual = ChecksumAlgorithm.hex(try partial.digest(algorithm))
      let length = partial.size
      guard actual == expected.lowercased(), size.map({ $0 == length }) ?? true else {
        partial.discard()
        let message = "checksum mismatch for \(title) \(version): \(algorithm.rawValue) \(actual), expected \(expected) (\(length) bytes); nothing was written"
        status.failed(message)
        throw CLIError(.checksumMismatch, message)
      }
      if toStdout {
        let out = StandardOutput()
        try partial.copy(to: out)
        out.flush()
        partial.discard()
      } else {
        try partial.commit()
      }
      try status.verified(installing: exec != nil)
      if output != .text {
        StandardOutput.print(
          JSONValue.object(JSONObject([
            "title": .string(title), "version": .string(version), "size": .number(JSONNumber(received)),
            "algorithm": .string(algorithm.rawValue), "checksum": .string(actual), "file": .string(target),
          ])).jsonText + "\n")
      } else if !toStdout {
        Diagnostics.note("\(title) \(version): \(received) bytes, \(algorithm.rawValue) verified, written to \(target)")
      }
      try install(target: target, title: title, version: version, status: status)
    }

    /// ThingsBoard's v2/fw chunks, a window of requests in flight; `--resume` starts at the first whole chunk
    /// missing.
    private func downloadChunks(
      session: Session, compiler: TopicCompiler, size: Int?, into partial: PartialFile, resuming: Bool, progress: Progress
    ) throws -> Int {
      var first = 0
      if resuming {
        first = partial.size / chunkSize
        partial.truncate(to: first * chunkSize)
        if first > 0 { Diagnostics.note("resuming at chunk \(first) (\(first * chunkSize) bytes)") }
      }
      var transfer = ChunkedTransfer(
        session: session, compiler: compiler, operation: "fw.chunk", requestID: Int.random(in: 1...2_000_000_000),
        chunkSize: chunkSize, size: size, window: window, chunkTimeout: chunkTimeout, retries: retries,
        qos: .atLeastOnce)
      do {
        try transfer.subscribe()
        return try transfer.run(
          from: first, write: { index, bytes in try partial.write(bytes, at: index * chunkSize) },
          progress: { progress.update($0) })
      } catch let error as ChunkedTransferError {
        switch error {
        case .platform(let text): throw CLIError(.platformError, "ThingsBoard refused the firmware request: \(text)")
        case .unanswered(let chunk, let attempts): throw CLIError(.timeout, "chunk \(chunk) went unanswered after \(attempts) requests; --resume continues")
        case .inconsistent(let why): throw CLIError(.input, why)
        }
      }
    }

    /// A package with a URL (fw_url, a firmware verb's url, or --image-url): HTTP(S), streamed to the partial file;
    /// `--resume` asks for the rest with a Range request.
    private func downloadURL(_ link: String, into partial: PartialFile, resuming: Bool, progress: Progress) throws -> Int {
      let offset = resuming ? partial.size : 0
      if offset > 0 { Diagnostics.note("resuming at byte \(offset)") }
      let download = HTTPDownload(tls: TLSOptions(caFile: urlCAFile), timeout: max(chunkTimeout, 10))
      do {
        return try download.fetch(
          link, from: offset, start: { partial.truncate(to: $0) },
          write: { position, bytes in
            try partial.write(bytes, at: position)
            progress.update(position + bytes.count)
          })
      } catch let error as DownloadError {
        switch error {
        case .status: throw CLIError(.platformError, "firmware download failed: \(error.description)")
        case .malformed: throw CLIError(.input, "firmware download failed: \(error.description)")
        case .untrusted: throw CLIError(.unreachable, "firmware download refused: \(error.description); pass --image-cafile with its CA")
        case .network(let cause, let received) where received > 0:
          throw CLIError(.connectionLost, "firmware download dropped: \(cause.description) after \(received) bytes; run again with --resume to continue")
        case .network(let cause, _): throw CLIError(.unreachable, "firmware download failed: \(cause.description)")
        }
      }
    }

    /// The shared fw_* attributes, asked for or (with --wait) pushed.
    private func discover(session: Session, compiler: inout TopicCompiler) throws -> JSONObject {
      let keys = "fw_checksum,fw_checksum_algorithm,fw_size,fw_title,fw_version,fw_url"
      if wait {
        let updates = try compiler.compile("attributes.updates")
        try session.subscribe([updates.topic], qos: .atLeastOnce)
        var pushed: JSONObject?
        _ = try session.nextMessage(until: .after(seconds: timeout)) { message in
          pushed = message.topic == updates.topic ? (try? JSONParser.parse(message.payload).objectValue) : nil
          return pushed?["fw_title"] != nil
        }
        guard let pushed, pushed["fw_title"] != nil else {
          throw CLIError(.timeout, "no firmware attributes pushed within \(formatSeconds(timeout)) s")
        }
        return pushed
      }
      let call = OperationCall(compiled: try compiler.compile("attributes.request"), compiler: compiler, profile: compiler.profile)
      let payload = JSONValue.object(JSONObject(["sharedKeys": .string(keys)])).jsonBytes
      guard let reply = try call.run(session: session, payload: payload, properties: MessageProperties(), timeout: timeout),
        let shared = (try? JSONParser.parse(reply.payload))?["shared"]?.objectValue, shared["fw_title"] != nil || title != nil
      else {
        throw CLIError(.platformError, "no firmware is assigned to this device (the shared fw_* attributes are empty)")
      }
      return shared
    }

    private func install(target: String, title: String, version: String, status: any FirmwareStatus) throws {
      guard let exec else { return }
      if reportUpdated { try status.updating() }
      let outcome = Handler(command: "\(exec) \"$IOTCTL_FIRMWARE_FILE\"", timeout: 0).run(
        input: [], environment: ["IOTCTL_FIRMWARE_FILE": target, "IOTCTL_FIRMWARE_TITLE": title, "IOTCTL_FIRMWARE_VERSION": version])
      guard outcome.status == 0 else {
        let why = String(decoding: outcome.stderr, as: UTF8.self).trimmingTrailingNewlines
        let message = "install hook failed" + (why.isEmpty ? "" : ": \(why)")
        status.failed(message)
        throw CLIError(.failure, message)
      }
      try status.installed(title: title, version: version, reportUpdated: reportUpdated)
    }

    /// A file name from fw_title: path separators and leading dots removed.
    static func safeName(_ title: String) -> String {
      let cleaned = String(title.map { $0 == "/" || $0 == "\\" ? "_" : $0 }).drop { $0 == "." }
      return cleaned.isEmpty ? "firmware.bin" : String(cleaned)
    }
  }
}

/// What the platform hears about a download, stage by stage.
protocol FirmwareStatus {
  func downloading() throws
  func downloaded() throws
  /// The image is verified and written; `installing` when an install hook runs next.
  func verified(installing: Bool) throws
  func updating() throws
  /// The install hook succeeded.
  func installed(title: String, version: String, reportUpdated: Bool) throws
  /// Best effort: the download, the checksum or the hook failed.
  func failed(_ message: String)
}

/// fw_state telemetry, as ThingsBoard's firmware flow expects it.
struct StateReporter: FirmwareStatus {
  let session: Session
  let compiler: TopicCompiler
  let enabled: Bool

  func report(_ values: KeyValuePairs<String, JSONValue>) throws {
    guard enabled else { return }
    var compiler = compiler
    let telemetry = try compiler.compile("telemetry")
    try session.publish(topic: telemetry.topic, payload: JSONValue.object(JSONObject(values)).jsonBytes, qos: .atLeastOnce)
  }

  func downloading() throws { try report(["fw_state": "DOWNLOADING"]) }
  func downloaded() throws { try report(["fw_state": "DOWNLOADED"]) }
  func verified(installing: Bool) throws { try report(["fw_state": "VERIFIED"]) }
  func updating() throws { try report(["fw_state": "UPDATING"]) }
  func installed(title: String, version: String, reportUpdated: Bool) throws {
    guard reportUpdated else { return }
    try report(["fw_state": "UPDATED", "current_fw_title": .string(title), "current_fw_version": .string(version)])
  }
  func failed(_ message: String) { try? report(["fw_state": "FAILED", "fw_error": .string(message)]) }
}

/// A progress bar on stderr when it is a terminal: bytes, rate and time left.
final class Progress {
  private let total: Int?
  private let enabled = isatty(2) == 1
  private let started = Deadline.now
  private var lastDrawn = Deadline(nanoseconds: 0)

  init(total: Int?) { self.total = total }

  func update(_ bytes: Int) {
    guard enabled, Deadline.now.seconds(since: lastDrawn) > 0.1 else { return }
    lastDrawn = .now
    let elapsed = max(Deadline.now.seconds(since: started), 0.001)
    let rate = Double(bytes) / elapsed
    var line = "\r\(bytes / 1024) KiB"
    if let total, total > 0 {
      let left = rate > 0 ? Double(total - bytes) / rate : 0
      line += " of \(total / 1024) KiB (\(bytes * 100 / total)%), \(Int(rate / 1024)) KiB/s, \(Int(left)) s left"
    } else {
      line += ", \(Int(rate / 1024)) KiB/s"
    }
    Diagnostics.write(line + "\u{1B}[K")
  }

  func finish() {
    if enabled { Diagnostics.write("\r\u{1B}[K") }
  }
}
