#ifndef CVECTORMATH_H
#define CVECTORMATH_H

#include <stddef.h>
#include <stdint.h>

// Element-wise math over buffers of doubles: out[i] = f(in[i]) for
// 0 <= i < count. Input and output may be the same buffer (in place) but
// must not otherwise overlap.
//
// On CPUs with AVX-512F the functions use SLEEF's 8-lane AVX-512 kernels,
// on CPUs with AVX2 and FMA its 4-lane AVX2 kernels (both 1.0 ulp, 1.5 ulp
// for erfc, 0.5 ulp for sqrt); elsewhere they call the scalar libm
// function on each element. The choice is made once, at the first call,
// from the CPU's feature flags. The two vector paths may differ in the
// last bit of a result, so results are reproducible bit for bit on one
// kind of CPU, not across kinds.

#ifdef __cplusplus
extern "C" {
#endif

/// Doubles per vector on the path this CPU runs: 8 (SLEEF AVX-512), 4
/// (SLEEF AVX2) or 1 (the libm fallback).
int vm_vector_lanes(void);

/// Whether this CPU runs one of SLEEF's vector paths (1) or the libm
/// fallback (0).
int vm_uses_avx2(void);

void vm_sin(const double *in, double *out, size_t count);
void vm_cos(const double *in, double *out, size_t count);
void vm_tan(const double *in, double *out, size_t count);
void vm_exp(const double *in, double *out, size_t count);
void vm_expm1(const double *in, double *out, size_t count);
void vm_log(const double *in, double *out, size_t count);
void vm_log1p(const double *in, double *out, size_t count);
void vm_sqrt(const double *in, double *out, size_t count);
void vm_tanh(const double *in, double *out, size_t count);
void vm_sinh(const double *in, double *out, size_t count);
void vm_cosh(const double *in, double *out, size_t count);
void vm_atan(const double *in, double *out, size_t count);
void vm_erf(const double *in, double *out, size_t count);
void vm_erfc(const double *in, double *out, size_t count);

/// out[i] = pow(base[i], exponent[i]).
void vm_pow(const double *base, const double *exponent, double *out, size_t count);

/// sine[i] = sin(in[i]), cosine[i] = cos(in[i]) in one pass.
void vm_sincos(const double *in, double *sine, double *cosine, size_t count);

/// Standard normal deviates by the Box–Muller transform from uniform
/// deviates in (0, 1]: for each i < pairs,
///   r = sqrt(-2 log u1[i]), out[i] = r cos(2π u2[i]), out[pairs + i] = r sin(2π u2[i]).
/// `out` holds 2 * pairs doubles and must not overlap the inputs.
void vm_box_muller(const double *u1, const double *u2, double *out, size_t pairs);

/// Uniform deviates in (0, 1] from four interleaved xoshiro256++
/// generators: each step advances all four and writes one deviate per
/// lane (the top 52 bits of the output word as a mantissa in [1, 2), then
/// 2 − d), `count` deviates in all (a partial last step writes the first
/// lanes only). `state` holds 16 words, s0 of lanes 0…3, then s1, s2, s3,
/// and is advanced in place. Every instruction-set level gives the same
/// bits.
void vm_xoshiro4_uniform(uint64_t *state, double *out, size_t count);

/// The sums of a chunk's values for its Monte Carlo statistics:
/// totals[0] = Σ g, totals[1] = Σ g², totals[2] = Σ g·0 (0 when every value
/// is finite, NaN otherwise). Four lanes with a fixed grouping and no
/// fused multiply-add: the same bits on every level.
void vm_value_sums(const double *values, size_t count, double *totals);

/// The centred cross-products of two chunks of values: with
/// a = x − shifts[0], b = x² − shifts[1], c = y − shifts[2],
/// d = y² − shifts[3], sums = [Σ ac, Σ ad, Σ bc, Σ bd]. Same grouping rules
/// as vm_value_sums.
void vm_centred_product_sums(const double *x, const double *y, size_t count,
                             const double *shifts, double *sums);

#ifdef __cplusplus
}
#endif

#endif
