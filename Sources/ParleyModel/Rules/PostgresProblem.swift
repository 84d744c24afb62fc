/// What went wrong with a PostgreSQL database (see ``StoreError/postgres(address:_:)``).
public enum PostgresProblem: Sendable, Equatable {
    /// This Parley was built without the PostgreSQL backend.
    case notBuilt
    /// The address cannot be read: what is wrong with it.
    case malformedAddress(AddressPart)
    /// No server answered at the address (refused, unknown host, timed out).
    case unreachable(detail: String)
    /// The server refused the user name or password.
    case authenticationRefused(user: String)
    /// The server has no database of that name.
    case noSuchDatabase(name: String)
    /// The database holds a Parley schema of another version than this Parley's.
    case schemaVersion(found: Int, known: Int)
    /// The database has a schema named `parley` that Parley did not make.
    case foreignSchema
    /// The database has no Parley schema yet (reading needs one).
    case noSchema
    /// The connection broke off in the middle; the transaction was not committed.
    case connectionLost(detail: String)
    /// The connection broke off while a write was being committed: the server may have committed
    /// it or not.
    case lostWhileCommitting(detail: String)
    /// The server cancelled a statement that ran longer than the statement timeout (its
    /// transaction, and so the write, with it).
    case statementTimeout
    /// A setting in the environment (`name`) has a value Parley cannot use.
    case invalidSetting(name: String, value: String)
    /// The database already holds a case, so a whole database cannot be copied into it.
    case notEmpty
    /// What was asked is not yet done by the PostgreSQL backend.
    case unsupported(what: String)
    /// Any other error the server reported (its SQLSTATE and message).
    case server(state: String, message: String)

    /// The part of an address that is missing or wrong.
    public enum AddressPart: Sendable, Equatable {
        case scheme, user, host, port, database
        case option(String)
    }
}

extension PostgresProblem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notBuilt:
            return "this Parley was built without its PostgreSQL backend (the PostgreSQL trait)"
        case .malformedAddress(let part):
            switch part {
            case .scheme: return "the address must start with postgres:// or postgresql://"
            case .user: return "the address names no user (postgres://USER@host/dbname) and PGUSER is not set"
            case .host: return "the address names no host (postgres://user@HOST/dbname)"
            case .port: return "the port must be a number from 1 to 65535"
            case .database: return "the address names no database (postgres://user@host/DBNAME)"
            case .option(let text):
                return "unknown option '\(text)' (only sslmode=disable, prefer or require is understood)"
            }
        case .unreachable(let detail):
            return "no PostgreSQL server answered (\(detail)); check the host and port, and that the server runs"
        case .authenticationRefused(let user):
            return "the server refused user '\(user)' (wrong password, or no such role); "
                + "check the user, and the password in the address or PGPASSWORD"
        case .noSuchDatabase(let name):
            return "the server has no database '\(name)'; create it first (createdb \(name))"
        case .schemaVersion(let found, let known):
            return found > known
                ? "it holds Parley schema version \(found), but this Parley knows versions 1 to \(known); "
                    + "it was left untouched. Upgrade Parley to use it"
                : "it holds Parley schema version \(found), which this Parley (versions 1 to \(known)) cannot use; "
                    + "it was left untouched"
        case .foreignSchema:
            return "it has a schema named 'parley' that Parley did not make; it was left untouched"
        case .noSchema:
            return "it holds no Parley case yet"
        case .connectionLost(let detail):
            return "the connection to the server was lost (\(detail)); nothing was written"
        case .lostWhileCommitting(let detail):
            return "the connection to the server was lost while the write was being committed (\(detail)); "
                + "it may or may not have been kept: look before doing it again"
        case .statementTimeout:
            return "a statement ran longer than the statement timeout and the server cancelled it; nothing was "
                + "written. Try again when the database is less busy, or set PARLEY_POSTGRES_STATEMENT_TIMEOUT "
                + "(seconds; 0: no limit)"
        case .invalidSetting(let name, let value):
            return "\(name) is '\(value)', which is not a number of seconds; set it to one (0: no limit), or unset it"
        case .notEmpty:
            return
                "it already holds a case; copy and import fill only an empty database (create one, then `parley init`)"
        case .unsupported(let what):
            return "not available yet: \(what)"
        case .server(let state, let message):
            return "the server reported an error (SQLSTATE \(state)): \(message)"
        }
    }
}
