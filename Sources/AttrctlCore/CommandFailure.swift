/// A failure that is not a usage mistake (a file that cannot be read, say):
/// attrctl prints the message alone, without the usage, and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
