// Run-time choice between SLEEF's AVX-512 kernels (CVectorMathAVX512), its
// AVX2 kernels (CVectorMathAVX2) and scalar libm loops, made once from the
// CPU's feature flags.

#include "CVectorMath.h"
#include "CVectorMathAVX2.h"
#include "CVectorMathAVX512.h"

#include "MomentSums.inc"
#include "XoshiroUniform.inc"

#include <math.h>
#include <stdatomic.h>

// 0: not decided yet, 1: scalar fallback, 4: AVX2, 8: AVX-512.
static atomic_int vm_lanes = 0;

int vm_vector_lanes(void) {
    int lanes = atomic_load_explicit(&vm_lanes, memory_order_relaxed);
    if (lanes == 0) {
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx512f")) {
            lanes = 8;
        } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
            lanes = 4;
        } else {
            lanes = 1;
        }
        atomic_store_explicit(&vm_lanes, lanes, memory_order_relaxed);
    }
    return lanes;
}

int vm_uses_avx2(void) {
    return vm_vector_lanes() >= 4;
}

// Calls the widest kernel the CPU runs, else the scalar loop.
#define VM_DISPATCH(NAME, ARGUMENTS, SCALAR_LOOP)                            \
    switch (vm_vector_lanes()) {                                             \
    case 8: NAME##_avx512 ARGUMENTS; return;                                 \
    case 4: NAME##_avx2 ARGUMENTS; return;                                   \
    default: SCALAR_LOOP;                                                    \
    }

#define VM_UNARY(NAME, LIBM_FN)                                              \
    void NAME(const double *in, double *out, size_t count) {                 \
        VM_DISPATCH(NAME, (in, out, count),                                  \
                    for (size_t i = 0; i < count; i++) out[i] = LIBM_FN(in[i])) \
    }

VM_UNARY(vm_sin, sin)
VM_UNARY(vm_cos, cos)
VM_UNARY(vm_tan, tan)
VM_UNARY(vm_exp, exp)
VM_UNARY(vm_expm1, expm1)
VM_UNARY(vm_log, log)
VM_UNARY(vm_log1p, log1p)
VM_UNARY(vm_sqrt, sqrt)
VM_UNARY(vm_tanh, tanh)
VM_UNARY(vm_sinh, sinh)
VM_UNARY(vm_cosh, cosh)
VM_UNARY(vm_atan, atan)
VM_UNARY(vm_erf, erf)
VM_UNARY(vm_erfc, erfc)

void vm_pow(const double *base, const double *exponent, double *out, size_t count) {
    VM_DISPATCH(vm_pow, (base, exponent, out, count),
                for (size_t i = 0; i < count; i++) out[i] = pow(base[i], exponent[i]))
}

void vm_sincos(const double *in, double *sine, double *cosine, size_t count) {
    VM_DISPATCH(vm_sincos, (in, sine, cosine, count),
                for (size_t i = 0; i < count; i++) {
                    sine[i] = sin(in[i]);
                    cosine[i] = cos(in[i]);
                })
}

static const double vm_two_pi = 6.283185307179586476925286766559;

void vm_box_muller(const double *u1, const double *u2, double *out, size_t pairs) {
    VM_DISPATCH(vm_box_muller, (u1, u2, out, pairs), break)
    for (size_t i = 0; i < pairs; i++) {
        double radius = sqrt(-2.0 * log(u1[i]));
        double angle = vm_two_pi * u2[i];
        out[i] = radius * cos(angle);
        out[pairs + i] = radius * sin(angle);
    }
}

void vm_xoshiro4_uniform(uint64_t *state, double *out, size_t count) {
    VM_DISPATCH(vm_xoshiro4_uniform, (state, out, count), vm_xoshiro4_fill(state, out, count))
}

void vm_value_sums(const double *values, size_t count, double *totals) {
    VM_DISPATCH(vm_value_sums, (values, count, totals),
                vm_value_sums_body(values, count, totals))
}

void vm_centred_product_sums(const double *x, const double *y, size_t count,
                             const double *shifts, double *sums) {
    VM_DISPATCH(vm_centred_product_sums, (x, y, count, shifts, sums),
                vm_centred_product_sums_body(x, y, count, shifts, sums))
}
