# Writes Grammar/valid.txt: each expression of the language with its value,
# computed with mpmath from a Python expression written independently of the
# Swift evaluator. Run: python3 Grammar/valid_reference_values.py
# Generates Grammar/valid.txt: each of our expressions with a Python/mpmath
# expression written independently for the value it must have.
from mpmath import mp, mpf
import mpmath as m
mp.dps = 40
def sig(t): return 1/(1+m.exp(-t))
cases = [
 # (comment or None, source, bindings dict, python lambda of x and params)
 ("Numbers", None, None, None),
 (None, "3", {"x": 0}, lambda x, p: 3),
 (None, "3.", {"x": 0}, lambda x, p: 3),
 (None, ".5", {"x": 0}, lambda x, p: mpf("0.5")),
 (None, "1e-3", {"x": 0}, lambda x, p: mpf("0.001")),
 (None, "2.5E+4", {"x": 0}, lambda x, p: 25000),
 (None, "1E2", {"x": 0}, lambda x, p: 100),
 (None, "007.250", {"x": 0}, lambda x, p: mpf("7.25")),
 (None, "1e-400", {"x": 0}, lambda x, p: 0),
 ("The variable, constants and parameters", None, None, None),
 (None, "x", {"x": 1.5}, lambda x, p: x),
 (None, "pi", {"x": 0}, lambda x, p: m.pi),
 (None, "e", {"x": 0}, lambda x, p: m.e),
 (None, "2*e", {"x": 0}, lambda x, p: 2*m.e),
 (None, "w0*x + s", {"x": 2, "w0": 3, "s": 0.25}, lambda x, p: p["w0"]*x + p["s"]),
 (None, "x_1 + alpha", {"x": 0, "x_1": 1, "alpha": 2}, lambda x, p: 3),
 ("Power: right-associative, tighter than unary minus", None, None, None),
 (None, "2^3^2", {"x": 0}, lambda x, p: 512),
 (None, "2**3**2", {"x": 0}, lambda x, p: 512),
 (None, "(2^3)^2", {"x": 0}, lambda x, p: 64),
 (None, "-x^2", {"x": 3}, lambda x, p: -9),
 (None, "-2^2", {"x": 0}, lambda x, p: -4),
 (None, "(-2)^2", {"x": 0}, lambda x, p: 4),
 (None, "2^-1", {"x": 0}, lambda x, p: mpf("0.5")),
 (None, "2^-x^2", {"x": 2}, lambda x, p: mpf(2)**(-4)),
 (None, "x^-2", {"x": 4}, lambda x, p: mpf(1)/16),
 (None, "-x**2", {"x": 3}, lambda x, p: -9),
 (None, "x^0.5", {"x": 2}, lambda x, p: m.sqrt(2)),
 ("Unary minus and plus", None, None, None),
 (None, "--x", {"x": 3}, lambda x, p: 3),
 (None, "- - -x", {"x": 3}, lambda x, p: -3),
 (None, "+x", {"x": 3}, lambda x, p: 3),
 (None, "2*-x", {"x": 3}, lambda x, p: -6),
 (None, "2 - -x", {"x": 3}, lambda x, p: 5),
 (None, "-2*x", {"x": 3}, lambda x, p: -6),
 ("Left-associative + - * /", None, None, None),
 (None, "10 - 4 - 3", {"x": 0}, lambda x, p: 3),
 (None, "64/8/2", {"x": 0}, lambda x, p: 4),
 (None, "2*3/4", {"x": 0}, lambda x, p: mpf("1.5")),
 (None, "1 + 2*3", {"x": 0}, lambda x, p: 7),
 (None, "(1 + 2)*3", {"x": 0}, lambda x, p: 9),
 (None, "x - 1 - x", {"x": 5}, lambda x, p: -1),
 (None, "1/2*x", {"x": 4}, lambda x, p: 2),
 ("Comparisons give 1 or 0 and bind looser than arithmetic", None, None, None),
 (None, "x < 1", {"x": 0.5}, lambda x, p: 1),
 (None, "x <= 1", {"x": 1}, lambda x, p: 1),
 (None, "x > 1", {"x": 1}, lambda x, p: 0),
 (None, "x >= 1", {"x": 1}, lambda x, p: 1),
 (None, "x == 2", {"x": 2}, lambda x, p: 1),
 (None, "x != 2", {"x": 2}, lambda x, p: 0),
 (None, "x + 1 > 2*x", {"x": 0.5}, lambda x, p: 1),
 (None, "(x > 0)*(x < 1)", {"x": 0.5}, lambda x, p: 1),
 (None, "(x > 0) + (x > 1)", {"x": 2}, lambda x, p: 2),
 ("Conditional: lowest precedence, right-associative", None, None, None),
 (None, "x > 0 ? x : 0.01*x", {"x": -2}, lambda x, p: mpf("-0.02")),
 (None, "x > 0 ? x : 0.01*x", {"x": 2}, lambda x, p: 2),
 (None, "x < -1 ? -1 : x < 1 ? x : 1", {"x": 0.25}, lambda x, p: mpf("0.25")),
 (None, "x < -1 ? -1 : x < 1 ? x : 1", {"x": 7}, lambda x, p: 1),
 (None, "x < -1 ? -1 : x < 1 ? x : 1", {"x": -7}, lambda x, p: -1),
 (None, "x > 0 ? x > 1 ? 2 : 1 : 0", {"x": 0.5}, lambda x, p: 1),
 (None, "(x > 0 ? 1 : 2) + 10", {"x": 1}, lambda x, p: 11),
 (None, "x > 0 ? 1 : 2 + 10", {"x": -1}, lambda x, p: 12),
 (None, "x > 0 ? log(x) : 0", {"x": -1}, lambda x, p: 0),
 ("Calls, with optional arguments filled in", None, None, None),
 (None, "sin(30*x)", {"x": 0.1}, lambda x, p: m.sin(3)),
 (None, "exp(-x^2/(2*0.05^2))", {"x": 0.03}, lambda x, p: m.exp(-mpf("0.03")**2/(2*mpf("0.05")**2))),
 (None, "sin(x)/x", {"x": 0.5}, lambda x, p: m.sin(mpf("0.5"))/mpf("0.5")),
 (None, "elu(x)", {"x": -1}, lambda x, p: m.exp(-1) - 1),
 (None, "elu(x, 0.5)", {"x": -1}, lambda x, p: (m.exp(-1) - 1)/2),
 (None, "leaky_relu(x)", {"x": -3}, lambda x, p: mpf("-0.03")),
 (None, "leaky_relu(x, 0.2)", {"x": -3}, lambda x, p: mpf("-0.6")),
 (None, "max(x, 0) + min(x, 0)", {"x": -3}, lambda x, p: -3),
 (None, "pow(x, 3)", {"x": -2}, lambda x, p: -8),
 (None, "sigmoid(x)", {"x": 1}, lambda x, p: sig(1)),
 (None, "softplus(x)", {"x": -1}, lambda x, p: m.log(1+m.exp(-1))),
 (None, "gelu(x)", {"x": 1}, lambda x, p: (1+m.erf(1/m.sqrt(2)))/2),
 (None, "silu(x)", {"x": 2}, lambda x, p: 2*sig(2)),
 (None, "sinc(x)", {"x": 0}, lambda x, p: 1),
 (None, "sinc(pi)", {"x": 0}, lambda x, p: m.sin(mpf(m.pi.__float__()))/mpf(m.pi.__float__())),
 (None, "relu(x) + step(x) + sign(x) + abs(x)", {"x": -2}, lambda x, p: 1),
 (None, "tanh(x) + atan(x) + erf(x) + erfc(x)", {"x": 0.5}, lambda x, p: m.tanh(0.5)+m.atan(0.5)+1),
 (None, "sinh(x) - cosh(x)", {"x": 1}, lambda x, p: -m.exp(-1)),
 (None, "log(x) + log1p(x) + sqrt(x) + tan(x) + cos(x)", {"x": 0.5}, lambda x, p: m.log(0.5)+m.log(1.5)+m.sqrt(0.5)+m.tan(0.5)+m.cos(0.5)),
 (None, "max(sin(x), cos(x))", {"x": 1}, lambda x, p: m.sin(1)),
 ("White space and characters pasted from papers", None, None, None),
 (None, "  x\t*\n2  ", {"x": 3}, lambda x, p: 6),
 (None, "2\u2212x", {"x": 3}, lambda x, p: -1),
 (None, "2\u2013x", {"x": 3}, lambda x, p: -1),
 (None, "2\u00d7x", {"x": 3}, lambda x, p: 6),
 (None, "2\u00b7x", {"x": 3}, lambda x, p: 6),
 (None, "6\u00f7x", {"x": 3}, lambda x, p: 2),
 (None, "\u03c0*x", {"x": 2}, lambda x, p: 2*m.pi),
 (None, "x\u00b2", {"x": 3}, lambda x, p: 9),
 (None, "\u2212x\u00b2", {"x": 3}, lambda x, p: -9),
 (None, "x\u207b\u00b9", {"x": 4}, lambda x, p: mpf("0.25")),
 (None, "x \u2264 1", {"x": 1}, lambda x, p: 1),
 (None, "x\u00a0+\u00a01", {"x": 1}, lambda x, p: 2),
]
out = ["# Valid expressions of the activation language, one per line, read by",
       "# Tests/ActivationExprTests/GrammarExampleTests.swift.",
       "#",
       "# Format:  source ; x=VALUE [; name=VALUE ...] ; expected value",
       "# The expected values were computed with Python's mpmath (40 digits) from",
       "# independently written Python expressions by Grammar/valid_reference_values.py",
       "# and are checked to a relative error of 1e-14.",
       "# Escapes in the source: \\t, \\n and \\u{XXXX} stand for the character.",
       ""]
def esc(s):
    r = ""
    for ch in s:
        if ch == "\t": r += "\\t"
        elif ch == "\n": r += "\\n"
        elif ord(ch) > 126 or ord(ch) < 32: r += "\\u{%04X}" % ord(ch)
        else: r += ch
    return r
for comment, src, b, f in cases:
    if comment:
        out.append(""); out.append("# " + comment); continue
    if f is None: continue
    x = mpf(b["x"]); params = {k: mpf(v) for k, v in b.items() if k != "x"}
    v = f(x, params)
    fields = [esc(src)] + [f"{k}={v2!r}" for k, v2 in b.items()] + [m.nstr(mpf(v), 17, min_fixed=-5, max_fixed=10) if v != 0 else "0"]
    out.append(" ; ".join(fields))
import os; open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "valid.txt"), "w").write("\n".join(out) + "\n")
