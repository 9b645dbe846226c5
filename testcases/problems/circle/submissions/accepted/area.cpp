#include <cmath>
#include <iomanip>
#include <iostream>

int main()
{
	double r;
	std::cin >> r;
	std::cout << std::setprecision(15) << std::acos(-1.0) * r * r << '\n';
}
