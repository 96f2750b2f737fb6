import IotctlSchema
import Synchronization

/// A built-in profile's operations and named schemas, kept as the profile's text and decoded as verbs ask
/// for them.
///
/// A verb uses one or two of a profile's operations, and operations and schemas are three quarters of
/// its text: parsing and decoding all of them was a third of a one-shot `telemetry send` (issue 17).
/// Only trusted profiles are loaded this way; the test suite decodes each built-in in full, and checks
/// that every operation decoded here is the same.
final class DeferredOperations: Sendable {
  private let text: [UInt8]
  private let operationRanges: [(name: String, range: Range<Int>)]
  private let schemaRanges: [String: Range<Int>]
  private let decoder: ProfileDecoder
  private let limits: PayloadLimits
  private let decoded = Mutex<(operations: [String: Operation], schemas: [String: JSONValue])>(([:], [:]))

  init(
    text: [UInt8], operations: [(key: String, range: Range<Int>)], schemas: [(key: String, range: Range<Int>)],
    decoder: ProfileDecoder, limits: PayloadLimits
  ) {
    self.text = text
    self.operationRanges = operations.map { ($0.key, $0.range) }
    self.schemaRanges = Dictionary(schemas.map { ($0.key, $0.range) }, uniquingKeysWith: { first, _ in first })
    self.decoder = decoder
    self.limits = limits
  }

  /// The operation named `name`, decoded on first use.
  func operation(_ name: String) -> Operation? {
    if let known = decoded.withLock({ $0.operations[name] }) { return known }
    guard let range = operationRanges.first(where: { $0.name == name })?.range else { return nil }
    // Two threads may both decode it; they get the same operation.
    let operation = decodeOperation(name, range)
    decoded.withLock { $0.operations[name] = operation }
    return operation
  }

  /// Every operation, in document order.
  func operations() -> [Operation] {
    operationRanges.compactMap { operation($0.name) }
  }

  /// Every named schema.
  func schemas() -> [String: JSONValue] {
    var all: [String: JSONValue] = [:]
    for name in schemaRanges.keys { all[name] = schema(name) }
    return all
  }

  private func schema(_ name: String) -> JSONValue? {
    if let known = decoded.withLock({ $0.schemas[name] }) { return known }
    guard let range = schemaRanges[name] else { return nil }
    let schema = parse(range, what: "schema \(name)")
    decoded.withLock { $0.schemas[name] = schema }
    return schema
  }

  private func decodeOperation(_ name: String, _ range: Range<Int>) -> Operation? {
    // A null operation only removes an inherited one, and a built-in profile inherits nothing.
    guard let object = parse(range, what: "operation \(name)").objectValue else { return nil }
    do {
      return try decoder.decodeOperation(name, object, schemas: { self.schema($0) }, limits: limits)
    } catch {
      builtInDefect("operation \(name)", error)
    }
  }

  private func parse(_ range: Range<Int>, what: String) -> JSONValue {
    do {
      return try JSONParser.parse(text[range])
    } catch {
      builtInDefect(what, error)
    }
  }

  /// A built-in profile is part of the binary and every one of its operations is decoded by the test
  /// suite (ProfileLoadingTests), so failing here is a build defect, not bad input.
  private func builtInDefect(_ what: String, _ error: any Error) -> Never {
    fatalError("\(decoder.origin): \(what) does not decode: \(error)")
  }
}
