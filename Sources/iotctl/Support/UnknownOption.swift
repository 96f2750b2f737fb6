import ArgumentParser
import IotctlSchema

/// ArgumentParser runs a command's `validate()` before it reports the arguments it did not recognise,
/// so `iotctl pub --nosuch` would say "no payload". On a validation failure, this finds such an
/// argument, so that the unknown option is what the user is told about.
enum UnknownOption {
  /// The first argument that looks like an option and that no command on the path accepts, or `nil`.
  /// Only runs on the error path: it reads ArgumentParser's own description of the commands.
  static func first(in arguments: [String]) -> String? {
    guard let root = try? JSONParser.parse(Array(Iotctl._dumpHelp().utf8))["command"] else { return nil }
    var command = root
    var accepted = names(of: root)
    var index = arguments.startIndex
    while index < arguments.endIndex {
      let argument = arguments[index]
      index += 1
      if argument == "--" { return nil }
      if !argument.hasPrefix("-") || argument == "-" {
        if let sub = command["subcommands"]?.arrayValue?.first(where: { $0["commandName"]?.stringValue == argument }) {
          command = sub
          accepted.merge(names(of: sub)) { _, new in new }
        }
        continue
      }
      // An option right after a group with a default subcommand (`simulate --devices`) is that subcommand's.
      if let name = command["defaultSubcommand"]?.stringValue,
        let sub = command["subcommands"]?.arrayValue?.first(where: { $0["commandName"]?.stringValue == name })
      {
        command = sub
        accepted.merge(names(of: sub)) { _, new in new }
      }
      let isLong = argument.hasPrefix("--")
      let name = isLong ? String(argument.dropFirst(2).prefix { $0 != "=" }) : String(argument.dropFirst().prefix(1))
      // A negative number is a value, not an option.
      if !isLong, name.first?.isNumber == true { continue }
      guard let takesValue = accepted[(isLong ? "--" : "-") + name] else { return argument }
      let attached = isLong ? argument.contains("=") : argument.count > 2
      if takesValue && !attached { index += 1 }
    }
    return nil
  }

  /// Each option name of `command` ("-t", "--topic", "-topic" for single-dash long names), with whether it takes a value.
  private static func names(of command: JSONValue) -> [String: Bool] {
    var names: [String: Bool] = [:]
    for argument in command["arguments"]?.arrayValue ?? [] {
      let takesValue = argument["kind"]?.stringValue == "option"
      for name in argument["names"]?.arrayValue ?? [] {
        guard let text = name["name"]?.stringValue else { continue }
        switch name["kind"]?.stringValue {
        case "short": names["-" + text] = takesValue
        case "longWithSingleDash": names["-" + text] = takesValue
        default: names["--" + text] = takesValue
        }
      }
    }
    names["--help"] = false
    return names
  }
}
