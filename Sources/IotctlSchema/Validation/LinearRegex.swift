/// An ECMA-262 regular expression: matched by ``LinearRegex`` in time linear in the input where it takes
/// the pattern (no backreferences, no lookaround), else by Swift's backtracking `Regex`.
public struct ECMAPattern: @unchecked Sendable {
  private let linear: LinearRegex?
  private let regex: Regex<AnyRegexOutput>?
  private let whole: Bool

  /// - Parameter whole: match the whole text rather than anywhere in it.
  /// - Throws: when neither engine takes the pattern.
  public init(_ source: String, whole: Bool = false) throws {
    self.whole = whole
    if let linear = try? LinearRegex(source, whole: whole) {
      self.linear = linear
      regex = nil
    } else {
      linear = nil
      regex = try Regex(source)
    }
  }

  /// Whether the linear-time engine runs this pattern.
  public var isLinear: Bool { linear != nil }

  public func matches(_ text: String) -> Bool {
    if let linear { return linear.matches(text) }
    guard let regex else { return false }
    return whole ? (try? regex.wholeMatch(in: text)) != nil : (try? regex.firstMatch(in: text)) != nil
  }
}

/// ECMA-262 regular expressions without backreferences or lookaround, matched in time linear in the
/// input (a Thompson NFA, simulated Pike-style): `^(a+)+$` against a long string of a's and a "!" takes
/// microseconds, where a backtracking engine takes longer than the age of the universe. Schema
/// `pattern`s, `patternProperties` and profile variable patterns use it; a pattern it cannot take
/// (a backreference, a lookahead) falls back to Swift's `Regex` (``Pattern``).
struct LinearRegex: Sendable {
  /// Why a pattern cannot be compiled here.
  enum Failure: Error { case unsupported, invalid, tooLarge }

  private let program: [Instruction]

  /// The largest program a pattern may compile to: `{n,m}` copies its operand.
  static let maximumProgram = 50_000

  init(_ source: String, whole: Bool = false) throws(Failure) {
    var parser = Parser(Array(source.unicodeScalars))
    var node = try parser.parseDisjunction()
    guard parser.atEnd else { throw .invalid }
    if whole { node = .sequence([.start, node, .end]) }
    var compiler = Compiler()
    try compiler.emit(node)
    compiler.program.append(.match)
    program = compiler.program
  }

  /// Whether the pattern matches anywhere in `text` (as ECMA-262's `RegExp.prototype.test`).
  func matches(_ text: String) -> Bool {
    let input = Array(text.unicodeScalars)
    var current = ThreadList(capacity: program.count)
    var next = ThreadList(capacity: program.count)
    var stack: [Int] = []
    for position in 0...input.count {
      // A thread starts at every position: the match may begin anywhere.
      add(0, at: position, in: input, to: &current, stack: &stack)
      if current.containsMatch { return true }
      guard position < input.count else { break }
      let scalar = input[position]
      for pc in current.members {
        switch program[pc] {
        case .scalar(let test) where test.matches(scalar):
          add(pc + 1, at: position + 1, in: input, to: &next, stack: &stack)
        case .any where !CharacterTest.isLineTerminator(scalar):
          add(pc + 1, at: position + 1, in: input, to: &next, stack: &stack)
        default: break
        }
      }
      swap(&current, &next)
      next.clear()
    }
    return current.containsMatch
  }

  /// Adds `start` and everything reachable from it without consuming input (splits, jumps, and the
  /// assertions that hold at `position`).
  private func add(_ start: Int, at position: Int, in input: [Unicode.Scalar], to list: inout ThreadList, stack: inout [Int]) {
    stack.append(start)
    while let pc = stack.popLast() {
      guard list.insert(pc) else { continue }
      switch program[pc] {
      case .jump(let target): stack.append(target)
      case .split(let first, let second):
        stack.append(second)
        stack.append(first)
      case .assertStart: if position == 0 { stack.append(pc + 1) }
      case .assertEnd: if position == input.count { stack.append(pc + 1) }
      case .boundary(let wanted):
        let before = position > 0 && CharacterTest.isWord(input[position - 1])
        let after = position < input.count && CharacterTest.isWord(input[position])
        if (before != after) == wanted { stack.append(pc + 1) }
      case .match: list.containsMatch = true
      case .scalar, .any: break
      }
    }
  }

  // MARK: Program

  enum Instruction: Sendable {
    case scalar(CharacterTest)
    case any
    case split(Int, Int)
    case jump(Int)
    case assertStart, assertEnd
    case boundary(Bool)
    case match
  }

  /// A sparse set of program counters: O(1) insert, membership and clear.
  private struct ThreadList {
    var dense: [Int]
    var sparse: [Int]
    var count = 0
    var containsMatch = false

    init(capacity: Int) {
      dense = [Int](repeating: 0, count: capacity)
      sparse = [Int](repeating: 0, count: capacity)
    }

    var members: ArraySlice<Int> { dense[..<count] }

    mutating func insert(_ pc: Int) -> Bool {
      let slot = sparse[pc]
      if slot < count && dense[slot] == pc { return false }
      sparse[pc] = count
      dense[count] = pc
      count += 1
      return true
    }

