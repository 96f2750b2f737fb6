import IotctlSchema
import Testing

@Suite struct JSONParserTests {
  @Test func keepsLargeIntegersExact() throws {
    let value = try JSONParser.parse("[12345678901234567890123, -0, 1e2]")
    let numbers = try #require(value.arrayValue).compactMap(\.numberValue)
    #expect(numbers[0].literal == "12345678901234567890123")
    #expect(numbers[0].intValue == nil)
    #expect(value.jsonText == "[12345678901234567890123,-0,1e2]")
    #expect(numbers[2].intValue == 100)
  }

  @Test func comparesNumbersByValue() throws {
    #expect(try JSONParser.parse("1.0") == JSONParser.parse("1"))
    #expect(try JSONParser.parse("10e-1") == JSONParser.parse("1"))
    #expect(try JSONParser.parse("1.5") != JSONParser.parse("1"))
    let one = try #require(JSONParser.parse("1.0").numberValue)
    #expect(one.isInteger)
    #expect(!one.isIntegerLiteral)
  }

  @Test func rejectsDuplicateKeysWithPosition() {
    #expect {
      try JSONParser.parse("{\"a\": 1,\n \"a\": 2}")
    } throws: { error in
      let parseError = error as? JSONParseError
      return parseError?.message == "duplicate key \"a\"" && parseError?.line == 2 && parseError?.column == 2
    }
  }

  @Test func boundsNestingDepth() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
    #expect((try? JSONParser.parse(fine)) != nil)
  }

  @Test func deferredMembersKeepTheirValuesAsText() throws {
    let text = Array(#"{"a": 1, "ops": {"x": {"k": "}\\\"]", "e": "\\\\"}, "y" : [1, {"z": null}], "n": -2.5e3}, "b": [true]}"#.utf8)
    let parsed = try JSONParser.parse(text, deferring: ["ops", "absent"])
    #expect(parsed.object == (try JSONParser.parse(#"{"a": 1, "b": [true]}"#).objectValue))
    #expect(parsed.deferred.keys.sorted() == ["ops"])
    let members = try #require(parsed.deferred["ops"])
    #expect(members.map(\.key) == ["x", "y", "n"])
    let values = try members.map { try JSONParser.parse(text[$0.range]) }
    #expect(values == [["k": "}\\\"]", "e": "\\\\"], [1, ["z": nil]], try JSONParser.parse("-2.5e3")])
  }

  @Test(arguments: [
    #"{"ops": [1]}"#, #"{"ops": {"x": 1, "x": 2}}"#, #"{"ops": {}, "ops": {}}"#, #"{"a": 1, "a": 2}"#, #"{"ops": {"x": "open}}"#,
    #"{"ops": {"x": [1, 2}"#, #"{"ops": {"x": }}"#, #"[{"ops": {}}]"#, #"{"ops": {}} 1"#, #"{"ops": {"x": "a\"}}"#,
  ])
  func deferredParsingRefusesWhatItCannotSplit(_ text: String) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8), deferring: ["ops"]) }
  }

  @Test func rejectsInvalidUTF8() {
    #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
  }

  @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"\\x\"", "\"a\nb\"", "[1] 2", "\"\\ud800\""])
  func rejectsMalformedText(_ text: String) {
    #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
  }

  @Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser.parse(#""tab\there \u00e9 \ud83d\ude00 \/""#)
    #expect(value.stringValue == "tab\there é 😀 /")
  }

  @Test func writesControlCharactersEscaped() {
    let value: JSONValue = ["k": .string("a\u{1}\n\"b\\")]
    #expect(value.jsonText == #"{"k":"a\u0001\n\"b\\"}"#)
  }

  @Test func keepsMemberOrder() throws {
    let text = #"{"z":1,"a":[true,false,null],"m":{"x":"y"}}"#
    #expect(try JSONParser.parse(text).jsonText == text)
  }

  /// Replacing keeps a member's place, removing closes the gap, and equality and hashing ignore order.
  @Test func objectMembersKeepTheirPlaces() throws {
    var object = try #require(try JSONParser.parse(#"{"a":1,"b":2,"c":3,"d":4}"#).objectValue)
    object["b"] = "two"
    object["a"] = nil
    object["e"] = 5
    #expect(object.keys == ["b", "c", "d", "e"])
    #expect(object["c"] == 3 && object["d"] == 4 && object["e"] == 5 && object["a"] == nil)
    #expect(JSONValue.object(object).jsonText == #"{"b":"two","c":3,"d":4,"e":5}"#)
    let reordered = try JSONParser.parse(#"{"e":5,"d":4,"c":3,"b":"two"}"#)
    #expect(JSONValue.object(object) == reordered)
    #expect(Set([JSONValue.object(object), reordered]).count == 1)
    #expect(JSONValue.object(object) != (try JSONParser.parse(#"{"e":5,"d":4,"c":3,"b":"2"}"#)))
    // Past eight members keys are indexed: the same edits must hold there.
    var large = try #require(try JSONParser.parse(
      "{" + (1...20).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + "}").objectValue)
    large["k3"] = nil
    large["k5"] = "five"
    large["k21"] = 21
    #expect(large.count == 20 && large.keys.first == "k1" && large.keys[2] == "k4" && large.keys.last == "k21")
    #expect(large["k3"] == nil && large["k4"] == 4 && large["k5"] == "five" && large["k20"] == 20 && large["k21"] == 21)
    // Keys differ by code points only: "é" precomposed and decomposed are two members.
    let accents = try JSONParser.parse("{\"\u{e9}\":1,\"e\u{301}\":2}")
    #expect(accents.objectValue?.count == 2)
    #expect(accents["\u{e9}"] == 1 && accents["e\u{301}"] == 2)
  }

  @Test func base64RoundTripsAllBytes() {
    for length in 0..<8 {
      let bytes = (0..<(250 + length)).map { UInt8($0 % 256) }
      #expect(Base64.decode(Base64.encode(bytes)) == bytes)
    }
    #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
    #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
    #expect(Base64.decode("Zm9v!") == nil)
  }
}

/// Issue 19, item 3: 2^63 in a schema keyword trapped in `intValue`.
@Suite struct JSONNumberBoundsTests {
  @Test func integersThatDoNotFitAreNilNotATrap() throws {
    for literal in ["9223372036854775808", "9223372036854775809", "99999999999999999999", "-9223372036854775809", "1e19"] {
      #expect(try JSONParser.parse(literal).numberValue?.intValue == nil, "\(literal)")
    }
    #expect(try JSONParser.parse("9223372036854775807").numberValue?.intValue == Int.max)
    #expect(try JSONParser.parse("-9223372036854775807").numberValue?.intValue == -Int.max)
  }

  @Test func aSchemaWithAHugeCountIsRefusedNotATrap() throws {
    for keyword in ["maxLength", "minLength", "maxItems", "minItems", "maxProperties", "minProperties"] {
      let document = try JSONParser.parse("{\"\(keyword)\": 9223372036854775808}")
      #expect(throws: SchemaError.self) { try JSONSchema(document) }
    }
  }
}
