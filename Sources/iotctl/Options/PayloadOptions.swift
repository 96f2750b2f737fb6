import ArgumentParser

/// Where a one-shot message's payload comes from: exactly one of `-m`, `-f`, `-s`, `-n`
/// (line mode, `-l`, belongs to the verb).
struct PayloadOptions: ParsableArguments {
  @Option(name: [.customShort("m"), .customLong("message")], help: "Payload text.")
  var message: String?

  @Option(name: [.customShort("f"), .customLong("file")], help: "Send this file's bytes as the payload.",
    completion: .file())
  var file: String?

  @Flag(name: [.customShort("s"), .customLong("stdin-file")], help: "Send all of standard input as one payload.")
  var stdinWhole = false

  @Flag(name: [.customShort("n"), .customLong("null-message")], help: "Send a zero-length payload.")
  var nullMessage = false
}

extension PayloadOptions.Values {
  /// Throws unless exactly one source is given, counting the verb's own `-l`.
  func validateSource(lineMode: Bool) throws {
    let sources = [message != nil, file != nil, stdinWhole, nullMessage, lineMode].filter { $0 }.count
    if sources == 0 { throw ValidationError("no payload: give one of -m, -f, -s, -n or -l") }
    if sources > 1 { throw ValidationError("give only one of -m, -f, -s, -n and -l") }
  }

  /// The payload bytes; reads the file or stdin now, so a bad path fails before any connection.
  func load() throws(CLIError) -> [UInt8]? {
    if let message { return Array(message.utf8) }
    if let file { return try Input.readFile(file, purpose: "payload file") }
    if stdinWhole { return try Input.readAll(fd: CommandEnvironment.current.input, name: "standard input") }
    if nullMessage { return [] }
    return nil
  }
}
