import ArgumentParser
import IotctlDevice
import IotctlMQTT
import IotctlSchema

/// How received messages are printed: `-v`, `-N` and `--output text|jsonl`.
struct OutputFormatOptions: ParsableArguments {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
  }

  @Option(name: .customLong("output"), help: "text (payload per line) or jsonl (one JSON record per message).")
  var format: Format = .text

  @Flag(name: [.customShort("v"), .customLong("verbose-output")], help: "Text output: print 'topic payload'.")
  var withTopic = false

  @Flag(name: [.customShort("N"), .customLong("no-eol")], help: "Text output: no newline after each payload.")
  var noNewline = false
}

extension OutputFormatOptions.Values {
  /// Writes one message in the chosen format.
  func print(_ message: Message, to output: StandardOutput, extra: [(String, JSONValue)] = []) {
    switch format {
    case .jsonl:
      output.write(MessageRecord.json(for: message, extra: extra).jsonText)
      output.write("\n")
    case .text:
      if withTopic {
        output.write(message.topic)
        output.write(" ")
      }
      output.write(message.payload)
      if !noNewline { output.write("\n") }
    }
    output.flush()
  }
}
