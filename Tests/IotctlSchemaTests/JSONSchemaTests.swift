import IotctlSchema
import Testing

@Suite struct JSONSchemaTests {
  func schema(_ text: String, draft: SchemaDraft? = nil) throws -> JSONSchema {
    try JSONSchema(JSONParser.parse(text), draft: draft)
  }

  @Test func reportsEveryErrorWithBothPointers() throws {
    let schema = try schema(
      #"{"type": "object", "required": ["id", "ts"], "properties": {"temp": {"type": "number", "maximum": 100}, "tags": {"items": {"type": "string"}}}, "additionalProperties": false}"#)
    let errors = schema.validate(try JSONParser.parse(#"{"temp": 120, "tags": ["a", 2], "extra": true}"#))
    let summary = errors.map { "\($0.instancePointer) \($0.schemaLocation)" }
    #expect(
      Set(summary) == [
        " #/required", "/temp #/properties/temp/maximum", "/tags/1 #/properties/tags/items/type",
        "/extra #/additionalProperties",
      ])
    #expect(errors.count == 5)  // "id" and "ts" are each reported
    #expect(errors.contains { $0.message == "120 is above the maximum 100" })
    #expect(errors.contains { $0.message == "the required property \"ts\" is missing" })
  }

  @Test func keepsNumbersExact() throws {
    let big = try schema(#"{"maximum": 18446744073709551615}"#)
    #expect(big.isValid(try JSONParser.parse("18446744073709551615")))
    #expect(!big.isValid(try JSONParser.parse("18446744073709551616")))
    #expect(try schema(#"{"multipleOf": 0.01}"#).isValid(try JSONParser.parse("19.99")))
    #expect(!(try schema(#"{"multipleOf": 0.01}"#).isValid(try JSONParser.parse("19.991"))))
    // Draft 4 calls an integer a number written without a fraction; drafts 6 and 7 go by value.
    let one = try JSONParser.parse("1.0")
    #expect(!(try schema(#"{"type": "integer"}"#, draft: .draft4).isValid(one)))
    #expect(try schema(#"{"type": "integer"}"#, draft: .draft7).isValid(one))
  }

  @Test func readsTheDraftFromDollarSchema() throws {
    #expect(try schema(#"{"$schema": "http://json-schema.org/draft-04/schema#"}"#).draft == .draft4)
    #expect(try schema(#"{"$schema": "http://json-schema.org/schema#"}"#).draft == .draft7)
    #expect(try schema("{}").draft == .draft7)
    #expect(throws: SchemaError.self) { try schema(#"{"$schema": "https://json-schema.org/draft/2020-12/schema"}"#) }
  }

  @Test func rejectsInvalidSchemasWithTheirLocation() {
    func failure(_ text: String) -> SchemaError? {
      do {
        _ = try schema(text)
        return nil
      } catch let error as SchemaError {
        return error
      } catch {
        return nil
      }
    }
    #expect(failure(##"{"properties": {"a": {"type": 1}}}"##)?.location == "#/properties/a/type")
    #expect(failure(#"{"pattern": "("}"#)?.kind == .invalidPattern)
    #expect(failure(##"{"$ref": "#/definitions/missing"}"##)?.kind == .unresolvableReference)
    #expect(failure(#"{"$ref": "http://example.com/elsewhere.json"}"#)?.kind == .unresolvableReference)
    #expect(failure(#"{"minLength": -1}"#)?.kind == .invalidKeyword)
  }

  @Test func refusesReferenceCyclesInsteadOfHanging() {
    #expect(throws: SchemaError.self) {
      try schema(##"{"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}}"##)
    }
    #expect(throws: SchemaError.self) { try schema(##"{"definitions": {"a": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"}"##) }
  }

  @Test func boundsRecursionOnDeepInstances() throws {
    // A recursive schema over an instance nested as deep as the parser allows finishes with an answer.
    let recursive = try schema(##"{"type": "array", "items": {"$ref": "#"}}"##)
    let depth = JSONParser.maximumDepth
    let deep = try JSONParser.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
    #expect(recursive.isValid(deep))
    let selfApplying = try schema(##"{"allOf": [{"$ref": "#"}]}"##)
    let errors = selfApplying.validate(1)
    #expect(errors.contains { $0.message.contains("a $ref loop") })
  }

  @Test func comparesStringsByCodePoints() throws {
    let composed = try JSONParser.parse(#""\u00e9""#)
    let decomposed = try JSONParser.parse(#""e\u0301""#)
    #expect(composed != decomposed)
    #expect(try JSONParser.parse(#"{"\u00e9": 1, "e\u0301": 2}"#).objectValue?.count == 2)
  }
}

/// multipleOf decided exactly at any exponent (issue 19, item 10).
@Suite struct MultipleOfTests {
  @Test(arguments: [
    ("1e-400", "3", false), ("1", "1e-999999999", true), ("3", "1.5", true), ("0.5", "0.25", true), ("0.12", "0.3", false),
    ("1e400", "3", false), ("3e400", "3", true), ("4.5e-7", "1.5e-7", true), ("1e-7", "3e-8", false), ("0", "7", true),
    ("123456789012345678", "2", true), ("1e20", "1024", true), ("1e9", "1024", false),
  ])
  func multiplesAreExact(value: String, divisor: String, expected: Bool) throws {
    let number = try #require(try JSONParser.parse(value).numberValue)
    let by = try #require(try JSONParser.parse(divisor).numberValue)
    #expect(number.isMultiple(of: by) == expected, "\(value) multipleOf \(divisor)")
  }
}
