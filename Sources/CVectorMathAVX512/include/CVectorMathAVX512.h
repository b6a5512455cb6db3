#ifndef CVECTORMATHAVX512_H
#define CVECTORMATHAVX512_H

#include <stddef.h>
#include <stdint.h>

// The AVX-512 kernels behind CVectorMath's functions, with the same contracts
// (see CVectorMath.h). Call them only on a CPU with AVX-512F.

void vm_sin_avx512(const double *in, double *out, size_t count);
void vm_cos_avx512(const double *in, double *out, size_t count);
void vm_tan_avx512(const double *in, double *out, size_t count);
void vm_exp_avx512(const double *in, double *out, size_t count);
void vm_expm1_avx512(const double *in, double *out, size_t count);
void vm_log_avx512(const double *in, double *out, size_t count);
void vm_log1p_avx512(const double *in, double *out, size_t count);
void vm_sqrt_avx512(const double *in, double *out, size_t count);
void vm_tanh_avx512(const double *in, double *out, size_t count);
void vm_sinh_avx512(const double *in, double *out, size_t count);
void vm_cosh_avx512(const double *in, double *out, size_t count);
void vm_atan_avx512(const double *in, double *out, size_t count);
void vm_erf_avx512(const double *in, double *out, size_t count);
void vm_erfc_avx512(const double *in, double *out, size_t count);
void vm_pow_avx512(const double *base, const double *exponent, double *out, size_t count);
void vm_sincos_avx512(const double *in, double *sine, double *cosine, size_t count);
void vm_box_muller_avx512(const double *u1, const double *u2, double *out, size_t pairs);
void vm_xoshiro4_uniform_avx512(uint64_t *state, double *out, size_t count);
void vm_value_sums_avx512(const double *values, size_t count, double *totals);
void vm_centred_product_sums_avx512(const double *x, const double *y, size_t count,
                                   const double *shifts, double *sums);

#endif
