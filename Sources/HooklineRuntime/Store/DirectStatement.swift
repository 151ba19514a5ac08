import GRDB
import GRDBSQLite

/// A value for a ``DirectStatement`` parameter.
enum SQLValue: Sendable {
    case text(String)
    case integer(Int64)
    case real(Double)
    case null

    static func text(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
    static func integer(_ value: Int?) -> SQLValue { value.map { .integer(Int64($0)) } ?? .null }
    static func real(_ value: Double?) -> SQLValue { value.map(SQLValue.real) ?? .null }
}

/// One of the store's hottest statements (ingest's INSERT, a delivery's attempt and save), with
/// its values bound straight through SQLite's C API. GRDB's `StatementArguments` boxes each value
/// as an existential on the caller's thread and binds it through nested closures on the writer
/// thread: ~7% of Swift's pool and ~8% of the writer under ingest.
///
/// The statement is prepared on first use and armed once with `setArguments` (all NULL), so
/// GRDB's `execute()` runs it as it is: it resets the statement, which keeps the bindings made
/// here, and does its own bookkeeping around the steps (errors, transaction state). Used only on
/// the writer thread, inside the writer's closures: the `Statement` is never shared.
final class DirectStatement: @unchecked Sendable {
    private let sql: String
    private var prepared: (statement: Statement, connection: ObjectIdentifier)?

    init(sql: String) {
        self.sql = sql
    }

    /// Runs the statement on the writer's connection `db` with `values`, one per `?`, in order.
    func execute(_ db: Database, _ values: [SQLValue]) throws {
        let statement = try self.statement(db)
        let handle = statement.sqliteStatement
        // A statement stepped to its end takes no bindings until reset; after a failed step this
        // reset also clears the error (its result is that error), so the statement runs again.
        sqlite3_reset(handle)
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)), "\(values.count) values for: \(sql)")
        for (index, value) in zip(Int32(1)..., values) {
            let code: Int32 = switch value {
            case .text(var text):
                text.withUTF8 { sqlite3_bind_text64(handle, index, $0.baseAddress, UInt64($0.count), transient, UInt8(SQLITE_UTF8)) }
            case .integer(let number): sqlite3_bind_int64(handle, index, number)
            case .real(let number): sqlite3_bind_double(handle, index, number)
            case .null: sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql) }
        }
        // SQLite's copies of the values (an event can be megabytes) are let go once the statement ran.
        defer { sqlite3_clear_bindings(handle) }
        try statement.execute()
    }

    private func statement(_ db: Database) throws -> Statement {
        if let prepared, prepared.connection == ObjectIdentifier(db) { return prepared.statement }
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(StatementArguments(Array(repeating: nil as (any DatabaseValueConvertible)?,
                                                            count: Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))))
        prepared = (statement, ObjectIdentifier(db))
        return statement
    }
}

/// SQLite copies the bytes before the bind returns (`SQLITE_TRANSIENT`).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
