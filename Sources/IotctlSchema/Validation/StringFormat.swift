#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `format` values iotctl can assert (``JSONSchema/init(_:draft:baseURI:resources:assertFormat:)``),
/// as drafts 4 to 7 define them. Formats not listed stay annotations.
public enum StringFormat: String, CaseIterable, Sendable {
  case dateTime = "date-time"
  case date
  case time
  case email
  case hostname
  case ipv4
  case ipv6
  case uri
  case uriReference = "uri-reference"
  case jsonPointer = "json-pointer"
  case relativeJSONPointer = "relative-json-pointer"
  case uriTemplate = "uri-template"
  case regex

  /// Whether `text` is a valid value of this format.
  public func accepts(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    switch self {
    case .dateTime: return Self.isDateTime(bytes)
    case .date: return Self.isDate(bytes[...])
    case .time: return Self.isTime(bytes[...]) != nil
    case .email: return Self.isEmail(bytes)
    case .hostname: return Self.isHostname(bytes[...])
    case .ipv4: return Self.isIPv4(bytes[...])
    case .ipv6: return Self.isIPv6(text)
    case .uri: return Self.isURI(bytes, requireScheme: true)
    case .uriReference: return Self.isURI(bytes, requireScheme: false)
    case .jsonPointer: return Self.isJSONPointer(bytes[...])
    case .relativeJSONPointer: return Self.isRelativeJSONPointer(bytes)
    case .uriTemplate: return Self.isURITemplate(bytes)
    case .regex: return Self.isECMARegex(text)
    }
  }

  // MARK: Regular expressions (ECMA-262)

  /// ECMA-262's syntax: what ``LinearRegex`` parses, and for what it leaves to Swift's `Regex`
  /// (lookaround, backreferences, named groups), Swift's verdict, without the syntax of other dialects
  /// that Swift accepts (Python's `(?P…)`, comments `(?#…)`, inline flags such as `(?i)`).
  static func isECMARegex(_ text: String) -> Bool {
    let failure: LinearRegex.Failure
    do {
      _ = try LinearRegex(text)
      return true
    } catch {
      failure = error
    }
    switch failure {
    case .invalid: return false
    case .tooLarge: return true
    case .unsupported:
      if text.contains("(?P") || text.contains("(?#") { return false }
      let scalars = Array(text.unicodeScalars)
      for index in scalars.indices.dropLast(2) where scalars[index] == "(" && scalars[index + 1] == "?" {
        let flags = scalars[(index + 2)...].prefix { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        let after = index + 2 + flags.count
        if !flags.isEmpty, after < scalars.count, scalars[after] == ")" || scalars[after] == ":" || scalars[after] == "-" {
          return false
        }
      }
      // ES2018 lookbehind, which Swift's Regex does not parse.
      if text.contains("(?<=") || text.contains("(?<!") { return true }
      return (try? Regex(text)) != nil
    }
  }

  // MARK: Dates and times (RFC 3339, section 5.6)

  private static func digits(_ bytes: ArraySlice<UInt8>, _ count: Int) -> Int? {
    guard bytes.count == count, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
  }

  /// `YYYY-MM-DD` with a day that exists in that month.
  static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
    let b = Array(bytes)
    guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D, let year = digits(b[0..<4], 4), let month = digits(b[5..<7], 2),
      let day = digits(b[8..<10], 2), (1...12).contains(month)
    else { return false }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return (1...days).contains(day)
  }

  /// `hh:mm:ss[.frac](Z|±hh:mm)`; returns the time in UTC minutes of the day and the seconds, for the
  /// leap-second rule (a 60th second only at 23:59 UTC).
  static func isTime(_ bytes: ArraySlice<UInt8>) -> (minutes: Int, seconds: Int)? {
    let b = Array(bytes)
    guard b.count >= 9, b[2] == 0x3A, b[5] == 0x3A, let hour = digits(b[0..<2], 2), let minute = digits(b[3..<5], 2),
      let second = digits(b[6..<8], 2), hour <= 23, minute <= 59, second <= 60
    else { return nil }
    var rest = b[8...]
    if rest.first == 0x2E {
      rest = rest.dropFirst()
      let fraction = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
      guard !fraction.isEmpty else { return nil }
      rest = rest.dropFirst(fraction.count)
    }
    var offset = 0
    if rest.count == 1, rest.first == 0x5A || rest.first == 0x7A {
      offset = 0
    } else if rest.count == 6, rest.first == 0x2B || rest.first == 0x2D, rest[rest.startIndex + 3] == 0x3A,
      let offsetHour = digits(rest[(rest.startIndex + 1)..<(rest.startIndex + 3)], 2),
      let offsetMinute = digits(rest[(rest.startIndex + 4)...], 2), offsetHour <= 23, offsetMinute <= 59
    {
      offset = (offsetHour * 60 + offsetMinute) * (rest.first == 0x2B ? 1 : -1)
    } else {
      return nil
    }
    let utc = ((hour * 60 + minute - offset) % 1440 + 1440) % 1440
    if second == 60 && utc != 23 * 60 + 59 { return nil }
    return (utc, second)
  }

