// Run-time choice between SLEEF's AVX2 kernels (CVectorMathAVX2) and
// scalar libm loops, made once from the CPU's feature flags.

#include "CVectorMath.h"
#include "CVectorMathAVX2.h"

#include <math.h>
#include <stdatomic.h>

// 0: not decided yet, 1: AVX2, 2: scalar fallback.
static atomic_int vm_path = 0;

int vm_uses_avx2(void) {
    int path = atomic_load_explicit(&vm_path, memory_order_relaxed);
    if (path == 0) {
        __builtin_cpu_init();
        int hasAVX2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        path = hasAVX2 ? 1 : 2;
        atomic_store_explicit(&vm_path, path, memory_order_relaxed);
    }
    return path == 1;
}

#define VM_UNARY(NAME, LIBM_FN)                                              \
    void NAME(const double *in, double *out, size_t count) {                 \
        if (vm_uses_avx2()) {                                                \
            NAME##_avx2(in, out, count);                                     \
            return;                                                          \
        }                                                                    \
        for (size_t i = 0; i < count; i++) out[i] = LIBM_FN(in[i]);          \
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
    if (vm_uses_avx2()) {
        vm_pow_avx2(base, exponent, out, count);
        return;
    }
    for (size_t i = 0; i < count; i++) out[i] = pow(base[i], exponent[i]);
}

void vm_sincos(const double *in, double *sine, double *cosine, size_t count) {
    if (vm_uses_avx2()) {
        vm_sincos_avx2(in, sine, cosine, count);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        sine[i] = sin(in[i]);
        cosine[i] = cos(in[i]);
    }
}

static const double vm_two_pi = 6.283185307179586476925286766559;

void vm_box_muller(const double *u1, const double *u2, double *out, size_t pairs) {
    if (vm_uses_avx2()) {
        vm_box_muller_avx2(u1, u2, out, pairs);
        return;
    }
    for (size_t i = 0; i < pairs; i++) {
        double radius = sqrt(-2.0 * log(u1[i]));
        double angle = vm_two_pi * u2[i];
        out[i] = radius * cos(angle);
        out[pairs + i] = radius * sin(angle);
    }
}
