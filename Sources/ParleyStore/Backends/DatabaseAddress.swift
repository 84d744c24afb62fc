import Foundation
import ParleyModel

/// Where a case lives: an SQLite file (a path), or a PostgreSQL database (an address
/// `postgres://user[:password]@host[:port]/dbname`). The address is read here, whether or not this
/// Parley was built with PostgreSQL, so that a build without it can say so.
public enum DatabaseAddress: Sendable, Equatable {
    /// An SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresAddress)

    /// The address `text` names: a `postgres://` or `postgresql://` URL is PostgreSQL, anything
    /// else a file path.
    public init(_ text: String) throws {
        if PostgresAddress.looksLikeOne(text) {
            self = .postgres(try PostgresAddress(parsing: text))
        } else {
            self = .sqlite(path: text)
        }
    }
}

/// A PostgreSQL database's address, read from `postgres://user[:password]@host[:port]/dbname`
/// (optionally `?sslmode=disable|prefer|require`). A password may also come from `PGPASSWORD`.
/// ``description`` never shows the password: that is the form every message and log uses.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// Whether to talk to the server over TLS, as libpq's `sslmode` says it.
    public enum TLSMode: String, Sendable, Equatable {
        /// Plain TCP (the default: the server is expected on a trusted network or loopback).
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection.
        case require
    }

    /// Whether `text` is meant as a PostgreSQL address (its scheme), right or wrong.
    public static func looksLikeOne(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    public init(
        user: String, password: String? = nil, host: String, port: Int = 5432, database: String,
        tls: TLSMode = .disable
    ) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.tls = tls
    }

    /// Reads `text`; the error names what is missing or wrong, never the password.
    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.looksLikeOne(text), let schemeEnd = text.range(of: "://") else {
            throw StoreError.postgres(address: "(not a postgres:// address)", .malformedAddress(.scheme))
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw StoreError.postgres(address: Self.redacted(text), .malformedAddress(.database))
        }
        let authority = rest[..<slash]
        let path = rest[rest.index(after: slash)...]
        var userInfo: Substring = ""
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
        }
        var user = ""
        var password: String?
        if let colon = userInfo.firstIndex(of: ":") {
            user = Self.decoded(userInfo[..<colon])
            password = Self.decoded(userInfo[userInfo.index(after: colon)...])
        } else {
            user = Self.decoded(userInfo)
        }
        var host = String(hostPort)
        var port = 5432
        if let colon = hostPort.lastIndex(of: ":"), !hostPort.hasSuffix("]") {
            host = String(hostPort[..<colon])
            guard let number = Int(hostPort[hostPort.index(after: colon)...]), (1...65535).contains(number) else {
                throw StoreError.postgres(address: Self.redacted(text), .malformedAddress(.port))
            }
            port = number
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let database = Self.decoded(path)
        if user.isEmpty { user = environment["PGUSER"] ?? environment["USER"] ?? "" }
        guard !user.isEmpty else { throw StoreError.postgres(address: Self.redacted(text), .malformedAddress(.user)) }
        guard !host.isEmpty else { throw StoreError.postgres(address: Self.redacted(text), .malformedAddress(.host)) }
        guard !database.isEmpty, !database.contains("/") else {
            throw StoreError.postgres(address: Self.redacted(text), .malformedAddress(.database))
        }
        var tls = TLSMode.disable
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "sslmode", let mode = TLSMode(rawValue: parts[1]) else {
                throw StoreError.postgres(
                    address: Self.redacted(text), .malformedAddress(.option(String(pair.prefix(40)))))
            }
            tls = mode
        }
        self.init(
            user: user, password: password ?? environment["PGPASSWORD"], host: host, port: port, database: database,
            tls: tls)
    }

    /// The address without its password: `postgres://user@host:port/dbname`.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(Self.encoded(user))@\(shownHost):\(port)/\(Self.encoded(database))"
            + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// `text` with anything between `://` and `@` after a colon (a password) replaced by `***`,
    /// for messages about an address that could not be read.
    public static func redacted(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://"),
            let at = text[schemeEnd.upperBound...].lastIndex(of: "@"),
            let colon = text[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }

    private static func decoded(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }

    private static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
