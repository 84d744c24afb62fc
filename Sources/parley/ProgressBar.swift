import Foundation
import ParleyModel

/// A one-line progress bar on standard error with the rate and the time left; silent unless
/// enabled (standard error is a terminal).
final class ProgressBar {
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    /// What is counted: "statements", "articles".
    private let unit: String

    init(enabled: Bool, unit: String = "statements") {
        self.enabled = enabled
        self.unit = unit
    }

    func update(_ progress: BulkProgress) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 || progress.bytesRead >= progress.totalBytes else { return }
        lastDraw = now
        let fraction = progress.totalBytes > 0 ? min(1, Double(progress.bytesRead) / Double(progress.totalBytes)) : 0
        let elapsed = max(0.001, now.timeIntervalSince(start))
        let rate = Double(progress.records) / elapsed
        let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = String(
            format: "\r[%@] %3.0f%%  %d %@  %.0f/s  %@ left ", bar, fraction * 100, progress.records, unit, rate,
            Self.duration(left))
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    private static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
    }
}
