// The parts of GSL that NumericalMethods uses: adaptive integration, the
// one-dimensional root solvers and minimisers, and the error-handler
// switch.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_math.h>
