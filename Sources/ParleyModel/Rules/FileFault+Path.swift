import Foundation

extension FileFault {
    /// Why the file at `path` could not be read: no such file, a folder, permission denied, or
    /// the system's own words for `error`.
    public init(path: String, _ error: Error) {
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            self = .noSuchFile
        } else if isFolder.boolValue {
            self = .folder
        } else if !FileManager.default.isReadableFile(atPath: path) {
            self = .permissionDenied
        } else {
            self = .other(error.localizedDescription)
        }
    }
}