    mutating func clear() {
      count = 0
      containsMatch = false
    }
  }

  // MARK: Syntax

  indirect enum Node {
    case empty
    case scalar(CharacterTest)
    case any
    case start, end
    case boundary(Bool)
    case sequence([Node])
    case alternation([Node])
    case repetition(Node, min: Int, max: Int?)
  }

  struct Compiler {
    var program: [Instruction] = []

    mutating func emit(_ node: Node) throws(Failure) {
      guard program.count < LinearRegex.maximumProgram else { throw .tooLarge }
      switch node {
      case .empty: break
      case .scalar(let test): program.append(.scalar(test))
      case .any: program.append(.any)
      case .start: program.append(.assertStart)
      case .end: program.append(.assertEnd)
      case .boundary(let wanted): program.append(.boundary(wanted))
      case .sequence(let nodes): for node in nodes { try emit(node) }
      case .alternation(let branches):
        var jumps: [Int] = []
        for (index, branch) in branches.enumerated() {
          if index < branches.count - 1 {
            let split = program.count
            program.append(.split(split + 1, 0))
            try emit(branch)
            jumps.append(program.count)
            program.append(.jump(0))
            program[split] = .split(split + 1, program.count)
          } else {
            try emit(branch)
          }
        }
        for jump in jumps { program[jump] = .jump(program.count) }
      case .repetition(let inner, let min, let max):
        for _ in 0..<min { try emit(inner) }
        if let max {
          // Each optional copy: split past all the remaining ones.
          var splits: [Int] = []
          for _ in min..<max {
            splits.append(program.count)
            program.append(.split(program.count + 1, 0))
            try emit(inner)
          }
          for split in splits { program[split] = .split(split + 1, program.count) }
        } else {
          let loop = program.count
          program.append(.split(loop + 1, 0))
          try emit(inner)
          program.append(.jump(loop))
          program[loop] = .split(loop + 1, program.count)
        }
      }
    }
  }

  struct Parser {
    let pattern: [Unicode.Scalar]
    var index = 0

    init(_ pattern: [Unicode.Scalar]) { self.pattern = pattern }

    var atEnd: Bool { index == pattern.count }
    private var peek: Unicode.Scalar? { index < pattern.count ? pattern[index] : nil }

