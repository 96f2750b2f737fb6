import IotctlBase
import Testing

@Suite struct ByteSearchTests {
  @Test func findsTheBytesWhereverTheyAre() {
    #expect("kp1/{requestId}/status".containsBytes("{requestId"))
    #expect("{requestId}".containsBytes("{requestId"))
    #expect("a/b/{requestId".containsBytes("{requestId"))
    #expect("a{{requestId".containsBytes("{requestId"))
    #expect("ünï{requestId?}".containsBytes("{requestId"))
    #expect("anything".containsBytes(""))
  }

  /// A substring is searched within its own bounds, not its base string's.
  @Test func searchesASubstringWithinItsBounds() {
    let topic = "kp1/{requestId}/status/and/a/longer/tail/than/a/small/string/holds"
    #expect(topic.dropFirst(4).containsBytes("{requestId"))
    #expect(!topic.dropFirst(5).containsBytes("{requestId"))
    #expect(!topic.prefix(13).containsBytes("{requestId}"))
  }

  @Test func missesWhatIsNotThere() {
    #expect(!"kp1/{requestid}/status".containsBytes("{requestId"))
    #expect(!"{request".containsBytes("{requestId"))
    #expect(!"".containsBytes("{"))
    #expect(!"requestId}".containsBytes("{requestId"))
  }

  @Test func replacesEveryOccurrenceLeftToRight() {
    #expect("a/SECRET/b/SECRET".replacingBytes("SECRET", with: "****") == "a/****/b/****")
    #expect("SECRETSECRET".replacingBytes("SECRET", with: "*") == "**")
    #expect("aaaa".replacingBytes("aa", with: "b") == "bb")
    #expect("aaa".replacingBytes("aa", with: "b") == "ba")
    #expect("ünï-ünï".replacingBytes("nï", with: "X") == "üX-üX")
    #expect("nothing here".replacingBytes("SECRET", with: "*") == "nothing here")
    #expect("short".replacingBytes("longer than it", with: "*") == "short")
    #expect("text".replacingBytes("", with: "*") == "text")
    #expect("".replacingBytes("a", with: "*") == "")
  }
}
