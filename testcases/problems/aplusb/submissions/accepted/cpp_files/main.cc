// Multi-file C++ with DOMjudge extensions (.cc, .c++): main.cc is the entry by its name.
#include <cstdio>
#include "add.h"
int main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\n", add(a, b)); return 0; }
