import PostgresNIO

/// Turns PostgresNIO's errors into operator messages. They carry the server's message and
/// SQLSTATE, never the URL's password, the query's bound values (event data) or details.
enum PostgresErrors {
    /// One line about `error`: the server's message and SQLSTATE, or the connection problem.
    static func describe(_ error: any Error) -> String {
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError { return describe(inner) }
        }
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo {
            var text = info[.message] ?? "server error"
            if let state = info[.sqlState] { text += " (SQLSTATE \(state))" }
            if let hint = info[.hint] { text += "; hint: \(hint)" }
            return text
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    /// The error for a store that cannot be opened: which server, what went wrong, how to fix it.
    static func openFailure(_ error: any Error, location: PostgresLocation) -> RunnerError {
        let what = describe(error)
        let target = "PostgreSQL at \(location.host):\(location.port) (database '\(location.database)', user '\(location.user)')"
        if let psql = error as? PSQLError, psql.serverInfo == nil {
            return RunnerError("""
                cannot reach \(target): \(what). Check that the server is running and accepts TCP connections there \
                (listen_addresses, port, pg_hba.conf), or fix the store URL (--store or server.store).
                """)
        }
        return RunnerError("cannot open the run store in \(target): \(what). Check the user, password and database in the store URL.")
    }
}

/// A store operation PostgreSQL refused or could not run; its description is safe to log.
struct PostgresStoreError: Error, CustomStringConvertible {
    var operation: String
    var underlying: String
    /// Whether the server refused the statement (rolled back), as opposed to the connection failing.
    var refusedByServer: Bool

    init(_ operation: String, _ error: any Error) {
        self.operation = operation
        self.underlying = PostgresErrors.describe(error)
        refusedByServer = (error as? PSQLError)?.serverInfo != nil
    }

    var description: String { "PostgreSQL store: \(operation) failed: \(underlying)" }
}
