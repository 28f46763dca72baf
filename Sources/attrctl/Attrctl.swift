import ArgumentParser
import AttrctlCore

/// The `attrctl` executable: all of its commands live in AttrctlCore.
@main
enum Attrctl {
    static func main() async {
        await AttrctlCommand.main()
    }
}
