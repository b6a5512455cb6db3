/// Named parameters: finding them and binding them to values.
extension Expression {
    /// The names of the parameters in the expression (`w0`, `s`), which
    /// must be bound before it is evaluated or compiled.
    public var parameterNames: Set<String> {
        var names: Set<String> = []
        var pending: [Expression] = [self]
        while let node = pending.popLast() {
            if case .parameter(let name) = node { names.insert(name) }
            pending.append(contentsOf: node.children)
        }
        return names
    }

    /// Whether `text` is a name the expression language reads as one
    /// name: an underscore or a Unicode letter (`w`, `ω`, `σ`), then
    /// letters, underscores and ASCII digits (`w0`, `σ_p`). `π` is not a
    /// name (it is the constant pi), nor is anything with a space, a sign
    /// or a superscript digit in it. This is the lexer's own rule, so that
    /// a caller binding parameters from text accepts exactly the names an
    /// expression can hold; it says nothing of whether the name is free
    /// (`x`, `pi`, `e` and the function names are names, but not
    /// parameters).
    public static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, Lexer.startsName(first) else {
            return false
        }
        return text.unicodeScalars.dropFirst().allSatisfy(Lexer.continuesName)
    }

    /// The expression with each parameter replaced by its value.
    ///
    /// Every parameter must get a value, and every value must belong to a
    /// parameter: a name the expression does not have is an error (with
    /// the closest name it does have), because it is almost always a typo
    /// that would otherwise leave the intended parameter unbound.
    ///
    /// - Throws: `ExpressionError.unknownParameter` for a supplied name the
    ///   expression does not have, `.nonFiniteParameter` for an infinite
    ///   or NaN value, `.unboundParameters` listing every parameter left
    ///   without a value, `.tooDeep` for a tree over the working depth.
    public func bindingParameters(
        _ values: [String: Double]
    ) throws(ExpressionError) -> Expression {
        let names = parameterNames
        for name in values.keys.sorted() where !names.contains(name) {
            let suggestion = NameSuggestion.closest(to: name, among: names.sorted())
            throw ExpressionError.unknownParameter(name: name, suggestion: suggestion)
        }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) where !value.isFinite {
            throw ExpressionError.nonFiniteParameter(name: name, value: value)
        }
        let unbound = names.subtracting(values.keys).sorted()
        guard unbound.isEmpty else {
            throw ExpressionError.unboundParameters(unbound)
        }
        guard !names.isEmpty else { return self }

        let depth = try checkWorkingLimits()
        return withStackFor(depth: depth) { substituting(values) }
    }

    /// The tree with the parameters in `values` replaced by numbers.
    private func substituting(_ values: [String: Double]) -> Expression {
        if case .parameter(let name) = self, let value = values[name] {
            return .number(value)
        }
        let children = self.children
        guard !children.isEmpty else { return self }
        return replacingChildren(children.map { $0.substituting(values) })
    }
}

extension Expression {
    /// Parses `source`, binds `parameters` and simplifies: the expression
    /// ready to differentiate, evaluate or compile.
    ///
    /// - Throws: `ParseError` when the text does not parse,
    ///   `ExpressionError` when a parameter is unbound or unknown or a
    ///   constant part is not finite once the parameters have values
    ///   (`1/s` with `s = 0`).
    public static func parse(
        _ source: String, binding parameters: [String: Double]
    ) throws -> Expression {
        try parse(source).bindingParameters(parameters).simplified()
    }
}
