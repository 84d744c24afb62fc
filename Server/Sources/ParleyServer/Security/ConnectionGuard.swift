import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Open connections per client address, shared by every connection's ``ConnectionGuard``.
final class ConnectionCounts: Sendable {
    /// Connections one address may hold open at once.
    let perAddress: Int
    private let counts = NIOLockedValueBox<[String: Int]>([:])

    init(perAddress: Int) { self.perAddress = perAddress }

    /// Counts a new connection from `address`; false (and not counted) when the address holds
    /// ``perAddress`` already.
    func open(_ address: String) -> Bool {
        counts.withLockedValue { counts in
            let count = counts[address, default: 0]
            guard count < perAddress else { return false }
            counts[address] = count + 1
            return true
        }
    }

    /// A connection from `address` has closed.
    func close(_ address: String) {
        counts.withLockedValue { counts in
            let count = counts[address, default: 0] - 1
            counts[address] = count > 0 ? count : nil
        }
    }

    /// The connections open from `address` (for tests).
    func count(_ address: String) -> Int { counts.withLockedValue { $0[address, default: 0] } }
}

/// Closes a new connection at once when its address already holds as many as it may, so that
/// one client (a slow one, or many half-sent requests) cannot take every connection the server
/// can hold. It sits in each connection's pipeline and passes everything through.
final class ConnectionGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let counts: ConnectionCounts
    private var address: String?

    init(_ counts: ConnectionCounts) { self.counts = counts }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        if counts.open(address) {
            self.address = address
        } else {
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let address {
            counts.close(address)
            self.address = nil
        }
    }
}

@available(*, unavailable)
extension ConnectionGuard: Sendable {}
