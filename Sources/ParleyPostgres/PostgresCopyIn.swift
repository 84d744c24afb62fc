#if PostgreSQL
    import Dispatch
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresSession {
        /// Sends `rows` (values of `columns`, in that order) into `table` with one
        /// `COPY … FROM STDIN`, in this session's transaction: PostgreSQL's bulk load, which parses
        /// no statement per row. A row the table refuses fails the whole copy, and so the
        /// transaction.
        public func copy(into table: String, columns: [String], rows: [[StoredValue]]) throws {
            guard !rows.isEmpty else { return }
            var text: [UInt8] = []
            text.reserveCapacity(rows.count * columns.count * 16)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { text.append(9) }
                    Self.append(value, to: &text)
                }
                text.append(10)
            }
            let data = ByteBuffer(bytes: text)
            let connection = self.connection
            let outcome = CopyOutcome()
            // copyFrom is async: it runs on a thread of its own (not Swift's cooperative pool, which
            // the blocked caller may be on), and this thread waits for it, as for every query here.
            Task(executorPreference: CopyOutcome.executor) {
                do {
                    try await connection.copyFrom(table: table, columns: columns, logger: PostgresStore.logger) {
                        writer in
                        // Chunks of at most 1 MiB, so that no one message is larger.
                        var start = 0
                        while start < data.readableBytes {
                            let length = min(1 << 20, data.readableBytes - start)
                            try await writer.write(data.getSlice(at: start, length: length) ?? ByteBuffer())
                            start += length
                        }
                    }
                } catch {
                    outcome.error = error
                }
                outcome.done.signal()
            }
            // As for a query (``PostgresSession/wait(for:on:)``): a connection that closes while the
            // copy waits for its answer ends the wait, since postgres-nio may never answer it.
            do {
                try Self.wait(for: outcome.done, on: connection)
            } catch {
                throw PostgresStore.map(error, address: address)
            }
            if let error = outcome.error { throw PostgresStore.map(error, address: address) }
        }

        /// `value` in COPY's text format: `\N` for NULL, and a backslash before the characters
        /// that would end a field or a row.
        private static func append(_ value: StoredValue, to text: inout [UInt8]) {
            switch value {
            case .null: text += [92, 78]
            case .integer(let number): text += Array(String(number).utf8)
            case .real(let number): text += Array("\(number)".utf8)
            case .text(let string):
                for byte in string.utf8 {
                    switch byte {
                    case 92: text += [92, 92]
                    case 9: text += [92, 116]
                    case 10: text += [92, 110]
                    case 13: text += [92, 114]
                    default: text.append(byte)
                    }
                }
            case .blob(let bytes):
                // bytea's hex form, its backslash doubled for COPY.
                let digits = Array("0123456789abcdef".utf8)
                text += [92, 92, 120]
                for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
            }
        }
    }

    /// How a copy ended, handed from the task that ran it to the thread that waits for it.
    private final class CopyOutcome: @unchecked Sendable {
        var error: (any Error)?
        let done = DispatchSemaphore(value: 0)

        /// The executor copies run on: a queue of its own.
        static let executor = QueueExecutor(label: "parley.postgres.copy")
    }

    /// A task executor that runs jobs on a dispatch queue of its own, outside Swift's cooperative
    /// thread pool (which callers blocked on a PostgreSQL answer may fill).
    final class QueueExecutor: TaskExecutor, @unchecked Sendable {
        private let queue: DispatchQueue

        init(label: String) { queue = DispatchQueue(label: label) }

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            queue.async { job.runSynchronously(on: executor) }
        }
    }
#endif
