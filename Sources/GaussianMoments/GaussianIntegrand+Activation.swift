import ActivationExpr

extension GaussianIntegrand {
    /// The integrand of the forward second moment `M_f = E[φ(z)²]`.
    ///
    /// It carries all of the activation's breakpoints, those of φ' too:
    /// a breakpoint where φ is smooth only costs one more panel end.
    public static func forwardSecondMoment(of activation: Activation) -> GaussianIntegrand {
        GaussianIntegrand(
            function: activation.function, transform: .square,
            breakpoints: activation.breakpoints)
    }

    /// The integrand of the backward second moment `M_d = E[φ'(z)²]`,
    /// with the breakpoints of φ and φ' (the jumps of φ' are often the
    /// kinks of φ: `relu` and `step`).
    public static func backwardSecondMoment(of activation: Activation) -> GaussianIntegrand {
        GaussianIntegrand(
            function: activation.derivative, transform: .square,
            breakpoints: activation.breakpoints)
    }
}
