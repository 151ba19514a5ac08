/// Reads CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF) with a header row and turns
/// each data row into a sample object keyed by the headers.
///
/// Cells become typed values the way a person reads a spreadsheet: an empty cell is absent,
/// `true`/`false` are booleans, JSON number literals are numbers, anything else is a string.
struct CSVSampleReader {
    let separator: UInt8

    /// One parsed row: its cells and the byte range it spans.
    struct Row {
        var cells: [String]
        var range: Range<Int>
    }

    /// Parses all rows of `bytes`.
    func rows(in bytes: UnsafeRawBufferPointer) -> Result<[Row], SampleFailureBox> {
        var rows: [Row] = []
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count {
            let start = index
            var cells: [String] = []
            var cell: [UInt8] = []
            var quoted = false
            var atCellStart = true
            var endedRow = false
            while index < bytes.count {
                let byte = bytes[index]
                if quoted {
                    if byte == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                            cell.append(byte)
                            index += 2
                            continue
                        }
                        quoted = false
                    } else {
                        cell.append(byte)
                    }
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "\""), atCellStart {
                    quoted = true
                    atCellStart = false
                } else if byte == separator {
                    cells.append(String(decoding: cell, as: UTF8.self))
                    cell.removeAll(keepingCapacity: true)
                    atCellStart = true
                } else if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    index += byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
                    endedRow = true
                    break
                } else {
                    cell.append(byte)
                    atCellStart = false
                }
                index += 1
            }
            if quoted {
                return .failure(SampleFailureBox(SampleFailure(offset: start, message: "unterminated quoted cell: add the closing '\"'")))
            }
            cells.append(String(decoding: cell, as: UTF8.self))
            let isBlank = cells.count == 1 && cells[0].isEmpty
            if !isBlank { rows.append(Row(cells: cells, range: start..<index)) }
            if !endedRow { break }
        }
        return .success(rows)
    }

    /// The sample object of `row` under `headers`, or a failure when the row has too many cells.
    func sample(_ row: Row, headers: [String]) -> Result<JSONValue, SampleFailureBox> {
        guard row.cells.count <= headers.count else {
            return .failure(SampleFailureBox(SampleFailure(offset: row.range.lowerBound, message: "row has \(row.cells.count) cells but the header names \(headers.count) columns")))
        }
        var object = JSONObject()
        for (header, cell) in zip(headers, row.cells) where !cell.isEmpty {
            object.appendUnchecked(key: header, value: Self.typedValue(cell))
        }
        return .success(.object(object))
    }

    static func typedValue(_ cell: String) -> JSONValue {
        if cell == "true" { return .bool(true) }
        if cell == "false" { return .bool(false) }
        if let first = cell.utf8.first, first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")),
           let value = try? JSONParser.parse(cell)
        {
            switch value {
            case .integer, .number: return value
            default: break
            }
        }
        return .string(cell)
    }
}
