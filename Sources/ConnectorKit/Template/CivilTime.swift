/// A moment as calendar fields in a fixed UTC offset, with conversions to and from Unix time
/// (proleptic Gregorian calendar; H. Hinnant's days-from-civil algorithms). No Foundation.
package struct CivilTime: Sendable, Hashable {
    package var year: Int
    package var month: Int
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    var nanosecond: Int
    /// Offset from UTC in seconds.
    var offset: Int

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Seconds since the Unix epoch.
    var unixSeconds: Int {
        Self.days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second - offset
    }

    /// The same moment shown in `offset`.
    package init(unixSeconds: Int, nanosecond: Int = 0, offset: Int) {
        let local = unixSeconds + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        (year, month, day) = Self.date(days: days)
        hour = seconds / 3_600
        minute = seconds % 3_600 / 60
        second = seconds % 60
        self.nanosecond = nanosecond
        self.offset = offset
    }

    /// Day of the week, 0 = Sunday.
    package var weekday: Int {
        let days = Self.days(year: year, month: month, day: day)
        return ((days % 7) + 11) % 7
    }

    /// Parses RFC 3339 date-times, Iterable's `YYYY-MM-DD HH:MM:SS +00:00`, plain dates, and
    /// Unix time in seconds or (above 10^11) milliseconds.
    static func parse(_ value: JSONValue) -> CivilTime? {
        switch value {
        case .integer(let number):
            let milliseconds = abs(number) >= 100_000_000_000
            let seconds = Int(milliseconds ? number / 1000 : number)
            let nanos = milliseconds ? Int(number % 1000) * 1_000_000 : 0
            return CivilTime(unixSeconds: seconds, nanosecond: max(0, nanos), offset: 0)
        case .number(let number):
            let double = number.doubleValue
            guard double.isFinite, abs(double) < 1e15 else { return nil }
            return CivilTime(unixSeconds: Int(double.rounded(.down)), nanosecond: Int((double - double.rounded(.down)) * 1e9), offset: 0)
        case .string(let text):
            return parse(Array(text.utf8))
        default:
            return nil
        }
    }

    private static func parse(_ s: [UInt8]) -> CivilTime? {
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= s.count else { return nil }
            var value = 0
            for byte in s[at..<at + count] {
                guard byte &- 48 < 10 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), s.count >= 10, s[4] == 45, let month = number(5, 2), s[7] == 45, let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var time = CivilTime(unixSeconds: 0, offset: 0)
        time.year = year
        time.month = month
        time.day = day
        if s.count == 10 { return time }
        guard s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: "t") || s[10] == 0x20, let hour = number(11, 2), s.count > 13, s[13] == 58,
              let minute = number(14, 2), hour < 24, minute < 60
        else { return nil }
        time.hour = hour
        time.minute = minute
        var index = 16
        if index < s.count, s[index] == 58, let second = number(index + 1, 2), second <= 60 {
            time.second = second
            index += 3
        }
        if index < s.count, s[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            var nanos = 0
            while index < s.count, s[index] &- 48 < 10 {
                if digits < 9 { nanos = nanos * 10 + Int(s[index] - 48); digits += 1 }
                index += 1
            }
            while digits < 9 { nanos *= 10; digits += 1 }
            time.nanosecond = nanos
        }
        if index < s.count, s[index] == 0x20 { index += 1 }
        if index == s.count { return time }
        if s[index] == UInt8(ascii: "Z") || s[index] == UInt8(ascii: "z") {
            return index + 1 == s.count ? time : nil
        }
        guard s[index] == UInt8(ascii: "+") || s[index] == UInt8(ascii: "-"), let offsetHour = number(index + 1, 2) else { return nil }
        var offsetMinute = 0
        if index + 3 < s.count {
            let minuteAt = s[index + 3] == 58 ? index + 4 : index + 3
            guard let parsed = number(minuteAt, 2), minuteAt + 2 == s.count else { return nil }
            offsetMinute = parsed
        } else if index + 3 != s.count {
            return nil
        }
        time.offset = (s[index] == UInt8(ascii: "-") ? -1 : 1) * (offsetHour * 3600 + offsetMinute * 60)
        return time
    }
}
