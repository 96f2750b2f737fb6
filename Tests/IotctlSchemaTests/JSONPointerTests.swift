import IotctlSchema
import IotctlTestSupport
import Testing

@Suite struct JSONPointerTests {
  /// RFC 6901, section 5: each pointer and the member names it goes through.
  @Test func theRFCExamplesParse() {
    let examples: [(String, [String])] = [
      ("", []), ("/foo", ["foo"]), ("/foo/0", ["foo", "0"]), ("/", [""]), ("/a~1b", ["a/b"]), ("/c%d", ["c%d"]),
      ("/e^f", ["e^f"]), ("/g|h", ["g|h"]), ("/i\\j", ["i\\j"]), ("/k\"l", ["k\"l"]), ("/ ", [" "]), ("/m~0n", ["m~n"]),
    ]
    for (text, tokens) in examples {
      #expect(JSONPointer(text)?.tokens == tokens, "\(text)")
      #expect(JSONPointer(text)?.description == text, "\(text)")
    }
  }

  @Test func escapesAreUndoneInOnePass() {
    #expect(JSONPointer("/~01")?.tokens == ["~1"])
    #expect(JSONPointer("/~10")?.tokens == ["/0"])
    #expect(JSONPointer("/~~1//~")?.tokens == ["~/", "", "~"])
    #expect(JSONPointer("/ä~1ö/€")?.tokens == ["ä/ö", "€"])
    #expect(JSONPointer("a/b") == nil)
  }

  /// Written and read by the same bytes: a '/' or '~' that a combining mark follows is escaped too.
  @Test func descriptionsParseBackToTheirTokens() {
    for tokens in [["/\u{301}", "~\u{301}"], ["a/b~c", "", "~01"], ["€/~"]] {
      let pointer = JSONPointer(tokens: tokens)
      #expect(JSONPointer(pointer.description)?.tokens == tokens, "\(tokens)")
    }
  }

  /// The byte scan against the rule it replaced: split at every '/', then every "~1" replaced by '/' and
  /// then every "~0" by '~'.
  @Test func randomTextsParseAsByReplacement() {
    var random = SplitMix(state: 6901)
    let alphabet: [String] = ["/", "~", "0", "1", "a", "é", "~0", "~1"]
    for _ in 0..<5_000 {
      let text = "/" + (0..<Int(random.next() % 9)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
      let expected = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
        String($0).replacing("~1", with: "/").replacing("~0", with: "~")
      }
      #expect(JSONPointer(text)?.tokens == expected, "\(text)")
    }
  }
}
