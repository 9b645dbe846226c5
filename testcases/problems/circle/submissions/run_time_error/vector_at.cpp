#include <iostream>
#include <vector>

int main()
{
	double r;
	std::vector<double> v(1);
	std::cin >> r;
	std::cout << v.at(static_cast<size_t>(r) + 5) << '\n';
}