    mutating func parseDisjunction() throws(Failure) -> Node {
      var branches = [try parseAlternative()]
      while peek == "|" {
        index += 1
        branches.append(try parseAlternative())
      }
      return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseAlternative() throws(Failure) -> Node {
      var terms: [Node] = []
      while let next = peek, next != "|", next != ")" {
        terms.append(try parseTerm())
      }
      return terms.isEmpty ? .empty : terms.count == 1 ? terms[0] : .sequence(terms)
    }

    private mutating func parseTerm() throws(Failure) -> Node {
      let scalar = pattern[index]
      switch scalar {
      case "^":
        index += 1
        return .start
      case "$":
        index += 1
        return .end
      case "\\" where index + 1 < pattern.count && (pattern[index + 1] == "b" || pattern[index + 1] == "B"):
        index += 2
        return .boundary(pattern[index - 1] == "b")
      default:
        let atom = try parseAtom()
        return try parseQuantifier(atom)
      }
    }

    private mutating func parseQuantifier(_ atom: Node) throws(Failure) -> Node {
      var bounds: (Int, Int?)?
      switch peek {
      case "*": bounds = (0, nil); index += 1
      case "+": bounds = (1, nil); index += 1
      case "?": bounds = (0, 1); index += 1
      case "{":
        if let parsed = braces() { bounds = parsed } else { return atom }
      default: return atom
      }
      guard let (min, max) = bounds else { return atom }
      if let max, max < min { throw .invalid }
      if peek == "?" { index += 1 }  // Lazy or greedy: the same for whether it matches.
      if case .start = atom { throw .invalid }
      if case .end = atom { throw .invalid }
      return .repetition(atom, min: min, max: max)
    }

    /// `{n}`, `{n,}` or `{n,m}`; anything else leaves `{` a literal (ECMA-262, Annex B).
    private mutating func braces() -> (Int, Int?)? {
      var cursor = index + 1
      func number() -> Int? {
        let start = cursor
        var value = 0
        while cursor < pattern.count, ("0"..."9").contains(pattern[cursor]) {
          value = Swift.min(value * 10 + Int(pattern[cursor].value - 0x30), 100_000)
          cursor += 1
        }
        return cursor > start ? value : nil
      }
      guard let low = number() else { return nil }
      var high: Int? = low
      if cursor < pattern.count, pattern[cursor] == "," {
        cursor += 1
        high = number()
      }
      guard cursor < pattern.count, pattern[cursor] == "}" else { return nil }
      index = cursor + 1
      return (low, high)
    }

    private mutating func parseAtom() throws(Failure) -> Node {
      let scalar = pattern[index]
      index += 1
      switch scalar {
      case ".": return .any
      case "(":
        if peek == "?" {
          guard index + 1 < pattern.count, pattern[index + 1] == ":" else { throw .unsupported }
          index += 2
        }
        let inner = try parseDisjunction()
        guard peek == ")" else { throw .invalid }
        index += 1
        return inner
      case ")": throw .invalid
      case "[": return .scalar(try parseClass())
      case "\\": return .scalar(try parseEscape(inClass: false))
      case "*", "+", "?": throw .invalid
      case "{":
        index -= 1
        if braces() != nil { throw .invalid }
        index += 1
        return .scalar(CharacterTest(items: [.scalar("{")]))
      default: return .scalar(CharacterTest(items: [.scalar(scalar)]))
      }
    }

    private mutating func parseClass() throws(Failure) -> CharacterTest {
      var test = CharacterTest(items: [])
      if peek == "^" {
        test.negated = true
        index += 1
      }
      while let scalar = peek, scalar != "]" {
        index += 1
        var low: CharacterTest.Item
        if scalar == "\\" {
          let escaped = try parseEscape(inClass: true)
          guard escaped.items.count == 1, !escaped.negated else {
            test.items += escaped.negated ? [.not(escaped.items)] : escaped.items
            continue
          }
          low = escaped.items[0]
        } else {
          low = .scalar(scalar)
        }
        if peek == "-", index + 1 < pattern.count, pattern[index + 1] != "]", case .scalar(let from) = low {
          index += 1
          var high = pattern[index]
          index += 1
          if high == "\\" {
            let escaped = try parseEscape(inClass: true)
            guard escaped.items.count == 1, case .scalar(let to) = escaped.items[0] else { throw .invalid }
            high = to
          }
          guard from.value <= high.value else { throw .invalid }
          low = .range(from.value, high.value)
        }
        test.items.append(low)
      }
      guard peek == "]" else { throw .invalid }
      index += 1
      return test
    }

    private mutating func parseEscape(inClass: Bool) throws(Failure) -> CharacterTest {
      guard let scalar = peek else { throw .invalid }
      index += 1
      func one(_ value: UInt32) throws(Failure) -> CharacterTest {
        guard let scalar = Unicode.Scalar(value) else { throw .unsupported }
        return CharacterTest(items: [.scalar(scalar)])
      }
      switch scalar {
      case "d": return CharacterTest(items: [.digit])
      case "D": return CharacterTest(items: [.digit], negated: true)
      case "w": return CharacterTest(items: [.word])
      case "W": return CharacterTest(items: [.word], negated: true)
      case "s": return CharacterTest(items: [.space])
      case "S": return CharacterTest(items: [.space], negated: true)
      case "t": return try one(0x09)
      case "n": return try one(0x0A)
      case "v": return try one(0x0B)
      case "f": return try one(0x0C)
      case "r": return try one(0x0D)
      case "b" where inClass: return try one(0x08)
      case "0" where !(peek.map { ("0"..."9").contains($0) } ?? false): return try one(0)
      case "1"..."9": throw .unsupported  // A backreference.
      case "c":
        guard let letter = peek, ("a"..."z").contains(letter) || ("A"..."Z").contains(letter) else { throw .invalid }
        index += 1
        return try one(letter.value % 32)
      case "x": return try one(try hex(2))
      case "u":
        if peek == "{" { throw .unsupported }
        return try one(try hex(4))
      default:
        // Identity escapes: the syntax characters and "/", and "-" in a class.
        guard "^$\\.*+?()[]{}|/".unicodeScalars.contains(scalar) || (inClass && scalar == "-") else { throw .invalid }
        return CharacterTest(items: [.scalar(scalar)])
      }
    }

    private mutating func hex(_ count: Int) throws(Failure) -> UInt32 {
      guard index + count <= pattern.count else { throw .invalid }
      var value: UInt32 = 0
      for scalar in pattern[index..<(index + count)] {
        guard let digit = UInt32(String(scalar), radix: 16) else { throw .invalid }
        value = value * 16 + digit
      }
      index += count
      // A lone surrogate matches nothing in a string of scalars.
      guard Unicode.Scalar(value) != nil else { throw .unsupported }
      return value
    }
  }
}

/// One character's test: a class, an escape, or a literal.
struct CharacterTest: Sendable {
  indirect enum Item: Sendable {
    case scalar(Unicode.Scalar)
    case range(UInt32, UInt32)
    case digit, word, space
    case not([Item])
  }

  var items: [Item]
  var negated = false

  func matches(_ scalar: Unicode.Scalar) -> Bool { Self.any(items, scalar) != negated }

  private static func any(_ items: [Item], _ scalar: Unicode.Scalar) -> Bool {
    items.contains { item in
      switch item {
      case .scalar(let value): value == scalar
      case .range(let low, let high): (low...high).contains(scalar.value)
      case .digit: ("0"..."9").contains(scalar)
      case .word: isWord(scalar)
      case .space: isSpace(scalar)
      case .not(let inner): !any(inner, scalar)
      }
    }
  }

  static func isWord(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
  }

  /// ECMA-262's WhiteSpace and LineTerminator.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
    default: false
    }
  }

  static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
    scalar == "\n" || scalar == "\r" || scalar.value == 0x2028 || scalar.value == 0x2029
  }
}
