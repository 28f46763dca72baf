import ArgumentParser

/// `--page-size` and `--page-token`, shared by the list commands (`@OptionGroup`).
struct PageOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Items per page, 1 to 200 (default 50; with --all, 200).")
    var pageSize: Int?

    @Option(help: "Start at this page (the token printed under the previous one).")
    var pageToken: String?

    /// Sets the request's page; without --page-size, `all` asks for the largest pages.
    func apply<Request: PagedRequest>(to request: inout Request, all: Bool = false) throws(ValidationError) {
        if let pageSize {
            guard (1...200).contains(pageSize) else { throw ValidationError("--page-size must be 1 to 200") }
            request.pageSize = Int32(pageSize)
        } else if all {
            request.pageSize = 200
        }
        request.pageToken = pageToken ?? ""
    }
}
