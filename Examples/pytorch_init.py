#!/usr/bin/env python3
"""Initialise a PyTorch MLP with gains computed by the vi3nr command line.

    python3 Examples/pytorch_init.py ['EXPRESSION']

Calls `vi3nr optimal` for the activation's theoretical optimal sigma_p (or
uses 1 when it has none), `vi3nr gain` for the hidden layers' gain at that
sigma_p, and `vi3nr input-gain` for the first layer, which sees data
(coordinates uniform on [-1, 1]); then checks on a batch that every
layer's preactivations keep sigma_p. Set VI3NR to the executable's path if
it is not on PATH (e.g. VI3NR=.build/release/vi3nr).
"""
import json
import math
import os
import subprocess
import sys

import torch

VI3NR = os.environ.get("VI3NR", "vi3nr")


def vi3nr(*arguments):
    """Runs `vi3nr ARGUMENTS --json` and returns the parsed object."""
    result = subprocess.run(
        [VI3NR, *arguments, "--json"], capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"vi3nr {' '.join(arguments)} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def init_linear(layer, gain):
    """Weights uniform on [-bound, bound], bound = gain * sqrt(3 / fan_in); bias 0."""
    bound = gain * math.sqrt(3.0 / layer.weight.shape[1])
    with torch.no_grad():
        torch.nn.init.uniform_(layer.weight, -bound, bound)
        torch.nn.init.zeros_(layer.bias)


def main():
    expression = sys.argv[1] if len(sys.argv) > 1 else "exp(-x^2/(2*0.05^2))"

    optimal = vi3nr("optimal", expression)
    if optimal["classification"] == "roots":
        sigma_p = optimal["roots"][0]["sigma_p"]
    else:
        sigma_p = 1.0
    hidden = vi3nr("gain", expression, "--sigma-p", repr(sigma_p), "--samples", "100000")
    first = vi3nr(
        "input-gain", "--sigma-p", repr(sigma_p), "--mean", "0", "--std", repr(1 / math.sqrt(3))
    )
    print(f"phi(x) = {hidden['expression']}  ({optimal['classification']})")
    print(f"sigma_p = {sigma_p:.6g}, hidden gain = {hidden['gain']:.6g} "
          f"(Monte Carlo agrees: {hidden['agrees']}), input gain = {first['gain']:.6g}")

    # The activation as torch code, from `vi3nr emit pytorch`.
    emitted = vi3nr("emit", "pytorch", expression, "--sigma-p", repr(sigma_p))
    if emitted["torch_expression"] is None:
        sys.exit(f"no torch form: {emitted['untranslatable']}")
    namespace = {}
    exec(emitted["code"], namespace)
    activation = namespace["activation"]

    torch.manual_seed(0)
    widths = [2, 256, 256, 256, 1]
    layers = [torch.nn.Linear(a, b) for a, b in zip(widths, widths[1:])]
    init_linear(layers[0], first["gain"])
    for layer in layers[1:]:
        init_linear(layer, hidden["gain"])

    with torch.no_grad():
        values = 2 * torch.rand(10000, 2, dtype=torch.float32) - 1
        for index, layer in enumerate(layers[:-1]):
            z = layer(values)
            print(f"layer {index + 1}: std of preactivations = {z.std().item():.4f}"
                  f" (sigma_p = {sigma_p:.4f})")
            values = activation(z)


if __name__ == "__main__":
    main()