  static func isDateTime(_ bytes: [UInt8]) -> Bool {
    guard bytes.count > 11, bytes[10] == 0x54 || bytes[10] == 0x74 else { return false }
    return isDate(bytes[0..<10]) && isTime(bytes[11...]) != nil
  }

  // MARK: Internet names and addresses

  /// RFC 1123 host names, with A-labels (`xn--`) that decode to valid IDNA2008 labels (``IDNALabel``),
  /// and no other label with "--" in its third and fourth places.
  static func isHostname(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard !bytes.isEmpty, bytes.count <= 253 else { return false }
    for label in bytes.split(separator: 0x2E, omittingEmptySubsequences: false) {
      guard (1...63).contains(label.count), label.first != 0x2D, label.last != 0x2D,
        label.allSatisfy({ isAlphanumeric($0) || $0 == 0x2D })
      else { return false }
      if label.count >= 4, label[label.startIndex + 2] == 0x2D, label[label.startIndex + 3] == 0x2D {
        let prefix = String(decoding: label.prefix(2), as: UTF8.self).lowercased()
        guard prefix == "xn", let decoded = Punycode.decode(Array(label.dropFirst(4))), IDNALabel.isValid(decoded) else {
          return false
        }
      }
    }
    return true
  }

  static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
    let parts = bytes.split(separator: 0x2E, omittingEmptySubsequences: false)
    return parts.count == 4
      && parts.allSatisfy { part in
        guard (1...3).contains(part.count), let value = digits(part, part.count) else { return false }
        return value <= 255 && (part.count == 1 || part.first != 0x30)
      }
  }

  static func isIPv6(_ text: String) -> Bool {
    guard !text.contains("%"), text.utf8.allSatisfy({ $0 < 0x80 }) else { return false }
    var address = in6_addr()
    return inet_pton(AF_INET6, text, &address) == 1
  }

  static func isEmail(_ bytes: [UInt8]) -> Bool {
    guard let at = bytes.lastIndex(of: 0x40) else { return false }
    let local = bytes[..<at]
    let domain = bytes[(at + 1)...]
    let atext = Set("!#$%&'*+-/=?^_`{|}~".utf8)
    guard !local.isEmpty, local.count <= 64, local.first != 0x2E, local.last != 0x2E,
      !zip(local, local.dropFirst()).contains(where: { $0 == 0x2E && $1 == 0x2E }),
      local.allSatisfy({ isAlphanumeric($0) || $0 == 0x2E || atext.contains($0) })
    else { return false }
    if domain.first == 0x5B, domain.last == 0x5D {
      let literal = domain.dropFirst().dropLast()
      if literal.starts(with: Array("IPv6:".utf8)) {
        return isIPv6(String(decoding: literal.dropFirst(5), as: UTF8.self))
      }
      return isIPv4(literal)
    }
    return isHostname(domain)
  }

  private static func isAlphanumeric(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  private static func isHexDigit(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
  }

  // MARK: URIs (RFC 3986) and URI templates (RFC 6570)

  /// unreserved, sub-delims, ":" and "@" (pchar without pct-encoded), and "/" and "?".
  private static let uriCharacters = Set("-._~!$&'()*+,;=:@/?".utf8)

  /// Whether `bytes` is a URI (with a scheme) or a URI reference: every character allowed where it
  /// stands, every "%" followed by two hex digits, brackets only around an IP literal host.
  static func isURI(_ bytes: [UInt8], requireScheme: Bool) -> Bool {
    var rest = bytes[...]
    if let colon = bytes.firstIndex(of: 0x3A),
      !bytes[..<colon].contains(where: { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 })
    {
      let scheme = bytes[..<colon]
      guard let first = scheme.first, (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A),
        scheme.allSatisfy({ isAlphanumeric($0) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
      else { return false }
      rest = bytes[(colon + 1)...]
    } else if requireScheme {
      return false
    }
    // The authority, if any: an IP literal in brackets may hold characters a path may not.
    if rest.starts(with: [0x2F, 0x2F]) {
      let authorityEnd = rest.dropFirst(2).firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? rest.endIndex
      var authority = rest[(rest.startIndex + 2)..<authorityEnd]
      if let at = authority.firstIndex(of: 0x40) {
        guard plain(authority[..<at]) else { return false }
        authority = authority[(at + 1)...]
        guard !authority.contains(0x40) else { return false }
      }
      if authority.first == 0x5B {
        guard let close = authority.firstIndex(of: 0x5D),
          isIPv6(String(decoding: authority[(authority.startIndex + 1)..<close], as: UTF8.self))
        else { return false }
        let port = authority[(close + 1)...]
        guard port.isEmpty || (port.first == 0x3A && port.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }) else {
          return false
        }
      } else {
        guard plain(authority), !authority.contains(0x5D) else { return false }
        if let colon = authority.firstIndex(of: 0x3A), !authority[(colon + 1)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
          return false
        }
      }
      rest = rest[authorityEnd...]
    }
    guard let hash = rest.firstIndex(of: 0x23) else { return plain(rest) }
    return plain(rest[..<hash]) && plain(rest[(hash + 1)...])
  }

  /// Only URI characters and valid percent escapes.
  private static func plain(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.allSatisfy { isAlphanumeric($0) || uriCharacters.contains($0) || $0 == 0x25 } && escapesAreValid(bytes)
  }

  static func isURITemplate(_ bytes: [UInt8]) -> Bool {
    var literal: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x7D { return false }
      guard byte == 0x7B else {
        literal.append(byte)
        index += 1
        continue
      }
      guard let close = bytes[index...].firstIndex(of: 0x7D), isExpression(bytes[(index + 1)..<close]) else { return false }
      index = close + 1
    }
    // RFC 6570, section 2.1: any character but controls, space and "<>\\^`{|}, and "%" only escaping.
    let excluded = Set("\"<>\\^`{|} ".utf8)
    return literal.allSatisfy { $0 > 0x1F && $0 != 0x7F && !excluded.contains($0) } && escapesAreValid(literal[...])
  }

  /// `[operator] varspec *("," varspec)`, a varspec being a name of dotted varchar runs with an optional
  /// `:1-9999` prefix or `*` explode.
  private static func isExpression(_ bytes: ArraySlice<UInt8>) -> Bool {
    var body = bytes
    if let first = body.first, "+#./;?&=,!@|".utf8.contains(first) { body = body.dropFirst() }
    guard !body.isEmpty else { return false }
    for spec in body.split(separator: 0x2C, omittingEmptySubsequences: false) {
      var name = spec
      if spec.last == 0x2A {
        name = spec.dropLast()
      } else if let colon = spec.firstIndex(of: 0x3A) {
        let length = spec[(colon + 1)...]
        guard (1...4).contains(length.count), length.first != 0x30, length.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
          return false
        }
        name = spec[..<colon]
      }
      let runs = name.split(separator: 0x2E, omittingEmptySubsequences: false)
      guard !name.isEmpty, runs.allSatisfy({ !$0.isEmpty && $0.allSatisfy { isAlphanumeric($0) || $0 == 0x5F || $0 == 0x25 } }),
        escapesAreValid(name)
      else { return false }
    }
    return true
  }

  /// Every "%" is followed by two hex digits.
  private static func escapesAreValid(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    while let percent = bytes[index...].firstIndex(of: 0x25) {
      guard bytes.endIndex - percent >= 3, isHexDigit(bytes[percent + 1]), isHexDigit(bytes[percent + 2]) else {
        return false
      }
      index = percent + 3
    }
    return true
  }

  // MARK: JSON Pointers (RFC 6901, and the relative ones' draft)

  static func isJSONPointer(_ bytes: ArraySlice<UInt8>) -> Bool {
    guard bytes.isEmpty || bytes.first == 0x2F else { return false }
    var index = bytes.startIndex
    while let tilde = bytes[index...].firstIndex(of: 0x7E) {
      let next = bytes.index(after: tilde)
      guard next < bytes.endIndex, bytes[next] == 0x30 || bytes[next] == 0x31 else { return false }
      index = next
    }
    return true
  }

  static func isRelativeJSONPointer(_ bytes: [UInt8]) -> Bool {
    let number = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
    guard !number.isEmpty, number.count == 1 || number.first != 0x30 else { return false }
    let rest = bytes[number.count...]
    return rest.elementsEqual([0x23]) || isJSONPointer(rest)
  }
}
