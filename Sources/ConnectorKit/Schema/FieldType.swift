/// The type of a field's values.
public enum FieldType: String, Sendable, Hashable, CaseIterable, Codable {
    case string
    case integer
    case number
    case boolean
    /// A calendar date, `YYYY-MM-DD` (JSON Schema: string with format `date`).
    case date
    /// A timestamp per RFC 3339 (JSON Schema: string with format `date-time`).
    case dateTime = "date_time"
    case object
    case array
    /// Any JSON value: the samples disagreed on the type, or nothing constrains it.
    case any
}
