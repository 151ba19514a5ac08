extension JSONValue: CustomStringConvertible {
    /// The value as JSON text.
    public func serialized(options: JSONWriteOptions = JSONWriteOptions()) -> String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        write(to: &buffer, options: options)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Appends the value as JSON text (UTF-8) to `buffer`.
    public func write(to buffer: inout [UInt8], options: JSONWriteOptions = JSONWriteOptions()) {
        var writer = JSONWriter(options: options)
        writer.write(self, to: &buffer, indent: 0)
    }

    /// Compact JSON text.
    public var description: String { serialized() }
}

/// Writes JSON text: compact or pretty, strings escaped minimally, numbers exactly.
struct JSONWriter {
    let options: JSONWriteOptions

    mutating func write(_ value: JSONValue, to buffer: inout [UInt8], indent: Int) {
        switch value {
        case .null: buffer.append(contentsOf: "null".utf8)
        case .bool(let flag): buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let integer): Self.writeInteger(integer, to: &buffer)
        case .number(let number): buffer.append(contentsOf: number.literal.utf8)
        case .string(let string): Self.writeString(string, to: &buffer)
        case .array(let elements):
            guard !elements.isEmpty else { return buffer.append(contentsOf: "[]".utf8) }
            buffer.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(&buffer, indent + 1)
                write(element, to: &buffer, indent: indent + 1)
            }
            newline(&buffer, indent)
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { return buffer.append(contentsOf: "{}".utf8) }
            buffer.append(UInt8(ascii: "{"))
            var order = Array(object.indices)
            if options.sortKeys {
                order.sort { object.members[$0].key.utf8.lexicographicallyPrecedes(object.members[$1].key.utf8) }
            }
            for (position, member) in order.enumerated() {
                if position > 0 { buffer.append(UInt8(ascii: ",")) }
                newline(&buffer, indent + 1)
                Self.writeString(object.members[member].key, to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                if options.pretty { buffer.append(UInt8(ascii: " ")) }
                write(object.members[member].value, to: &buffer, indent: indent + 1)
            }
            newline(&buffer, indent)
            buffer.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ buffer: inout [UInt8], _ indent: Int) {
        guard options.pretty else { return }
        buffer.append(0x0A)
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    static func writeInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value == 0 { return buffer.append(UInt8(ascii: "0")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes of scratch, enough for 20 digits
        let count = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
            var position = scratch.count
            while magnitude > 0 {
                position -= 1
                scratch[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            if value < 0 { buffer.append(UInt8(ascii: "-")) }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[position...]))
            return scratch.count - position
        }
        _ = count
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ string: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for (position, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<position]))
                runStart = position + 1
                buffer.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: buffer.append(0x22)
                case 0x5C: buffer.append(0x5C)
                case 0x0A: buffer.append(UInt8(ascii: "n"))
                case 0x0D: buffer.append(UInt8(ascii: "r"))
                case 0x09: buffer.append(UInt8(ascii: "t"))
                case 0x08: buffer.append(UInt8(ascii: "b"))
                case 0x0C: buffer.append(UInt8(ascii: "f"))
                default:
                    buffer.append(contentsOf: "u00".utf8)
                    buffer.append(hexDigits[Int(byte >> 4)])
                    buffer.append(hexDigits[Int(byte & 0xF)])
                }
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }
}
