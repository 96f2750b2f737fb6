import IotctlBase

/// An RFC 6901 JSON Pointer, such as `/properties/foo~1bar/0`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
  /// The unescaped reference tokens, outermost first.
  public var tokens: [String]

  /// The pointer to the whole document.
  public static let root = JSONPointer(tokens: [])

  public init(tokens: [String]) { self.tokens = tokens }

  /// Parses the pointer text (`""` or `/a/b`), or returns `nil` when it does not start with `/`.
  ///
  /// `~1` becomes `/` and `~0` becomes `~`, in one pass over the UTF-8 bytes, which is what replacing
  /// every `~1` and then every `~0` gives; any other `~` stays as it is. A profile's decoder parses a
  /// pointer per field it maps: splitting the text by `Character` cost about 9,000 instructions a pointer
  /// (callgrind, issue 17).
  public init?(_ text: String) {
    let bytes = text.utf8
    guard let first = bytes.first else {
      tokens = []
      return
    }
    guard first == UInt8(ascii: "/") else { return nil }
    var tokens: [String] = []
    var token: [UInt8] = []
    var escaped = false
    for byte in bytes.dropFirst() {
      if escaped {
        escaped = false
        switch byte {
        case UInt8(ascii: "1"):
          token.append(UInt8(ascii: "/"))
          continue
        case UInt8(ascii: "0"):
          token.append(UInt8(ascii: "~"))
          continue
        default:
          token.append(UInt8(ascii: "~"))
        }
      }
      switch byte {
      case UInt8(ascii: "/"):
        tokens.append(String(decoding: token, as: UTF8.self))
        token.removeAll(keepingCapacity: true)
      case UInt8(ascii: "~"): escaped = true
      default: token.append(byte)
      }
    }
    if escaped { token.append(UInt8(ascii: "~")) }
    tokens.append(String(decoding: token, as: UTF8.self))
    self.tokens = tokens
  }

  /// The pointer with one more token.
  public func appending(_ token: String) -> JSONPointer {
    var copy = self
    copy.tokens.append(token)
    return copy
  }

  public func appending(_ index: Int) -> JSONPointer { appending(String(index)) }

  public var description: String {
    // A loop rather than map and joined(): the schema compiler describes every node it compiles, and the
    // generic joined() looked up its associated types at run time on first use (callgrind, issue 17).
    var text = ""
    for token in tokens {
      text += "/"
      text += Self.escaped(token)
    }
    return text
  }

  /// `token` as a pointer writes it: `~` as `~0` and `/` as `~1`, by bytes, as ``init(_:)`` reads them.
  public static func escaped(_ token: String) -> String {
    token.replacingBytes("~", with: "~0").replacingBytes("/", with: "~1")
  }

  /// The value this pointer designates inside `document`, or `nil`.
  public func resolve(in document: JSONValue) -> JSONValue? {
    var current = document
    for token in tokens {
      switch current {
      case .object(let object):
        guard let next = object[token] else { return nil }
        current = next
      case .array(let array):
        guard let index = Int(token), token == String(index), index >= 0, index < array.count else { return nil }
        current = array[index]
      default:
        return nil
      }
    }
    return current
  }
}
