import Foundation

/// Wall-clock time as Unix seconds, the unit the stores keep.
public enum WallClock {
    public static var now: Double { Date().timeIntervalSince1970 }
}
