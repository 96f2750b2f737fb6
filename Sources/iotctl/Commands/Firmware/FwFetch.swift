import ArgumentParser
import IotctlDevice
import IotctlDialect
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
        over one session, retrying a chunk that goes unanswered. The window of requests in flight \
        starts at 32 and doubles while throughput holds, up to the platform's in-flight limit (the \
        profile's maxInflight: 100 for ThingsBoard), and halves on a chunk timeout; --window N pins it. The \
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
          iotctl fw fetch --dialect thingsboard --var token=$T --chunk-size 65536 \\
            --window 8 -o fw.bin --exec ./install.sh --report-updated
          iotctl fw fetch --dialect thingsboard --var token=$T \\
            --image-cafile corp-ca.pem -o fw.bin    # a fw_url package
          iotctl fw fetch --dialect kaa --var app=demo_v1 --var token=$K -o app.bin \\
            --exec ./install.sh
        """)

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Option(name: [.customShort("o"), .customLong("output-file")], help: "Where to write the image (default: its title); - for stdout.", completion: .file())
    var outputFile: String?

    @Option(name: .customLong("chunk-size"), help: "Bytes per chunk (at most the dialect's limit: 65536 for ThingsBoard).")
    var chunkSize = 16384

    @Option(
      name: .customLong("window"),
      help: "Chunk requests in flight at once (default: adaptive, up to the platform's in-flight limit).")
    var window: Int?

    @Option(name: .customLong("chunk-timeout"), help: ArgumentHelp("Seconds before an unanswered chunk is requested again; for a URL, seconds without a byte before the download stops.", valueName: "seconds"))
    var chunkTimeout: Double = 5

    @Option(
      name: .customLong("max-size"),
      help: ArgumentHelp("The most bytes to take (default: the announced size; 1 GiB when none is announced).", valueName: "bytes"))
    var maxSize: Int?

    @Option(
      name: .customLong("reconnect"),
      help: "After a lost connection: never, a number of attempts, or forever; the download goes on where it was.")
    var reconnect: ReconnectPolicy = .never

    @Option(name: .customLong("retries"), help: "Times a chunk is requested again before giving up.")
    var retries = 3

    @Flag(name: .customLong("wait"), help: "Ask, and when nothing is announced yet, wait (-W) for an announcement to be pushed.")
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
      // The profile's chunked operation holds the platform's own limit, checked once the dialect is known.
      try NumericFlags.within(chunkSize, 1...(1 << 20), "--chunk-size")
      if let window { try NumericFlags.within(window, 1...1024, "--window") }
      try NumericFlags.within(retries, 0...1000, "--retries")
      try NumericFlags.within(size, 0...(1 << 50), "--size")
      try NumericFlags.within(maxSize, 1...(1 << 50), "--max-size")
      try NumericFlags.seconds(chunkTimeout, "--chunk-timeout", positive: true)
      try NumericFlags.seconds(timeout, "-W", positive: true)
      if let algorithm, ChecksumAlgorithm(name: algorithm) == nil {
        throw ValidationError("--algorithm takes \(ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      if reportUpdated && exec == nil { throw ValidationError("--report-updated goes with --exec") }
      if outputFile == "-" && resume { throw ValidationError("--resume needs a file, not -") }
      if outputFile == "-" && exec != nil { throw ValidationError("--exec needs a file, not -") }
    }

    /// The service's settings, from the flags.
    private var settings: FirmwareFetch.Settings {
      var settings = FirmwareFetch.Settings()
      settings.overrides = FirmwarePlan.Overrides(
        title: title, version: version, size: size, checksum: checksum, algorithm: algorithm, url: url)
      settings.target = outputFile
      settings.resume = resume
      settings.wait = wait
      settings.timeout = timeout
      settings.chunkSize = chunkSize
      settings.window = window
      settings.chunkTimeout = chunkTimeout
      settings.maxSize = maxSize
      settings.retries = retries
      settings.report = !noReport
      settings.reportUpdated = reportUpdated
      settings.exec = exec
      settings.urlCAFile = urlCAFile
      return settings
    }

    func run() throws {
      diagnostics.unwrapped.apply()
      let profile = try dialect.unwrapped.profile()
      let compiler = TopicCompiler(bindings: try dialect.unwrapped.bindings(for: profile))
      let service = try FirmwareFetch(compiler: compiler, settings: settings)
      var (options, _) = try connection.unwrapped.resolve(reconnect: reconnect, dialect: try compiler.connection())
      options.answerAtOnce()
      let session = try Session(options)
      try session.connect()
      defer { session.close() }
      let runner = ExchangeRunner(session: session)
      let plan = try Self.plan(service, facts: try service.announcement(on: runner))
      let progress = Progress(total: plan.size)
      let out = StandardOutput()
      let fetched = Result {
        try service.fetch(
          plan, on: runner, progress: { progress.update($0) }, note: { Diagnostics.note($0) }, stream: { out.write($0) })
      }
      progress.finish()
      let outcome = try fetched.get()
      out.write(outcome.hookOutput)
      out.flush()
      if output != .text {
        StandardOutput.print(
          JSONValue.object(JSONObject([
            "title": .string(plan.title), "version": .string(plan.version), "size": .number(JSONNumber(outcome.bytes)),
            "algorithm": .string(plan.algorithm.rawValue), "checksum": .string(outcome.checksum), "file": .string(outcome.file),
          ])).jsonText + "\n")
      } else if outcome.file != "-" {
        let what = Terminal.printable("\(plan.title) \(plan.version)")
        Diagnostics.note(
          "\(what): \(outcome.bytes) bytes, \(plan.algorithm.rawValue) verified, written to \(Terminal.printable(outcome.file))")
      }
    }

    /// The plan; an announcement iotctl cannot fetch is printed as JSON before the error, as it is still
    /// worth seeing.
    private static func plan(_ service: FirmwareFetch, facts: [FirmwareVerb.Field: String]) throws -> FirmwarePlan {
      do {
        return try service.plan(facts)
      } catch {
        if error.kind == .platformError {
          var shown = JSONObject()
          shown["dialect"] = .string(service.compiler.profile.name)
          for field in FirmwareVerb.Field.allCases { if let value = facts[field] { shown[field.rawValue] = .string(value) } }
          StandardOutput.print(JSONValue.object(shown).jsonText + "\n")
        }
        throw error
      }
    }
  }
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
      line += " of \(total / 1024) KiB (\(bytes * 100 / total)%), \(Int(min(rate, 1e15) / 1024)) KiB/s, \(Int(min(left, 1e9))) s left"
    } else {
      line += ", \(Int(min(rate, 1e15) / 1024)) KiB/s"
    }
    Diagnostics.write(line + "\u{1B}[K")
  }

  func finish() {
    if enabled { Diagnostics.write("\r\u{1B}[K") }
  }
}
