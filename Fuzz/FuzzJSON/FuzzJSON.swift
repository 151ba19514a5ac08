import ConnectorKit
import FuzzSupport

/// libFuzzer target for ``JSONParser``: any bytes, every option set. Properties checked on
/// accepted input: writing and parsing again gives the same value and the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzInput(data, size)
    let optionSets = [
        JSONParseOptions(),
        JSONParseOptions(maxDepth: 8, duplicateKeys: .reject, invalidUTF8: .replace),
        JSONParseOptions(maxDepth: 10_000, duplicateKeys: .firstWins, invalidUTF8: .reject),
    ]
    for options in optionSets {
        guard let value = try? JSONParser.parse(input, options: options) else { continue }
        let written = value.serialized()
        let again: JSONValue
        do {
            again = try JSONParser.parse(written, options: JSONParseOptions(maxDepth: options.maxDepth))
        } catch {
            fuzzCheck(false, "the parser's own output does not parse: \(error) in \(written)")
            return 0
        }
        fuzzCheck(again == value, "parsing the written value gives another value: \(written)")
        fuzzCheck(again.serialized() == written, "writing is not stable: \(written) vs \(again.serialized())")
        var pretty = JSONWriteOptions()
        pretty.pretty = true
        _ = value.serialized(options: pretty)
    }
    return 0
}

@main enum FuzzJSONMain {
    static func main() { FuzzDriver.main(fuzzJSON) }
}
