import Foundation
import ServiceKit
import Testing

@Suite("ServiceKit: keyset pages")
struct KeysetPageTests {
    struct Cursor: Codable, Sendable, Equatable {
        var time: Date
        var id: Int
    }

    @Test func sizeDefaultsClampsAndRefusesNegative() throws {
        #expect(try KeysetPage<Cursor>(size: 0, token: "", filters: "f").size == 50)
        #expect(try KeysetPage<Cursor>(size: 500, token: "", filters: "f").size == 200)
        #expect(try KeysetPage<Cursor>(size: 7, token: "", filters: "f", defaultSize: 10, maximum: 100).fetchLimit == 8)
        #expect(throws: FieldError("page_size", "must not be negative")) { try KeysetPage<Cursor>(size: -1, token: "", filters: "f") }
    }

    @Test func aNextTokenExactlyWhenTheExtraRowCame() throws {
        let first = try KeysetPage<Cursor>(size: 2, token: "", filters: "f")
        #expect(first.after == nil)
        let (rows, next) = first.split([1, 2, 3]) { Cursor(time: Date(timeIntervalSince1970: 0), id: $0) }
        #expect(Array(rows) == [1, 2])
        let second = try KeysetPage<Cursor>(size: 2, token: next, filters: "f")
        #expect(second.after == Cursor(time: Date(timeIntervalSince1970: 0), id: 2), "the cursor of the page's last row")
        let (last, end) = second.split([3, 4]) { Cursor(time: .now, id: $0) }
        #expect(Array(last) == [3, 4])
        #expect(end.isEmpty, "no extra row: the last page")
    }

    @Test func theTokenIsBoundToTheFiltersAndKeepsItsFormat() throws {
        let cursor = Cursor(time: Date(timeIntervalSince1970: 1_700_000_000), id: 9)
        let (_, token) = try KeysetPage<Cursor>(size: 1, token: "", filters: "a|b").split([9, 10]) { _ in cursor }
        // The token is a PageToken, as before KeysetPage existed: old tokens keep working.
        #expect(try PageToken<Cursor>.decode(token, filters: "a|b")?.position == cursor)
        let old = PageToken(position: cursor, filters: "a|b").encoded()
        #expect(try KeysetPage<Cursor>(size: 1, token: old, filters: "a|b").after == cursor)
        #expect(throws: FieldError("page_token", "was made for other filters; start again without a token")) {
            try KeysetPage<Cursor>(size: 1, token: token, filters: "a|c")
        }
        #expect(throws: FieldError("page_token", "is not a token this method returned")) {
            try KeysetPage<Cursor>(size: 1, token: "garbage!", filters: "a|b")
        }
    }
}
