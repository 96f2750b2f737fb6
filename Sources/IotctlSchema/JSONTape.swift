#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON text checked and laid out flat, one token per value and per object key in document order, so
/// that a validator can walk it without building a ``JSONValue`` (simdjson's tape, much simplified).
///
/// Reuse one tape for many texts: filling it keeps its storage. A tape holds texts of up to
/// `Int32.max` bytes.
struct JSONTape {
  struct Token {
    enum Kind: UInt8 {
      case null, `false`, `true`, number, string, array, object
    }

    var kind: Kind
    /// A string of ASCII without escapes; a number written as an integer (no fraction or exponent).
    var plain: Bool
    /// The value's bytes in the text; a string's include its quotes.
    var start: Int32
    var end: Int32
    /// An array's items or an object's members.
    var count: Int32
    /// The index of the token after this value (after an array's or object's last token).
    var next: Int32

    var range: Range<Int> { Int(start)..<Int(end) }
    var following: Int { Int(next) }
    var length: Int { Int(end - start) }
  }

  /// Token storage that appending writes into directly: an array's append checked its uniqueness and
  /// capacity on every token, a fifth of building a tape.
  final class Storage {
    private(set) var base: UnsafeMutablePointer<Token>
    private(set) var capacity: Int

    init(capacity: Int) {
      self.capacity = capacity
      base = .allocate(capacity: capacity)
    }

    func grow() {
      let larger = UnsafeMutablePointer<Token>.allocate(capacity: capacity * 2)
      larger.moveInitialize(from: base, count: capacity)
      base.deallocate()
      base = larger
      capacity *= 2
    }

    deinit { base.deallocate() }
  }

  private(set) var storage = Storage(capacity: 64)
  private(set) var count = 0
  /// The longest string value in UTF-8 bytes as written, escapes included: at least its decoded length.
  var longestString = 0

  init() {}

  /// Empties the tape, on storage of its own.
  mutating func reset() {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(capacity: storage.capacity) }
    count = 0
    longestString = 0
  }

  mutating func append(_ token: Token) {
    if count == storage.capacity { storage.grow() }
    (storage.base + count).initialize(to: token)
    count += 1
  }

  subscript(position: Int) -> Token {
    get { storage.base[position] }
    nonmutating set { storage.base[position] = newValue }
  }

  /// The tokens, valid while the tape is neither changed nor released.
  var tokens: UnsafeBufferPointer<Token> { UnsafeBufferPointer(start: storage.base, count: count) }
}

extension JSONParser {
  /// The most members an object may have on a tape: its keys are checked for duplicates pairwise.
  static let tapeMemberLimit = 64

  /// Fills `tape` with the JSON text in `buffer`. Returns false when ``parse(_:)`` would refuse the text,
  /// and also for what a tape does not hold: an object key with escapes, an object of more than
  /// ``tapeMemberLimit`` members. Whatever it accepts, ``parse(_:)`` accepts.
  static func fill(_ tape: inout JSONTape, from buffer: UnsafeRawBufferPointer) -> Bool {
    tape.reset()
    guard buffer.count < Int32.max else { return false }
    var parser = JSONParser(bytes: buffer)
    parser.skipWhitespace()
    guard parser.tapeValue(&tape) else { return false }
    parser.skipWhitespace()
    return parser.index == buffer.count
  }

  private mutating func tapeValue(_ tape: inout JSONTape) -> Bool {
    guard let byte = current else { return false }
    let start = index
    let kind: JSONTape.Token.Kind
    var plain = false
    switch byte {
    case UInt8(ascii: "{"): return tapeObject(&tape)
    case UInt8(ascii: "["): return tapeArray(&tape)
    case UInt8(ascii: "\""):
      guard let string = tapeString() else { return false }
      kind = .string
      plain = string == .ascii
      tape.longestString = max(tape.longestString, index - start - 2)
    case UInt8(ascii: "t"):
      guard (try? expectWord("true")) != nil else { return false }
      kind = .true
    case UInt8(ascii: "f"):
      guard (try? expectWord("false")) != nil else { return false }
      kind = .false
    case UInt8(ascii: "n"):
      guard (try? expectWord("null")) != nil else { return false }
      kind = .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      guard let integer = try? scanNumber() else { return false }
      kind = .number
      plain = integer
    default:
      return false
    }
    tape.append(.init(kind: kind, plain: plain, start: Int32(start), end: Int32(index), count: 0, next: Int32(tape.count + 1)))
    return true
  }

