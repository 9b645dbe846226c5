#include <cstdio>
#include <iostream>

int main()
{
	std::freopen("input.txt", "r", stdin);
	std::freopen("output.txt", "w", stdout);
	long long a, b;
	std::cin >> a >> b;
	std::cout << a + b << '\n';
}
