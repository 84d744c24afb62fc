import Foundation
import Synchronization

/// Where one write's time went, for a server that is asked to say (`PARLEY_WRITE_TIMELINE`): when
/// the transaction's body began (after the wait for the writer's queue and the write lock), when
/// it ended, and when the commit returned (the commit, and any checkpoint SQLite runs in it). Off
/// unless ``isRecording``; then ``ParleyDatabase/write(_:)`` keeps the steps of the last write of
/// the calling thread, for the caller to read with ``last()`` after the write returns.
public struct WriteTimeline: Sendable {
    /// A moment on one thread: the monotonic clock, and the thread's time on a CPU and waiting
    /// for one so far (Linux's `/proc/thread-self/schedstat`; zero elsewhere).
    public struct Stamp: Sendable {
        /// Nanoseconds on `CLOCK_MONOTONIC`, the clock Python's `time.perf_counter()` reads on
        /// Linux, so a client's times and the server's can be put on one line.
        public var clock: UInt64
        /// Nanoseconds the thread has run on a CPU.
        public var running: UInt64
        /// Nanoseconds the thread has waited, runnable, for a CPU.
        public var waiting: UInt64

        /// Now, on the calling thread.
        public static func now() -> Stamp {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            let clock = UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
            #if os(Linux)
                var buffer = [UInt8](repeating: 0, count: 96)
                let file = open("/proc/thread-self/schedstat", O_RDONLY)
                if file >= 0 {
                    let count = read(file, &buffer, buffer.count)
                    close(file)
                    if count > 0 {
                        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
                        if fields.count >= 2,
                            let running = UInt64(String(decoding: fields[0], as: UTF8.self)),
                            let waiting = UInt64(String(decoding: fields[1], as: UTF8.self))
                        {
                            return Stamp(clock: clock, running: running, waiting: waiting)
                        }
                    }
                }
            #endif
            return Stamp(clock: clock, running: 0, waiting: 0)
        }
    }

    /// Before the write asked for the writer (on the calling thread).
    public var asked: Stamp
    /// The transaction's body began: the writer's queue and the write lock were had.
    public var began: Stamp
    /// The body, and the positions it changed, were done; the commit was next.
    public var bodyDone: Stamp
    /// The commit returned (with any checkpoint SQLite ran in it).
    public var committed: Stamp

    private static let recording = Atomic<Bool>(false)

    /// Whether writes keep their timelines. Off by default: a server turns it on when asked.
    public static var isRecording: Bool {
        get { recording.load(ordering: .relaxed) }
        set { recording.store(newValue, ordering: .relaxed) }
    }

    /// The timeline of the last write on the calling thread, if one was kept since the last call.
    public static func last() -> WriteTimeline? {
        guard isRecording, let box = pthread_getspecific(key) else { return nil }
        let kept = Unmanaged<Box>.fromOpaque(box)
        pthread_setspecific(key, nil)
        return kept.takeRetainedValue().timeline
    }

    /// Keeps `timeline` as the calling thread's last.
    static func keep(_ timeline: WriteTimeline) {
        if let old = pthread_getspecific(key) { Unmanaged<Box>.fromOpaque(old).release() }
        pthread_setspecific(key, Unmanaged.passRetained(Box(timeline)).toOpaque())
    }

    private final class Box {
        let timeline: WriteTimeline
        init(_ timeline: WriteTimeline) { self.timeline = timeline }
    }

    /// The thread-specific slot of the last timeline (a leaked box per thread that wrote last
    /// and exited without being read: at most one per thread, and only while recording).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}
