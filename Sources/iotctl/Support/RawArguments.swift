#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Checks argv before Swift decodes it, because `CommandLine.arguments` silently replaces invalid
/// UTF-8 with U+FFFD, which would turn a bad topic into a different topic.
enum RawArguments {
  /// A one-line message about the first argument that is not valid UTF-8, or `nil`.
  static func firstInvalidUTF8() -> String? {
    for index in 1..<Int(CommandLine.argc) {
      guard let raw = CommandLine.unsafeArgv[index] else { continue }
      let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
      // Decoding repairs each invalid sequence with U+FFFD, so only valid UTF-8 comes back unchanged
      // (and this stays clear of the generic validation path, which costs a start-up conformance scan).
      if !String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes) {
        let previous = index > 1 ? CommandLine.unsafeArgv[index - 1].map { String(cString: $0) } : nil
        let context = previous.map { " (the value after \($0))" } ?? ""
        return "argument \(index)\(context) is not valid UTF-8; MQTT topics must be UTF-8, "
          + "and binary payloads go through -f FILE or -s"
      }
    }
    return nil
  }
}
