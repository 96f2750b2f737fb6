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

extension Iotctl {
  /// `iotctl emulate`: the cloud side of a dialect, on any broker.
  struct Emulate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "emulate",
      abstract: "Play a platform's cloud side on a broker: answer devices, push to them, log what they send.",
      discussion: """
        Every message a device sends becomes one JSON line on stdout: the operation, the variables \
        decoded from the topic, the payload, the schema verdict (valid, invalid, malformed, or \
        unknown-topic) and the topic answered on. The first line is {"event":"ready"} once subscribed.

        Answers follow each operation's "emulate" behaviour in the profile: ThingsBoard attribute \
        requests from the shared attributes (--shared), client RPC (--rpc-reply, getSessionLimits \
        built in), provisioning (--provision); Kaa metadata with full and partial updates, pending \
        commands (--command), configuration (--config), OTA (--ota-config), upload tokens, and \
        {statusCode, reasonPhrase} on /error for invalid requests; Xyte's get re-publishes the \
        configuration, command and licenses; EdgeIQ answers the config request with send_config_v3.

        Firmware (ThingsBoard): --fw-file sets the shared attributes fw_title, fw_version, fw_size, \
        fw_checksum and fw_checksum_algorithm (32-bit checksums in ThingsBoard's byte order) and serves \
        v2/fw/request/ID/chunk/N as ThingsBoard does: the chunk size is remembered per request id, an \
        empty request with none remembered gets the whole image, a chunk past the end is empty, and a \
        size over 65536 gets PAYLOAD_TOO_LARGE on v2/fw/error.

        Pushes: --push OP=JSON after subscribing, or JSON lines on stdin:
          {"push": "rpc.server", "payload": {"method": "reboot", "params": {}}}
          {"push":"commands","payload":{"id":"c1","name":"reboot"},"vars":{"id":"d1"}}
          {"command": "reboot", "payload": {"delay": 5}}    (Kaa: a pending command)

        The emulator uses MQTT 5 (no-local subscriptions keep its own pushes from coming back).
        """)

    @OptionGroup(title: "Dialect")
    var dialect: DialectOptions

    @Option(name: .customLong("shared"), help: ArgumentHelp("A ThingsBoard shared attribute; the value is JSON or text (repeatable).", valueName: "key=value"))
    var shared: [String] = []

    @Option(name: .customLong("shared-file"), help: "ThingsBoard shared attributes from a JSON object file.", completion: .file(extensions: ["json"]))
    var sharedFile: String?

    @Option(name: .customLong("rpc-reply"), help: ArgumentHelp("The reply to a client-side RPC method (repeatable).", valueName: "method=json"))
    var rpcReplies: [String] = []

    @Option(name: .customLong("provision"), help: "The provisioning outcome: SUCCESS, NOT_FOUND or FAILURE.")
    var provision = "SUCCESS"

    @Option(name: .customLong("metadata"), help: "Kaa endpoint metadata from a JSON object file.", completion: .file(extensions: ["json"]))
    var metadataFile: String?

    @Option(name: .customLong("config"), help: "The configuration served (Kaa cmx, Xyte), a JSON file.", completion: .file(extensions: ["json"]))
    var configFile: String?

    @Option(name: .customLong("ota-config"), help: "Kaa's software specification for OTA requests, a JSON file.", completion: .file(extensions: ["json"]))
    var otaConfigFile: String?

    @Option(name: .customLong("ota-version"), help: "The version Kaa OTA answers carry as configId.")
    var otaVersion = "1.0.0"

    @Option(name: .customLong("command"), help: ArgumentHelp("A pending Kaa command (repeatable).", valueName: "type=json"))
    var commands: [String] = []

    @Option(name: .customLong("fw-file"), help: "ThingsBoard: the firmware image to serve over v2/fw chunks.", completion: .file())
    var firmwareFile: String?

    @Option(name: .customLong("fw-title"), help: "ThingsBoard: the firmware title (default: the file's name).")
    var firmwareTitle: String?

    @Option(name: .customLong("fw-version"), help: "ThingsBoard: the firmware version.")
    var firmwareVersion = "1.0.0"

    @Option(name: .customLong("fw-url"), help: "ThingsBoard: announce a URL package (fw_url) for the --fw-file image, served elsewhere.")
    var firmwareURL: String?

    @Option(
      name: .customLong("fw-checksum-algorithm"),
      help: "ThingsBoard: MD5, SHA256, SHA384, SHA512, CRC32, MURMUR3_32 or MURMUR3_128.")
    var firmwareAlgorithm = "SHA256"

    @Option(name: .customLong("push"), help: ArgumentHelp("Push a cloud-to-device operation once ready (repeatable).", valueName: "op=json"))
    var pushes: [String] = []

    @Option(name: .customLong("duration"), help: ArgumentHelp("Stop after this many seconds (0: run until stopped).", valueName: "seconds"))
    var duration: Double = 0

    @OptionGroup(title: "Connection")
    var connection: ConnectionOptions

    @OptionGroup(title: "Diagnostics")
    var diagnostics: DiagnosticOptions

    func validate() throws {
      if !["SUCCESS", "NOT_FOUND", "FAILURE"].contains(provision) {
        throw ValidationError("--provision takes SUCCESS, NOT_FOUND or FAILURE")
      }
      try NumericFlags.seconds(duration, "--duration")
      if ChecksumAlgorithm(name: firmwareAlgorithm) == nil {
        let names = ChecksumAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("--fw-checksum-algorithm takes one of \(names)")
      }
      try NameValue.validate(shared + rpcReplies + commands + pushes)
    }

    func run() throws {
      diagnostics.unwrapped.apply()
      let profile = try dialect.unwrapped.profile()
      let bindings = try dialect.unwrapped.bindings(for: profile)
      let settings = try makeSettings()
      // MQTT 5 by default; 3.1.1 (-V 311) for brokers without it, except for a dialect that needs 5 (Xyte).
      var (options, _) = try connection.unwrapped.resolve(defaultVersion: .v5, needsV5: profile.defaults.mqttVersion == "5")
      // An answer follows the PUBACK of its request at once; Nagle would hold it back for an ACK.
      options.answerAtOnce()
      let session = try Session(options)
      try session.connect()
      defer { session.close() }
      let out = StandardOutput()
      let emulator = try Emulator(bindings: bindings, settings: settings, session: session) { record in
        out.write(record.jsonText + "\n")
        out.flush()
      }
      for pair in commands {
        let (type, value) = NameValue.split(pair)
        try emulator.queueCommand(type: type, payload: Self.json(value))
      }
      try emulator.start()
      for pair in pushes {
        let (name, value) = NameValue.split(pair)
        try emulator.push(name, payload: Self.json(value), variables: [:])
      }
      try serve(emulator, session: session)
    }

    /// Handles messages and stdin commands until the duration ends or the connection is lost.
    private func serve(_ emulator: Emulator, session: Session) throws {
      let end = duration > 0 ? Deadline.after(seconds: duration) : nil
      var stdin = StdinLines()
      while end.map({ !$0.hasPassed }) ?? true {
        if let message = try session.nextMessage(until: .after(seconds: 0.05)) {
          try emulator.handle(message)
        }
        for line in stdin.available() { command(line, emulator) }
      }
    }

    /// Runs one stdin line; a bad line is reported and skipped, never fatal.
    private func command(_ line: String, _ emulator: Emulator) {
      do {
        try EmulatorControl.parse(line)?.apply(to: emulator)
      } catch {
        Diagnostics.warning("stdin line ignored: \(error)")
      }
    }

    private func makeSettings() throws -> EmulatorSettings {
      var settings = EmulatorSettings()
      if let sharedFile {
        guard let object = try Self.jsonFile(sharedFile, "shared attributes").objectValue else {
          throw CLIError.input("shared attributes file '\(sharedFile)' must hold a JSON object")
        }
        settings.sharedAttributes = object
      }
      for pair in shared {
        let (key, value) = NameValue.split(pair)
        settings.sharedAttributes[key] = Self.json(value)
      }
      for pair in rpcReplies {
        let (method, value) = NameValue.split(pair)
        settings.rpcReplies[method] = Self.json(value)
      }
      settings.provisionResult = provision
      if let metadataFile {
        guard let object = try Self.jsonFile(metadataFile, "metadata").objectValue else {
          throw CLIError.input("metadata file '\(metadataFile)' must hold a JSON object")
        }
        settings.metadata = object
      }
      if let configFile { settings.configuration = try Self.jsonFile(configFile, "configuration") }
      if let otaConfigFile { settings.otaConfiguration = try Self.jsonFile(otaConfigFile, "OTA configuration") }
      settings.otaVersion = otaVersion
      if let firmwareFile {
        let bytes = try Input.readFile(firmwareFile, purpose: "firmware file")
        let title = firmwareTitle ?? String(firmwareFile.split(separator: "/").last ?? "firmware")
        settings.firmware = Firmware(
          title: title, version: firmwareVersion, bytes: bytes, algorithm: ChecksumAlgorithm(name: firmwareAlgorithm)!,
          url: firmwareURL)
      }
      return settings
    }

    /// A flag value as JSON, or as a string when it is not JSON.
    static func json(_ text: String) -> JSONValue { (try? JSONParser.parse(text)) ?? .string(text) }

    static func jsonFile(_ path: String, _ purpose: String) throws -> JSONValue {
      try Input.json(try Input.readFile(path, purpose: "\(purpose) file"), what: "\(purpose) file '\(path)'")
    }
  }
}

/// Lines from standard input, read without blocking; after end of file there are no more.
struct StdinLines {
  private var buffer: [UInt8] = []
  private var finished = false

  mutating func available() -> [String] {
    guard !finished else { return [] }
    var lines: [String] = []
    var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    while poll(&descriptor, 1, 0) > 0 {
      var chunk = [UInt8](repeating: 0, count: 65536)
      let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      if count <= 0 {
        finished = true
        if !buffer.isEmpty { lines.append(String(decoding: buffer, as: UTF8.self)) }
        buffer = []
        break
      }
      buffer.append(contentsOf: chunk[0..<count])
    }
    while let newline = buffer.firstIndex(of: 0x0A) {
      lines.append(String(decoding: buffer[..<newline], as: UTF8.self))
      buffer.removeSubrange(...newline)
    }
    return lines
  }
}
