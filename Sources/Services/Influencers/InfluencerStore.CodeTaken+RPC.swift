public import AttributionStore
public import Wire

/// A discount code of another influencer: ALREADY_EXISTS naming the code and
/// its field (influencers.proto, CreateInfluencer and UpdateInfluencer).
extension InfluencerStore.CodeTaken: RPCErrorConvertible {
    public var rpcError: RPCError {
        RPCError(
            code: .alreadyExists,
            message: "influencer.discount_codes[\(index)]: discount code '\(code)' already belongs to another influencer of the tenant (codes are compared ignoring case)")
    }
}
