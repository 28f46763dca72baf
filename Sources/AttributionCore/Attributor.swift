public import Foundation

/// Attributes one order to its touchpoints under every model and window.
///
/// A touchpoint is inside a window when it happened no later than the order
/// and no earlier than the order's time minus the window. An order with no
/// touchpoint inside a window is credited in full to the channel `direct`
/// under every model, so that every model and window accounts for all revenue.
public struct Attributor: Sendable {
    /// The channel that gets the credit of an order with no touchpoint.
    public static let directChannel = "direct"
    /// Time decay's default half-life: 7 days.
    public static let defaultHalfLife: TimeInterval = 7 * 86_400

    public var halfLife: TimeInterval
    public var models: [AttributionModel]
    public var windows: [AttributionWindow]

    public init(
        halfLife: TimeInterval = Attributor.defaultHalfLife,
        models: [AttributionModel] = AttributionModel.allCases,
        windows: [AttributionWindow] = AttributionWindow.allCases
    ) {
        precondition(halfLife > 0, "the half-life must be positive")
        self.halfLife = halfLife
        self.models = models
        self.windows = windows
    }

    /// - Parameter touches: the customer's touchpoints, in any order; those
    ///   outside a window are ignored for it.
    public func credits(for conversion: Conversion, touches: [Touch]) -> [AttributedCredit] {
        let sorted = touches.filter { $0.occurredAt <= conversion.orderedAt }.sorted(by: Touch.chronological)
        var credits: [AttributedCredit] = []
        for window in windows {
            let earliest = conversion.orderedAt.addingTimeInterval(-window.seconds)
            let inside = sorted.filter { $0.occurredAt >= earliest }
            for model in models {
                credits += self.credits(for: conversion, inside: inside, model: model, window: window)
            }
        }
        return credits
    }

    private func credits(
        for conversion: Conversion, inside: [Touch], model: AttributionModel, window: AttributionWindow
    ) -> [AttributedCredit] {
        guard !inside.isEmpty else {
            return [
                AttributedCredit(
                    conversionID: conversion.id, touchID: nil, model: model, window: window,
                    channel: Self.directChannel, campaign: nil,
                    creditUnits: AttributedCredit.unitsPerCredit, revenueMinor: conversion.revenueMinor)
            ]
        }
        let weights = CreditWeights.weights(
            model, touches: inside, conversionTime: conversion.orderedAt, halfLife: halfLife)
        let units = MinorUnitAllocation.split(AttributedCredit.unitsPerCredit, by: weights)
        let revenue = MinorUnitAllocation.split(conversion.revenueMinor, by: weights)
        return inside.indices.compactMap { index in
            // A touchpoint with no credit (first/last touch) gets no row.
            guard units[index] > 0 || revenue[index] > 0 else { return nil }
            let touch = inside[index]
            return AttributedCredit(
                conversionID: conversion.id, touchID: touch.id, model: model, window: window,
                channel: touch.channel, campaign: touch.campaign,
                creditUnits: units[index], revenueMinor: revenue[index])
        }
    }
}
