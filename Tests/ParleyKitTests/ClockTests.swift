import Foundation
import ParleyKit
import Testing

@Suite("Clock")
struct ClockTests {
    @Test(
        "a fixed ISO 8601 time reads back as the same timestamp",
        arguments: [
            "2026-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "1999-12-31T12:05:09Z",
        ])
    func roundTrip(_ text: String) throws {
        let clock = try #require(Clock.fixed(iso8601: text))
        #expect(clock.timestamp == text)
    }

    @Test("the timestamp is UTC to the second, whatever the time zone")
    func utc() {
        #expect(Clock.fixed(Date(timeIntervalSince1970: 1_767_225_600.9)).timestamp == "2026-01-01T00:00:00Z")
        #expect(Clock.fixed(Date(timeIntervalSince1970: 0)).timestamp == "1970-01-01T00:00:00Z")
    }

    @Test(
        "anything but YYYY-MM-DDTHH:MM:SSZ is refused",
        arguments: [
            "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00:00+01:00", "2026-02-30T00:00:00Z",
            "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "x026-01-01T00:00:00Z", "",
        ])
    func refused(_ text: String) {
        #expect(Clock.fixed(iso8601: text) == nil)
    }
}
