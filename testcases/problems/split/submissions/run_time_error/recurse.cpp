// Recursion n levels deep: the stack runs out long before 10^18.  Whether
// that shows as a crash or as the memory limit depends on how the judge
// bounds the stack, so either is right:
// @EXPECTED_RESULTS@: RE, MLE
#include <iostream>

static unsigned long long down(unsigned long long n)
{
	volatile char pad[256];
	pad[0] = 1;
	if (n <= 1)
		return pad[0];
	unsigned long long r = down(n - 1);
	return r + pad[0];	// read after the call: the frame must survive it
}

int main()
{
	unsigned long long n;
	std::cin >> n;
	std::cout << 1 << ' ' << down(n - 1) << '\n';
}
