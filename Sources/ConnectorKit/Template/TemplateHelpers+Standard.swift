extension TemplateHelpers {
    /// The helpers Iterable users write: `urlEncode` (block or inline), `defaultIfEmpty`,
    /// `toJson`, `lowercase`, `uppercase`, `eq`, `ne`, `gt`, `lt`, `and`, `or` (inline or block),
    /// and `dateFormat`.
    public static let standard: TemplateHelpers = {
        var helpers = TemplateHelpers.none
        var urlEncode = TemplateHelper(arguments: 0...1, bodyFilter: TemplateEscaping.urlEncodeInPlace) { input throws(TemplateRenderError) in
            let text = input.isBlock ? try input.renderBody(input.context) : TemplateValue.text(input.arguments.first ?? .null)
            return .safe(TemplateEscaping.urlEncoded(text))
        }
        urlEncode.bodyFilterEncodesURL = true
        helpers.register("urlEncode", urlEncode)
        var defaultIfEmpty = TemplateHelper(arguments: 2...2) { value, fallback in
            switch value {
            case .null, .string(""): .value(fallback ?? .null)
            default: .value(value)
            }
        }
        defaultIfEmpty.picksFallbackWhenEmpty = true
        helpers.register("defaultIfEmpty", defaultIfEmpty)
        helpers.register("toJson", TemplateHelper(arguments: 1...1) { value, _ in .safe(value.serialized()) })
        helpers.register("lowercase", TemplateHelper(arguments: 1...1) { value, _ in .value(.string(TemplateValue.text(value).lowercased())) })
        helpers.register("uppercase", TemplateHelper(arguments: 1...1) { value, _ in .value(.string(TemplateValue.text(value).uppercased())) })
        helpers.register("eq", comparison { TemplateComparison.equal($0, $1) })
        helpers.register("ne", comparison { !TemplateComparison.equal($0, $1) })
        helpers.register("gt", comparison { TemplateComparison.order($0, $1) == .greater })
        helpers.register("lt", comparison { TemplateComparison.order($0, $1) == .less })
        helpers.register("and", TemplateHelper(arguments: 2...Int.max, block: true) { input throws(TemplateRenderError) in
            try decide(input.arguments.allSatisfy { TemplateValue.isTruthy($0) }, &input)
        })
        helpers.register("or", TemplateHelper(arguments: 2...Int.max, block: true) { input throws(TemplateRenderError) in
            try decide(input.arguments.contains { TemplateValue.isTruthy($0) }, &input)
        })
        helpers.register("dateFormat", TemplateHelper(arguments: 2...2) { input throws(TemplateRenderError) in
            guard case .string(let pattern) = input.arguments[1] else {
                throw TemplateRenderError("dateFormat: the pattern must be a string, e.g. \"yyyy-MM-dd\"")
            }
            guard var time = CivilTime.parse(input.arguments[0]) else {
                // Like a missing value, an unparseable date renders as nothing.
                return .value(.null)
            }
            if let zone = input.hash("tz") {
                guard let offset = TemplateComparison.offsetSeconds(zone) else {
                    throw TemplateRenderError("dateFormat: tz must be UTC or an offset such as +02:00, found \(zone.serialized())")
                }
                time = CivilTime(unixSeconds: time.unixSeconds, nanosecond: time.nanosecond, offset: offset)
            }
            return .value(.string(try DateFormatPattern(pattern).format(time)))
        })
        return helpers
    }()

    private static func comparison(_ test: @escaping @Sendable (JSONValue, JSONValue) -> Bool) -> TemplateHelper {
        var helper = TemplateHelper(arguments: 2...2) { a, b in .value(.bool(test(a, b ?? .null))) }
        helper.block = true
        helper.blockBody = { input throws(TemplateRenderError) in
            try decide(test(input.arguments[0], input.arguments[1]), &input)
        }
        return helper
    }

    /// Inline: the boolean. Block: the body when true, else the `{{else}}` part.
    private static func decide(_ condition: Bool, _ input: inout TemplateHelperInput) throws(TemplateRenderError) -> TemplateHelperOutput {
        guard input.isBlock else { return .value(.bool(condition)) }
        return .safe(condition ? try input.renderBody(input.context) : try input.renderInverse(input.context))
    }
}

/// Equality and order of template values.
enum TemplateComparison {
    enum Order { case less, equal, greater, unordered }

    /// JSON equality, with integers and decimals compared by value.
    static func equal(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if let x = number(a), let y = number(b), !isString(a), !isString(b) { return x == y }
        return a == b
    }

    /// Numbers (and numeric strings) numerically, other strings by code point.
    static func order(_ a: JSONValue, _ b: JSONValue) -> Order {
        if let x = number(a), let y = number(b) { return x < y ? .less : x > y ? .greater : .equal }
        if case .string(let x) = a, case .string(let y) = b {
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? .less : x == y ? .equal : .greater
        }
        return .unordered
    }

    private static func isString(_ value: JSONValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let integer): Double(integer)
        case .number(let number): number.doubleValue
        case .string(let text): Double(text)
        default: nil
        }
    }

    /// `UTC`, `Z` or `±HH:MM` as seconds.
    static func offsetSeconds(_ zone: JSONValue) -> Int? {
        guard case .string(let text) = zone else { return nil }
        if text == "UTC" || text == "Z" || text == "GMT" { return 0 }
        let bytes = Array(text.utf8)
        guard bytes.count == 6, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"), bytes[3] == UInt8(ascii: ":"),
              let hours = Int(String(decoding: bytes[1..<3], as: UTF8.self)), let minutes = Int(String(decoding: bytes[4..<6], as: UTF8.self)),
              hours < 24, minutes < 60
        else { return nil }
        return (bytes[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}