  private enum TapeString { case ascii, unicode, escaped }

  /// Moves past the string at the cursor; nil when ``parseString()`` would refuse it, which also checks
  /// the rarer strings (escapes, non-ASCII) itself.
  private mutating func tapeString() -> TapeString? {
    let start = index
    index += 1
    // Eight bytes at a time up to the first that needs a look: a quote, a backslash, a control or
    // non-ASCII byte.
    if let base = bytes.baseAddress {
      while index + 8 <= bytes.count {
        let special = Self.specialBytes(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
        if special != 0 {
          index += special.trailingZeroBitCount / 8
          break
        }
        index += 8
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return .ascii
      }
      if byte < 0x20 { return nil }
      if byte == UInt8(ascii: "\\") || byte >= 0x80 { break }
      index += 1
    }
    index = start
    guard (try? parseString()) != nil else { return nil }
    return bytes[start + 1..<index - 1].contains(UInt8(ascii: "\\")) ? .escaped : .unicode
  }

  /// The high bit of each byte of `word` that is a quote, a backslash, below 0x20 or above 0x7F. Bits above
  /// the lowest may be false (a borrow runs upward), so only the lowest is to be trusted.
  @inline(__always)
  private static func specialBytes(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    func zero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & high }
    let below = (word &- ones &* 0x20) & ~word & high
    return zero(word ^ (ones &* 0x22)) | zero(word ^ (ones &* 0x5C)) | below | (word & high)
  }

  /// Opens an array's or object's token; `close` sets its count and extent.
  private mutating func open(_ kind: JSONTape.Token.Kind, _ tape: inout JSONTape) -> Int? {
    guard (try? enter()) != nil else { return nil }
    let position = tape.count
    tape.append(.init(kind: kind, plain: false, start: Int32(index), end: Int32(index), count: 0, next: Int32(position + 1)))
    index += 1
    skipWhitespace()
    return position
  }

  private mutating func close(_ position: Int, count: Int, _ tape: inout JSONTape) -> Bool {
    index += 1
    depth -= 1
    tape[position].end = Int32(index)
    tape[position].count = Int32(count)
    tape[position].next = Int32(tape.count)
    return true
  }

  private mutating func tapeArray(_ tape: inout JSONTape) -> Bool {
    guard let position = open(.array, &tape) else { return false }
    if current == UInt8(ascii: "]") { return close(position, count: 0, &tape) }
    var count = 0
    while true {
      skipWhitespace()
      guard tapeValue(&tape), let more = another(UInt8(ascii: "]")) else { return false }
      count += 1
      if !more { return close(position, count: count, &tape) }
    }
  }

  /// After an item or member: true past a comma, false at `closer`, nil at anything else.
  private mutating func another(_ closer: UInt8) -> Bool? {
    skipWhitespace()
    switch current {
    case UInt8(ascii: ","):
      index += 1
      return true
    case closer: return false
    default: return nil
    }
  }

  private mutating func tapeObject(_ tape: inout JSONTape) -> Bool {
    guard let position = open(.object, &tape) else { return false }
    if current == UInt8(ascii: "}") { return close(position, count: 0, &tape) }
    var count = 0
    while true {
      skipWhitespace()
      let keyStart = index
      guard current == UInt8(ascii: "\""), let key = tapeString(), key != .escaped, count < Self.tapeMemberLimit else {
        return false
      }
      let keyToken = tape.count
      tape.append(.init(kind: .string, plain: key == .ascii, start: Int32(keyStart), end: Int32(index), count: 0, next: Int32(keyToken + 1)))
      if isDuplicate(keyToken, in: position, tape) { return false }
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { return false }
      index += 1
      skipWhitespace()
      guard tapeValue(&tape), let more = another(UInt8(ascii: "}")) else { return false }
      count += 1
      if !more { return close(position, count: count, &tape) }
    }
  }

  /// Whether the key at `keyToken` repeats an earlier key of the object at `object`. Keys without escapes
  /// are equal exactly when their bytes are.
  private func isDuplicate(_ keyToken: Int, in object: Int, _ tape: JSONTape) -> Bool {
    let key = tape[keyToken]
    var earlier = object + 1
    while earlier < keyToken {
      let other = tape[earlier]
      if other.end - other.start == key.end - key.start,
        memcmp(bytes.baseAddress! + Int(other.start), bytes.baseAddress! + Int(key.start), Int(key.end - key.start)) == 0
      {
        return true
      }
      earlier = Int(tape[earlier + 1].next)
    }
    return false
  }
}
