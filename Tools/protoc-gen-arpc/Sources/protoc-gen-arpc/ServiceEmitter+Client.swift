import SwiftProtobufPluginLibrary

extension ServiceEmitter {
    func emitClient(into printer: inout SourcePrinter) {
        printer.line("/// A typed client of \(service.fullName).")
        printer.block("public struct \(prefix)Client: Sendable") { printer in
            printer.line("public let client: RPCClient")
            printer.line()
            printer.line("public init(_ client: RPCClient) { self.client = client }")
            for method in service.methods {
                printer.line()
                printer.comment(method.protoSourceComments())
                emitClientMethod(method, into: &printer)
            }
        }
    }

    private func emitClientMethod(_ method: MethodDescriptor, into printer: inout SourcePrinter) {
        let name = swiftName(method)
        let options = "metadata: Metadata = [:], timeout: Duration? = nil"
        let pass = "metadata: metadata, timeout: timeout"
        switch (method.clientStreaming, method.serverStreaming) {
        case (false, false):
            printer.block("public func \(name)(_ request: \(input(method)), \(options)) async throws -> \(output(method))") { printer in
                printer.line("try await client.unary(\(path(method)), request, as: \(output(method)).self, \(pass)).message")
            }
        case (false, true):
            printer.block(
                "public func \(name)<Result: Sendable>(_ request: \(input(method)), \(options), _ body: (ResponseStream<\(output(method))>) async throws -> Result) async throws -> Result"
            ) { printer in
                printer.line("try await client.serverStreaming(\(path(method)), request, as: \(output(method)).self, \(pass), body)")
            }
        case (true, false):
            printer.block(
                "public func \(name)(\(options), requests: (RequestSink<\(input(method))>) async throws -> Void) async throws -> \(output(method))"
            ) { printer in
                printer.line("try await client.clientStreaming(\(path(method)), as: \(output(method)).self, \(pass), requests: requests).message")
            }
        case (true, true):
            printer.block(
                "public func \(name)<Result: Sendable>(\(options), requests: @escaping @Sendable (RequestSink<\(input(method))>) async throws -> Void, responses: (ResponseStream<\(output(method))>) async throws -> Result) async throws -> Result"
            ) { printer in
                printer.line("try await client.bidirectional(\(path(method)), as: \(output(method)).self, \(pass), requests: requests, responses: responses)")
            }
        }
    }
}
