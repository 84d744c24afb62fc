import Foundation

/// Why a file could not be read, in a few plain words.
public enum FileProblem {
    /// "no such file", "permission denied", "it is a folder", or the system's own words.
    public static func describe(path: String, _ error: Error) -> String {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            return "no such file; check the path"
        }
        if isFolder.boolValue { return "it is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return error.localizedDescription
    }
}
