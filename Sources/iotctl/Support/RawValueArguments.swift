import ArgumentParser

/// An option value named by a string raw value is shown and completed as that raw value.
///
/// ArgumentParser's defaults say the same, but reach the strings through `String(describing:)` and
/// string interpolation in generic code, where each new type costs the runtime a scan of every
/// protocol conformance in the binary. A verb builds its options at every start, so those scans were
/// start-up time: with the root's help text left unbuilt, about 0.6M of the 24.8M instructions of an
/// `rr` parsed by ArgumentParser (callgrind; issue 17).
extension ExpressibleByArgument where Self: CaseIterable & RawRepresentable, RawValue == String {
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
  /// Empty, as ArgumentParser's default is for a raw-value enum: its values describe themselves.
  public static var allValueDescriptions: [String: String] { [:] }
  public var defaultValueDescription: String { rawValue }
}
