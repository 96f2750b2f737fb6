import ArgumentParser
import Dispatch
import IotctlDevice
import IotctlDialect
import IotctlSchema

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

extension Iotctl.Schema {
  /// `iotctl schema validate`.
  struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "validate",
      abstract: "Validate instances against a schema file or a dialect operation's schema.",
      discussion: """
        Each input (a file, or - for stdin) holds one JSON document, or JSON Lines: one instance per \
        line. One result line per instance: 'ok NAME' or 'invalid NAME: POINTER: MESSAGE [SCHEMA \
        LOCATION]; ...' listing every error. Exits 0 when all are valid, 10 when any is invalid, 3 \
        when an input is not JSON.

        The draft comes from the schema's $schema (the unversioned http://json-schema.org/schema# \
        means draft 7), else --draft, else 7. $refs to other files resolve relative to the schema \
        file; nothing is fetched from the network.

        With --from-records each input line is a record as 'iotctl sub --output jsonl' prints it (or \
        'pub -l --line-format jsonl' reads it): its payload is validated, named by line and topic, \
        and each result is printed as its line arrives.

        A file of more than 8,192 lines is validated in chunks on every processor; its results keep \
        the input's order.

        Examples:
          iotctl schema validate --schema reading.schema.json reading.json
          iotctl sub -t 'sensors/#' --output jsonl \\
            | iotctl schema validate --schema s.json --from-records -
          iotctl schema validate --dialect kaa --op metadata.update - \\
            <<< '{"name": "Sensor 1"}'
        """)

    enum Part: String, ExpressibleByArgument, CaseIterable {
      case message, response, error, reply
    }

    @Option(name: .customLong("schema"), help: "A JSON Schema file.", completion: .file(extensions: ["json"]))
    var schemaFile: String?

    @Option(name: .customLong("draft"), help: "Read the schema as draft 4, 6 or 7, whatever its $schema says.")
    var draft: Int?

    @Option(name: .customLong("dialect"), help: "Use a dialect operation's schema (with --op).", completion: .list(ProfileCatalog.builtinNames))
    var dialect: String?

    @Option(name: .customLong("dialect-file"), help: "Use an operation's schema from this profile file.", completion: .file(extensions: ["json"]))
    var dialectFile: String?

    @Option(name: .customLong("op"), help: "The operation whose schema applies.")
    var operation: String?

    @Option(name: .customLong("part"), help: "Which message of the operation: message, response, error or reply.")
    var part: Part = .message

    @Flag(name: .customLong("jsonl"), help: "Read every input as JSON Lines, even a single line.")
    var jsonLines = false

    @Flag(
      name: .customLong("assert-format"),
      help: "Make 'format' an assertion: date-time, date, time, email, hostname, ipv4, ipv6, uri, uri-reference, json-pointer, relative-json-pointer, uri-template, regex.")
    var assertFormat = false

    @Flag(name: .customLong("from-records"), help: "Validate the payload of each 'sub --output jsonl' record, as it arrives.")
    var fromRecords = false

    @Flag(name: [.customShort("q"), .customLong("quiet-valid")], help: "Print nothing for valid instances.")
    var quietValid = false

    @Argument(help: "Instance files; - or nothing reads standard input.", completion: .file())
    var inputs: [String] = []

    func validate() throws { try unwrapped.checkOptions() }

    func run() throws { try unwrapped.execute() }
  }
}

extension Iotctl.Schema.Validate.Values {
  /// The most lines one thread validates at a time; a file of fewer is validated on one thread.
  static let chunkSize = 8192

  /// Whether a line holds only spaces, tabs and carriage returns: not an instance.
  private static func isBlank(_ line: some Collection<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
  }

  /// Compiles the schema in `path`; `$ref`s to other files resolve relative to it.
  static func loadSchema(_ path: String, draft: SchemaDraft?, assertFormat: Bool = false) throws -> JSONSchema {
    let document = try Input.json(try Input.readFile(path, purpose: "schema"), what: "schema '\(path)'")
    let base = "file://" + FilePath.absolute(path)
    let resources = SchemaResources { uri in
      guard uri.hasPrefix("file://") else { return nil }
      let file = String(uri.dropFirst("file://".count))
      // A $ref is read only from a regular file of a schema's size: /dev/zero or a FIFO is no schema.
      guard let bytes = try? FileContents.read(file, limit: FileContents.largestDocument, regularOnly: true) else { return nil }
      return try? JSONParser.parse(bytes)
    }
    do {
      return try JSONSchema(document, draft: draft, baseURI: base, resources: resources, assertFormat: assertFormat)
    } catch {
      throw CLIError.input("schema '\(path)' is not usable: \(error)")
    }
  }

  func checkOptions() throws {
    let dialectGiven = dialect != nil || dialectFile != nil
    if (schemaFile != nil) == dialectGiven {
      throw ValidationError("give --schema FILE, or --dialect NAME (or --dialect-file FILE) with --op")
    }
    if dialectGiven && operation == nil { throw ValidationError("--dialect needs --op OPERATION") }
    if dialect != nil && dialectFile != nil { throw ValidationError("give --dialect or --dialect-file, not both") }
    if let draft, SchemaDraft(rawValue: draft) == nil { throw ValidationError("--draft must be 4, 6 or 7") }
    if draft != nil && schemaFile == nil { throw ValidationError("--draft applies to --schema only") }
    if fromRecords && jsonLines { throw ValidationError("--from-records reads JSON Lines already; leave out --jsonl") }
  }

