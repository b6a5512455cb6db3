// SLEEF's 4-lane AVX2 kernels applied to whole buffers.
//
// This file is compiled with -mavx2 -mfma (see Package.swift) and only
// runs after CVectorMath's dispatcher has seen AVX2 and FMA on the CPU.
// It must be compiled that way rather than with a per-function target
// attribute: clang keeps the calling convention of the file's default
// target, so a 256-bit argument would be passed on the stack while SLEEF,
// built for AVX2, reads it from a register.

#include "CVectorMathAVX2.h"

#include <immintrin.h>
#include <sleef.h>

#define VM_LANES 4
typedef __m256d vm_vector;
typedef Sleef___m256d_2 vm_vector_pair;
#define VM_LOAD(p) _mm256_loadu_pd(p)
#define VM_STORE(p, v) _mm256_storeu_pd((p), (v))
#define VM_SET1(x) _mm256_set1_pd(x)
#define VM_MUL(a, b) _mm256_mul_pd((a), (b))
#define VM_SQRT(a) _mm256_sqrt_pd(a)
#define VM_SLEEF(function, accuracy) Sleef_##function##d4_##accuracy##avx2
#define VM_KERNEL(name) name##_avx2

#include "VectorKernels.inc"
