import IotctlDialect
import Testing

@Suite struct SecretMaskTests {
  @Test func longSecretsAreMaskedWherever() {
    #expect(SecretMask.apply("tokenXYZ123 and kp1/a/tokenXYZ123/x", ["tokenXYZ123"]) == "**** and kp1/a/****/x")
    #expect(SecretMask.apply("tokenXYZ123tokenXYZ123", ["tokenXYZ123"]) == "********")
    #expect(SecretMask.apply("aaaaa", ["aaaa"]) == "****a")
    #expect(SecretMask.apply("pw: s€cr€t!, again s€cr€t", ["s€cr€t"]) == "pw: ****!, again ****")
    #expect(SecretMask.apply("tok", ["token"]) == "tok")
    #expect(SecretMask.apply("tokeN token", ["token"]) == "tokeN ****")
  }

  /// A secret shorter than four characters is masked where it stands alone: a topic level, a flag's
  /// value (`-u abc`), a field (`username: abc`), a quoted or `key=value` value; not inside other words.
  @Test func shortSecretsAreMaskedWhereTheyStandAlone() {
    let line = "mosquitto_pub -h localhost -u abc -t kp1/abc/x -P 'abc' token=abc user:abc@host cabbage abc"
    #expect(
      SecretMask.apply(line, ["abc"])
        == "mosquitto_pub -h localhost -u **** -t kp1/****/x -P '****' token=**** user:****@host cabbage ****")
    #expect(SecretMask.apply("username:   t", ["t"]) == "username:   ****")
    #expect(SecretMask.apply("topic: telemetry", ["t"]) == "topic: telemetry")
  }
}
