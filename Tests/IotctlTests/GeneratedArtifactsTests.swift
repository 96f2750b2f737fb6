import Foundation
import IotctlSchema
import IotctlTestSupport
import Testing

/// completions/ and man/ are generated from the command definitions (scripts/generate-docs);
/// these tests fail when the committed files drift from the code.
@Suite struct GeneratedArtifactsTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test(arguments: [("bash", "iotctl.bash"), ("zsh", "_iotctl"), ("fish", "iotctl.fish")])
  func completionScriptsMatchTheCode(shell: String, file: String) throws {
    let fresh = try iotctl(["--generate-completion-script", shell])
    #expect(fresh.status == 0)
    let committed = try String(contentsOf: Self.root.appendingPathComponent("completions/\(file)"), encoding: .utf8)
    // scripts/generate-docs rewrites bash's help function (tested below); the rest is as generated.
    #expect(Self.withoutHelpFunction(committed) == Self.withoutHelpFunction(fresh.stdoutText), "completions/\(file) is stale: run scripts/generate-docs")
  }

  static func withoutHelpFunction(_ script: String) -> String {
    guard let start = script.range(of: "_iotctl_help() {\n"), let end = script.range(of: "\n}\n", range: start.upperBound..<script.endIndex)
    else { return script }
    return String(script[..<start.lowerBound] + script[end.upperBound...])
  }

  /// Bash completes the command words after `iotctl help`, as at the top level.
  @Test func bashCompletesCommandsAfterHelp() throws {
    let script = Self.root.appendingPathComponent("completions/iotctl.bash").path
    func complete(_ words: [String]) throws -> [String] {
      let quoted = words.map { "'\($0)'" }.joined(separator: " ")
      let program = """
        source '\(script)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
        COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
        _iotctl iotctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; echo "${COMPREPLY[*]}"
        """
      return try run("/bin/bash", ["-c", program]).stdoutText.split(whereSeparator: \.isWhitespace).map(String.init)
    }
    let top = try complete(["iotctl", ""])
    #expect(try complete(["iotctl", "help", ""]) == top.filter { !$0.hasPrefix("-") && $0 != "help" })
    #expect(try complete(["iotctl", "help", "context", ""]) == ["list", "show", "use", "set", "delete"])
    #expect(try complete(["iotctl", "help", "t"]) == ["telemetry", "topics"])
  }

  @Test func manPagesCoverEveryCommandAndFlag() throws {
    let dump = try iotctl(["--experimental-dump-help"])
    let tree = try #require(JSONParser.parse(dump.stdout)["command"])
    var expectedPages: Set<String> = []
    func visit(_ command: JSONValue, path: [String]) throws {
      // iotctl-pub.1, so that 'man iotctl pub' finds it (issue 16, item 5).
      let page = path.joined(separator: "-") + ".1"
      expectedPages.insert(page)
      let text = try String(contentsOf: Self.root.appendingPathComponent("man/\(page)"), encoding: .utf8)
      if let abstract = command["abstract"]?.stringValue, !abstract.isEmpty {
        #expect(text.contains(abstract), "man/\(page) lacks the abstract: run scripts/generate-docs")
      }
      for argument in command["arguments"]?.arrayValue ?? [] where argument["shouldDisplay"] == true {
        guard let name = argument["preferredName"] else { continue }
        let flag = name["kind"] == "long" ? "Fl -\(name["name"]!.stringValue!)" : "Fl \(name["name"]!.stringValue!)"
        #expect(text.contains(flag), "man/\(page) lacks \(flag): run scripts/generate-docs")
      }
      for child in command["subcommands"]?.arrayValue ?? [] {
        try visit(child, path: path + [child["commandName"]!.stringValue!])
      }
    }
    try visit(tree, path: ["iotctl"])
    let committed = Set(try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("man").path))
    #expect(committed == expectedPages)
  }

  /// Indented discussion lines (examples, sample input) with each command's path, help page and man page.
  static func indentedLines() throws -> [(path: [String], lines: [String])] {
    let dump = try iotctl(["--experimental-dump-help"])
    var found: [(path: [String], lines: [String])] = []
    func visit(_ command: JSONValue, path: [String]) {
      let discussion = command["discussion"]?.stringValue ?? ""
      let lines = discussion.split(separator: "\n").filter { $0.hasPrefix("  ") }.map(String.init)
      if !lines.isEmpty { found.append((path, lines)) }
      for sub in command["subcommands"]?.arrayValue ?? [] {
        visit(sub, path: path + [sub["commandName"]?.stringValue ?? ""])
      }
    }
    visit(try #require(JSONParser.parse(dump.stdout)["command"]), path: [])
    return found
  }

  /// Examples never wrap inside a token: in `--help` (80 columns when not on a terminal) each indented
  /// line is printed whole, so none may pass 80 columns; long ones continue with a backslash.
  @Test func helpPrintsEveryExampleLineWhole() throws {
    for (path, lines) in try Self.indentedLines() {
      let help = try iotctl(path + ["--help"], environment: ["COLUMNS": "80"])
      let printed = Set(help.stdoutLines)
      for line in lines {
        #expect(line.count <= 80, "iotctl \(path.joined(separator: " ")): a \(line.count)-column line wraps: \(line)")
        #expect(printed.contains(line) == true, "iotctl \(path.joined(separator: " ")) --help breaks: \(line)")
      }
    }
  }

  /// Man pages show the same lines as literal displays: unfilled, unhyphenated, in ASCII.
  @Test(.enabled(if: which("man") != nil, "man-db is not installed"))
  func manPagesShowEveryExampleLineWhole() throws {
    for (path, lines) in try Self.indentedLines() where !path.isEmpty {
      let page = Self.root.appendingPathComponent("man/iotctl-\(path.joined(separator: "-")).1").path
      let rendered = try run(try #require(which("man")), ["-l", page], environment: ["MANWIDTH": "80", "LANG": "C.UTF-8"])
      let shown = rendered.stdoutLines.map { $0.trimmingCharacters(in: .whitespaces) }
      for line in lines {
        let expected = line.trimmingCharacters(in: .whitespaces)
        #expect(shown.contains(expected) == true, "\(page) does not show this line whole, in ASCII: \(expected)")
      }
    }
  }

  @Test func helpDocumentsEveryExitStatus() throws {
    let help = try iotctl(["--help"])
    for status in ["0 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "8 ", "9 ", "27 "] {
      #expect(help.stdoutText.contains("\n  \(status)"), "exit status \(status)missing from --help")
    }
    let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
    for line in help.stdoutText.split(separator: "\n") where line.hasPrefix("  ") && Int(line.split(separator: " ").first ?? "") != nil {
      let code = line.split(separator: " ").first!
      #expect(readme.contains("| \(code) |"), "README's exit-status table lacks \(code)")
    }
  }

  /// `man iotctl pub` finds the pub page, as `man git commit` does (man-db joins the words with '-').
  @Test(.enabled(if: which("man") != nil, "man-db is not installed"))
  func manFindsAVerbsPageByItsWords() throws {
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let section = directory.appendingPathComponent("man1")
    try FileManager.default.createDirectory(at: section, withIntermediateDirectories: true)
    for page in try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("man").path) {
      try FileManager.default.copyItem(
        at: Self.root.appendingPathComponent("man/\(page)"), to: section.appendingPathComponent(page))
    }
    let found = try run(which("man")!, ["-w", "iotctl", "pub"], environment: ["MANPATH": directory.path])
    #expect(found.stdoutText.hasSuffix("man1/iotctl-pub.1\n"), "\(found.stdoutText) \(found.stderr)")
  }
}
