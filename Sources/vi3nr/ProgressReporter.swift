import Dispatch
import Foundation

/// One line of progress on standard error for work that takes more than a
/// second, rewritten in place, and only when standard error is a
/// terminal: a log file or a pipe gets nothing, so that scripts and tests
/// see only results and errors.
///
/// A command sets the current message whenever its work moves on; a timer
/// draws it once a second has passed since the reporter started, and
/// again whenever it changes, so a single long library call (a σ_p
/// search) gets its line too, and a short run stays silent.
final class ProgressReporter: @unchecked Sendable {
    /// Whether anything is shown at all.
    let isEnabled: Bool

    // `lock` guards the three fields below, which the timer reads on its
    // own queue.
    private let lock = NSLock()
    private var message = ""
    private var shownMessage: String?
    private var isFinished = false
    private var timer: DispatchSourceTimer?

    /// A reporter that draws only when standard error is a terminal.
    convenience init() {
        self.init(isEnabled: isatty(STDERR_FILENO) == 1)
    }

    init(isEnabled: Bool) {
        self.isEnabled = isEnabled
        guard isEnabled else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "vi3nr.progress"))
        timer.schedule(deadline: .now() + 1, repeating: .milliseconds(200))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
        self.timer = timer
    }

    deinit {
        timer?.cancel()
    }

    /// Sets the line to show (drawn by the timer).
    func show(_ message: String) {
        guard isEnabled else { return }
        lock.lock()
        self.message = message
        lock.unlock()
    }

    /// Stops drawing and clears the line, so that results and errors start
    /// on a clean one.
    func finish() {
        guard isEnabled else { return }
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        isFinished = true
        if shownMessage != nil {
            writeAll("\r\u{1B}[K", to: STDERR_FILENO)
            shownMessage = nil
        }
    }

    private func draw() {
        lock.lock()
        defer { lock.unlock() }
        guard !isFinished, !message.isEmpty, message != shownMessage else { return }
        writeAll("\r\u{1B}[K" + message, to: STDERR_FILENO)
        shownMessage = message
    }
}
