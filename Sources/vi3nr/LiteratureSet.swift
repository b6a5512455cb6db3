/// The literature set `vi3nr table` uses without a file: the text of
/// `Examples/literature.txt`, embedded so that the executable finds it
/// wherever it runs. A test compares the two byte for byte; after editing
/// the example file, paste it here again.
enum LiteratureSet {
    /// The name messages use for the embedded file.
    static let name = "literature.txt (built in)"

    /// The file's text. (A multi-line literal drops the line break before
    /// its closing quotes, hence the empty line there: the file ends with
    /// a line break.)
    static let text = #"""
# Activations from the implicit-neural-representation literature and the
# common ones they are compared with. One per line: `name: expression`.
# `vi3nr table` with no file reads this one.

# Periodic and band-limited activations
sine: sin(30*x)                                # SIREN, omega_0 = 30
finer: sin(30*(abs(x) + 1)*x)                  # FINER: variable-periodic sine, omega = 30
sinc: sin(x)/x                                 # sinc (unnormalised), written out

# Localised (bump) activations
gaussian: exp(-x^2/(2*0.05^2))                 # Gaussian, s = 0.05
laplacian: exp(-abs(x)/0.1)                    # Laplacian, b = 0.1
quadratic: 1/(1 + (10*x)^2)                    # quadratic, a = 10
multiquadratic: 1/sqrt(1 + (10*x)^2)           # multi-quadratic, a = 10
expsin: exp(-sin(10*x))                        # exponential sine, a = 10
super_gaussian: exp(-(x^2/(2*0.1^2))^2)        # super-Gaussian of order 2, s = 0.1
wavelet: cos(x)*exp(-x^2)                      # real Gabor wavelet (WIRE), omega = 1, s = 1

# Common activations, for comparison
tanh: tanh(x)
sigmoid: sigmoid(x)
relu: relu(x)
gelu: gelu(x)
silu: silu(x)

"""#
}
