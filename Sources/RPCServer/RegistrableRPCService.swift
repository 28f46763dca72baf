/// A service that adds its methods to a router: each generated
/// `…Handler` protocol provides `register(with:)`.
public protocol RegistrableRPCService: Sendable {
    func register(with router: inout Router)
}
