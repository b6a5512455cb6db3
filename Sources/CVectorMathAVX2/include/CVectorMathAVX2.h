#ifndef CVECTORMATHAVX2_H
#define CVECTORMATHAVX2_H

#include <stddef.h>
#include <stdint.h>

// The AVX2 kernels behind CVectorMath's functions, with the same contracts
// (see CVectorMath.h). Call them only on a CPU with AVX2 and FMA.

void vm_sin_avx2(const double *in, double *out, size_t count);
void vm_cos_avx2(const double *in, double *out, size_t count);
void vm_tan_avx2(const double *in, double *out, size_t count);
void vm_exp_avx2(const double *in, double *out, size_t count);
void vm_expm1_avx2(const double *in, double *out, size_t count);
void vm_log_avx2(const double *in, double *out, size_t count);
void vm_log1p_avx2(const double *in, double *out, size_t count);
void vm_sqrt_avx2(const double *in, double *out, size_t count);
void vm_tanh_avx2(const double *in, double *out, size_t count);
void vm_sinh_avx2(const double *in, double *out, size_t count);
void vm_cosh_avx2(const double *in, double *out, size_t count);
void vm_atan_avx2(const double *in, double *out, size_t count);
void vm_erf_avx2(const double *in, double *out, size_t count);
void vm_erfc_avx2(const double *in, double *out, size_t count);
void vm_pow_avx2(const double *base, const double *exponent, double *out, size_t count);
void vm_sincos_avx2(const double *in, double *sine, double *cosine, size_t count);
void vm_box_muller_avx2(const double *u1, const double *u2, double *out, size_t pairs);
void vm_xoshiro4_uniform_avx2(uint64_t *state, double *out, size_t count);
void vm_value_sums_avx2(const double *values, size_t count, double *totals);
void vm_centred_product_sums_avx2(const double *x, const double *y, size_t count,
                                   const double *shifts, double *sums);

#endif
