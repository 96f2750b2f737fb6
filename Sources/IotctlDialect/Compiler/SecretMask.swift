import IotctlBase

/// Masking for anything printed: dry runs, logs and errors never show a secret.
public enum SecretMask {
  /// What stands in for a secret.
  public static let mask = "****"

  /// `text` with each secret replaced by the mask: every occurrence of a secret of four characters or more;
  /// a shorter one only where it stands alone (a topic level, a flag's value, a field), since masking
  /// every "t" would garble the text.
  public static func apply(_ text: String, _ secrets: [String]) -> String {
    secrets.filter { !$0.isEmpty }.reduce(text) { masked, secret in
      secret.count >= 4 ? masked.replacingBytes(secret, with: mask) : maskingWhole(secret, in: masked)
    }
  }

  /// Characters that end a token: topic levels, words, quoted values, `key=value` and `user:password`.
  private static let separators: Set<Character> = ["/", " ", "'", "\"", "=", ":", ",", "@", "\t", "\n"]

  private static func maskingWhole(_ secret: String, in text: String) -> String {
    var result = ""
    var token = ""
    for character in text {
      if separators.contains(character) {
        result += token == secret ? mask : token
        result.append(character)
        token = ""
      } else {
        token.append(character)
      }
    }
    return result + (token == secret ? mask : token)
  }
}

extension SecretMask {
  /// `scheme://user:password@host...` with the password masked; other text as it is.
  public static func userInfoPassword(in url: String, mask: String = mask) -> String {
    let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
    guard parts.count >= 3, parts[0].hasSuffix(":"), parts[1].isEmpty, let at = parts[2].lastIndex(of: "@"),
      let colon = parts[2][..<at].firstIndex(of: ":")
    else { return url }
    let authority = parts[2][..<colon] + ":" + mask + parts[2][at...]
    return ([String(parts[0]), "", String(authority)] + parts.dropFirst(3).map(String.init)).joined(separator: "/")
  }
}

extension VariableBindings {
  /// `text` with this device's secrets masked.
  public func masking(_ text: String) -> String { SecretMask.apply(text, secretValues) }
}
