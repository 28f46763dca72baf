public import Foundation

/// Where a secret lives. It is the associated data of the seal: a ciphertext
/// copied to another row, column, table or tenant fails to open.
public struct SecretContext: Sendable, Hashable {
    public var tenantID: UUID
    public var table: String
    public var rowID: UUID
    public var column: String

    public init(tenantID: UUID, table: String, rowID: UUID, column: String) {
        self.tenantID = tenantID
        self.table = table
        self.rowID = rowID
        self.column = column
    }

    /// Length-prefixed fields, so no two contexts serialise alike.
    func associatedData(header: [UInt8]) -> [UInt8] {
        var data: [UInt8] = []
        for field in [Array("attrd-secret".utf8), header, tenantID.bytes, Array(table.utf8), rowID.bytes, Array(column.utf8)] {
            let count = UInt32(field.count)
            data += [UInt8(count >> 24), UInt8(count >> 16 & 0xff), UInt8(count >> 8 & 0xff), UInt8(count & 0xff)]
            data += field
        }
        return data
    }
}

extension UUID {
    var bytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }
}
