/// A place where an expression stops being smooth, described as the sign
/// changes of a function of `x`.
///
/// Built-in functions and operators know where they are not smooth in
/// terms of their own arguments (`relu(a)` at `a = 0`, `a/b` at `b = 0`);
/// inside a composite expression those places are the zeros of the
/// argument as a function of `x`. `abs(sin(x))` has a kink where
/// `sin(x) = 0`, so its locator is `sin(x)`; `relu(x - 1)` has the
/// locator `x - 1`; `sin(x)/x` has a pole where `x` changes sign (a
/// removable one, but the tree cannot tell, so it is reported).
///
/// The compiler turns each locator into a compiled `BreakpointLocator`,
/// and whoever integrates or plots the expression looks for the sign
/// changes of the locator on its interval.
public struct NonSmoothPoint: Hashable, Sendable, CustomStringConvertible {
    /// What happens where the locator changes sign.
    public let kind: BreakpointLocator.Kind

    /// The function of `x` whose sign changes (zeros) are the points.
    public let locator: Expression

    /// A readable account, e.g. "relu has a kink where x - 1 = 0".
    public let description: String

    /// Describes non-smooth points as the sign changes of `locator`.
    public init(kind: BreakpointLocator.Kind, locator: Expression, description: String) {
        self.kind = kind
        self.locator = locator
        self.description = description
    }
}

extension NonSmoothPoint {
    /// A point named after what causes it: `subject` is the function or
    /// operator ("relu", "division"), `behaviour` what it does there
    /// ("has a kink"); the description reads
    /// "relu has a kink where x - 1 = 0".
    init(
        _ kind: BreakpointLocator.Kind,
        _ subject: String,
        _ behaviour: String,
        where locator: Expression,
        note: String = ""
    ) {
        self.init(
            kind: kind,
            locator: locator,
            description: "\(subject) \(behaviour) where \(locator) = 0\(note)"
        )
    }
}
