import ConnectorKit
import Foundation
import NIOConcurrencyHelpers

/// The `Date` header's value (RFC 9110 IMF-fixdate, `Wed, 25 Nov 2026 10:29:27 GMT`), made once
/// per second and shared by every connection.
enum HTTPDate {
    private static let cache = NIOLockedValueBox((second: Int.min, text: ""))

    /// The current time as an IMF-fixdate.
    static func now() -> String {
        text(forSecond: Int(Date().timeIntervalSince1970.rounded(.down)))
    }

    static func text(forSecond second: Int) -> String {
        cache.withLockedValue { cached in
            if cached.second != second { cached = (second, format(second)) }
            return cached.text
        }
    }

    /// Formats seconds since 1970 (UTC).
    static func format(_ seconds: Int) -> String {
        let time = CivilTime(unixSeconds: seconds, offset: 0)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(weekdays[time.weekday]), \(two(time.day)) \(months[time.month - 1]) \(time.year) \(two(time.hour)):\(two(time.minute)):\(two(time.second)) GMT"
    }
}
