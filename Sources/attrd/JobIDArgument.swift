import ArgumentParser
import Foundation

/// The job a `attrd jobs retry|cancel` command acts on.
struct JobIDArgument: ParsableArguments {
    @Argument(help: "The job's UUID.") var id: String

    func validate() throws {
        guard UUID(uuidString: id) != nil else { throw ValidationError("ID must be a UUID") }
    }

    /// Checked by `validate()`.
    var uuid: UUID { UUID(uuidString: id)! }
}
