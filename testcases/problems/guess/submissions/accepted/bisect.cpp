#include <iostream>
#include <string>

int main()
{
	long long lo = 1, hi = 1000000000;
	std::string reply;

	while (lo <= hi) {
		long long mid = (lo + hi) / 2;
		std::cout << mid << std::endl;	// endl flushes: the interactor is waiting
		if (!(std::cin >> reply) || reply == "correct")
			return 0;
		if (reply == "lower")
			hi = mid - 1;
		else
			lo = mid + 1;
	}
}
