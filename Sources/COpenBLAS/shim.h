// OpenBLAS's CBLAS interface (single-precision matrix products for the
// deep-network check) and its thread-count control.
#include <cblas.h>
