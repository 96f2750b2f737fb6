import IotctlSchema
import IotctlTestSupport
import Testing

/// The tape (``JSONTextValidator``) must accept only what ``JSONParser``
/// accepts, since a valid verdict on a tape is final; it may decline what it does not hold.
@Suite struct JSONTapeTests {
  /// Whether the tape takes `text` as JSON (a `true` schema passes every value it holds).
  static func tapeAccepts(_ text: [UInt8], validator: inout JSONTextValidator) -> Bool {
    text.withUnsafeBytes { validator.isValid($0) } != nil
  }

  static let seeds = [
    #"{"ts": 1700881836553, "values": {"temperature": -0.57, "humidity": 19, "status": "ok", "door": true}}"#,
    #"[{"a": [1, 2.5e-3, -0, 1E+9, null, false]}, {"é": "ünï\u00e9\ud83d\ude00", "b": "x\\y\"z\n"}]"#,
    #"  {"k": {}, "l": [], "m": [[]], "n": {"o": {"p": "q"}}}  "#,
    #""\u0041\t""#,
    "123456789012345678901234567890",
    #"{"a": 1, "b": 2, "c": 3, "a ": 4}"#,
  ]

  @Test(arguments: [
    "", " ", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "1e", "1e+", "tru", "nul", "\"\\x\"", "\"a\nb\"", "[1] 2",
    "\"\\ud800\"", "\"\\udc00x\"", "{\"a\": 1, \"a\": 2}", "{\"a\": 1, \"b\": {\"c\": 2, \"c\": 3}}", "1e0000000001x",
    "1e1234567890", "{\"a\":}", "[,1]", "{,}", "\"\u{7f}\"abc", "{\"a\":1,}",
  ])
  func refusesWhatTheParserRefuses(text: String) {
    var validator = JSONTextValidator(.accepting)
    #expect((try? JSONParser.parse(text)) == nil)
    #expect(!Self.tapeAccepts(Array(text.utf8), validator: &validator))
  }

  @Test func refusesInvalidUTF8AndDeepNesting() {
    var validator = JSONTextValidator(.accepting)
    for text: [UInt8] in [[0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xFF, 0x22], [0x7B, 0x22, 0xC3, 0x22, 0x3A, 0x31, 0x7D]] {
      #expect(!Self.tapeAccepts(text, validator: &validator))
    }
    let deep = Array((String(repeating: "[", count: 513) + String(repeating: "]", count: 513)).utf8)
    #expect(!Self.tapeAccepts(deep, validator: &validator))
    let fine = Array((String(repeating: "[", count: 512) + String(repeating: "]", count: 512)).utf8)
    #expect(Self.tapeAccepts(fine, validator: &validator))
  }

  /// Random edits of valid texts: whatever the tape accepts the parser accepts, and the tape accepts every
  /// text the parser accepts unless an object key is written with an escape.
  @Test func agreesWithTheParserOnEditedTexts() {
    var random = SplitMix(state: 17)
    var validator = JSONTextValidator(.accepting)
    let alphabet = Array(#"{}[]:,"\ u0123456789eE+-.tfnalsr"#.utf8) + [0x0A, 0x09, 0x00, 0x1F, 0x80, 0xC3, 0xA9, 0xED, 0xFF]
    var accepted = 0
    for round in 0..<30_000 {
      var text = Array(Self.seeds[round % Self.seeds.count].utf8)
      for _ in 0...(random.next() % 3) {
        let position = Int(random.next() % UInt64(text.count + 1))
        let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
        switch random.next() % 3 {
        case 0: text.insert(byte, at: position)
        case 1: if position < text.count { text.remove(at: position) }
        default: if position < text.count { text[position] = byte }
        }
      }
      let parses = (try? JSONParser.parse(text)) != nil
      let onTape = Self.tapeAccepts(text, validator: &validator)
      if onTape {
        accepted += 1
        #expect(parses, "the tape accepts what the parser refuses: \(String(decoding: text, as: UTF8.self))")
      } else if parses && !text.contains(UInt8(ascii: "\\")) {
        Issue.record("the tape refuses what the parser accepts: \(String(decoding: text, as: UTF8.self))")
      }
    }
    #expect(accepted > 1_000, "too few edits stayed JSON to test acceptance")
  }

  @Test func boundsStringLengthsAsWritten() throws {
    var validator = JSONTextValidator(try JSONSchema(true))
    let text = Array(#"{"key longer than the bound": "abcd"}"#.utf8)
    #expect(text.withUnsafeBytes { validator.isValid($0, longestString: 4) } == true)
    #expect(text.withUnsafeBytes { validator.isValid($0, longestString: 3) } == nil)
  }
}
