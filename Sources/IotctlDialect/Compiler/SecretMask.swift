/// Masking for anything printed: dry runs, logs and errors never show a secret.
public enum SecretMask {
  /// What stands in for a secret.
  public static let mask = "****"

  /// `text` with each secret replaced by the mask: every occurrence of a secret of four characters or more;
  /// a shorter one only where it is a whole topic level, since masking every "t" would garble the text.
  public static func apply(_ text: String, _ secrets: [String]) -> String {
    secrets.filter { !$0.isEmpty }.reduce(text) { masked, secret in
      if secret.count >= 4 {
        return masked.split(separator: secret, omittingEmptySubsequences: false).joined(separator: mask)
      }
      return masked.split(separator: "/", omittingEmptySubsequences: false).map { $0 == secret ? mask : String($0) }
        .joined(separator: "/")
    }
  }
}

extension VariableBindings {
  /// `text` with this device's secrets masked.
  public func masking(_ text: String) -> String { SecretMask.apply(text, secretValues) }
}
