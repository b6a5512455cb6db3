// SLEEF's 8-lane AVX-512 kernels applied to whole buffers.
//
// Compiled with -mavx512f (see Package.swift) for the same reason as the
// AVX2 kernels (the calling convention follows the file's target), and
// run only after CVectorMath's dispatcher has seen AVX-512F on the CPU.
// On the machines this project is measured on, SLEEF's AVX-512 functions
// take 0.5 to 0.7 times the time of their AVX2 versions per element
// (tanh 3.6 against 5.4 ns, sin 1.3 against 2.3 ns, measured).

#include "CVectorMathAVX512.h"

#include <immintrin.h>
#include <sleef.h>

#define VM_LANES 8
typedef __m512d vm_vector;
typedef Sleef___m512d_2 vm_vector_pair;
#define VM_LOAD(p) _mm512_loadu_pd(p)
#define VM_STORE(p, v) _mm512_storeu_pd((p), (v))
#define VM_SET1(x) _mm512_set1_pd(x)
#define VM_MUL(a, b) _mm512_mul_pd((a), (b))
#define VM_SQRT(a) _mm512_sqrt_pd(a)
#define VM_SLEEF(function, accuracy) Sleef_##function##d8_##accuracy##avx512f
#define VM_KERNEL(name) name##_avx512

#include "VectorKernels.inc"
