import IotctlDialect
/// Correlation data for requests.
public enum Correlation {
  /// 16 random bytes.
  public static func random() -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
  }
}
