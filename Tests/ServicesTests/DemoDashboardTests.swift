@testable import AttrctlCore
import Dashboards
import Foundation
import Protos
import TestSupport
import Testing

/// `attrctl demo dashboard`'s dashboard passes the service's layout rules
/// and every widget has data over the roll-up.
@Suite("attrctl demo dashboard", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct DemoDashboardTests {
    @Test func theDemoDashboardIsValidAndEveryWidgetHasData() async throws {
        try await DashboardsFixture.with(now: DashboardsMetricsFixture.now) { fixture in
            try await DashboardsMetricsFixture.seed(fixture.database, tenant: fixture.tenant.id)
            var request = Attribution_V1_CreateDashboardRequest()
            request.dashboard = DemoDashboard.dashboard()
            let created = try await fixture.service.createDashboard(request, context: fixture.context("admin")).dashboard
            #expect(created.isDefault && created.widgets.count == 9)
            for widget in created.widgets {
                var data = Attribution_V1_GetWidgetDataRequest()
                data.dashboardID = created.id
                data.widgetID = widget.id
                let response = try await fixture.service.getWidgetData(data, context: fixture.context("admin"))
                #expect(response.type == widget.type && response.data != nil, "\(widget.id)")
            }
        }
    }
}
