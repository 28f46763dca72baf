import Foundation
#if canImport(Glibc)
public import Glibc
#endif

extension FixtureProcess {
    /// The process ids of every descendant of this process (from /proc),
    /// including those that left its process group (sshd's sessions call setsid).
    public func descendants() -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = pid_t(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // Fields after "(comm)": state, ppid, ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { children[parent, default: []].append(child) }
        }
        var found: [pid_t] = []
        var queue = children[pid] ?? []
        while let next = queue.popLast() {
            found.append(next)
            queue += children[next] ?? []
        }
        return found
    }

    /// Kills every descendant (not the process itself) with SIGKILL: for sshd,
    /// every open session drops at once.
    public func killDescendants() {
        for child in descendants() { kill(child, SIGKILL) }
    }
}
