import AttrctlCore
import Testing

@Suite("Tables")
struct TableRendererTests {
    @Test func columnsAlignUnderUppercaseHeaders() {
        let table = TableRenderer(header: ["name", "server"], rows: [["dev", "127.0.0.1:7443"], ["staging-eu", "s:1"]])
        #expect(
            table.render() == """
                NAME         SERVER
                dev          127.0.0.1:7443
                staging-eu   s:1
                """
        )
    }
}

@Suite("Tables that fit a width")
struct TableFitTests {
    static let table = TableRenderer(
        header: ["id", "name", "note", "error"],
        rows: [["0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e", "alpha", "a note", "something went quite wrong"]],
        fit: TableRenderer.Fit(ids: [0], droppable: [2], clippable: [2, 3]))

    @Test func aTableThatFitsIsUnchanged() {
        #expect(Self.table.render(width: 200) == Self.table.render())
        #expect(Self.table.render().contains("0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e"))
    }

    @Test func idsAreShortenedFirst() {
        #expect(Self.table.render(width: 60) == """
            ID         NAME    NOTE     ERROR
            0b7c8a43   alpha   a note   something went quite wrong
            """)
    }

    @Test func thenColumnsAreDroppedThenClipped() {
        // Without the note the error can be clipped to fit; with it, it could not.
        #expect(Self.table.render(width: 30) == """
            ID         NAME    ERROR
            0b7c8a43   alpha   something …
            """)
        // Never below the header: what cannot fit is printed as it is.
        #expect(Self.table.render(width: 10) == """
            ID         NAME    ERROR
            0b7c8a43   alpha   some…
            """)
    }
}
