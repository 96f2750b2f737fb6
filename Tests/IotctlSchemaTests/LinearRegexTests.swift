import IotctlSchema
import Testing

/// Schema patterns run in linear time (issue 19, item 6): a pattern built to backtrack answers at once,
/// and the ECMA-262 semantics hold.
@Suite struct LinearRegexTests {
  @Test func patternsBuiltToBacktrackAnswerAtOnce() throws {
    let text = String(repeating: "a", count: 50_000) + "!"
    for source in ["^(a+)+$", "^(a|a)*$", "^(a*)*b$", "(x+x+)+y", "^(\\w+\\s?)*$"] {
      let pattern = try ECMAPattern(source)
      #expect(pattern.isLinear, "\(source)")
      #expect(!pattern.matches(text), "\(source)")
    }
    let schema = try JSONSchema(try JSONParser.parse(#"{"patternProperties": {"^(a+)+$": {"type": "integer"}}}"#))
    #expect(schema.validate(try JSONParser.parse("{\"\(String(repeating: "a", count: 20_000))!\": \"x\"}")).isEmpty)
  }

  @Test func ecmaSemantics() throws {
    let cases: [(String, String, Bool)] = [
      ("^[a-z]+$", "abc", true), ("^[a-z]+$", "abC", false), ("b", "abc", true), ("^b", "abc", false),
      ("^\\d{2,3}$", "123", true), ("^\\d{2,3}$", "1234", false), ("^\\d{2,}$", "12345", true), ("a{2}", "a", false),
      ("^\\w$", "é", false), ("^\\d$", "٣", false), ("^\\s$", "\u{00A0}", true), ("^\\s$", "\u{2003}", true),
      ("^.$", "\n", false), ("^.$", "\u{2028}", false), ("^a$", "a\n", false), ("\\bfoo\\b", "a foo b", true),
      ("\\Bfoo", "afoo", true), ("^(ab|cd)+$", "abcdab", true), ("^(?:ab|cd)+$", "abce", false), ("^[^0-9]*$", "ab-", true),
      ("^[\\d-]+$", "1-2", true), ("^a{,2}$", "a{,2}", true), ("^\\cA$", "\u{01}", true), ("^\\x41\\u0042$", "AB", true),
      ("^[]$", "", false), ("^[^]$", "x", true), ("^a*?b$", "aab", true), ("^$", "", true), ("^(a?){3}$", "aa", true),
    ]
    for (source, text, expected) in cases {
      let pattern = try ECMAPattern(source)
      #expect(pattern.isLinear, "\(source) fell back to the backtracking engine")
      #expect(pattern.matches(text) == expected, "/\(source)/ on \(text.debugDescription)")
    }
  }

  @Test func backreferencesAndLookaheadFallBackAndStillWork() throws {
    let backreference = try ECMAPattern("^(a)\\1$")
    #expect(!backreference.isLinear && backreference.matches("aa") && !backreference.matches("ab"))
    let lookahead = try ECMAPattern("^(?=.*\\d)\\w+$")
    #expect(!lookahead.isLinear && lookahead.matches("ab1") && !lookahead.matches("abc"))
    let whole = try ECMAPattern("[a-z]+", whole: true)
    #expect(whole.matches("abc") && !whole.matches("abc1"))
  }
}
