/// Formats a ``CivilTime`` with the Java `SimpleDateFormat` letters Iterable templates use:
/// `yyyy yy MMMM MMM MM M dd d EEEE EEE HH H hh h mm m ss s SSS a Z XXX X`, text in `'quotes'`.
struct DateFormatPattern: Sendable {
    private enum Piece: Sendable {
        case literal(String)
        case field(Character, Int)
    }

    private let pieces: [Piece]

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                 "October", "November", "December"]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    init(_ pattern: String) throws(TemplateRenderError) {
        var pieces: [Piece] = []
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                var literal = ""
                index += 1
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" { literal.append("'"); index += 2; continue }
                        break
                    }
                    literal.append(characters[index])
                    index += 1
                }
                pieces.append(.literal(literal.isEmpty ? "'" : literal))
                index += 1
            } else if character.isASCII, character.isLetter {
                var count = 1
                while index + count < characters.count, characters[index + count] == character { count += 1 }
                guard "yMdEHhmsSaZX".contains(character) else {
                    throw TemplateRenderError("dateFormat: unsupported pattern letter '\(character)' in \"\(pattern)\" (use yyyy, MM, dd, HH, mm, ss, SSS, a, EEE, Z, XXX; quote text with '...')")
                }
                pieces.append(.field(character, count))
                index += count
            } else {
                pieces.append(.literal(String(character)))
                index += 1
            }
        }
        self.pieces = pieces
    }

    func format(_ time: CivilTime) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .field(let letter, let count): out += field(letter, count, time)
            }
        }
        return out
    }

    private func padded(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private func field(_ letter: Character, _ count: Int, _ t: CivilTime) -> String {
        switch letter {
        case "y": return count == 2 ? padded(t.year % 100, 2) : padded(t.year, count)
        case "M":
            if count >= 4 { return Self.months[t.month - 1] }
            if count == 3 { return String(Self.months[t.month - 1].prefix(3)) }
            return padded(t.month, count)
        case "d": return padded(t.day, count)
        case "E": return count >= 4 ? Self.weekdays[t.weekday] : String(Self.weekdays[t.weekday].prefix(3))
        case "H": return padded(t.hour, count)
        case "h": return padded(t.hour % 12 == 0 ? 12 : t.hour % 12, count)
        case "m": return padded(t.minute, count)
        case "s": return padded(t.second, count)
        case "S": return String(padded(t.nanosecond / 1_000_000, 3).prefix(count))
        case "a": return t.hour < 12 ? "AM" : "PM"
        case "Z", "X":
            if letter == "X", t.offset == 0 { return "Z" }
            let sign = t.offset < 0 ? "-" : "+"
            let hours = padded(abs(t.offset) / 3600, 2)
            let minutes = padded(abs(t.offset) % 3600 / 60, 2)
            if letter == "X", count == 1 { return sign + hours }
            return letter == "Z" || count == 2 ? sign + hours + minutes : sign + hours + ":" + minutes
        default: return ""
        }
    }
}
