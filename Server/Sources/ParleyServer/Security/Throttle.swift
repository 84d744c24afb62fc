import Foundation

/// Failed sign-ins and bearer checks per client address: after ``limit`` within ``window``
/// seconds, the address's further attempts are refused (429, with `Retry-After`) until the oldest
/// failure is older than the window. Secrets are 256 random bits, so guessing one is hopeless
/// anyway; this keeps a guesser from using the server as a fast oracle, and says in the log that
/// someone tried.
actor Throttle {
    /// Failures allowed per address within the window.
    let limit: Int
    /// Seconds a failure counts.
    let window: Double
    /// Addresses remembered at most: past it, the one whose last failure is oldest is forgotten,
    /// so that failures from many addresses cannot fill the memory.
    let maxAddresses: Int
    private let now: @Sendable () -> Double
    private var failures: [String: [Double]] = [:]

    init(
        limit: Int = 10, window: Double = 60, maxAddresses: Int = 10_000,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.limit = limit
        self.window = window
        self.maxAddresses = maxAddresses
        self.now = now
    }

    /// Seconds until `address` may try again, or nil if it may try now.
    func retryAfter(_ address: String) -> Int? {
        let recent = prune(address)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((oldest + window - now()).rounded(.up)))
    }

    /// Counts a failed attempt from `address`; true when this one reached the limit (the moment
    /// to say so in the log).
    func failed(_ address: String) -> Bool {
        var recent = prune(address)
        recent.append(now())
        if failures[address] == nil, failures.count >= maxAddresses,
            let forgotten = failures.min(by: { ($0.value.last ?? 0) < ($1.value.last ?? 0) })?.key
        {
            failures[forgotten] = nil
        }
        failures[address] = recent
        return recent.count == limit
    }

    /// The failures of `address` still within the window (and forgets the older ones).
    private func prune(_ address: String) -> [Double] {
        guard let times = failures[address] else { return [] }
        let cutoff = now() - window
        let recent = times.filter { $0 > cutoff }
        failures[address] = recent.isEmpty ? nil : recent
        return recent
    }
}
