import SwiftProtobufPluginLibrary

/// For each .proto file: `RPCMessage` conformances for its messages, and for
/// each service a method-path namespace, a handler protocol with its router
/// registration (with the method's access option), and a typed client.
@main
struct ARPCGenerator: CodeGenerator {
    var supportedFeatures: [Google_Protobuf_Compiler_CodeGeneratorResponse.Feature] { [] }

    func generate(
        files: [FileDescriptor],
        parameter: any CodeGeneratorParameter,
        protoCompilerContext: any ProtoCompilerContext,
        generatorOutputs: any GeneratorOutputs
    ) throws {
        let namer = SwiftProtobufNamer()
        // A file of only enums and options (arpc/access/v1/access.proto) needs no stubs.
        for file in files where !file.messages.isEmpty || !file.services.isEmpty {
            var printer = SourcePrinter()
            try FileEmitter(file: file, namer: namer).emit(into: &printer)
            let base = file.name.hasSuffix(".proto") ? String(file.name.dropLast(6)) : file.name
            try generatorOutputs.add(fileName: base + ".arpc.swift", contents: printer.text)
        }
    }
}

/// Accumulates indented lines.
struct SourcePrinter {
    private(set) var text = ""
    private var indent = ""

    mutating func line(_ line: String = "") {
        text += line.isEmpty ? "\n" : indent + line + "\n"
    }

    mutating func block(_ opening: String, _ body: (inout SourcePrinter) -> Void) {
        line(opening + " {")
        indent += "    "
        body(&self)
        indent.removeLast(4)
        line("}")
    }

    /// A doc comment from the .proto file (already `///`-prefixed lines).
    mutating func comment(_ comment: String) {
        for line in comment.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            self.line(String(line))
        }
    }
}
