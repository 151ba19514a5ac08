/// The text and pacing of a progress line, kept free of terminals and clocks so it can be
/// tested as a unit.
struct ProgressThrottle {
    /// At most one redraw per this interval (10 per second).
    var interval: Duration = .milliseconds(100)
    private var lastDraw: ContinuousClock.Instant?

    init(interval: Duration = .milliseconds(100)) {
        self.interval = interval
    }

    /// Whether to redraw at `now`; the first update always draws, later ones once `interval` has
    /// passed since the last draw.
    mutating func shouldDraw(at now: ContinuousClock.Instant) -> Bool {
        if let lastDraw, now - lastDraw < interval { return false }
        lastDraw = now
        return true
    }
}

/// One progress line: `infer: 12.5 MB of 1.20 GB (1%), 3 of 40 files`.
enum ProgressText {
    /// `label: done of total unit (percent)` (`replay: 1,500 of 12,000 runs (12%)`), or `label: done unit` when the total is unknown.
    static func line(_ label: String, done: Int, total: Int?, unit: ProgressUnit) -> String {
        guard let total, total > 0 else { return "\(label): \(unit.format(done))" }
        return "\(label): \(unit.formatCount(done)) of \(unit.format(total)) (\(percent(done, of: total))%)"
    }

    /// The whole percentage, never 100 before the end and never above it.
    static func percent(_ done: Int, of total: Int) -> Int {
        guard total > 0 else { return 0 }
        let value = Int((Double(min(done, total)) * 100 / Double(total)).rounded(.down))
        return done < total ? min(value, 99) : 100
    }

    /// `\r` + `text` + erase to the end of the line: the line rewritten in place.
    static func redraw(_ text: String, columns: Int?) -> String {
        var text = text
        if let columns, columns > 1, text.count >= columns { text = String(text.prefix(columns - 1)) }
        return "\r" + text + "\u{1B}[K"
    }

    /// Erases the progress line, leaving the cursor at its start.
    static let clear = "\r\u{1B}[K"
}

/// How counted things are written.
enum ProgressUnit: Equatable {
    /// `1,234 runs`.
    case items(singular: String, plural: String)
    /// `12.5 MB`.
    case bytes

    func format(_ value: Int) -> String {
        switch self {
        case .items(let singular, let plural):
            "\(ProgressUnit.grouped(value)) \(value == 1 ? singular : plural)"
        case .bytes:
            ProgressUnit.byteCount(value)
        }
    }

    /// The number alone for items (`1,234`), the size for bytes (`12.5 MB`).
    func formatCount(_ value: Int) -> String {
        switch self {
        case .items: ProgressUnit.grouped(value)
        case .bytes: ProgressUnit.byteCount(value)
        }
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Decimal units, three significant digits: `999 B`, `1.00 kB`, `12.5 MB`, `1.20 GB`.
    static func byteCount(_ value: Int) -> String {
        if value < 1000 { return "\(value) B" }
        var scaled = Double(value)
        var unit = 0
        let units = ["B", "kB", "MB", "GB", "TB", "PB"]
        while scaled >= 999.5, unit < units.count - 1 {
            scaled /= 1000
            unit += 1
        }
        let decimals = scaled < 9.995 ? 2 : scaled < 99.95 ? 1 : 0
        return fixed(scaled, decimals: decimals) + " " + units[unit]
    }

    private static func fixed(_ value: Double, decimals: Int) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = Int((value * factor).rounded())
        let whole = scaled / Int(factor)
        guard decimals > 0 else { return "\(whole)" }
        let fraction = String(scaled % Int(factor))
        return "\(whole)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