  func execute() throws {
    let check = try makeCheck()
    let out = StandardOutput()
    var report = ValidationReport(quietValid: quietValid)
    for input in inputs.isEmpty ? ["-"] : inputs {
      let name = input == "-" ? "stdin" : input
      if fromRecords {
        try eachRecord(in: input) { number, record in
          switch record {
          case .success(let message): report.record("\(name):\(number) \(message.topic)", check.check(message.payload))
          case .failure(let problem):
            let text = problem.description
            let prefix = "line \(number): "
            report.record("\(name):\(number)", .malformed(text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text))
          }
          // A pipeline from 'sub' never ends: each result goes out as its record arrives.
          report.drain(to: out)
          out.flush()
        }
        continue
      }
      let bytes = try Input.readFile(input, purpose: "instance file")
      bytes.withUnsafeBytes { buffer in
        let instances = instances(in: buffer)
        let chunks = stride(from: 0, to: instances.count, by: Self.chunkSize).map { $0..<min($0 + Self.chunkSize, instances.count) }
        if chunks.count < 2 {
          validate(instances[...], of: buffer, named: name, check: check, into: &report)
        } else {
          // Chunks of a large file on every processor; the results are printed in input order.
          var reports = [ValidationReport](repeating: ValidationReport(quietValid: quietValid), count: chunks.count)
          reports.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let buffer = buffer
            DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
              validate(instances[chunks[chunk]], of: buffer, named: name, check: check, into: &slots[chunk])
            }
          }
          for var chunk in reports {
            chunk.drain(to: out)
            report.count(chunk)
          }
        }
      }
      report.drain(to: out)
    }
    out.flush()
    let (invalid, malformed) = (report.invalid, report.malformed)
    if malformed > 0 { throw CLIError.input("\(malformed) input\(malformed == 1 ? " is" : "s are") not JSON (listed on stdout)") }
    if invalid > 0 {
      throw CLIError(.schemaViolation, "\(invalid) instance\(invalid == 1 ? " does" : "s do") not match the schema (listed on stdout)")
    }
  }

  private func validate(
    _ instances: ArraySlice<(line: Int?, range: Range<Int>)>, of buffer: UnsafeRawBufferPointer, named name: String,
    check: PayloadCheck, into report: inout ValidationReport
  ) {
    var validator = check.textValidator()
    for (line, range) in instances {
      let instance = UnsafeRawBufferPointer(rebasing: buffer[range])
      // Most instances pass, and the tape settles those without building a value; the rest are parsed
      // and checked again for what to report.
      let verdict = check.passes(instance, using: &validator) ? .valid(nil) : check.check(Array(instance))
      report.record(line.map { "\(name):\($0)" } ?? name, verdict)
    }
  }

  /// Calls `body` with each non-empty line of `input` (a file, or - for stdin) read as a message record.
  private func eachRecord(in input: String, _ body: (UInt64, Result<OutgoingMessage, DeviceError>) -> Void) throws {
    let fd = input == "-" ? CommandEnvironment.current.input : open(input, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      throw CLIError.input("cannot read instance file '\(input)': \(String(cString: strerror(errno)).lowercased())")
    }
    defer { if input != "-" { close(fd) } }
    let reader = LineReader(fd: fd)
    while let line = try reader.next() {
      if Self.isBlank(line) { continue }
      let number = reader.lineNumber
      body(number, Result { () throws(DeviceError) in try MessageRecord.outgoing(fromJSONLine: line, number: number, defaultTopic: "") })
    }
  }

  /// A whole document (line nil), or the byte range of each non-empty line, with its number, when the
  /// whole is not one JSON value.
  private func instances(in bytes: UnsafeRawBufferPointer) -> [(line: Int?, range: Range<Int>)] {
    let whole = [(line: Int?.none, range: 0..<bytes.count)]
    if !jsonLines, (try? JSONParser.parse(bytes)) != nil { return whole }
    var lines: [(line: Int?, range: Range<Int>)] = []
    var start = 0
    var number = 0
    while start <= bytes.count {
      let newline = bytes.baseAddress.flatMap { base in memchr(base + start, 0x0A, bytes.count - start).map { base.distance(to: $0) } }
      let end = newline ?? bytes.count
      number += 1
      if !Self.isBlank(bytes[start..<end]) { lines.append((number, start..<end)) }
      start = end + 1
    }
    return !jsonLines && lines.count <= 1 ? whole : lines
  }

  private func makeCheck() throws -> PayloadCheck {
    if let schemaFile {
      return PayloadCheck(schema: try Self.loadSchema(schemaFile, draft: draft.flatMap(SchemaDraft.init(rawValue:)), assertFormat: assertFormat))
    }
    let catalog = ProfileCatalog(environment: Environment.all)
    let profile = try dialectFile.map { path throws(CoreError) in try catalog.load(file: path) } ?? catalog.load(dialect!)
    let compiler = TopicCompiler(bindings: try VariableBindings(profile: profile, given: [:], environment: [:]))
    let operation = try compiler.operation(self.operation!)
    let spec: MessageSpec? =
      switch part {
      case .message: operation.message
      case .response: operation.response
      case .error: operation.error
      case .reply: operation.reply
      }
    guard let spec else {
      throw CLIError.usage("operation \(operation.name) of dialect \(profile.name) has no \(part.rawValue) message")
    }
    if spec.schema == nil { Diagnostics.note("\(operation.name) \(part.rawValue) has no schema; only the payload kind (\(spec.payload.rawValue)) is checked") }
    return try PayloadCheck(spec, assertFormat: assertFormat)
  }
}
