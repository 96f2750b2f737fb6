import ArgumentParser

/// A verb that can be parsed from a table generated from its own ArgumentParser definition.
///
/// ArgumentParser finds a command's flags by reflecting over its properties, and the Swift runtime
/// answers each reflected type's first questions by scanning every protocol conformance in the binary:
/// about 20M of the 24M instructions of a whole `iotctl rr` (callgrind; issue 17). The tables in
/// `Generated/VerbTables.swift` say the same thing without reflection. They are written from the
/// definitions by `scripts/generate-docs`, never by hand, and `VerbTableTests` checks both that they are
/// current and that every table parse gives the values ArgumentParser's parse gives.
///
/// A table fills in the verb's generated `Values` (its properties without ArgumentParser's property
/// wrappers), not the command itself: a wrapper's definition (help, names made unique through a `Set`,
/// its generic metadata) cost a start more than the parse, 0.8M instructions for a verb with the
/// connection flags. The verb's code runs on `Values` either way; the command ArgumentParser parses
/// hands over its `unwrapped` values.
protocol TableParsed: ParsableCommand {
  /// The values `arguments` (after the verb's own words) describe, parsed from the generated table, or
  /// nil for ArgumentParser to parse.
  static func parsedFromTable(_ arguments: ArraySlice<String>) -> (any VerbValues)?
  /// What ArgumentParser parsed, without the property wrappers.
  var unwrappedValues: any VerbValues { get }
}

/// An option group's generated values.
protocol OptionValues {
  /// The checks of the group's `validate()`, where it has one; the table runs them in ArgumentParser's order.
  func checkOptions() throws
}

extension OptionValues {
  func checkOptions() throws {}
}

/// A table verb's generated values, with their defaults, and what the verb does with them.
protocol VerbValues: OptionValues {
  /// The defaults the definitions declare.
  init() throws
  /// What the verb does: its `run()`.
  func execute() throws
}

/// One verb's command line, as a table: what each name sets, and the validation order (the defaults are
/// the values' own).
///
/// It takes only the plain forms (`-t x`, `--topic x`, `--topic=x`, flags, positional values, `--`) and
/// returns nil for anything else, so that ArgumentParser parses it and prints every message: help, a
/// combined short flag, a value that looks like a flag, a repeated single-valued option, a name the
/// table lacks, a value that does not convert, a failed validation.
struct VerbTable<Values: VerbValues> {
  /// One option, flag or positional argument and what it sets.
  struct Entry {
    var names: [String]
    var takesValue: Bool
    var repeats: Bool
    /// It has no default: a line without it is ArgumentParser's to refuse.
    var required: Bool
    var apply: (inout Values, String) throws -> Void

    /// An option that takes a value (`repeats`: an array option, appended to at each use).
    static func option(
      _ names: [String], repeats: Bool = false, required: Bool = false, _ apply: @escaping (inout Values, String) throws -> Void
    ) -> Entry {
      Entry(names: names, takesValue: true, repeats: repeats, required: required, apply: apply)
    }

    /// A flag: `apply` sets it on.
    static func flag(_ names: [String], _ apply: @escaping (inout Values) -> Void) -> Entry {
      Entry(names: names, takesValue: false, repeats: false, required: false) { command, _ in apply(&command) }
    }

    /// A positional argument (`repeats`: it takes every remaining value).
    static func positional(
      repeats: Bool = false, required: Bool = false, _ apply: @escaping (inout Values, String) throws -> Void
    ) -> Entry {
      Entry(names: [], takesValue: true, repeats: repeats, required: required, apply: apply)
    }
  }

  var entries: [Entry]
  var positionals: [Entry] = []
  /// The option groups' `validate()`, innermost first, then the command's: ArgumentParser's order.
  var validate: (Values) throws -> Void

  /// The values `arguments` (after the verb's own words) describe, or nil for ArgumentParser to parse.
  func parse(_ arguments: ArraySlice<String>) -> Values? {
    var command: Values
    do { command = try Values() } catch { return nil }
    // Arrays, not Sets: a Set<Int> costs a conformance scan at start-up.
    var used: [Int] = []
    var filled: [Int] = []
    var position = 0
    var onlyPositionals = false
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let word = arguments[index]
      index += 1
      if !onlyPositionals, word == "--" {
        onlyPositionals = true
        continue
      }
      if onlyPositionals || !Self.looksLikeOption(word) {
        guard position < positionals.count else { return nil }
        do { try positionals[position].apply(&command, word) } catch { return nil }
        filled.append(position)
        if !positionals[position].repeats { position += 1 }
        continue
      }
      var name = Substring(word)
      var attached: Substring?
      if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
        name = word[..<equals]
        attached = word[word.index(after: equals)...]
        guard attached?.isEmpty == false else { return nil }
      }
      guard let found = entries.firstIndex(where: { $0.names.contains(where: { $0 == name }) }) else { return nil }
      let entry = entries[found]
      if !entry.repeats {
        guard !used.contains(found) else { return nil }
        used.append(found)
      }
      var value = ""
      if entry.takesValue {
        if let attached {
          value = String(attached)
        } else {
          guard index < arguments.endIndex, !Self.looksLikeOption(arguments[index]) else { return nil }
          value = arguments[index]
          index += 1
        }
      } else if attached != nil {
        return nil
      }
      do { try entry.apply(&command, value) } catch { return nil }
    }
    // Index loops: enumerated() over a generic element type instantiates its iterator's metadata at run time.
    for index in entries.indices where entries[index].required && !used.contains(index) { return nil }
    for index in positionals.indices where positionals[index].required && !filled.contains(index) { return nil }
    do { try validate(command) } catch { return nil }
    return command
  }

  /// What ArgumentParser reads as a name: a dash and more, but not `-` alone (a value, such as stdin).
  private static func looksLikeOption(_ word: String) -> Bool {
    word.hasPrefix("-") && word != "-"
  }
}

/// A value the table could not convert: ArgumentParser parses the line again and says why.
struct TableValueRejected: Error {}

extension String {
  /// This text as an option's value, converted as ArgumentParser converts it.
  func argument<Value: ExpressibleByArgument>() throws -> Value {
    guard let value = Value(argument: self) else { throw TableValueRejected() }
    return value
  }

  /// This text as an optional option's value.
  func argument<Value: ExpressibleByArgument>() throws -> Value? {
    try argument() as Value
  }
}
