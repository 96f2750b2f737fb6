#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON syntax error with its position.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  /// 1-based line and column of the offending byte.
  public var line: Int
  public var column: Int

  public var description: String { "\(message) at line \(line), column \(column)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// It rejects invalid UTF-8, duplicate object keys, and nesting deeper than ``maximumDepth``, so that
/// malformed or hostile input fails with a position instead of a crash.
public struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  public static let maximumDepth = 512

  let bytes: UnsafeRawBufferPointer
  var index = 0
  var depth = 0

  /// Parses one JSON text; surrounding white space is allowed, anything else is an error.
  public static func parse(_ data: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
    // Arrays and their slices are read in place: copying a slice through the generic initializer cost
    // 100,000 instructions per profile operation.
    let result =
      data.withContiguousStorageIfAvailable { whole(UnsafeRawBufferPointer($0), read: readValue) }
      ?? Array(data).withUnsafeBytes { whole($0, read: readValue) }
    return try result.get()
  }

  private static func readValue(_ parser: inout JSONParser) throws(JSONParseError) -> JSONValue { try parser.parseValue() }

  /// The one JSON text in `buffer`, as `read` reads it from the first non-blank byte; white space may
  /// follow it, anything else is an error.
  private static func whole<Value>(
    _ buffer: UnsafeRawBufferPointer, read: (inout JSONParser) throws(JSONParseError) -> Value
  ) -> Result<Value, JSONParseError> {
    var parser = JSONParser(bytes: buffer)
    do throws(JSONParseError) {
      parser.skipWhitespace()
      let value = try read(&parser)
      parser.skipWhitespace()
      if parser.index < buffer.count { throw parser.error("unexpected text after the JSON value") }
      return .success(value)
    } catch {
      return .failure(error)
    }
  }

  /// Parses a JSON text given as a string.
  public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
    try parse(text.utf8)
  }

  /// An object parsed with some members left as text, for a document whose large parts are seldom
  /// all needed (a built-in dialect profile: a verb uses one of its operations).
  public struct DeferredObject: Sendable {
    /// The object without the deferred members.
    public var object: JSONObject
    /// Each deferred member that is present: its own members' keys, in document order, and the byte
    /// ranges of their values in the text. A range is checked only when it is parsed.
    public var deferred: [String: [(key: String, range: Range<Int>)]]
  }

  /// Parses a JSON object, except that each member named in `names` must be an object whose members'
  /// values are skipped rather than parsed; see ``DeferredObject``.
  public static func parse(_ text: [UInt8], deferring names: Set<String>) throws(JSONParseError) -> DeferredObject {
    try text.withUnsafeBytes { buffer in
      whole(buffer) { (parser: inout JSONParser) throws(JSONParseError) in try parser.parseDeferringObject(names) }
    }.get()
  }

  init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  func error(_ message: String) -> JSONParseError {
    var line = 1
    var column = 1
    for offset in 0..<min(index, bytes.count) {
      if bytes[offset] == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else if bytes[offset] & 0xC0 != 0x80 {
        column += 1
      }
    }
    return JSONParseError(message: message, line: line, column: column)
  }

  var current: UInt8? { index < bytes.count ? bytes[index] : nil }
  private func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

  @inline(__always)
  mutating func skipWhitespace() {
    // Most calls find none: one comparison settles those.
    if index < bytes.count, bytes[index] > 0x20 { return }
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard let byte = current else { throw error("unexpected end of input, expected a value") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
    default: throw error("unexpected character '\(printable(byte))', expected a value")
    }
  }

  private func printable(_ byte: UInt8) -> String {
    byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
  }

  mutating func expectWord(_ word: StaticString) throws(JSONParseError) {
    let length = word.utf8CodeUnitCount
    guard index + length <= bytes.count else { throw error("invalid literal, expected \(word)") }
    for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
      throw error("invalid literal, expected \(word)")
    }
    index += length
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
  }

  private mutating func parseObject() throws(JSONParseError) -> JSONValue {
    var object = JSONObject()
    try members { parser, key throws(JSONParseError) in
      // Room for a typical payload's members at once: growing from one member took four allocations.
      if object.isEmpty { object = JSONObject(minimumCapacity: 8) }
      return object.insertNew(key, try parser.parseValue())
    }
    return .object(object)
  }

  private mutating func parseDeferringObject(_ names: Set<String>) throws(JSONParseError) -> DeferredObject {
    guard current == UInt8(ascii: "{") else { throw error("expected an object") }
    var result = DeferredObject(object: JSONObject(minimumCapacity: 16), deferred: [:])
    try members { parser, key throws(JSONParseError) in
      let fresh: Bool
      if names.contains(key) {
        fresh = result.object[key] == nil && result.deferred[key] == nil
        if fresh { result.deferred[key] = try parser.skippedMembers() }
      } else {
        let value = try parser.parseValue()
        fresh = result.deferred[key] == nil && result.object.insertNew(key, value)
      }
      return fresh
    }
    return result
  }

  /// The members of the object at the cursor, their values skipped.
  private mutating func skippedMembers() throws(JSONParseError) -> [(key: String, range: Range<Int>)] {
    guard current == UInt8(ascii: "{") else { throw error("expected an object") }
    var found: [(key: String, range: Range<Int>)] = []
    var keys: Set<String> = []
    try members { parser, key throws(JSONParseError) in
      let start = parser.index
      try parser.skipValue()
      found.append((key, start..<parser.index))
      return keys.insert(key).inserted
    }
    return found
  }

  /// Walks the members of the object at the cursor; `member` reads each value and returns false for a
  /// duplicate key.
  private mutating func members(
    _ member: (inout JSONParser, String) throws(JSONParseError) -> Bool
  ) throws(JSONParseError) {
    try enter()
    defer { depth -= 1 }
    index += 1
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
      let keyStart = index
      let key = try parseString()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw error("expected ':' after key") }
      index += 1
      skipWhitespace()
      guard try member(&self, key) else {
        index = keyStart
        throw error("duplicate key \"\(key)\"")
      }
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        return
      default: throw error("expected ',' or '}' in object")
      }
    }
  }

  /// Moves past one value, matching brackets and strings but checking nothing else.
  private mutating func skipValue() throws(JSONParseError) {
    guard let first = current else { throw error("unexpected end of input, expected a value") }
    switch first {
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var nesting = 0
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          nesting += 1
          if nesting > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
          index += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          nesting -= 1
          index += 1
          if nesting == 0 { return }
        case UInt8(ascii: "\""): try skipString()
        default: index += 1
        }
      }
      throw error("unexpected end of input in an unclosed value")
    case UInt8(ascii: "\""): try skipString()
    default:
      let start = index
      while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "}"), byte != UInt8(ascii: "]"),
        byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D
      {
        index += 1
      }
      if index == start { throw error("unexpected character '\(printable(first))', expected a value") }
    }
  }

  /// Moves past the string at the cursor: `memchr` to each quote, then a look back for the backslashes
  /// that would escape it. Most of a profile's bytes are in strings.
  private mutating func skipString() throws(JSONParseError) {
    guard let base = bytes.baseAddress else { throw error("unterminated string") }
    var from = index + 1
    while from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from) {
      let quote = base.distance(to: UnsafeRawPointer(found))
      var backslashes = 0
      while quote - backslashes - 1 > index, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
      if backslashes % 2 == 0 {
        index = quote + 1
        return
      }
      from = quote + 1
    }
    index = bytes.count
    throw error("unterminated string")
  }

  private mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    index += 1
    var array: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(array)
    }
    while true {
      skipWhitespace()
      array.append(try parseValue())
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(array)
      default: throw error("expected ',' or ']' in array")
      }
    }
  }

  private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
    let start = index
    _ = try scanNumber()
    let literal = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
    return JSONNumber(literal: String(decoding: literal, as: UTF8.self), validatedBytes: literal)
  }

  /// Moves past the number at the cursor, checking its grammar; returns whether it is written as an
  /// integer (no fraction or exponent).
  mutating func scanNumber() throws(JSONParseError) -> Bool {
    if current == UInt8(ascii: "-") { index += 1 }
    guard let first = current, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
      throw error("invalid number")
    }
    if first == UInt8(ascii: "0") {
      index += 1
    } else {
      skipDigits()
    }
    var integer = true
    if current == UInt8(ascii: ".") {
      integer = false
      index += 1
      guard isDigit(current) else { throw error("invalid number: expected digits after '.'") }
      skipDigits()
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      integer = false
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard isDigit(current) else { throw error("invalid number: expected digits in exponent") }
      while current == UInt8(ascii: "0") && isDigit(peek(1)) { index += 1 }
      let exponentStart = index
      skipDigits()
      // Past nine digits an exponent no longer fits the exact representation; refuse it rather than
      // compare it wrongly.
      guard index - exponentStart <= 9 else { throw error("number exponent out of range (at most 9 digits)") }
    }
    return integer
  }

  private func isDigit(_ byte: UInt8?) -> Bool {
    guard let byte else { return false }
    return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func skipDigits() {
    while isDigit(current) { index += 1 }
  }

  mutating func parseString() throws(JSONParseError) -> String {
    index += 1
    let start = index
    var isASCII = true
    // Fast path: no escapes.
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        // ASCII is valid UTF-8: decoding it skips the generic validator, which looks up metadata per call.
        if isASCII {
          index += 1
          return String(decoding: slice, as: UTF8.self)
        }
        guard let text = String(validating: slice, as: UTF8.self) else {
          index = start
          throw error("invalid UTF-8 in string")
        }
        index += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { throw error("control character in string; escape it") }
      if byte >= 0x80 { isASCII = false }
      index += 1
    }
    var buffer = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        guard let text = String(validating: buffer, as: UTF8.self) else {
          throw error("invalid UTF-8 in string")
        }
        index += 1
        return text
      case UInt8(ascii: "\\"):
        index += 1
        guard let escape = current else { break }
        index += 1
        switch escape {
        case UInt8(ascii: "\""): buffer.append(0x22)
        case UInt8(ascii: "\\"): buffer.append(0x5C)
        case UInt8(ascii: "/"): buffer.append(0x2F)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try parseHex4()
          if scalar >= 0xD800 && scalar < 0xDC00 {
            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
            else { throw error("unpaired surrogate in \\u escape") }
            index += 2
            let low = try parseHex4()
            guard low >= 0xDC00 && low < 0xE000 else { throw error("unpaired surrogate in \\u escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if scalar >= 0xDC00 && scalar < 0xE000 {
            throw error("unpaired surrogate in \\u escape")
          }
          buffer.append(contentsOf: String(Character(UnicodeScalar(scalar)!)).utf8)
        default:
          index -= 1
          throw error("invalid escape '\\\(printable(escape))'")
        }
      default:
        if byte < 0x20 { throw error("control character in string; escape it") }
        buffer.append(byte)
        index += 1
      }
    }
    throw error("unterminated string")
  }

  private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("invalid hex digit in \\u escape")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
