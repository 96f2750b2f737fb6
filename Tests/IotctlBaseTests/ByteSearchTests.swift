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

  @Test func missesWhatIsNotThere() {
    #expect(!"kp1/{requestid}/status".containsBytes("{requestId"))
    #expect(!"{request".containsBytes("{requestId"))
    #expect(!"".containsBytes("{"))
    #expect(!"requestId}".containsBytes("{requestId"))
  }
}
