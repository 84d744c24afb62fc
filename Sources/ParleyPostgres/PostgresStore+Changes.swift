#if PostgreSQL
    import ParleyModel
    import ParleyStore
    import PostgresNIO
    import Synchronization

    /// The case's change-log version as this process knows it: raised by its own commits, and, once
    /// ``PostgresStore/listenForChanges(_:)`` listens, by every other process's (PostgreSQL's
    /// `LISTEN`/`NOTIFY`, see ``PostgresWriter/log(_:)``).
    final class ChangeVersions: Sendable {
        private struct State {
            var latest: Int64 = 0
            /// Whether the announcements are being heard now (the listening connection is up).
            var listening = false
            var task: Task<Void, Never>?
        }
        private let state = Mutex(State())

        /// Raises the version to `version` if it is newer; returns whether it was.
        @discardableResult func raise(to version: Int64) -> Bool {
            state.withLock { state in
                guard version > state.latest else { return false }
                state.latest = version
                return true
            }
        }

        /// The latest version heard of, while the announcements are heard; nil otherwise.
        var heard: Int64? { state.withLock { $0.listening ? $0.latest : nil } }

        func setListening(_ listening: Bool) { state.withLock { $0.listening = listening } }

        /// Starts `task` as the listener, unless one runs already.
        func start(_ task: () -> Task<Void, Never>) {
            state.withLock { state in
                if state.task == nil { state.task = task() }
            }
        }

        func stop() {
            state.withLock { state in
                state.task?.cancel()
                state.task = nil
                state.listening = false
            }
        }
    }

    /// The version a transaction's change-log entry took, kept until it commits.
    final class LoggedVersion: Sendable {
        private let value = Mutex<Int64?>(nil)
        func set(_ version: Int64) { value.withLock { $0 = max($0 ?? 0, version) } }
        var version: Int64? { value.withLock { $0 } }
    }

    extension PostgresStore {
        /// The case's change-log version (the latest entry's number): what every other process has
        /// announced and this one has committed, while ``listenForChanges(_:)`` hears the
        /// announcements, without asking the database; otherwise (not listening, or the listening
        /// connection lost until it is back) read from the database.
        public func knownChangeVersion() throws -> Int64 {
            if let heard = versions.heard { return heard }
            let version = try read { session in
                Int64(try session.rows("SELECT coalesce(max(pk), 0) FROM change_log").first?.int(0) ?? 0)
            }
            versions.raise(to: version)
            return version
        }

        /// Listens, on a connection of its own, to the change-log versions every write announces
        /// when it commits (``changeChannel``), so that ``knownChangeVersion()`` answers without
        /// asking the database, and calls `onChange` with each newer one (and with the version
        /// found whenever listening starts). A lost connection is made again a second later; until then
        /// the version is read from the database. For a server: call once; it listens until the
        /// store is gone.
        public func listenForChanges(_ onChange: @escaping @Sendable (Int64) -> Void) {
            let versions = self.versions
            let address = self.address
            versions.start {
                // On a queue of its own: a process whose cooperative threads are all blocked on
                // PostgreSQL answers (as a test run's may be) still hears the announcements.
                Task(executorPreference: Self.listenerExecutor) {
                    while !Task.isCancelled {
                        await Self.listen(address, versions, onChange)
                        versions.setListening(false)
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
            }
        }

        /// Where the listeners run (see ``listenForChanges(_:)``).
        static let listenerExecutor = QueueExecutor(label: "parley.postgres.listen")

        /// One listening connection, until it is lost or the task is cancelled.
        private static func listen(
            _ address: PostgresAddress, _ versions: ChangeVersions, _ onChange: @escaping @Sendable (Int64) -> Void
        ) async {
            guard let configuration = try? configuration(address),
                let connection = try? await PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: 2,
                    logger: logger
                ).get()
            else { return }
            do {
                try await connection.listen(on: changeChannel) { announcements in
                    // Read after LISTEN holds: no commit falls between the two unheard.
                    let rows = try await connection.query(
                        PostgresQuery(
                            unsafeSQL: "SELECT coalesce(max(pk), 0) FROM \(PostgresSchema.namespace).change_log"),
                        logger: logger)
                    // Told even when not newer: what was read while not listening may be kept
                    // under older versions.
                    for try await current in rows.decode(Int64.self) {
                        versions.raise(to: current)
                        onChange(current)
                    }
                    versions.setListening(true)
                    for try await announcement in announcements {
                        if let version = Int64(announcement.payload), versions.raise(to: version) {
                            onChange(version)
                        }
                    }
                }
            } catch {
                // Lost: the caller makes the connection again.
            }
            try? await connection.close()
        }

        /// Stops listening (see ``listenForChanges(_:)``).
        public func stopListening() { versions.stop() }
    }
#endif
