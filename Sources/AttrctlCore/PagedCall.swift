import Protos

/// A list request that pages with `page_token` (PROTOCOL.md §12).
protocol PagedRequest: Sendable {
    var pageSize: Int32 { get set }
    var pageToken: String { get set }
}

/// Its response: a page and the token of the next one (empty on the last).
protocol PagedResponse {
    var nextPageToken: String { get set }
}

extension Attribution_V1_ListEventsRequest: PagedRequest {}
extension Attribution_V1_ListEventsResponse: PagedResponse {}
extension Attribution_V1_ListAlertEventsRequest: PagedRequest {}
extension Attribution_V1_ListAlertEventsResponse: PagedResponse {}
extension Attribution_V1_ListFailuresRequest: PagedRequest {}

/// `--all` for a list command: the first page, or every page from it merged
/// into one response. Bounded: it stops once `count` reaches `limit`
/// (leaving the next token in the response), and a token that repeats ends
/// the loop.
enum PagedCall {
    static func collect<Request: PagedRequest, Response: PagedResponse>(
        _ request: Request, all: Bool, limit: Int = .max,
        count: (Response) -> Int,
        merge: (inout Response, Response) -> Void,
        page: (Request) async throws -> Response
    ) async throws -> Response {
        var response = try await page(request)
        guard all else { return response }
        var next = request
        var seen: Set<String> = []
        while !response.nextPageToken.isEmpty, count(response) < limit, seen.insert(response.nextPageToken).inserted {
            next.pageToken = response.nextPageToken
            let more = try await page(next)
            merge(&response, more)
            response.nextPageToken = more.nextPageToken
        }
        return response
    }
}
