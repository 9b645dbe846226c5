// Waits instead of computing: no CPU time spent, so the wall-clock limit ends it.
#include <iostream>
#include <thread>
#include <chrono>

int main()
{
	long long a, b;
	std::cin >> a >> b;
	std::this_thread::sleep_for(std::chrono::seconds(30));
	std::cout << a + b << '\n';
}
