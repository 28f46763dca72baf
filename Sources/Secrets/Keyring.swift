/// The master keys attrd holds: the current one seals, every one opens.
/// A key is retired by removing it once `attrd keys rotate` has re-sealed
/// everything it sealed.
public struct Keyring: Sendable, CustomStringConvertible {
    public let current: MasterKey
    private let keys: [String: MasterKey]

    /// - Parameter keys: the current key first, then older ones; ids unique.
    public init(_ keys: [MasterKey]) throws(SecretsError) {
        guard let current = keys.first else {
            throw SecretsError(code: .invalidKey, message: "no master key given")
        }
        var byID: [String: MasterKey] = [:]
        for key in keys {
            guard byID.updateValue(key, forKey: key.id) == nil else {
                throw SecretsError(code: .invalidKey, message: "key id \(key.id) appears twice")
            }
        }
        self.current = current
        self.keys = byID
    }

    public func key(id: String) -> MasterKey? { keys[id] }

    public var ids: [String] { keys.keys.sorted() }

    public var description: String { "Keyring(current: \(current.id), keys: \(ids.joined(separator: ", ")))" }
}
