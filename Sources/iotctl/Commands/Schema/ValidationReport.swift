import IotctlDialect

/// What `schema validate` prints for a run of instances, and how many failed. Runs validated apart (the
/// chunks of a large file, on several threads) are merged in input order.
struct ValidationReport {
  /// Print nothing for a valid instance.
  let quietValid: Bool
  private(set) var text: [UInt8] = []
  private(set) var invalid = 0
  private(set) var malformed = 0

  init(quietValid: Bool) { self.quietValid = quietValid }

  /// The result line for one instance. The label is built only when printed: with -q, a valid instance
  /// of a large file needs none.
  mutating func record(_ label: @autoclosure () -> String, _ verdict: PayloadCheck.Verdict) {
    switch verdict {
    case .valid:
      if !quietValid { text.append(contentsOf: "ok \(label())\n".utf8) }
    case .malformed(let problem):
      malformed += 1
      text.append(contentsOf: "malformed \(label()): \(problem)\n".utf8)
    case .invalid(let errors):
      invalid += 1
      text.append(contentsOf: ("invalid \(label()): " + errors.map(\.description).joined(separator: "; ") + "\n").utf8)
    case .overLimit(let problem):
      invalid += 1
      text.append(contentsOf: "invalid \(label()): \(problem)\n".utf8)
    }
  }

  /// Writes the lines recorded so far to `out`, keeping the counts.
  mutating func drain(to out: StandardOutput) {
    out.write(text)
    text.removeAll(keepingCapacity: true)
  }

  /// Adds `other`'s counts; its lines must have been written already (see ``drain(to:)``).
  mutating func count(_ other: ValidationReport) {
    invalid += other.invalid
    malformed += other.malformed
  }
}
